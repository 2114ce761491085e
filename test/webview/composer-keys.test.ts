// A focused composer keeps its own keys: Enter sends, Shift+Enter is a new line, Esc stops a running
// answer and does nothing else, Up in an empty box edits the last question.
import assert from 'node:assert/strict';
import { assistantMessage, chatState, openPage, type TestPage, userMessage, tid } from './support';

describe('composer keys', () => {
  let t: TestPage;
  beforeEach(async () => {
    t = await openPage();
    await t.send({ type: 'state', state: chatState({ messages: [
      userMessage('first question', { id: 'q1' }), assistantMessage('first answer', { id: 'a1' }),
      userMessage('last question', { id: 'q2' }), assistantMessage('last answer', { id: 'a2' }),
    ] }) });
    await t.page.locator(tid('composer')).focus();
    await t.clearPosted();
  });
  afterEach(() => t.close());

  const focused = (): Promise<string | null | undefined> => t.page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

  it('Enter sends', async () => {
    await t.page.keyboard.type('hello');
    await t.page.keyboard.press('Enter');
    assert.deepEqual(await t.waitForPosted('send'), { type: 'send', text: 'hello' });
    assert.equal(await t.page.locator(tid('composer')).inputValue(), '');
  });

  it('Shift+Enter adds a new line and sends nothing', async () => {
    await t.page.keyboard.type('one');
    await t.page.keyboard.press('Shift+Enter');
    await t.page.keyboard.type('two');
    assert.equal(await t.page.locator(tid('composer')).inputValue(), 'one\ntwo');
    assert.deepEqual((await t.posted()).filter((m) => m.type === 'send'), []);
  });

  it('Esc stops a running answer, and keeps the draft and the focus', async () => {
    await t.send({ type: 'message', message: userMessage('q3', { id: 'q3' }) }, { type: 'message', message: assistantMessage('', { id: 'a3', status: 'streaming' }) });
    await t.page.locator(tid('composer')).focus();
    await t.page.keyboard.type('draft');
    await t.page.keyboard.press('Escape');
    assert.deepEqual(await t.waitForPosted('stop'), { type: 'stop' });
    assert.equal((await t.posted()).filter((m) => m.type === 'stop').length, 1, 'one stop, not one per handler');
    assert.equal(await t.page.locator(tid('composer')).inputValue(), 'draft');
    assert.equal(await focused(), 'composer');
  });

  it('Esc with no running answer does nothing: no stop, the draft stays, the focus stays', async () => {
    await t.page.keyboard.type('keep me');
    await t.page.keyboard.press('Escape');
    await t.frames();
    assert.deepEqual(await t.posted(), []);
    assert.equal(await t.page.locator(tid('composer')).inputValue(), 'keep me');
    assert.equal(await focused(), 'composer');
  });

  it('Up arrow in an empty composer edits the last question', async () => {
    await t.page.keyboard.press('ArrowUp');
    const input = t.page.locator(`[data-message-id="q2"] ${tid('edit-input')}`);
    await input.waitFor();
    assert.equal(await input.inputValue(), 'last question');
    assert.equal(await focused(), 'edit-input');
    assert.equal(await t.page.locator(`[data-message-id="q1"] ${tid('edit-input')}`).count(), 0, 'only the last one');
    // Editing then goes through the normal Edit and resend.
    await t.page.keyboard.type(' (edited)');
    await t.page.keyboard.press('Enter');
    assert.deepEqual(await t.waitForPosted('editAndResend'), { type: 'editAndResend', messageId: 'q2', text: 'last question (edited)' });
  });

  it('Up arrow in a composer with text moves the caret and edits nothing', async () => {
    await t.page.keyboard.type('line one');
    await t.page.keyboard.press('Shift+Enter');
    await t.page.keyboard.type('two');
    await t.page.keyboard.press('ArrowUp');
    assert.equal(await t.page.locator(tid('edit-input')).count(), 0);
    assert.equal(await focused(), 'composer');
    assert.ok(await t.page.locator(tid('composer')).evaluate((c: HTMLTextAreaElement) => c.selectionStart <= 'line one'.length), 'the caret went up a line');
  });

  it('Up arrow while an answer runs edits nothing (Edit is disabled then)', async () => {
    await t.send({ type: 'message', message: userMessage('q3', { id: 'q3' }) }, { type: 'message', message: assistantMessage('', { id: 'a3', status: 'streaming' }) });
    await t.page.locator(tid('composer')).focus();
    await t.page.keyboard.press('ArrowUp');
    assert.equal(await t.page.locator(tid('edit-input')).count(), 0);
    assert.equal(await focused(), 'composer');
  });

  it('Up arrow with no question yet does nothing', async () => {
    await t.send({ type: 'state', state: chatState({ conversationId: 'c2', messages: [] }) });
    await t.page.locator(tid('composer')).focus();
    await t.page.keyboard.press('ArrowUp');
    assert.equal(await t.page.locator(tid('edit-input')).count(), 0);
    assert.equal(await focused(), 'composer');
  });
});
