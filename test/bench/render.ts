// What does streaming Markdown cost the webview, and does a token cost more late in a long answer?
// Drives the real bundle (minified, as shipped) in Chromium on the harness page with the webview's
// CSP. Each 20-character delta is delivered as a message event and followed by one animation frame
// (run by the page, so the time is the webview's own work incl. style/layout it forces, not waiting
// for vsync): the worst case, where no two deltas share a frame.
//   (a) one 100,000-character answer vs ten 10,000-character answers: the same characters and
//       deltas; ratio 1.0 means the cost per token does not grow with the answer's length.
//   (a') one 100,000-character answer that is a single code block (the plain-text preview path).
//   (b) a 500-message conversation restored from one 'state' message: the time until the end of the
//       conversation is on screen (the view renders the last messages at once and fills the older
//       ones in when idle), and, separately, until all 500 are in the DOM (find can search them all).
// Medians of several runs after a warm-up. Figures only, no assertions.
// BENCH_RENDER=restore runs (b) alone (the streaming parts take a minute or more).
import { join } from 'node:path';
import type { ChatState, MessageView } from '../../src/core/protocol';
import { launchBrowser } from '../support/rig/browser.mjs';
import { answer } from '../webview/corpus';
import { buildWebview, describeSizes } from '../webview/harness/build';
import { startHarness } from '../webview/harness/server';
import type { Bench } from './index';

const DELTA_CHARS = 20;
const RUNS = 5;
const MODEL = { id: 'k/m', name: 'Bench Model', providerLabel: 'Bench', keyName: 'bench' };

