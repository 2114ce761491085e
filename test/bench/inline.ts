// Inline completions: the four figures of issue #12, each beside a baseline measured in the same run.
// 1. requests for 30 keystrokes 40 ms apart then a pause (goal <= 1), and for typing along a shown
//    suggestion (goal 0);
// 2. keystroke to aborted socket while a request streams (goal <= 20 ms), beside aborting a bare fetch;
// 3. pipeline overhead (context windows on a 5,000-line file + prompt + post-processing + engine) over
//    a bare FIM request through the router (goal <= 5 ms at the median);
// 4. event-loop delay while typing with completions on (p99 reported), beside idle.
// The debounce is a deliberate wait, not overhead: figure 3 runs the engine with a zero delay.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { windows } from '../../src/core/inline/context';
import { AdaptiveDebounce } from '../../src/core/inline/debounce';
import { InlineEngine, type CompletionInput, type InlineBackend } from '../../src/core/inline/engine';
import type { Connection } from '../../src/core/providers/types';
import { ChatRouter, type RouteTarget } from '../../src/core/routing/chat-router';
import { createSimulator } from '../support/simulator';
import type { Bench } from './index';

const MODEL = 'qwen2.5-coder:7b';
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;

function fileOf(lines: number): string {
  return Array.from({ length: lines }, (_, i) => (i % 7 === 0 ? `def f${i}(a, b):` : `    x${i} = a * ${i} + b  # line ${i}`)).join('\n');
}

