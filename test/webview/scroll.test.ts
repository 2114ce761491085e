// Restoring a long conversation (end first, the rest filled in when idle) and keeping the right part of
// the conversation in view: the end while the user is there, their place when they scrolled up.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageView } from '../../src/core/protocol';
import { answer } from './corpus';
import { assistantMessage, chatState, chunks, OUT_DIR, openPage, type TestPage, userMessage, tid } from './support';

const SHOTS = join(OUT_DIR, '..', 'webview-screenshots');

function conversation(n: number, answerChars = 1_500): MessageView[] {
  return Array.from({ length: n }, (_, i) => (i % 2 === 0
    ? userMessage(`Question ${i}: how do I ${answer(120, i).replace(/\n/g, ' ')}?`, { id: `m${i}` })
    : assistantMessage(answer(answerChars, i), { id: `m${i}` })));
}

/** Distance from the end of the conversation, in px (0 = at the bottom). */
const fromBottom = (t: TestPage): Promise<number> =>
  t.page.locator('.messages').evaluate((m) => m.scrollHeight - m.scrollTop - m.clientHeight);
const rendered = (t: TestPage): Promise<number> => t.page.locator(tid('message')).count();
const allRendered = (t: TestPage, n: number): Promise<unknown> =>
  t.page.waitForFunction((count) => document.querySelectorAll('[data-testid="message"]').length === count, n, { timeout: 15_000 });
/** Where a message's top is on screen (px from the viewport's top). */
const topOf = (t: TestPage, id: string): Promise<number> =>
  t.page.locator(`[data-message-id="${id}"]`).evaluate((e) => e.getBoundingClientRect().top);

/** Streams deltas as the host does (a message event each, real frames in between). */
async function streamLines(t: TestPage, id: string, lines: number, from = 0): Promise<void> {
  for (let i = from; i < from + lines; i++) await t.send({ type: 'delta', id, text: `Line ${i} of the answer, long enough to wrap in a narrow view.\n\n` });
}

describe('restoring a long conversation', () => {
  let t: TestPage;
  beforeEach(async () => { t = await openPage(); });
  afterEach(() => t.close());

  it('all 500 messages end up rendered, in order', async () => {
    const messages = conversation(500);
    await t.send({ type: 'state', state: chatState({ messages }) });
    await allRendered(t, 500);
    const ids = await t.page.locator(tid('message')).evaluateAll((els) => els.map((e) => e.getAttribute('data-message-id')));
    assert.deepEqual(ids, messages.map((m) => m.id));
    const last = await t.page.locator(`[data-message-id="m1"] ${tid('message-body')}`).textContent();
    assert.ok(last && last.length > 500, 'an old answer is rendered in full');
  });

  it('shows the end first: the view is at the bottom after restore, and stays there while older messages fill in', async () => {
    await t.send({ type: 'state', state: chatState({ messages: conversation(500) }) });
    assert.ok(await rendered(t) < 500, 'older messages are left for later');
    assert.ok(await fromBottom(t) < 2, `at the bottom after restore (${await fromBottom(t)} px away)`);
    assert.ok(await t.page.locator('[data-message-id="m499"]').isVisible());
    await allRendered(t, 500);
    await t.frames();
    assert.ok(await fromBottom(t) < 2, `still at the bottom once all are in (${await fromBottom(t)} px away)`);
    assert.equal(await t.page.locator(tid('scroll-to-bottom')).isVisible(), false);
  });

  it('nothing jumps when older messages fill in while the user is scrolled up', async () => {
    await t.send({ type: 'state', state: chatState({ messages: conversation(500) }) });
    // The user scrolls up a little into the rendered messages while the rest is still filling in.
    await t.page.locator('.messages').hover();
    await t.page.mouse.wheel(0, -1200);
    await t.page.waitForFunction(() => {
      const m = document.querySelector('.messages')!;
      return m.scrollHeight - m.scrollTop - m.clientHeight > 600;
    });
    assert.ok(await rendered(t) < 500, 'the fill-in is still under way');
    const anchor = await t.page.evaluate(() => {
      const m = document.querySelector('.messages')!;
      const box = m.getBoundingClientRect();
      const e = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)!.closest('[data-message-id]')!;
      return e.getAttribute('data-message-id')!;
    });
    const before = await topOf(t, anchor);
    await allRendered(t, 500);
    await t.frames();
    const after = await topOf(t, anchor);
    assert.ok(Math.abs(after - before) < 2, `message ${anchor} moved from ${before} to ${after}`);
  });

  it('streaming into the last message during the fill-in still works', async () => {
    const messages = conversation(499);
    messages.push(assistantMessage('', { id: 'live', status: 'streaming' }));
    await t.send({ type: 'state', state: chatState({ messages, busy: true }) });
    assert.ok(await rendered(t) < 500, 'the fill-in is under way');
    const deltas = chunks(answer(3_000, 9), 40);
    for (const d of deltas) await t.send({ type: 'delta', id: 'live', text: d });
    await t.send({ type: 'messageEnd', id: 'live', status: 'complete', usage: { inputTokens: 1, outputTokens: 2, costUsd: 0.001 } });
    await allRendered(t, 500);
    await t.frames();
    const live = t.page.locator('[data-message-id="live"]');
    assert.equal(await live.getAttribute('data-status'), 'complete');
    const whole = await openPage();
    await whole.send({ type: 'state', state: chatState({ messages: [assistantMessage(answer(3_000, 9), { id: 'live' })] }) });
    assert.equal(await live.locator(tid('message-body')).innerHTML(), await whole.page.locator(`[data-message-id="live"] ${tid('message-body')}`).innerHTML());
    await whole.close();
    assert.ok(await fromBottom(t) < 2, 'the streamed answer was followed to its end');
    const ids = await t.page.locator(tid('message')).evaluateAll((els) => els.map((e) => e.getAttribute('data-message-id')));
    assert.deepEqual(ids, messages.map((m) => m.id), 'order kept');
  });

  it('a repeated state during the fill-in keeps what is rendered and still fills in the rest', async () => {
    const messages = conversation(200);
    await t.send({ type: 'state', state: chatState({ messages }) });
    const lastBefore = await t.page.locator('[data-message-id="m199"]').elementHandle();
    await t.send({ type: 'state', state: chatState({ messages, attachments: [{ id: 'x', kind: 'file', label: 'a.ts', tokens: 3 }] }) });
    await allRendered(t, 200);
    assert.equal(await t.page.locator('[data-message-id="m199"]').evaluate((e, h) => e === h, lastBefore), true, 'the same element is kept');
  });
});

