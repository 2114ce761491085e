// What does our adapter cost on top of the bare openai SDK? Streams one long scripted answer
// (80,000 characters in 4-character deltas = 20,000 SSE chunks) through each and compares client CPU
// time; then many short answers for time to first token, where the simulator's own work (building
// 20,000 frames before the first write) would otherwise drown the difference.
// One run must be enough to judge: rounds are interleaved in pairs (AB BA AB …) after the same warm-up
// for both, each pair gives one ratio (measured back to back, so drift hits both alike), and the verdict
// comes from the median ratio's 95% confidence interval: met when all of it is <= 1.05, not met when all
// of it is above, and "cannot tell" (said so) when the spread is too wide for this run to judge.
// Goals: CPU ratio <= 1.05, time-to-first-token difference < 2 ms. Figures only, no assertions.
import OpenAI from 'openai';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createOpenAIAdapter } from '../../src/core/providers/openai/adapter';
import { findPreset } from '../../src/core/providers/presets';
import type { ChatRequest } from '../../src/core/providers/types';
import type { Bench } from './index';
import { summarizeRatios } from './pair-stats';
import { startSimulatorProcess } from './sim-process';

const TOTAL_CHARS = 80_000;
const CHUNK_CHARS = 4;
/** Enough for the JIT to settle both code paths (the first rounds after a cold start run ~20 % slower). */
const WARMUP_ROUNDS = 6;
const CPU_ROUNDS = 20;
const GOAL = 1.05;
const TTFT_ROUNDS = 40;
const MODEL = 'sim-model-1';
const KEY = 'sk-sim-bench';

interface Sample { cpuMs: number; ttftMs: number; wallMs: number; chars: number }
type Contender = (onText: (delta: string) => void) => Promise<void>;

/** A collection before each run, so one contender's garbage is not collected on the other's clock. */
const exposedGc: unknown = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as unknown;
})();
const gcAvailable = typeof exposedGc === 'function';
const collectGarbage = (): void => { if (gcAvailable) (exposedGc as () => void)(); };

/** 80,000 code points of mixed ASCII and multi-byte text, so UTF-8 decoding is part of the work. */
function scriptedText(): string {
  const unit = Array.from('Streaming tokens, ünïcødé ✓ and 🚀 — ');
  const out: string[] = [];
  while (out.length < TOTAL_CHARS) out.push(unit[out.length % unit.length]!);
  return out.join('');
}

async function measure(run: Contender): Promise<Sample> {
  collectGarbage();
  let chars = 0;
  let ttft = -1;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run((delta) => {
    if (ttft < 0 && delta) ttft = performance.now() - t0;
    chars += delta.length;
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000, ttftMs: ttft, wallMs, chars };
}

/** Alternates A B / B A so drift over the run (JIT, heap growth, machine load) falls on both alike; as[i] and bs[i] are a pair. */
async function alternate(rounds: number, a: Contender, b: Contender): Promise<[Sample[], Sample[]]> {
  const as: Sample[] = [];
  const bs: Sample[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) { as.push(await measure(a)); bs.push(await measure(b)); } else { bs.push(await measure(b)); as.push(await measure(a)); }
  }
  return [as, bs];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: number[]): number => xs.reduce((x, y) => x + y, 0) / xs.length;
const col = (n: number, width = 10): string => n.toFixed(2).padStart(width);