function state(messages: MessageView[]): ChatState {
  return {
    conversationId: 'bench', title: 'bench', messages, model: MODEL, hasKeys: true, attachments: [], busy: false,
    totals: { inputTokens: 0, outputTokens: 0, costUsd: 0, pricedAnswers: 0, unpricedAnswers: 0 },
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(0)} ms`;

/** In the page: streams each answer as a new message, one frame per delta; returns elapsed ms. */
function streamInPage({ answers, deltaChars, empty }: { answers: string[]; deltaChars: number; empty: ChatState }): number {
  const w = window as unknown as { __runFrames(): number };
  const deliver = (data: unknown): void => { window.dispatchEvent(new MessageEvent('message', { data })); };
  deliver({ type: 'state', state: empty });
  w.__runFrames();
  const t0 = performance.now();
  answers.forEach((text, n) => {
    const id = `a${n}`;
    deliver({ type: 'message', message: { id, role: 'assistant', text: '', status: 'streaming', model: empty.model, createdAt: 0 } });
    w.__runFrames();
    const points = Array.from(text);
    for (let i = 0; i < points.length; i += deltaChars) {
      deliver({ type: 'delta', id, text: points.slice(i, i + deltaChars).join('') });
      w.__runFrames();
    }
    deliver({ type: 'messageEnd', id, status: 'complete', usage: { inputTokens: 1, outputTokens: 1, costUsd: 0.001 } });
    w.__runFrames();
  });
  void document.body.offsetHeight;
  return performance.now() - t0;
}

/** In the page: restores `full`; resolves with [ms until on screen, ms until every message is in the DOM]. */
async function stateInPage({ full, empty }: { full: ChatState; empty: ChatState }): Promise<[number, number]> {
  const w = window as unknown as { __runFrames(): number };
  const deliver = (data: unknown): void => { window.dispatchEvent(new MessageEvent('message', { data })); };
  deliver({ type: 'state', state: empty });
  w.__runFrames();
  void document.body.offsetHeight;
  const t0 = performance.now();
  deliver({ type: 'state', state: full });
  w.__runFrames();
  void document.body.offsetHeight;
  const shown = performance.now() - t0;
  const count = (): number => document.querySelectorAll('[data-testid="message"]').length;
  while (count() < full.messages.length) await new Promise((resolve) => setTimeout(resolve, 5));
  return [shown, performance.now() - t0];
}

async function run(): Promise<void> {
  const build = await buildWebview(join(process.cwd(), 'out', 'bench-webview'));
  console.log(`webview bundle: ${describeSizes(build.sizes)}`);
  const harness = await startHarness(build.dir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.goto(harness.url({ manualFrames: true }));
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.length > 0);
    await page.evaluate(() => window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', version: 'bench', mode: 'chat' } })));

    const empty = state([]);
    const long = [answer(100_000, 42)];
    const short = Array.from({ length: 10 }, (_, i) => answer(10_000, 100 + i));
    const code = [['```ts', ...Array.from({ length: 2600 }, (_, i) => `const value${i} = compute(${i}); // ${i}`)].join('\n').slice(0, 100_000)];
    const stream = (answers: string[]): Promise<number> => page.evaluate(streamInPage, { answers, deltaChars: DELTA_CHARS, empty });

    const streamBench = async (): Promise<void> => {
    await stream(short);
    await stream(long);
    const longs: number[] = [];
    const shorts: number[] = [];
    const codes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order so drift (JIT, GC, machine load) falls on both alike.
      if (i % 2) { shorts.push(await stream(short)); longs.push(await stream(long)); }
      else { longs.push(await stream(long)); shorts.push(await stream(short)); }
      codes.push(await stream(code));
    }
    const deltas = Math.ceil(100_000 / DELTA_CHARS);
    const l = median(longs);
    const s = median(shorts);
    // Each pair ran back to back, so the median of the pairs' ratios shrugs off machine load.
    const ratio = median(longs.map((x, i) => x / shorts[i]!));
    console.log(`(a) one 100,000-char answer in ${DELTA_CHARS}-char deltas, a frame per delta: ${ms(l)} (${(l / deltas * 1000).toFixed(0)} µs per delta)`);
    console.log(`    ten 10,000-char answers, same deltas:                         ${ms(s)} (${(s / deltas * 1000).toFixed(0)} µs per delta)`);
    console.log(`    ratio long/short: ${ratio.toFixed(2)} (median of ${RUNS} back-to-back pairs; 1.0 = the cost of a token does not grow with the answer; goal <= 1.2)`);
    console.log(`    runs long: ${longs.map(ms).join(', ')}; short: ${shorts.map(ms).join(', ')}`);
    console.log(`(a') one 100,000-char code block, same deltas: ${ms(median(codes))} (${(median(codes) / deltas * 1000).toFixed(0)} µs per delta)`);
    };

    const restoreBench = async (): Promise<void> => {

    const messages: MessageView[] = Array.from({ length: 500 }, (_, i) => (i % 2 === 0
      ? { id: `m${i}`, role: 'user', text: `Question ${i}: how do I ${answer(120, i).replace(/\n/g, ' ')}?`, createdAt: 0 }
      : { id: `m${i}`, role: 'assistant', text: answer(1_500, i), status: 'complete', model: MODEL, usage: { inputTokens: 900, outputTokens: 400, costUsd: 0.004 }, createdAt: 0 }));
    const full = state(messages);
    const chars = messages.reduce((n, m) => n + m.text.length, 0);
    await page.evaluate(stateInPage, { full, empty });
    const shown: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [s, a] = await page.evaluate(stateInPage, { full, empty });
      shown.push(s);
      all.push(a);
    }
    console.log(`(b) a 500-message conversation (${(chars / 1000).toFixed(0)}k chars) from one 'state', its end on screen: ${ms(median(shown))} (runs ${shown.map(ms).join(', ')}; goal <= 300 ms)`);
    console.log(`    all 500 messages in the DOM (older ones filled in when idle, find can search them): ${ms(median(all))} (runs ${all.map(ms).join(', ')})`);
    };

    if (process.env.BENCH_RENDER !== 'restore') await streamBench();
    await restoreBench();
  } finally {
    await browser.close();
    await harness.close();
  }
}

export const renderBench: Bench = {
  name: 'render',
  description: 'chat webview: streaming Markdown cost per token vs answer length, and a 500-message conversation',
  run,
};
