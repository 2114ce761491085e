// Edit Selection's two figures (issue #13):
//   (a) from the last streamed token to the final re-diffed proposal on a 2,000-line selection: the strict
//       reply parse, re-indentation and Myers diff (ProposalState.finish, what the controller runs), for a
//       few kinds of rewrite. Goal ≤ 50 ms. The baseline, measured in the same run, is the same work on a
//       reply identical to the selection (no hunks): the ratio shows what the changes themselves cost.
//   (b) decoration updates per second on a fast stream: tokens arrive as fast as the event loop delivers
//       them for a full second (the 2,000-line rewrite starts over when it has streamed to its end); each asks for a redraw through the FrameThrottle the controller uses, and
//       each redraw recomputes the streaming hunks. Goal: at most one per 16 ms frame (≤ ~62/s), against
//       the baseline of one redraw per token.
import { FrameThrottle } from '../../src/core/edit/frame-throttle';
import { ProposalState } from '../../src/core/edit/proposal-state';
import { parseEditReply, streamingCode } from '../../src/core/edit/reply';
import type { Bench } from './index';

const LINES = 2000;
const RUNS = 15;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function selection(): string[] {
  const out: string[] = [];
  for (let i = 0; i < LINES; i++) out.push(i % 25 === 0 ? `  function f${i}(a: number, b: number) {` : i % 25 === 24 ? '  }' : `    const v${i} = compute(a, b, ${i}); // step ${i}`);
  return out;
}

function finalize(original: string[], reply: string): number {
  const t0 = performance.now();
  const parsed = parseEditReply(reply);
  if (!parsed.ok) throw new Error(parsed.reason);
  const state = new ProposalState(100, original);
  state.finish(parsed.code.split('\n'));
  const elapsed = performance.now() - t0;
  if (state.hunks.length < 0) throw new Error('unreachable');
  return elapsed;
}

function timeIt(original: string[], reply: string): number {
  for (let i = 0; i < 3; i++) finalize(original, reply);
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) xs.push(finalize(original, reply));
  return median(xs);
}

const fenced = (lines: string[]): string => `Here is the rewrite.\n\n\`\`\`ts\n${lines.join('\n')}\n\`\`\`\n\nDone.`;

async function updatesPerSecond(throttled: boolean): Promise<{ tokens: number; updates: number; seconds: number; shortestGapMs: number }> {
  const original = selection();
  const state = new ProposalState(0, original);
  const code = fenced(original.map((l, i) => (i % 10 === 0 ? `${l} // changed` : l)));
  let reply = '';
  let updates = 0;
  let lastAt = -Infinity;
  let shortestGapMs = Infinity;
  const update = (): void => {
    const now = performance.now();
    shortestGapMs = Math.min(shortestGapMs, now - lastAt);
    lastAt = now;
    updates++;
    state.stream(streamingCode(reply));
  };
  const throttle = new FrameThrottle(update);
  const t0 = performance.now();
  let tokens = 0;
  let at = 0;
  // A full second of tokens: when the rewrite has streamed to its end, it starts over (a new stream).
  while (performance.now() - t0 < 1000) {
    if (at >= code.length) { at = 0; reply = ''; }
    reply += code.slice(at, at + 4);
    at += 4;
    tokens++;
    if (throttled) throttle.request(); else update();
    // Yield to the event loop every few tokens, as network reads do, so the throttle's timer can fire.
    if (tokens % 4 === 0) await new Promise((r) => setImmediate(r));
  }
  const seconds = (performance.now() - t0) / 1000;
  const counted = { tokens, updates, seconds, shortestGapMs };
  throttle.flush(); // the stream's end: not counted in the gaps or the rate
  return counted;
}

export const editBench: Bench = {
  name: 'edit',
  description: 'Edit Selection: last token to final proposal on 2,000 lines; decoration updates per second',
  async run() {
    const original = selection();
    const baseline = timeIt(original, fenced(original));
    console.log(`(a) last token → final re-diffed proposal, ${LINES}-line selection (median of ${RUNS}; goal ≤ 50 ms)`);
    console.log(`    baseline, reply identical to the selection:        ${baseline.toFixed(2)} ms`);
    const cases: [string, string[]][] = [
      ['one line changed', original.map((l, i) => (i === 1000 ? `${l} // fixed` : l))],
      ['every 10th line changed (200 hunks)', original.map((l, i) => (i % 10 === 0 ? `${l} // changed` : l))],
      ['flush-left reply (re-indented), 20 lines changed', original.map((l, i) => (i % 100 === 0 ? `${l.trim()} // x` : l.replace(/^ {2}/, '')))],
      ['a block of 200 lines rewritten', original.map((l, i) => (i >= 900 && i < 1100 ? l.replace('compute', 'computeFast') : l))],
    ];
    for (const [label, lines] of cases) {
      const t = timeIt(original, fenced(lines));
      console.log(`    ${label.padEnd(50)} ${t.toFixed(2)} ms  (×${(t / baseline).toFixed(1)} the baseline) ${t <= 50 ? 'within goal' : 'OVER GOAL'}`);
    }
    const everyLine = original.map((l) => `${l};`);
    const worst = timeIt(original, fenced(everyLine));
    console.log(`    worst case, every line changed (30 ms budget, then alignment)${worst.toFixed(2)} ms  (×${(worst / baseline).toFixed(1)}) ${worst <= 50 ? 'within goal' : 'over goal'}`);

    const raw = await updatesPerSecond(false);
    const thr = await updatesPerSecond(true);
    console.log(`\n(b) decoration updates while streaming a ${LINES}-line rewrite as fast as possible (goal: at most one per 16 ms frame, ≤ 63 in a second counting the first)`);
    console.log(`    baseline, one update per token:  ${(raw.updates / raw.seconds).toFixed(0)} updates/s for ${(raw.tokens / raw.seconds).toFixed(0)} tokens/s`);
    console.log(`    with the frame throttle:         ${(thr.updates / thr.seconds).toFixed(0)} updates/s for ${(thr.tokens / thr.seconds).toFixed(0)} tokens/s (${(thr.tokens / Math.max(thr.updates, 1)).toFixed(0)} tokens per update; shortest gap ${thr.shortestGapMs.toFixed(1)} ms)`);
  },
};