export const inlineBench: Bench = {
  name: 'inline',
  description: 'inline completions: requests per burst, cancel latency, pipeline overhead, event-loop delay',
  async run() {
    const sim = createSimulator([MODEL]);
    const url = await sim.start();
    try {
      const connection: Connection = { presetId: 'ollama', baseUrl: url, apiKey: '', maxRetries: 0 };
      const router = new ChatRouter({ connectionFor: () => Promise.resolve(connection), refusal: () => undefined, providerEnabled: () => true, meter: () => undefined });
      const target: RouteTarget = { keyId: 'bench', presetId: 'ollama', modelId: MODEL };
      const backend: InlineBackend = { fim: (r, s) => router.complete(target, r, s, 'inline'), chat: (r, s) => router.stream(target, r, s, 'inline') };
      const events = { busy: () => undefined, failed: () => undefined, succeeded: () => undefined };
      const input = (prefix: string, suffix: string): CompletionInput => ({ prefix, suffix, multiline: false, languageId: 'python', fileName: 'a.py', snippets: [], route: { kind: 'fim', route: 'ollama-generate' }, backend, stillAllowed: () => true });
      const fimCount = (): number => sim.requests.filter((r) => r.fim).length;
      const text = fileOf(5_000);
      const mid = text.indexOf('\n', Math.floor(text.length / 2));

      // 1. Requests per burst.
      sim.reset(); sim.models = [MODEL];
      sim.setReply({ text: 'return a + b' });
      let engine = new InlineEngine(new AdaptiveDebounce(150, { now: () => Date.now() }), events);
      const typed = 'total = compute(a, b) + offset'.padEnd(30, ' ');
      let pending: Promise<string | undefined> = Promise.resolve(undefined);
      let ctl: AbortController | undefined;
      for (let i = 1; i <= 30; i++) {
        ctl?.abort();
        ctl = new AbortController();
        const w = windows(text.slice(0, mid) + '\n' + typed.slice(0, i) + text.slice(mid), mid + 1 + i);
        engine.cursorMoved(w.prefix, w.suffix);
        pending = engine.complete(input(w.prefix, w.suffix), ctl.signal);
        await sleep(40);
      }
      await pending;
      const burst = fimCount();
      const base = text.slice(0, mid) + '\n' + typed;
      const shown = await engine.complete(input(windows(base, base.length).prefix, '\n'), new AbortController().signal) ?? '';
      const beforeAlong = fimCount();
      for (let i = 1; i <= shown.length - 1; i++) {
        const w = windows(base + shown.slice(0, i), base.length + i);
        engine.cursorMoved(w.prefix, '\n');
        await engine.complete(input(w.prefix, '\n'), new AbortController().signal);
      }
      const along = fimCount() - beforeAlong;
      console.log(`requests for 30 keystrokes at 40 ms, then a pause: ${burst}   (goal <= 1; one request per keystroke would be 30)`);
      console.log(`new requests while typing along a shown ${shown.length}-character suggestion: ${along}   (goal 0)`);

      // 2. Keystroke to aborted socket.
      const abortLatency: number[] = [];
      const bareLatency: number[] = [];
      sim.setReply({ text: 'x = 1 + '.repeat(400), chunkChars: 2, frameDelayMs: 5 });
      for (let round = 0; round < 10; round++) {
        engine = new InlineEngine(new AdaptiveDebounce(50, { now: () => Date.now() }), events);
        const running = engine.complete({ ...input(`p${round} = `, '\n'), multiline: true }, new AbortController().signal);
        while (!sim.requests.some((r) => r.fim && r.fim.prefix === `p${round} = `)) await sleep(2);
        const rec = sim.requests.find((r) => r.fim && r.fim.prefix === `p${round} = `)!;
        await sleep(30);
        const t0 = performance.now();
        engine.cursorMoved(`p${round} = zzz`, '\n');
        await sim.waitForClose(rec.id);
        abortLatency.push(performance.now() - t0);
        await running;
        // Baseline: the same stream through a bare fetch, aborted by hand.
        const c = new AbortController();
        const res = await fetch(`${url}/api/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: MODEL, prompt: `b${round}`, suffix: '', stream: true }), signal: c.signal });
        const reader = res.body!.getReader();
        await reader.read();
        const bare = sim.requests.at(-1)!;
        const t1 = performance.now();
        c.abort();
        await sim.waitForClose(bare.id);
        bareLatency.push(performance.now() - t1);
        await reader.read().catch(() => undefined);
      }
      console.log(`keystroke to aborted socket: median ${fmt(median(abortLatency))}, max ${fmt(Math.max(...abortLatency))}   (goal <= 20 ms; bare fetch abort: median ${fmt(median(bareLatency))})`);

      // 3. Pipeline overhead over a bare FIM request, on a 5,000-line file.
      sim.setReply({ text: 'return a + b\n', chunkChars: 4 });
      const zero = { delayMs: 0, accepted: () => undefined, rejected: () => undefined, reset: () => undefined } as unknown as AdaptiveDebounce;
      const bareMs: number[] = [];
      const pipeMs: number[] = [];
      const w0 = windows(text, mid);
      for (let round = 0; round < 60; round++) {
        // Alternate the order so drift falls on both alike; a new prefix each round so the cache cannot answer.
        const tag = `# r${round}\n`;
        const runBare = async (): Promise<void> => {
          const t = performance.now();
          for await (const p of router.complete(target, { route: 'ollama-generate', prefix: tag + w0.prefix, suffix: w0.suffix, maxOutputTokens: 128, temperature: 0 }, new AbortController().signal, 'inline')) void p;
          bareMs.push(performance.now() - t);
        };
        const runPipe = async (): Promise<void> => {
          const t = performance.now();
          const doc = tag + text;
          const w = windows(doc, mid + tag.length);
          const e = new InlineEngine(zero, events);
          await e.complete(input(w.prefix, w.suffix), new AbortController().signal);
          pipeMs.push(performance.now() - t);
        };
        if (round % 2) { await runBare(); await runPipe(); } else { await runPipe(); await runBare(); }
      }
      const overhead = median(pipeMs) - median(bareMs);
      console.log(`pipeline overhead on a 5,000-line file: ${fmt(overhead)} at the median (pipeline ${fmt(median(pipeMs))} vs bare FIM ${fmt(median(bareMs))}; ratio ${(median(pipeMs) / median(bareMs)).toFixed(3)})   (goal <= 5 ms)`);

      // 4. Event-loop delay while typing (engine + context windows per keystroke), beside idle.
      const idle = monitorEventLoopDelay({ resolution: 1 });
      idle.enable(); await sleep(1_500); idle.disable();
      sim.setReply({ text: 'return a + b', chunkChars: 4 });
      engine = new InlineEngine(new AdaptiveDebounce(150, { now: () => Date.now() }), events);
      const typing = monitorEventLoopDelay({ resolution: 1 });
      typing.enable();
      let doc = text;
      let at = mid;
      ctl = undefined;
      for (let i = 0; i < 60; i++) {
        const ch = 'value = a + b  '[i % 15]!;
        doc = doc.slice(0, at) + ch + doc.slice(at);
        at++;
        ctl?.abort();
        ctl = new AbortController();
        const w = windows(doc, at);
        engine.cursorMoved(w.prefix, w.suffix);
        void engine.complete(input(w.prefix, w.suffix), ctl.signal);
        await sleep(i % 10 === 9 ? 400 : 40);
      }
      typing.disable();
      console.log(`event-loop delay while typing with completions on (Node, same engine and context code as the extension host): p99 ${fmt(typing.percentile(99) / 1e6)}   (idle p99 ${fmt(idle.percentile(99) / 1e6)}; reported, no goal)`);
    } finally {
      await sim.stop();
    }
  },
};
