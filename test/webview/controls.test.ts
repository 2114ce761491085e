// What a user does in the chat view, and what the host receives.
import assert from 'node:assert/strict';
import { assistantMessage, chatState, MODEL, openPage, type TestPage, userMessage, freshChatPagePerTest, tid } from './support';

describe('chat controls', () => {
  let t: TestPage;
  freshChatPagePerTest((page) => { t = page; });

  it('posts ready first (before anything else)', async () => {
    const fresh = await openPage();
    const posted = await fresh.posted();
    assert.deepEqual(posted[0], { type: 'ready' });
    await fresh.close();
  });

  it('Enter sends the question and clears the box; Shift+Enter adds a line', async () => {
    const composer = t.page.locator(tid('composer'));
    await composer.click();
    await t.page.keyboard.type('first line');
    await t.page.keyboard.press('Shift+Enter');
    await t.page.keyboard.type('second line');
    assert.equal(await composer.inputValue(), 'first line\nsecond line');
    assert.deepEqual(await t.posted(), []);
    await t.page.keyboard.press('Enter');
    assert.deepEqual(await t.waitForPosted('send'), { type: 'send', text: 'first line\nsecond line' });
    assert.equal(await composer.inputValue(), '');
  });

  it('the Send button sends; an empty box sends nothing', async () => {
    await t.page.locator(tid('send')).click();
    assert.deepEqual(await t.posted(), []);
    await t.page.locator(tid('composer')).fill('hello');
    await t.page.locator(tid('send')).click();
    assert.deepEqual(await t.waitForPosted('send'), { type: 'send', text: 'hello' });
  });

  it('the composer grows with its text', async () => {
    const composer = t.page.locator(tid('composer'));
    const before = (await composer.boundingBox())!.height;
    await composer.click();
    for (let i = 0; i < 4; i++) await t.page.keyboard.press('Shift+Enter');
    const after = (await composer.boundingBox())!.height;
    assert.ok(after > before + 30, `${before} -> ${after}`);
  });

  it('while an answer streams: Stop replaces Send, and Stop or Esc posts stop', async () => {
    await t.send({ type: 'message', message: userMessage('q') }, { type: 'message', message: assistantMessage('', { id: 'a', status: 'streaming' }) });
    assert.equal(await t.page.locator(tid('send')).isVisible(), false);
    await t.page.locator(tid('stop')).click();
    assert.deepEqual(await t.waitForPosted('stop'), { type: 'stop' });
    await t.clearPosted();
    await t.page.locator(tid('composer')).fill('next question');
    await t.page.locator(tid('composer')).press('Enter');
    assert.deepEqual(await t.posted(), [], 'Enter does not send while busy');
    assert.equal(await t.page.locator(tid('composer')).inputValue(), 'next question', 'and keeps the draft');
    await t.page.locator(tid('composer')).press('Escape');
    await t.waitForPosted('stop');
    await t.clearPosted();
    await t.page.locator(tid('model-button')).focus();
    await t.page.keyboard.press('Escape');
    await t.waitForPosted('stop');
    await t.send({ type: 'messageEnd', id: 'a', status: 'interrupted' });
    assert.equal(await t.page.locator(tid('send')).isVisible(), true);
    assert.equal(await t.page.locator(tid('stop')).isVisible(), false);
  });

  it('header: the model button shows model · provider · key and posts pickModel; New chat posts newChat', async () => {
    const model = t.page.locator(tid('model-button'));
    assert.equal(await model.textContent(), `${MODEL.name}${MODEL.providerLabel} · ${MODEL.keyName}`);
    assert.match((await model.getAttribute('aria-label'))!, /GPT-4\.1 · OpenAI · work/);
    await model.click();
    assert.deepEqual(await t.waitForPosted('pickModel'), { type: 'pickModel' });
    await t.page.locator(tid('new-chat')).click();
    assert.deepEqual(await t.waitForPosted('newChat'), { type: 'newChat' });
  });

  it('history: lists, searches as you type, opens, and deletes after an inline confirm', async () => {
    await t.page.locator(tid('history')).click();
    assert.deepEqual(await t.waitForPosted('listConversations'), { type: 'listConversations', query: '' });
    assert.equal(await t.page.locator(tid('history')).getAttribute('aria-expanded'), 'true');
    const now = Date.now();
    await t.send({ type: 'conversations', query: '', items: [
      { id: 'c1', title: 'Current chat', updatedAt: now, messageCount: 2 },
      { id: 'c2', title: 'Regex help', updatedAt: now - 3_600_000, messageCount: 6 },
      { id: 'c3', title: 'Docker compose', updatedAt: now - 86_400_000 * 3, messageCount: 1 },
    ] });
    const items = t.page.locator(tid('conversation-item'));
    assert.equal(await items.count(), 3);
    assert.equal(await items.first().getAttribute('aria-current'), 'true');
    assert.match((await items.nth(1).textContent())!, /Regex help.*6 messages.*1 hour ago/);

    await t.clearPosted();
    await t.page.locator(tid('history-search')).pressSequentially('dock');
    await t.page.waitForFunction(() => (window as unknown as { __posted: { type: string; query?: string }[] }).__posted.some((m) => m.query === 'dock'));
    const queries = (await t.posted()).filter((m) => m.type === 'listConversations');
    assert.ok(queries.length < 4, 'typing is debounced');
    await t.send({ type: 'conversations', query: 'dock', items: [{ id: 'c3', title: 'Docker compose', updatedAt: now, messageCount: 1 }] });
    assert.equal(await items.count(), 1);
    // A stale answer (for an older query) is ignored.
    await t.send({ type: 'conversations', query: 'do', items: [] });
    assert.equal(await items.count(), 1);

    await t.clearPosted();
    await items.first().locator(tid('conversation-delete')).click();
    await items.first().locator(tid('conversation-delete-cancel')).click();
    assert.deepEqual(await t.posted(), []);
    await items.first().locator(tid('conversation-delete')).click();
    await items.first().locator(tid('conversation-delete-confirm')).click();
    assert.deepEqual(await t.waitForPosted('deleteConversation'), { type: 'deleteConversation', conversationId: 'c3' });

    await t.send({ type: 'conversations', query: 'dock', items: [{ id: 'c4', title: 'Docker again', updatedAt: now, messageCount: 3 }] });
    await items.first().locator(tid('conversation-open')).click();
    assert.deepEqual(await t.waitForPosted('openConversation'), { type: 'openConversation', conversationId: 'c4' });
    await t.send({ type: 'state', state: chatState({ conversationId: 'c4', messages: [userMessage('old question')] }) });
    assert.equal(await t.page.locator(tid('history-panel')).isVisible(), false, 'opening a conversation closes the list');
    assert.equal(await t.page.locator(tid('message')).count(), 1);
  });

  it('Escape closes the history list', async () => {
    await t.page.locator(tid('history')).click();
    await t.page.keyboard.press('Escape');
    assert.equal(await t.page.locator(tid('history-panel')).isVisible(), false);
    assert.equal(await t.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'history');
  });

  it('Regenerate and Edit → Resend post the right messages', async () => {
    await t.send({ type: 'state', state: chatState({ messages: [userMessage('What is 2+2?', { id: 'u' }), assistantMessage('4', { id: 'a' })] }) });
    await t.page.locator(`[data-message-id="a"] ${tid('regenerate')}`).click();
    assert.deepEqual(await t.waitForPosted('regenerate'), { type: 'regenerate', messageId: 'a' });

    await t.page.locator(`[data-message-id="u"] ${tid('edit')}`).click();
    const input = t.page.locator(tid('edit-input'));
    assert.equal(await input.inputValue(), 'What is 2+2?');
    assert.equal(await t.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'edit-input');
    await input.press('Escape');
    assert.equal(await input.count(), 0, 'Escape cancels');
    await t.page.locator(`[data-message-id="u"] ${tid('edit')}`).click();
    await input.fill('What is 3+3?');
    await t.page.locator(tid('edit-resend')).click();
    assert.deepEqual(await t.waitForPosted('editAndResend'), { type: 'editAndResend', messageId: 'u', text: 'What is 3+3?' });
  });

  it('code block buttons post copyCode, insertCode and openCodeInEditor with the code and a safe language', async () => {
    const code = 'int main() {\n  return 0;\n}';
    await t.send({ type: 'message', message: assistantMessage(`Try:\n\n\`\`\`c++ title="x"\n${code}\n\`\`\`\n\n\`\`\`we<ird>"lang\nplain\n\`\`\``, { id: 'a' }) });
    const block = t.page.locator('[data-message-id="a"] .code-block').first();
    await block.locator(tid('code-copy')).click();
    assert.deepEqual(await t.waitForPosted('copyCode'), { type: 'copyCode', code });
    await block.locator(tid('code-insert')).click();
    assert.deepEqual(await t.waitForPosted('insertCode'), { type: 'insertCode', code });
    await block.locator(tid('code-open')).click();
    assert.deepEqual(await t.waitForPosted('openCodeInEditor'), { type: 'openCodeInEditor', code, language: 'c++' });
    await t.page.locator('[data-message-id="a"] .code-block').nth(1).locator(tid('code-open')).click();
    const last = await t.waitForPosted('openCodeInEditor');
    assert.match(last.language, /^[\w+#.-]*$/);
    assert.equal(last.code, 'plain');
  });

  it('an answer shows its model, usage and cost; a stopped one says so; an unknown price says so', async () => {
    await t.send({ type: 'message', message: assistantMessage('', { id: 'a', status: 'streaming' }) });
    const message = t.page.locator('[data-message-id="a"]');
    assert.equal(await message.getAttribute('data-status'), 'streaming');
    assert.equal(await message.locator(tid('message-model')).textContent(), 'GPT-4.1 · OpenAI · work');
    await t.send({ type: 'delta', id: 'a', text: 'Partial' });
    await t.send({ type: 'messageEnd', id: 'a', status: 'interrupted', usage: { inputTokens: 1234, outputTokens: 56, costUsd: 0.0012 } });
    assert.equal(await message.getAttribute('data-status'), 'interrupted');
    assert.equal(await message.locator(tid('interrupted')).textContent(), 'Stopped — partial answer');
    assert.equal(await message.locator(tid('message-usage')).textContent(), '1,234 in · 56 out · $0.0012');

    await t.send({ type: 'message', message: assistantMessage('Hi', { id: 'b', usage: { inputTokens: 10, outputTokens: 2 } }) });
    assert.equal(await t.page.locator(`[data-message-id="b"] ${tid('message-usage')}`).textContent(), '10 in · 2 out · price unknown');
  });

  it('a failed answer shows an error card whose buttons post errorAction', async () => {
    await t.send({ type: 'message', message: assistantMessage('', { id: 'a', status: 'streaming' }) });
    await t.send({ type: 'messageEnd', id: 'a', status: 'error', error: { kind: 'auth', title: 'Invalid key. Update it.', detail: '401 Incorrect API key provided', actions: ['updateKey', 'chooseModel', 'retry'] } });
    const card = t.page.locator(`[data-message-id="a"] ${tid('error-card')}`);
    assert.match((await card.textContent())!, /Invalid key\. Update it\..*401 Incorrect API key provided/);
    assert.equal(await t.page.locator('[data-message-id="a"]').getAttribute('data-status'), 'error');
    assert.equal(await t.page.locator(`[data-message-id="a"] ${tid('message-body')}`).isVisible(), false, 'no empty answer body');
    for (const action of ['updateKey', 'chooseModel', 'retry'] as const) {
      await card.locator(tid(`error-action-${action}`)).click();
      assert.deepEqual(await t.waitForPosted('errorAction'), { type: 'errorAction', action, messageId: 'a' });
    }
  });

  it('no keys: an empty state explains and offers Add a key and Choose a model', async () => {
    await t.send({ type: 'state', state: chatState({ hasKeys: false, model: undefined, modelProblem: 'Add a key to start chatting.' }) });
    const empty = t.page.locator(tid('empty-state'));
    assert.ok(await empty.isVisible());
    assert.match((await empty.textContent())!, /Add a key to start chatting\./);
    await empty.getByRole('button', { name: 'Add a key' }).click();
    assert.deepEqual(await t.waitForPosted('runCommand'), { type: 'runCommand', command: 'byok.addKey' });
    await empty.getByRole('button', { name: 'Choose a model' }).click();
    assert.deepEqual(await t.waitForPosted('pickModel'), { type: 'pickModel' });
    assert.equal(await t.page.locator(tid('model-button')).textContent(), 'Choose a model');
    await t.send({ type: 'state', state: chatState() });
    assert.equal(await empty.count(), 0, 'gone once a model is chosen');
  });

  it('context: attach buttons, chips with token counts, remove; notices', async () => {
    for (const [id, what] of [['attach-selection', 'selection'], ['attach-file', 'activeFile'], ['attach-files', 'files']] as const) {
      await t.page.locator(tid(id)).click();
      assert.deepEqual(await t.waitForPosted('attach'), { type: 'attach', what });
    }
    await t.send({ type: 'state', state: chatState({
      attachments: [{ id: 'x1', kind: 'selection', label: 'hello.ts:3-7', tokens: 42 }, { id: 'x2', kind: 'file', label: 'src/app.ts', tokens: 1234 }],
      notice: '3 older messages were left out to fit the context window',
    }) });
    const chips = t.page.locator(`.composer ${tid('attachment-chip')}`);
    assert.equal(await chips.count(), 2);
    assert.match((await chips.nth(1).textContent())!, /src\/app\.ts.*1,234 tokens/);
    await chips.nth(1).locator(tid('attachment-remove')).click();
    assert.deepEqual(await t.waitForPosted('removeAttachment'), { type: 'removeAttachment', attachmentId: 'x2' });
    assert.equal(await t.page.locator(tid('notice')).textContent(), '3 older messages were left out to fit the context window');
    await t.send({ type: 'notice', text: 'Context trimmed' });
    assert.equal(await t.page.locator(tid('notice')).textContent(), 'Context trimmed');
    await t.page.locator(tid('notice-dismiss')).click();
    assert.equal(await t.page.locator(tid('notice')).isVisible(), false);
  });

  it('totals: tokens and cost for the conversation, and answers of unknown price', async () => {
    const totals = t.page.locator(tid('totals'));
    assert.equal(await totals.isVisible(), false, 'hidden while empty');
    await t.send({ type: 'state', state: chatState({ totals: { inputTokens: 12000, outputTokens: 3400, costUsd: 0.0456, pricedAnswers: 3, unpricedAnswers: 0 } }) });
    assert.equal(await totals.textContent(), 'This chat: 12,000 in · 3,400 out · $0.0456');
    await t.send({ type: 'messageEnd', id: 'none', status: 'complete', totals: { inputTokens: 13000, outputTokens: 3500, costUsd: 0.05, pricedAnswers: 3, unpricedAnswers: 2 } });
    assert.equal(await totals.textContent(), 'This chat: 13,000 in · 3,500 out · $0.0500 + 2 answers of unknown price');
    // Nothing priced at all: "$0.00" would read as free.
    await t.send({ type: 'messageEnd', id: 'none', status: 'complete', totals: { inputTokens: 10, outputTokens: 5, costUsd: 0, pricedAnswers: 0, unpricedAnswers: 2 } });
    assert.equal(await totals.textContent(), 'This chat: 10 in · 5 out · price unknown');
  });

  it('a repeated state keeps unchanged messages as they are and updates changed ones', async () => {
    const messages = [userMessage('q', { id: 'u' }), assistantMessage('First answer', { id: 'a', reasoning: 'thinking it over' }), assistantMessage('Old', { id: 'b' })];
    await t.send({ type: 'state', state: chatState({ messages }) });
    await t.page.locator('[data-message-id="a"] summary').click();
    await t.page.evaluate(() => { document.querySelector('[data-message-id="a"]')!.setAttribute('data-probe', '1'); });
    await t.send({ type: 'state', state: chatState({ messages: [messages[0]!, messages[1]!, { ...messages[2]!, text: 'New' }], model: { ...MODEL, name: 'Other' } }) });
    assert.equal(await t.page.locator('[data-message-id="a"]').getAttribute('data-probe'), '1', 'same element');
    assert.equal(await t.page.locator('[data-message-id="a"] details').getAttribute('open'), '', 'Thinking is still open');
    assert.equal(await t.page.locator(`[data-message-id="b"] ${tid('message-body')}`).textContent(), 'New\n');
    await t.send({ type: 'state', state: chatState({ conversationId: 'other', messages }) });
    assert.equal(await t.page.locator('[data-message-id="a"]').getAttribute('data-probe'), null, 'another conversation is rendered afresh');
  });

  it('focusInput focuses the composer', async () => {
    await t.page.locator(tid('model-button')).focus();
    await t.send({ type: 'focusInput' });
    assert.equal(await t.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'composer');
  });
});

describe('chat view across hide and show', () => {
  it('keeps the draft and the scroll position (and nothing else) in setState', async () => {
    const t = await openPage();
    const messages = Array.from({ length: 30 }, (_, i) => (i % 2 ? assistantMessage(`Answer ${i}\n\n${'Lorem ipsum dolor sit amet. '.repeat(20)}`) : userMessage(`Question ${i}`)));
    await t.send({ type: 'state', state: chatState({ messages }) });
    await t.page.locator(tid('composer')).fill('half-written question');
    await t.frames(); // the conversation is on screen before anyone can scroll it
    await t.page.locator('.messages').evaluate((m) => {
      // As a person dragging the scrollbar: a press on the scroller, then the move (a bare scrollTop
      // write right after a render is taken for the browser's own scroll, which must not un-stick the view).
      m.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
      m.scrollTop = 500;
    });
    await t.page.waitForTimeout(400); // saves are throttled
    const saved = await t.page.evaluate(() => JSON.parse(sessionStorage.getItem('__vscodeState') ?? 'null') as Record<string, unknown>);
    assert.deepEqual(Object.keys(saved).sort(), ['conversationId', 'draft', 'scrollTop']);
    assert.equal(saved.draft, 'half-written question');

    // VS Code destroys a hidden webview and loads it again; the host re-sends state on 'ready'.
    await t.page.reload();
    await t.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    await t.send({ type: 'init', version: 'x', mode: 'chat' }, { type: 'state', state: chatState({ messages }) });
    await t.frames();
    assert.equal(await t.page.locator(tid('composer')).inputValue(), 'half-written question');
    const top = await t.page.locator('.messages').evaluate((m) => m.scrollTop);
    assert.ok(Math.abs(top - 500) < 2, `scrollTop ${top}`);
    await t.close();
  });
});

describe('accessibility', () => {
  it('every control is a named button or field, reachable with Tab', async () => {
    const t = await openPage();
    await t.send({ type: 'state', state: chatState({
      attachments: [{ id: 'x', kind: 'file', label: 'a.ts', tokens: 3 }],
      messages: [userMessage('q'), assistantMessage('```js\nx\n```\n[link](https://example.com)', { reasoning: 'hmm' })],
    }) });
    const unnamed = await t.page.evaluate(() => [...document.querySelectorAll('button, textarea, input, summary')]
      .filter((e) => !(e.getAttribute('aria-label') || e.textContent?.trim()))
      .map((e) => e.outerHTML));
    assert.deepEqual(unnamed, []);
    assert.equal(await t.page.locator('div[onclick], span[role="button"]').count(), 0);
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      await t.page.keyboard.press('Tab');
      seen.push(await t.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? ''));
    }
    for (const id of ['model-button', 'history', 'new-chat', 'code-copy', 'regenerate', 'edit', 'composer', 'send', 'attach-selection', 'attachment-remove']) {
      assert.ok(seen.includes(id), `${id} is reachable with Tab (saw ${seen.join(', ')})`);
    }
    assert.ok(seen.indexOf('model-button') < seen.indexOf('composer'), 'header before composer');
    // The focused element is visibly outlined.
    await t.page.locator(tid('send')).focus();
    await t.page.keyboard.press('Shift+Tab');
    await t.page.keyboard.press('Tab');
    const outline = await t.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.notEqual(outline, 'none');
    await t.close();
  });

  it('announces answers once, when complete, in one polite live region', async () => {
    const t = await openPage({ manualFrames: true });
    await t.send({ type: 'state', state: chatState({ messages: [userMessage('q')] }) });
    assert.equal(await t.page.locator('#app').getAttribute('aria-live'), null, '#app itself is not live (it would read every token)');
    assert.equal(await t.page.locator('[aria-live="polite"]').count(), 1);
    const live = t.page.locator('[aria-live="polite"]');
    await t.send({ type: 'message', message: assistantMessage('', { id: 'a', status: 'streaming' }) });
    await t.page.waitForTimeout(80);
    assert.equal(await live.textContent(), 'GPT-4.1 is answering…');
    await t.stream('a', ['The answer ', 'is **42**.'], 1);
    await t.page.waitForTimeout(80);
    assert.equal(await live.textContent(), 'GPT-4.1 is answering…', 'not updated per token');
    await t.send({ type: 'messageEnd', id: 'a', status: 'complete' });
    await t.page.waitForTimeout(80);
    assert.equal(await live.textContent(), 'The answer is 42.');
    await t.close();
  });
});
