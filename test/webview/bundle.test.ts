// What ships: the bundle's size, no zod, the codicon font loading under the webview's CSP, and a
// screenshot per theme kind (out/webview-harness/screenshots) for a human to look at.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeSizes } from './harness/build';
import { assistantMessage, chatState, MODEL, MODEL_B, MODEL_C, OUT_DIR, openPage, userMessage, webviewBuild } from './support';

const SHOTS = join(OUT_DIR, '..', 'webview-screenshots');

describe('webview bundle', () => {
  it('is small and has no zod', async () => {
    const { sizes, dir } = await webviewBuild();
    console.log(`      ${describeSizes(sizes)}`);
    const js = readFileSync(join(dir, 'main.js'), 'utf8');
    assert.ok(!/ZodError|zod/i.test(js), 'zod is not bundled');
    assert.ok(sizes['main.js']! < 320 * 1024, `main.js is ${sizes['main.js']} bytes`);
    assert.ok(sizes['main.css']! < 24 * 1024, `main.css is ${sizes['main.css']} bytes`);
    const fonts = Object.keys(sizes).filter((f) => f.endsWith('.ttf'));
    assert.equal(fonts.length, 1);
    assert.match(readFileSync(join(dir, 'main.css'), 'utf8'), new RegExp(`url\\("?\\./${fonts[0]!.replace('.', '\\.')}"?\\)`), 'the font is referenced relative to main.css (same origin)');
  });

  for (const theme of ['dark', 'light', 'hc']) {
    it(`loads the codicon font under the CSP, with no violation or error, in the ${theme} theme`, async () => {
      const t = await openPage({ theme });
      await t.send({ type: 'state', state: chatState({
        busy: true,
        attachments: [{ id: 'a', kind: 'selection', label: 'hello.ts:3-7', tokens: 42 }],
        totals: { inputTokens: 1520, outputTokens: 610, costUsd: 0.0123, pricedAnswers: 2, unpricedAnswers: 1 },
        messages: [
          userMessage('How do I read a file in Node?'),
          assistantMessage('Use `fs.promises`:\n\n```ts\nimport { readFile } from "node:fs/promises";\nconst text = await readFile("a.txt", "utf8");\n```\n\n- handles **UTF-8**\n- see [the docs](https://nodejs.org/api/fs.html)', { reasoning: 'The user wants…', usage: { inputTokens: 820, outputTokens: 310, costUsd: 0.0061 } }),
          userMessage('And with a stream?'),
          assistantMessage('', { status: 'error', error: { kind: 'quota', title: 'Your OpenAI quota is used up. Add credit or use another key.', detail: '429 insufficient_quota: You exceeded your current quota.', actions: ['updateKey', 'chooseModel'] } }),
          userMessage('Try again'),
          assistantMessage('Streams read the file in chunks', { status: 'streaming' }),
        ],
      }) });
      await t.page.evaluate(() => document.fonts.ready);
      assert.equal(await t.page.evaluate(() => document.fonts.check('16px codicon')), true);
      const status = await t.page.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'codicon').map((f) => f.status));
      assert.deepEqual(status, ['loaded']);
      assert.deepEqual(await t.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), []);
      assert.deepEqual(t.console, []);
      mkdirSync(SHOTS, { recursive: true });
      await t.page.screenshot({ path: join(SHOTS, `chat-${theme}.png`) });
      await t.close();
    });
  }
});

describe('screenshots of the other views', () => {
  it('empty state, history, compare (no CSP violation or console error in any)', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const t = await openPage();
    await t.send({ type: 'state', state: chatState({ hasKeys: false, model: undefined }) });
    await t.page.screenshot({ path: join(SHOTS, 'empty-state.png') });
    await t.send({ type: 'state', state: chatState() });
    await t.page.locator('[data-testid="history"]').click();
    await t.send({ type: 'conversations', query: '', items: [
      { id: 'c1', title: 'How do I read a file in Node?', updatedAt: Date.now() - 60_000, messageCount: 4 },
      { id: 'c2', title: 'Regex for ISO dates', updatedAt: Date.now() - 7_200_000, messageCount: 2 },
    ] });
    await t.page.locator('[data-testid="conversation-delete"]').nth(1).click();
    await t.page.screenshot({ path: join(SHOTS, 'history.png') });
    assert.deepEqual(await t.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), []);
    await t.close();

    const c = await openPage({ mode: 'compare', viewport: { width: 1100, height: 700 } });
    await c.send({ type: 'compareState', prompt: 'Write a debounce function in TypeScript', busy: true, models: [MODEL, MODEL_B, MODEL_C], columns: [
      { id: 'x', model: MODEL, status: 'complete', text: 'Here is one:\n\n```ts\nexport function debounce<T extends unknown[]>(fn: (...a: T) => void, ms: number) {\n  let t: ReturnType<typeof setTimeout> | undefined;\n  return (...a: T) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };\n}\n```', usage: { inputTokens: 24, outputTokens: 96, costUsd: 0.0009 } },
      { id: 'y', model: MODEL_B, status: 'streaming', text: 'A debounced function waits until calls **stop** for `ms` milliseconds' },
      { id: 'z', model: MODEL_C, status: 'error', text: '', error: { kind: 'rate-limit', title: 'Rate limited by Google. Try again in 20 s.', detail: '429 RESOURCE_EXHAUSTED', actions: ['retry'] } },
    ] });
    await c.page.screenshot({ path: join(SHOTS, 'compare.png') });
    assert.deepEqual(await c.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), []);
    assert.deepEqual(c.console, []);
    await c.close();
  });
});
