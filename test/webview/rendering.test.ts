// Streaming Markdown: what the user ends up seeing does not depend on how the answer was chunked,
// the DOM is written at most once per animation frame, and finished blocks are never re-rendered.
import assert from 'node:assert/strict';
import { SAMPLE } from './blocks.test';
import { answer } from './corpus';
import { assistantMessage, chatState, chunks, openPage, type TestPage, userMessage } from './support';

const body = (t: TestPage, id: string): Promise<string> =>
  t.page.locator(`[data-message-id="${id}"] [data-testid="message-body"]`).innerHTML();

async function streamed(t: TestPage, id: string, deltas: string[], framesEvery: number): Promise<string> {
  await t.send({ type: 'message', message: assistantMessage('', { id, status: 'streaming' }) });
  await t.stream(id, deltas, framesEvery);
  await t.send({ type: 'messageEnd', id, status: 'complete', usage: { inputTokens: 10, outputTokens: 20, costUsd: 0.0012 } });
  return body(t, id);
}

const MULTIBYTE = 'Ünïcødé ✓ 🚀 日本語 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 — «ok»\n\n```py\nprint("🚀 naïve")\n```\n\n- 👍 one\n- 👎 two\n';
const FENCE_SPLIT = 'Before\n``';
const FENCE_SPLIT_REST = '`ts\nconst x = 1;\n\n\nconst y = `multi\n\nline`;\n``';
const FENCE_SPLIT_END = '`\nAfter **bold**\n';

