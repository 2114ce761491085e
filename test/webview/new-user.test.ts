// A question asked before any key exists: the card (built by the host's own view code, as after a reload)
// offers Add a key first and Retry, never "Choose another model" with nothing to choose.
import assert from 'node:assert/strict';
import { messageView } from '../../src/vscode/chat/views';
import { chatState, openPage, type TestPage, userMessage, tid } from './support';

describe('new user: no key yet', () => {
  let t: TestPage;
  beforeEach(async () => { t = await openPage(); });
  afterEach(() => t.close());

  it('the "no key" card offers Add a key (primary) and Retry, each posting its action for that answer', async () => {
    const failed = messageView({
      id: 'a1', role: 'assistant', text: '', status: 'error', createdAt: Date.now(),
      error: { kind: 'no-key', title: 'Add an API key first, then retry: the key stays in VS Code\'s secret storage.', detail: 'No model is selected for the chat, and no key is saved yet.' },
    });
    await t.send({ type: 'state', state: chatState({ title: 'New chat', hasKeys: false, model: undefined, messages: [userMessage('How do I reverse a linked list?', { id: 'u1' }), failed] }) });
    await t.clearPosted();
    const card = t.page.locator(`[data-message-id="a1"] ${tid('error-card')}`);
    assert.match((await card.textContent())!, /Add an API key first/);
    const buttons = await card.locator('button').allTextContents();
    assert.deepEqual(buttons, ['Add a key', 'Retry']);
    assert.match((await card.locator(tid('error-action-addKey')).getAttribute('class')) ?? '', /primary/);
    await card.locator(tid('error-action-addKey')).click();
    assert.deepEqual(await t.waitForPosted('errorAction'), { type: 'errorAction', action: 'addKey', messageId: 'a1' });
    await t.clearPosted();
    await card.locator(tid('error-action-retry')).click();
    assert.deepEqual(await t.waitForPosted('errorAction'), { type: 'errorAction', action: 'retry', messageId: 'a1' });
  });
});
