// Where the stream-overhead bench's round-to-round spread comes from (issue #15, 2b). Runs the same
// long answer through the bare SDK and the adapter, over the loopback socket from the simulator in its
// own process (as the bench did) and from an in-memory replay of the same bytes, and prints for each
// round: process CPU (all threads), main-thread CPU, GC pauses, how many reads the body took, steal.
// Figures only; `npm run bench -- stream-noise`.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Bench } from './index';
import { endRound, GcLog, settle, startRound, type RoundCost } from './round-meter';
import { startSimulatorProcess } from './sim-process';
import { bareSdk, ourAdapter, requestBody, type Contender } from './stream-contenders';
import { takeTurns } from './take-turns';
import { captureStream, replayFetch } from './sse-replay';
import { CHUNK_CHARS, scriptedText, TOTAL_CHARS } from './stream-script';

const ROUNDS = 12;
const EXPECTED = scriptedText().length;

const exposedGc: unknown = (() => { setFlagsFromString('--expose-gc'); return runInNewContext('gc') as unknown; })();
const gc = (): void => { if (typeof exposedGc === 'function') (exposedGc as () => void)(); };

/** Counts how many pieces the response body arrived in (adds one pass-through step, the same for both). */
function countingFetch(inner: typeof fetch, counter: { reads: number }): typeof fetch {
  const counted = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await inner(input, init);
    if (!res.body) return res;
    const body = res.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ transform(piece, c) { counter.reads++; c.enqueue(piece); } }));
    return new Response(body, { status: res.status, headers: res.headers });
  };
  return counted;
}

type Row = RoundCost & { reads: number };

const logSpread = (ratios: number[]): string => {
  const logs = ratios.map(Math.log);
  const m = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - m) ** 2, 0) / (logs.length - 1));
  return `sd ${(sd * 100).toFixed(1)} %, range ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`;
};

/** Rounds one after the other (A B, B A, …), as the bench measured before; prints each measure's spread. */
async function rounds(label: string, a: Contender, b: Contender, counter: { reads: number }, gcLog: GcLog, forceGc: boolean): Promise<void> {
  const rows: [Row[], Row[]] = [[], []];
  for (let i = 0; i < ROUNDS + 3; i++) {
    for (const k of i % 2 ? [1, 0] : [0, 1]) {
      if (forceGc) gc();
      counter.reads = 0;
      const s = startRound();
      const open = await (k ? b : a)();
      while (await open.step(256)) { /* read it all */ }
      const cost = endRound(s);
      await settle();
      const g = gcLog.within(cost.from, cost.to);
      if (open.chars !== EXPECTED) throw new Error(`${k ? 'adapter' : 'bare'}: ${open.chars} chars`);
      if (i >= 3) rows[k]!.push({ ...cost, gcMs: g.ms, gcCount: g.count, reads: counter.reads });
    }
  }
  console.log(`\n${label}${forceGc ? ', gc() before each round' : ', no forced gc'} (${ROUNDS} rounds each after 3 warm-up; min-max (median)):`);
  console.log('               process CPU ms    main thread ms    other threads ms  GC pauses ms      body reads        steal ms');
  rows.forEach((rs, k) => {
    const span = (f: (r: Row) => number): string => {
      const xs = rs.map(f).sort((x, y) => x - y);
      return `${xs[0]!.toFixed(0)}-${xs[xs.length - 1]!.toFixed(0)} (${xs[xs.length >> 1]!.toFixed(0)})`.padEnd(18);
    };
    console.log(`  ${(k ? 'adapter' : 'bare SDK').padEnd(10)}  ${span((r) => r.processMs)}${span((r) => r.mainMs)}${span((r) => r.processMs - r.mainMs)}${span((r) => r.gcMs)}${span((r) => r.reads)}${span((r) => r.stealMs)}`);
  });
  const [as, bs] = rows;
  console.log(`  per-pair ratio adapter/SDK, process CPU: ${logSpread(bs.map((r, i) => r.processMs / as[i]!.processMs))}; main thread: ${logSpread(bs.map((r, i) => r.mainMs / as[i]!.mainMs))}`);
  // Does the number of reads explain the spread? (least squares over both contenders' rounds)
  const all = [...as, ...bs];
  const xs = all.map((r) => r.reads);
  const ys = all.map((r) => r.processMs);
  const mx = xs.reduce((p, q) => p + q, 0) / xs.length;
  const my = ys.reduce((p, q) => p + q, 0) / ys.length;
  let sxy = 0; let sxx = 0; let syy = 0;
  for (let i = 0; i < xs.length; i++) { sxy += (xs[i]! - mx) * (ys[i]! - my); sxx += (xs[i]! - mx) ** 2; syy += (ys[i]! - my) ** 2; }
  if (sxx > 0) console.log(`  process CPU explained by the number of reads: R² ${((sxy * sxy) / (sxx * syy)).toFixed(2)}`);
}

/** Both streams open at once, taking turns every 200 items (what stream-overhead does, here without --single-threaded). */
async function turns(a: Contender, b: Contender): Promise<void> {
  const ratios: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i++) {
    const r = await takeTurns(a, b, 200, i % 2 === 1, i);
    if (i >= 3) { ratios.push(r.bMs / r.aMs); bare.push(r.aMs); }
  }
  console.log(`\nin-memory replay, both open at once taking turns every 200 items (${ROUNDS} rounds after 3 warm-up):`);
  console.log(`  bare SDK process CPU ${Math.min(...bare).toFixed(0)}-${Math.max(...bare).toFixed(0)} ms; per-round ratio adapter/SDK: ${logSpread(ratios)}`);
}

export const streamNoise: Bench = {
  name: 'stream-noise',
  description: 'where the stream-overhead spread comes from: socket vs in-memory replay, per-thread CPU, GC, reads',
  onlyByName: true,
  async run() {
    const sim = await startSimulatorProcess();
    const gcLog = new GcLog();
    try {
      const baseURL = `${sim.url}/v1`;
      await sim.control('/__sim/reply', { text: scriptedText(), chunkChars: CHUNK_CHARS, usage: { input: 20, output: TOTAL_CHARS / CHUNK_CHARS } });
      const counter = { reads: 0 };
      const socket = countingFetch(globalThis.fetch, counter);
      console.log(`node ${process.version}, ${process.execArgv.join(' ') || 'no V8 flags'}; main thread from ${process.platform === 'linux' ? '/proc schedstat (updated at scheduler ticks: a few ms of error per round)' : 'nowhere (not Linux)'}`);
      await rounds('socket from the simulator process (the old bench)', bareSdk(baseURL, socket), ourAdapter(baseURL, socket), counter, gcLog, true);
      const captured = await captureStream(`${baseURL}/chat/completions`, requestBody());
      const replay = replayFetch(captured);
      const counted = countingFetch(replay, counter);
      console.log(`\ncaptured ${captured.bytes.toLocaleString('en')} bytes in ${captured.pieces.length.toLocaleString('en')} frames`);
      await rounds('in-memory replay', bareSdk(baseURL, counted), ourAdapter(baseURL, counted), counter, gcLog, true);
      await rounds('in-memory replay', bareSdk(baseURL, counted), ourAdapter(baseURL, counted), counter, gcLog, false);
      await turns(bareSdk(baseURL, replay), ourAdapter(baseURL, replay));
    } finally {
      gcLog.stop();
      await sim.stop();
    }
  },
};