describe('streaming render', () => {
  let t: TestPage;
  beforeEach(async () => {
    t = await openPage({ manualFrames: true });
    await t.send({ type: 'state', state: chatState({ messages: [userMessage('question')] }) });
  });
  afterEach(() => t.close());

  const cases: [string, string][] = [
    ['a varied sample', SAMPLE],
    ['multi-byte text', MULTIBYTE],
    ['a fence split mid-marker', FENCE_SPLIT + FENCE_SPLIT_REST + FENCE_SPLIT_END],
    ['a realistic 12,000-character answer', answer(12_000, 7)],
  ];
  for (const [name, text] of cases) {
    it(`gives the same DOM streamed as rendered at once: ${name}`, async () => {
      await t.send({ type: 'message', message: assistantMessage(text, { id: 'whole' }) });
      const whole = await body(t, 'whole');
      assert.ok(whole.length > 0);
      const plans = text.length > 5000 ? [[3, 2], [20, 1], [97, 1]] as const : [[1, 7], [3, 1], [20, 3], [97, 1]] as const;
      for (const [size, every] of plans) {
        const id = `s${size}-${every}`;
        assert.equal(await streamed(t, id, chunks(text, size), every), whole, `${size}-code-point deltas, frame every ${every}`);
      }
      // UTF-16 chunks may split a surrogate pair: the final text must still be whole.
      const units = Array.from({ length: Math.ceil(text.length / 5) }, (_, i) => text.slice(i * 5, i * 5 + 5));
      assert.equal(await streamed(t, 'utf16', units, 1), whole, '5-unit deltas');
    });
  }

  it('shows the fence exactly as split across deltas', async () => {
    await streamed(t, 'f', [FENCE_SPLIT, FENCE_SPLIT_REST, FENCE_SPLIT_END], 1);
    const code = await t.page.locator('[data-message-id="f"] pre code').textContent();
    assert.equal(code, 'const x = 1;\n\n\nconst y = `multi\n\nline`;\n');
    assert.equal(await t.page.locator('[data-message-id="f"] .code-language').textContent(), 'ts');
    assert.equal(await t.page.locator('[data-message-id="f"] strong').textContent(), 'bold');
  });

  it('never re-renders a finished block', async () => {
    const text = answer(30_000, 3);
    const id = 'inc';
    await t.send({ type: 'message', message: assistantMessage('', { id, status: 'streaming' }) });
    const deltas = chunks(text, 20);
    const half = Math.floor(deltas.length / 2);
    await t.stream(id, deltas.slice(0, half), 1);
    // Mark every finished block, then watch for any change under them while the rest streams.
    const finished = await t.page.evaluate((id) => {
      const blocks = [...document.querySelectorAll(`[data-message-id="${id}"] [data-testid="message-body"] .md-block:not(.open)`)];
      const w = window as unknown as { __touched: number };
      blocks.forEach((b, i) => b.setAttribute('data-mark', String(i)));
      w.__touched = 0;
      const observer = new MutationObserver((records) => { w.__touched += records.length; });
      for (const block of blocks) observer.observe(block, { subtree: true, childList: true, characterData: true, attributes: true });
      return blocks.length;
    }, id);
    assert.ok(finished > 20, `${finished} finished blocks`);
    await t.stream(id, deltas.slice(half), 1);
    await t.send({ type: 'messageEnd', id, status: 'complete' });
    const after = await t.page.evaluate((id) => ({
      touched: (window as unknown as { __touched: number }).__touched,
      marked: document.querySelectorAll(`[data-message-id="${id}"] [data-mark]`).length,
    }), id);
    assert.equal(after.marked, finished, 'finished blocks are still the same elements');
    assert.equal(after.touched, 0, 'and nothing under them changed');
  });

  it('previews a long open code block as plain text and highlights it when it closes', async () => {
    const code = Array.from({ length: 200 }, (_, i) => `const value${i} = compute(${i}); // line ${i}`).join('\n');
    const id = 'long-code';
    await t.send({ type: 'message', message: assistantMessage('', { id, status: 'streaming' }) });
    await t.stream(id, chunks(`Here:\n\n\`\`\`ts\n${code}`, 20), 1);
    const open = t.page.locator(`[data-message-id="${id}"] .md-block.open`);
    assert.equal(await open.locator('.hljs-keyword').count(), 0, 'plain while open');
    assert.equal(await open.locator('code').textContent(), code);
    await t.stream(id, ['\n```\n\nDone.'], 1);
    await t.send({ type: 'messageEnd', id, status: 'complete' });
    const block = t.page.locator(`[data-message-id="${id}"] .code-block`);
    assert.ok((await block.locator('.hljs-keyword').count()) > 100, 'highlighted once closed');
    assert.equal(await block.locator('code').textContent(), `${code}\n`);
  });

  it('never shows a streaming table\'s raw | rows: a header waits for its separator line', async () => {
    const text = 'Compare:\n\n| Model | Price |\n| :--- | ---: |\n| a | 1 |\n| b | 2 |\n\nDone.';
    const id = 'table';
    await t.send({ type: 'message', message: assistantMessage('', { id, status: 'streaming' }) });
    const seen: string[] = [];
    for (const delta of chunks(text, 1)) {
      await t.stream(id, [delta], 1);
      // What a person sees: any text outside a table cell that starts like a table row or separator.
      const raw = await t.page.evaluate((id) => {
        const root = document.querySelector(`[data-message-id="${id}"] [data-testid="message-body"]`)!;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const out: string[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.parentElement!.closest('table') && /\|/.test(n.textContent ?? '')) out.push(n.textContent!);
        }
        return out;
      }, id);
      seen.push(...raw);
    }
    assert.deepEqual(seen, [], 'no raw table text was ever on screen');
    await t.send({ type: 'messageEnd', id, status: 'complete' });
    const body = t.page.locator(`[data-message-id="${id}"] [data-testid="message-body"]`);
    assert.equal(await body.locator('table tbody tr').count(), 2);
    assert.equal(await body.locator('p').first().textContent(), 'Compare:');
  });

  it('a line that only starts like a table row is shown once it is clearly not one', async () => {
    const id = 'pipe';
    await t.send({ type: 'message', message: assistantMessage('', { id, status: 'streaming' }) });
    await t.stream(id, ['Intro\n\n|x| is the absolute value'], 1);
    const body = t.page.locator(`[data-message-id="${id}"] [data-testid="message-body"]`);
    assert.equal((await body.textContent())!.trim(), 'Intro', 'held while it could still become a table header');
    await t.stream(id, [' of x.\nIt is never negative.'], 1);
    assert.match((await body.textContent())!, /\|x\| is the absolute value of x\.\s*It is never negative\./, 'shown once the next line is not a separator');
    await t.stream(id, ['\n\n| tail'], 1);
    await t.send({ type: 'messageEnd', id, status: 'complete' });
    await t.frames();
    assert.match((await body.textContent())!.trim(), /\| tail$/, 'the end of the answer shows whatever is left');
  });

  it('renders Markdown: headings, emphasis, lists, tables with alignment, quotes, highlighted code', async () => {
    const text = '## Heading\n\n*em* **strong** ~~del~~ `code`\n\n1. one\n2. two\n\n| L | C | R |\n|:--|:-:|--:|\n| a | b | c |\n\n> quoted\n\n```python\ndef f():\n    return 1\n```\n';
    await t.send({ type: 'message', message: assistantMessage(text, { id: 'md' }) });
    const m = t.page.locator('[data-message-id="md"] [data-testid="message-body"]');
    assert.equal(await m.locator('h2').textContent(), 'Heading');
    assert.equal(await m.locator('em').textContent(), 'em');
    assert.equal(await m.locator('s').textContent(), 'del');
    assert.equal(await m.locator('ol > li').count(), 2);
    assert.deepEqual(await m.locator('td').evaluateAll((tds: Element[]) => tds.map((td) => td.className)), ['align-left', 'align-center', 'align-right']);
    assert.equal(await m.locator('[style]').count(), 0, 'no inline styles');
    assert.equal(await m.locator('blockquote').textContent(), '\nquoted\n');
    assert.ok((await m.locator('code.language-python .hljs-keyword').count()) >= 2);
  });

  it('turns a Markdown image into a link instead of loading it', async () => {
    await t.send({ type: 'message', message: assistantMessage('![a chart](https://example.com/chart.png) and ![inline](data:image/png;base64,iVBORw0KGgo=)', { id: 'img' }) });
    const m = t.page.locator('[data-message-id="img"] [data-testid="message-body"]');
    assert.equal(await m.locator('img').count(), 0);
    assert.equal(await m.locator('a.md-image').first().getAttribute('href'), 'https://example.com/chart.png');
    assert.equal(await m.locator('a.md-image').first().textContent(), 'Image: a chart');
    assert.equal(await m.locator('a.md-image').nth(1).getAttribute('href'), null, 'a data: image is not a link');
  });

  it('shows user messages as plain text, never Markdown or HTML', async () => {
    const text = '**not bold** <b>not bold</b>\n# not a heading\n<img src=x onerror=pwn(1)>';
    await t.send({ type: 'message', message: userMessage(text, { id: 'plain' }) });
    const m = t.page.locator('[data-message-id="plain"] [data-testid="message-body"]');
    assert.equal(await m.textContent(), text);
    assert.equal(await m.locator('*').count(), 0);
  });

  it('streams reasoning into a collapsed Thinking block above the answer', async () => {
    const id = 'think';
    await t.send({ type: 'message', message: assistantMessage('', { id, status: 'streaming' }) });
    await t.stream(id, chunks('First I consider **the question**.\n\nThen the answer.', 4), 1, 'reasoning');
    const details = t.page.locator(`[data-message-id="${id}"] [data-testid="thinking"]`);
    assert.equal(await details.getAttribute('open'), null, 'collapsed');
    assert.equal(await details.locator('summary').textContent(), 'Thinking…');
    await t.stream(id, chunks('The answer is 42.', 4), 1);
    await t.send({ type: 'messageEnd', id, status: 'complete' });
    assert.equal(await details.locator('summary').textContent(), 'Thinking');
    await details.locator('summary').click();
    await t.framesUntil(`[data-message-id="${id}"] [data-testid="thinking"] strong`);
    assert.equal(await details.locator('strong').textContent(), 'the question');
    const order = await t.page.locator(`[data-message-id="${id}"] > *`).evaluateAll((els: Element[]) => els.map((e) => e.getAttribute('data-testid') ?? e.className));
    assert.ok(order.indexOf('thinking') < order.indexOf('message-body'));
  });
});