describe('scroll: following the answer', () => {
  let t: TestPage;
  beforeEach(async () => {
    t = await openPage();
    await t.send({ type: 'state', state: chatState({ messages: conversation(24, 1_200) }) });
    await t.frames();
  });
  afterEach(() => t.close());

  it('Regenerate keeps the new answer in view while it streams', async () => {
    await t.page.locator(`[data-message-id="m23"] ${tid('regenerate')}`).click();
    await t.waitForPosted('regenerate');
    // The host drops the old answer, sends the state, then streams the new one.
    await t.send({ type: 'state', state: chatState({ messages: conversation(23, 1_200), busy: true }) });
    await t.send({ type: 'message', message: assistantMessage('', { id: 'new', status: 'streaming' }) });
    await streamLines(t, 'new', 30);
    assert.ok(await fromBottom(t) < 2, `${await fromBottom(t)} px from the end`);
    assert.ok(await t.page.locator('[data-message-id="new"]').isVisible());
  });

  it('Edit and resend of an earlier question keeps the new answer in view while it streams', async () => {
    // Up to the earlier question as a person would, with the wheel: a scroll without input (scrollIntoView alone)
    // leaves the view following the end, and a late layout under load could pull it back under the pointer.
    await t.page.locator('.messages').hover();
    await t.page.mouse.wheel(0, -400);
    await t.page.locator(tid('scroll-to-bottom')).waitFor({ state: 'visible' });
    await t.page.locator('[data-message-id="m10"]').scrollIntoViewIfNeeded();
    await t.page.locator(`[data-message-id="m10"] ${tid('edit')}`).click();
    await t.page.locator(tid('edit-input')).fill('A better question');
    await t.page.locator(tid('edit-resend')).click();
    await t.waitForPosted('editAndResend');
    await t.send({ type: 'state', state: chatState({ messages: [...conversation(10, 1_200), userMessage('A better question', { id: 'edited' })], busy: true }) });
    await t.send({ type: 'message', message: assistantMessage('', { id: 'new', status: 'streaming' }) });
    await streamLines(t, 'new', 30);
    assert.ok(await fromBottom(t) < 2, `${await fromBottom(t)} px from the end`);
  });

  it('sending while scrolled up brings the new message into view', async () => {
    await t.page.locator('.messages').evaluate((m) => { m.scrollTop = 0; });
    await t.frames();
    await t.page.locator(tid('composer')).fill('New question');
    await t.page.locator(tid('composer')).press('Enter');
    await t.waitForPosted('send');
    await t.send({ type: 'message', message: userMessage('New question', { id: 'q' }) });
    await t.send({ type: 'message', message: assistantMessage('', { id: 'new', status: 'streaming' }) });
    await streamLines(t, 'new', 5);
    assert.ok(await fromBottom(t) < 2, `${await fromBottom(t)} px from the end`);
    assert.ok(await t.page.locator('[data-message-id="q"]').isVisible());
  });

  it('sending right after scrolling up with the wheel (the scroll still finishing) brings the new message into view', async () => {
    await t.page.locator(tid('composer')).fill('New question');
    await t.page.locator('.messages').hover();
    await t.page.mouse.wheel(0, -3000);
    await t.page.locator(tid('scroll-to-bottom')).waitFor({ state: 'visible' });
    await t.page.locator(tid('composer')).press('Enter');
    await t.waitForPosted('send');
    await t.send({ type: 'message', message: userMessage('New question', { id: 'q' }) });
    await t.send({ type: 'message', message: assistantMessage('Short answer.', { id: 'new' }) });
    await t.page.waitForTimeout(700);
    await t.frames();
    assert.ok(await fromBottom(t) < 2, `${await fromBottom(t)} px from the end`);
    assert.equal(await t.page.locator(tid('scroll-to-bottom')).isVisible(), false);
  });

  it('while the user has scrolled up during streaming the view stays put; back at the end it follows again', async () => {
    await t.send({ type: 'message', message: userMessage('q', { id: 'q' }) }, { type: 'message', message: assistantMessage('', { id: 'new', status: 'streaming' }) });
    await streamLines(t, 'new', 10);
    assert.ok(await fromBottom(t) < 2);
    await t.page.locator('.messages').hover();
    await t.page.mouse.wheel(0, -400);
    await t.page.waitForFunction(() => { const m = document.querySelector('.messages')!; return m.scrollHeight - m.scrollTop - m.clientHeight > 300; });
    const top = await t.page.locator('.messages').evaluate((m) => m.scrollTop);
    await streamLines(t, 'new', 20, 10);
    assert.equal(await t.page.locator('.messages').evaluate((m) => m.scrollTop), top, 'not yanked down');
    await t.page.mouse.wheel(0, 100_000);
    await t.page.waitForFunction(() => { const m = document.querySelector('.messages')!; return m.scrollHeight - m.scrollTop - m.clientHeight < 2; });
    await streamLines(t, 'new', 10, 30);
    assert.ok(await fromBottom(t) < 2, 'back at the end, it follows the answer again');
  });

  it('a "Scroll to bottom" button appears away from the end, is a named keyboard-reachable button, and hides at the end', async () => {
    const jump = t.page.locator(tid('scroll-to-bottom'));
    assert.equal(await jump.isVisible(), false, 'hidden at the end');
    await t.page.locator('.messages').hover();
    await t.page.mouse.wheel(0, -1500);
    await jump.waitFor({ state: 'visible' });
    assert.equal(await jump.evaluate((b) => b.tagName), 'BUTTON');
    assert.equal(await jump.getAttribute('aria-label'), 'Scroll to bottom');
    assert.equal(await jump.locator('.codicon-arrow-down').count(), 1);
    // Tab from the last control of the conversation reaches it.
    await t.page.locator(`[data-message-id="m23"] ${tid('regenerate')}`).evaluate((b) => (b as HTMLElement).focus({ preventScroll: true }));
    await t.page.keyboard.press('Tab');
    assert.equal(await t.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'scroll-to-bottom');
    await t.page.keyboard.press('Enter');
    await jump.waitFor({ state: 'hidden' });
    assert.ok(await fromBottom(t) < 2);
    assert.equal(await t.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'composer', 'focus goes on to the composer');
  });

  it('the button never floats over the last answer\'s own buttons (hidden while they are on screen)', async () => {
    const jump = t.page.locator(tid('scroll-to-bottom'));
    const regenerate = t.page.locator(`[data-message-id="m23"] ${tid('regenerate')}`);
    await t.page.setViewportSize({ width: 360, height: 520 }); // a narrow sidebar, where the message buttons reach the right edge
    await t.frames();
    for (const away of [40, 60, 100, 200, 400]) {
      await t.page.locator('.messages').evaluate((m, px) => {
        m.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
        m.scrollTop = m.scrollHeight - m.clientHeight - px;
      }, away);
      await t.frames();
      if (!(await jump.isVisible())) continue;
      const [a, b] = [await jump.boundingBox(), await regenerate.boundingBox()];
      const overlap = a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      assert.ok(!overlap, `${away} px from the end the button covers Regenerate`);
    }
    assert.equal(await jump.isVisible(), true, 'far from the end it shows');
  });
});

