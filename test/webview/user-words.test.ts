// The user's words are never lost in the chat view: a question the host could not take comes back to the
// box, and a question refused as too long stays in the conversation, folded away, still editable.
import assert from 'node:assert/strict';
import { assistantMessage, chatState, type TestPage, userMessage, freshChatPagePerTest, tid } from './support';

describe('chat: the user\'s words are kept', () => {
  let t: TestPage;
  freshChatPagePerTest((page) => { t = page; });

  it('a question the host could not take comes back to the composer, before what was typed since', async () => {
    const composer = t.page.locator(tid('composer'));
    await composer.fill('second question');
    await composer.press('Enter');
    await t.waitForPosted('send');
    assert.equal(await composer.inputValue(), '');
    await composer.fill('third');
    await t.send({ type: 'returnDraft', text: 'second question' });
    assert.equal(await composer.inputValue(), 'second question\n\nthird');
    await t.send({ type: 'returnDraft', text: 'again' });
    assert.equal(await composer.inputValue(), 'again\n\nsecond question\n\nthird');
  });

  it('a question refused as too long is shown folded away, and Edit still resends the whole text', async () => {
    const long = 'x'.repeat(20_000);
    await t.send({ type: 'state', state: chatState({ messages: [
      userMessage(long, { id: 'u1', refused: true }),
      assistantMessage('', { id: 'a1', status: 'error', error: { kind: 'context-too-long', title: 'Too long.', detail: 'needs 20005 tokens', actions: ['chooseModel'] } }),
    ] }) });
    const refused = t.page.locator(tid('refused'));
    assert.equal(await refused.count(), 1);
    assert.equal(await refused.evaluate((d) => (d as HTMLDetailsElement).open), false, 'collapsed');
    assert.match((await refused.locator('summary').textContent()) ?? '', /Not sent: too long/);
    assert.equal(await t.page.locator(`${tid('refused')} ${tid('message-body')}`).isVisible(), false);
    await t.page.locator(tid('edit')).click();
    const input = t.page.locator(tid('edit-input'));
    assert.equal((await input.inputValue()).length, 20_000);
    await input.fill('shorter now');
    await t.page.locator(tid('edit-resend')).click();
    assert.deepEqual(await t.waitForPosted('editAndResend'), { type: 'editAndResend', messageId: 'u1', text: 'shorter now' });
  });
});