describe('frame batching', () => {
  it('writes the DOM at most once per animation frame, however many deltas arrive', async () => {
    const t = await openPage();
    await t.send({ type: 'state', state: chatState({ messages: [userMessage('q'), assistantMessage('', { id: 'b', status: 'streaming' })], busy: true }) });
    const result = await t.page.evaluate(async () => {
      const w = window as unknown as { __frames: number };
      const target = document.querySelector('[data-message-id="b"] [data-testid="message-body"]')!;
      let callbacks = 0;
      new MutationObserver(() => { callbacks++; }).observe(target, { subtree: true, childList: true, characterData: true });
      const deltas = 400;
      const start = w.__frames;
      // Four deltas per task, a task every millisecond or so: many deltas land in every frame.
      for (let i = 0; i < deltas; i += 4) {
        for (let j = 0; j < 4; j++) window.postMessage({ type: 'delta', id: 'b', text: `word${i + j} ` }, '*');
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return { deltas, callbacks, frames: w.__frames - start, text: target.textContent ?? '' };
    });
    assert.ok(result.text.includes('word399'), 'every delta rendered');
    assert.ok(result.callbacks <= result.frames + 1, `${result.callbacks} DOM writes in ${result.frames} frames`);
    assert.ok(result.callbacks < result.deltas / 4, `${result.callbacks} DOM writes for ${result.deltas} deltas`);
    await t.close();
  });
});