describe('scroll button and token count in every theme', () => {
  for (const theme of ['dark', 'light', 'hc']) {
    it(`are visible and legible (${theme}); screenshot`, async () => {
      const t = await openPage({ theme, viewport: { width: 420, height: 520 } });
      try {
        await t.send({ type: 'state', state: chatState({ messages: conversation(6, 1_200) }) });
        await t.frames(); // the conversation is on screen before anyone can scroll it
        await t.page.locator('.messages').evaluate((m) => {
          // As a person dragging the scrollbar: a press on the scroller, then the move (a bare scrollTop
          // write right after a render is taken for the browser's own scroll, which must not un-stick the view).
          m.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
          m.scrollTop = 200;
        });
        const jump = t.page.locator(tid('scroll-to-bottom'));
        await jump.waitFor({ state: 'visible' });
        await t.page.locator(tid('composer')).fill('A question pasted with far too much context');
        const request = await t.waitForPosted('countTokens');
        await t.send({ type: 'tokenCount', seq: request.seq, tokens: 140_000, exact: true, contextTokens: 140_200, limit: 111_000 });
        // The arrow is drawn in a colour other than the button's background.
        const [fg, bg] = await jump.evaluate((b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
        assert.notEqual(fg, bg);
        mkdirSync(SHOTS, { recursive: true });
        await t.page.screenshot({ path: join(SHOTS, `scroll-and-tokens-${theme}.png`) });
      } finally {
        await t.close();
      }
    });
  }
});
