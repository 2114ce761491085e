// One round of the stream-overhead bench: both contenders' streams are open at once and take turns,
// a slice of items each (A B, B A, A B …), and each one's CPU time is summed over its own slices.
// A slice lasts about 2 ms, so whatever the machine does (other processes, cache and frequency
// changes, a neighbour VM) hits both alike; measured round after round instead, the same noise made
// single rounds vary 2x and the ratio of two rounds anywhere from 0.6 to 2.2 (see stream-noise.ts).
import type { Contender } from './stream-contenders';

export interface TurnResult { aMs: number; bMs: number; aChars: number; bChars: number }

const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** What `run` cost in CPU milliseconds, with its result. */
async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t = cpuMs();
  const value = await run();
  return [value, cpuMs() - t];
}

/** A small seeded generator (mulberry32): slice lengths differ from turn to turn but every run alike. */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Opens both (b first when bFirst), then reads them in alternating slices until both ended. Each slice
 * is 0.5-1.5x `slice` items, drawn at random: with a fixed length the young generation filled up at
 * the same point of the cycle every time, so one contender paid for every scavenge (both of them
 * garbage) for a whole run, and the bare SDK against itself came out 0.97 or 1.02 with intervals that
 * excluded 1. Random lengths make a collection land in a slice in proportion to what it allocated.
 */
export async function takeTurns(a: Contender, b: Contender, slice: number, bFirst = false, seed = 1): Promise<TurnResult> {
  const random = uniform(seed);
  const nextSlice = (): number => Math.max(1, Math.round(slice * (0.5 + random())));
  let aMs = 0;
  let bMs = 0;
  const first = await timed(bFirst ? b : a);
  const second = await timed(bFirst ? a : b);
  const [sa, openA] = bFirst ? second : first;
  const [sb, openB] = bFirst ? first : second;
  aMs += openA;
  bMs += openB;
  let aLive = true;
  let bLive = true;
  const aTurn = async (): Promise<void> => {
    if (!aLive) return;
    const n = nextSlice();
    const [live, ms] = await timed(() => sa.step(n));
    aLive = live;
    aMs += ms;
  };
  const bTurn = async (): Promise<void> => {
    if (!bLive) return;
    const n = nextSlice();
    const [live, ms] = await timed(() => sb.step(n));
    bLive = live;
    bMs += ms;
  };
  for (let turn = 0; aLive || bLive; turn++) {
    // Who goes first alternates, so neither always runs right after the other's garbage.
    if ((turn % 2 === 0) !== bFirst) { await aTurn(); await bTurn(); } else { await bTurn(); await aTurn(); }
  }
  return { aMs, bMs, aChars: sa.chars, bChars: sb.chars };
}
