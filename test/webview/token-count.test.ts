// The composer's token count for typed text: asked of the host (which owns the tokenizer) after a pause
// in typing, shown next to Send, and marked when the question no longer fits the model's window.
import assert from 'node:assert/strict';
import type { WebviewMessage } from '../../src/core/protocol';
import { chatState, type TestPage, freshChatPagePerTest, tid } from './support';

type CountRequest = Extract<WebviewMessage, { type: 'countTokens' }>;

describe('composer token count', () => {
  let t: TestPage;
  freshChatPagePerTest((page) => { t = page; });

  const requests = async (): Promise<CountRequest[]> => (await t.posted()).filter((m): m is CountRequest => m.type === 'countTokens');

  it('asks the host once after a pause in typing (debounced), with the whole text', async () => {
    const text = 'How do I read a file?';
    await t.page.locator(tid('composer')).pressSequentially(text, { delay: 20 });
    await t.page.waitForFunction((want) => (window as unknown as { __posted: { type: string; text?: string }[] }).__posted.some((m) => m.type === 'countTokens' && m.text === want), text);
    const all = await requests();
    // A loaded machine may stall between keys past the pause once or twice; never one per key.
    assert.ok(all.length <= 3, `${all.length} requests for ${text.length} keystrokes`);
    assert.equal(all.at(-1)!.text, text, 'the last one has the whole text');
  });

  it('shows the host\'s count next to Send and updates it as the user types', async () => {
    const counter = t.page.locator(tid('composer-tokens'));
    assert.equal(await counter.isVisible(), false, 'nothing typed, nothing shown');
    await t.page.locator(tid('composer')).fill('hello world');
    const first = await t.waitForPosted('countTokens');
    await t.send({ type: 'tokenCount', seq: first.seq, tokens: 2, exact: true, contextTokens: 7, limit: 100_000 });
    assert.equal(await counter.textContent(), '2 tokens');
    assert.equal(await counter.getAttribute('data-state'), 'ok');
    await t.clearPosted();
    await t.page.locator(tid('composer')).pressSequentially(' and more');
    const second = await t.waitForPosted('countTokens');
    assert.ok(second.seq > first.seq);
    await t.send({ type: 'tokenCount', seq: second.seq, tokens: 1234, exact: false, contextTokens: 1240, limit: 100_000 });
    assert.equal(await counter.textContent(), '~1,234 tokens', 'an estimate says so');
    assert.match((await counter.getAttribute('title'))!, /About 1,234 tokens for GPT-4\.1.*estimate/);
    // The send button sits right after it, in the composer's toolbar.
    assert.equal(await counter.evaluate((c) => c.closest('.composer-toolbar') !== null), true);
  });

  it('ignores a count for text that has changed since (an older seq)', async () => {
    const counter = t.page.locator(tid('composer-tokens'));
    await t.page.locator(tid('composer')).fill('first');
    const first = await t.waitForPosted('countTokens');
    await t.clearPosted();
    await t.page.locator(tid('composer')).fill('first and second');
    const second = await t.waitForPosted('countTokens');
    assert.equal(second.text, 'first and second');
    await t.send({ type: 'tokenCount', seq: second.seq, tokens: 3, exact: true, contextTokens: 8, limit: 1000 });
    await t.send({ type: 'tokenCount', seq: first.seq, tokens: 1, exact: true, contextTokens: 6, limit: 1000 });
    assert.equal(await counter.textContent(), '3 tokens');
  });

  it('a question that no longer fits the context window is clearly marked', async () => {
    const counter = t.page.locator(tid('composer-tokens'));
    await t.page.locator(tid('composer')).fill('a very long paste');
    const request = await t.waitForPosted('countTokens');
    await t.send({ type: 'tokenCount', seq: request.seq, tokens: 130_000, exact: true, contextTokens: 130_500, limit: 111_000 });
    assert.equal(await counter.getAttribute('data-state'), 'over');
    assert.equal(await counter.textContent(), '130,000 tokens · too long');
    assert.equal(await counter.locator('.codicon-warning').count(), 1);
    const title = (await counter.getAttribute('title'))!;
    assert.match(title, /Too long for GPT-4\.1/);
    assert.match(title, /130,500/);
    assert.match(title, /111,000/);
    // The warning colour is the theme's error colour, not the quiet description colour.
    const [over, normal] = await counter.evaluate((c) => [getComputedStyle(c).color, getComputedStyle(document.querySelector('.totals') ?? document.body).color]);
    assert.notEqual(over, normal);
    // The text area is described by the count, so a screen reader hears it with the box.
    assert.equal(await t.page.locator(tid('composer')).getAttribute('aria-describedby'), 'composer-tokens');
  });

  it('an emptied box hides the count and asks nothing', async () => {
    const counter = t.page.locator(tid('composer-tokens'));
    await t.page.locator(tid('composer')).fill('text');
    const request = await t.waitForPosted('countTokens');
    await t.send({ type: 'tokenCount', seq: request.seq, tokens: 1, exact: true, contextTokens: 6, limit: 1000 });
    await t.clearPosted();
    await t.page.locator(tid('composer')).fill('');
    await t.page.waitForTimeout(400);
    assert.equal(await counter.isVisible(), false);
    assert.deepEqual(await requests(), []);
  });

  it('the composer toolbar stays one row with the count showing, from a wide sidebar down to 240 px, and nothing is cut off below', async () => {
    await t.page.locator(tid('composer')).fill('a very long paste');
    const request = await t.waitForPosted('countTokens');
    const toolbarAt = (width: number) => t.page.setViewportSize({ width, height: 700 }).then(() => t.page.evaluate(() => {
      const toolbar = document.querySelector('.composer-toolbar')!;
      const items = [...toolbar.querySelectorAll<HTMLElement>('.attach-button, .token-count, .send')].filter((e) => e.offsetParent !== null);
      const rows = new Set(items.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
      return {
        widths: `${items.map((e) => `${e.className}:${Math.round(e.getBoundingClientRect().width)}`).join(' ')} toolbar:${toolbar.clientWidth}`,
        rows: [...rows],
        items: items.length,
        labels: [...toolbar.querySelectorAll<HTMLElement>('.attach-button .label')].filter((e) => e.offsetParent !== null).length,
        overflow: toolbar.scrollWidth - toolbar.clientWidth,
        countText: document.querySelector('.token-count')!.textContent,
      };
    }));
    // A six-digit estimate that fits, then the longest the count gets: one that no longer fits.
    for (const limit of [1_000_000, 111_000]) {
      await t.send({ type: 'tokenCount', seq: request.seq, tokens: 130_000, exact: false, contextTokens: 130_500, limit });
      for (const width of [600, 420, 360, 300, 260, 240, 200, 170]) {
        const layout = await toolbarAt(width);
        assert.equal(layout.items, 5, `${width} px: three attach buttons, the count and Send are shown`);
        // Below 240 px (narrower than sidebars are usually kept) it may wrap, but never cut anything off.
        if (width >= 240) assert.equal(layout.rows.length, 1, `${width} px: one row, got centres at ${layout.rows.join(', ')}`);
        assert.ok(layout.overflow <= 0, `${width} px: nothing is cut off (${layout.overflow} px too wide: ${layout.widths})`);
        assert.match(layout.countText ?? '', /130,000/, `${width} px: the count itself is still shown`);
        // Where there is room, typing does not take the attach buttons' words away.
        if (width >= 420 && limit > 130_500) assert.equal(layout.labels, 3, `${width} px: the attach buttons keep their labels`);
      }
    }
  });

  it('counts again when the model changes', async () => {
    await t.page.locator(tid('composer')).fill('text');
    await t.waitForPosted('countTokens');
    await t.clearPosted();
    await t.send({ type: 'state', state: chatState({ model: { id: 'k2/claude', name: 'Claude', providerLabel: 'Anthropic', keyName: 'p' } }) });
    const again = await t.waitForPosted('countTokens');
    assert.equal(again.text, 'text');
  });
});