export const streamOverhead: Bench = {
  name: 'stream-overhead',
  description: `adapter vs bare openai SDK, ${TOTAL_CHARS.toLocaleString('en')} chars in ${CHUNK_CHARS}-char deltas (${TOTAL_CHARS / CHUNK_CHARS} SSE chunks)`,
  async run() {
    const sim = await startSimulatorProcess();
    try {
      const baseURL = `${sim.url}/v1`;
      const sdk = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 0 });
      const bare: Contender = async (onText) => {
        const stream = await sdk.chat.completions.create({
          model: MODEL, messages: [{ role: 'user', content: 'Write a long answer.' }], stream: true, stream_options: { include_usage: true },
        });
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content;
          if (delta) onText(delta);
        }
      };
      const adapter = createOpenAIAdapter({ presetId: 'openai', baseUrl: baseURL, apiKey: KEY, maxRetries: 0 }, findPreset('openai')!);
      const request: ChatRequest = { model: MODEL, messages: [{ role: 'user', content: [{ type: 'text', text: 'Write a long answer.' }] }] };
      const ours: Contender = async (onText) => {
        for await (const part of adapter.stream(request, new AbortController().signal)) if (part.type === 'text') onText(part.delta);
      };

      const text = scriptedText();
      await sim.control('/__sim/reply', { text, chunkChars: CHUNK_CHARS, usage: { input: 20, output: TOTAL_CHARS / CHUNK_CHARS } });
      await alternate(WARMUP_ROUNDS, bare, ours);
      const [sdkLong, oursLong] = await alternate(CPU_ROUNDS, bare, ours);

      await sim.control('/__sim/reply', { text: 'Short answer ✓', chunkChars: 4 });
      await alternate(WARMUP_ROUNDS, bare, ours);
      const [sdkShort, oursShort] = await alternate(TTFT_ROUNDS, bare, ours);

      console.log(`simulator: ${sim.inProcess ? 'in this process (CPU figures include it)' : 'separate process'}; forced GC before each run: ${gcAvailable ? 'yes' : 'no'}`);
      console.log(`long answer: ${WARMUP_ROUNDS} warm-up + ${CPU_ROUNDS} measured rounds each; short answer (TTFT): ${TTFT_ROUNDS} rounds each\n`);
      console.log('             CPU ms median   CPU ms mean   wall ms median   TTFT ms long   TTFT ms short   text');
      for (const [label, long, short] of [['bare SDK', sdkLong, sdkShort], ['adapter ', oursLong, oursShort]] as const) {
        const ok = long.every((s) => s.chars === text.length) ? 'ok' : `MISMATCH ${long.map((s) => s.chars).join(',')}`;
        console.log(`  ${label}  ${col(median(long.map((s) => s.cpuMs)), 13)} ${col(mean(long.map((s) => s.cpuMs)), 13)} ${col(median(long.map((s) => s.wallMs)), 16)} ${col(median(long.map((s) => s.ttftMs)), 14)} ${col(median(short.map((s) => s.ttftMs)), 15)}   ${ok}`);
      }
      const pairs = summarizeRatios(oursLong.map((s, i) => s.cpuMs / sdkLong[i]!.cpuMs), GOAL);
      const f = (x: number): string => x.toFixed(3);
      const verdict = pairs.verdict === 'met' ? `met (the whole interval is <= ${GOAL})`
        : pairs.verdict === 'not met' ? `NOT met (the whole interval is above ${GOAL})`
          : `cannot tell from this run: the interval straddles ${GOAL}, the spread is too wide to judge (run again when the machine is quieter)`;
      const ttftDiff = median(oursShort.map((s) => s.ttftMs)) - median(sdkShort.map((s) => s.ttftMs));
      console.log('');
      console.log(`  CPU ratio adapter/SDK, per pair (${pairs.n} pairs): median ${f(pairs.median)}, 95% CI of the median ${f(pairs.ciLow)}-${f(pairs.ciHigh)}, IQR ${f(pairs.q1)}-${f(pairs.q3)}, min-max ${f(pairs.min)}-${f(pairs.max)}`);
      console.log(`  goal <= ${GOAL}: ${verdict}`);
      console.log(`  TTFT difference (median, short): ${ttftDiff >= 0 ? '+' : ''}${ttftDiff.toFixed(2)} ms   goal < 2 ms: ${ttftDiff < 2 ? 'met' : 'NOT met'}`);
    } finally {
      await sim.stop();
    }
  },
};
