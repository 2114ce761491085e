// What does our adapter cost on top of the bare openai SDK? Streams one long scripted answer
// (~20,000 SSE chunks) through each, alternating, and compares client CPU time and time to first
// token. Goals: CPU ratio <= 1.05, time-to-first-token difference < 2 ms.
import OpenAI from 'openai';
import { createOpenAIAdapter } from '../../src/core/providers/openai/adapter';
import { findPreset } from '../../src/core/providers/presets';
import type { ChatRequest } from '../../src/core/providers/types';
import type { Bench } from './index';
import { startSimulatorProcess } from './sim-process';

const TOTAL_CHARS = 80_000;
const CHUNK_CHARS = 4;
const WARMUP_ROUNDS = 2;
const ROUNDS = 8;
const MODEL = 'sim-model-1';
const KEY = 'sk-sim-bench';

interface Sample { cpuMs: number; ttftMs: number; wallMs: number; chars: number }

/** 80,000 code points of mixed ASCII and multi-byte text, so UTF-8 decoding is part of the work. */
function scriptedText(): string {
  const unit = Array.from('Streaming tokens, ünïcødé ✓ and 🚀 — ');
  const out: string[] = [];
  while (out.length < TOTAL_CHARS) out.push(unit[out.length % unit.length]!);
  return out.join('');
}

async function measure(run: (onText: (delta: string) => void) => Promise<void>): Promise<Sample> {
  let chars = 0;
  let ttft = -1;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run((delta) => {
    if (ttft < 0 && delta) ttft = performance.now() - t0;
    chars += Array.from(delta).length;
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000, ttftMs: ttft, wallMs, chars };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (n: number): string => n.toFixed(2).padStart(9);

export const streamOverhead: Bench = {
  name: 'stream-overhead',
  description: `adapter vs bare openai SDK, ${TOTAL_CHARS.toLocaleString('en')} chars in ${CHUNK_CHARS}-char deltas (${TOTAL_CHARS / CHUNK_CHARS} SSE chunks)`,
  async run() {
    const sim = await startSimulatorProcess();
    try {
      const text = scriptedText();
      await sim.control('/__sim/reply', { text, chunkChars: CHUNK_CHARS, usage: { input: 20, output: TOTAL_CHARS / CHUNK_CHARS } });
      const baseURL = `${sim.url}/v1`;
      const messages = [{ role: 'user' as const, content: 'Write a long answer.' }];

      const sdk = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 0 });
      const bare = (onText: (d: string) => void): Promise<void> => (async () => {
        const stream = await sdk.chat.completions.create({ model: MODEL, messages, stream: true, stream_options: { include_usage: true } });
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content;
          if (delta) onText(delta);
        }
      })();

      const preset = findPreset('openai')!;
      const adapter = createOpenAIAdapter({ presetId: 'openai', baseUrl: baseURL, apiKey: KEY, maxRetries: 0 }, preset);
      const request: ChatRequest = { model: MODEL, messages: [{ role: 'user', content: [{ type: 'text', text: 'Write a long answer.' }] }] };
      const ours = (onText: (d: string) => void): Promise<void> => (async () => {
        for await (const part of adapter.stream(request, new AbortController().signal)) if (part.type === 'text') onText(part.delta);
      })();

      for (let i = 0; i < WARMUP_ROUNDS; i++) { await measure(bare); await measure(ours); }
      const samples: { sdk: Sample[]; adapter: Sample[] } = { sdk: [], adapter: [] };
      for (let i = 0; i < ROUNDS; i++) {
        // ABBA order, so drift over the run (JIT, heap growth) falls on both sides alike.
        if (i % 2 === 0) { samples.sdk.push(await measure(bare)); samples.adapter.push(await measure(ours)); }
        else { samples.adapter.push(await measure(ours)); samples.sdk.push(await measure(bare)); }
      }

      const expected = Array.from(text).length;
      console.log(`simulator: ${sim.inProcess ? 'in this process (CPU figures include it)' : 'separate process'}; ${WARMUP_ROUNDS} warm-up + ${ROUNDS} measured rounds each`);
      console.log('');
      console.log('                 CPU ms (median)  CPU ms (mean)  TTFT ms (median)  wall ms (median)  chars');
      for (const [label, s] of [['bare SDK', samples.sdk], ['adapter ', samples.adapter]] as const) {
        const chars = s.every((x) => x.chars === expected) ? 'ok' : `MISMATCH (${s.map((x) => x.chars).join(',')} vs ${expected})`;
        console.log(`  ${label}       ${fmt(median(s.map((x) => x.cpuMs)))}      ${fmt(mean(s.map((x) => x.cpuMs)))}     ${fmt(median(s.map((x) => x.ttftMs)))}         ${fmt(median(s.map((x) => x.wallMs)))}     ${chars}`);
      }
      const ratio = median(samples.adapter.map((x) => x.cpuMs)) / median(samples.sdk.map((x) => x.cpuMs));
      const ttftDiff = median(samples.adapter.map((x) => x.ttftMs)) - median(samples.sdk.map((x) => x.ttftMs));
      console.log('');
      console.log(`  CPU ratio adapter/SDK: ${ratio.toFixed(3)}  (goal <= 1.05: ${ratio <= 1.05 ? 'met' : 'NOT met'})`);
      console.log(`  TTFT difference:       ${ttftDiff >= 0 ? '+' : ''}${ttftDiff.toFixed(2)} ms  (goal < 2 ms: ${ttftDiff < 2 ? 'met' : 'NOT met'})`);
    } finally {
      await sim.stop();
    }
  },
};
