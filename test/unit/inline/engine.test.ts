// The pipeline end to end through the real ChatRouter and adapter against the simulator: few requests,
// real cancellation, reuse while typing, metering with origin 'inline', no fallback.
import * as assert from 'node:assert/strict';
import type { ProviderError } from '../../../src/core/errors';
import { AdaptiveDebounce } from '../../../src/core/inline/debounce';
import { InlineEngine, type CompletionInput, type InlineBackend } from '../../../src/core/inline/engine';
import type { Connection } from '../../../src/core/providers/types';
import { ChatRouter, type MeterRecord, type RouteTarget } from '../../../src/core/routing/chat-router';
import { createSimulator } from '../../support/simulator';

const sim = createSimulator(['qwen2.5-coder:7b', 'sim-model-1']);

interface Rig { engine: InlineEngine; meter: MeterRecord[]; errors: ProviderError[]; input: (prefix: string, suffix?: string) => CompletionInput; router: ChatRouter }

function rig(opts: { debounceMs?: number; refuse?: boolean; target?: RouteTarget; chat?: boolean; stillAllowed?: () => boolean } = {}): Rig {
  const meter: MeterRecord[] = [];
  const errors: ProviderError[] = [];
  const connections: Record<string, Connection> = {
    'key-ollama': { presetId: 'ollama', baseUrl: sim.url, apiKey: '', maxRetries: 0 },
    'key-openai': { presetId: 'openai', baseUrl: `${sim.url}/v1`, apiKey: 'sk-sim-openai-abcdef', maxRetries: 0 },
  };
  const router = new ChatRouter({
    connectionFor: (keyId) => Promise.resolve(connections[keyId]!),
    refusal: () => (opts.refuse ? { setting: 'byok.allowedModels', message: 'not allowed' } : undefined),
    providerEnabled: () => true,
    meter: (r) => meter.push(r),
  });
  const target = opts.target ?? (opts.chat ? { keyId: 'key-openai', presetId: 'openai', modelId: 'sim-model-1' } : { keyId: 'key-ollama', presetId: 'ollama', modelId: 'qwen2.5-coder:7b' });
  const backend: InlineBackend = {
    fim: (r, s) => router.complete(target, r, s, 'inline'),
    chat: (r, s) => router.stream(target, r, s, 'inline'),
  };
  const engine = new InlineEngine(new AdaptiveDebounce(opts.debounceMs ?? 50, { now: () => Date.now() }), {
    busy: () => undefined, failed: (e) => errors.push(e), succeeded: () => undefined,
  });
  const input = (prefix: string, suffix = '\n'): CompletionInput => ({
    prefix, suffix, multiline: false, languageId: 'python', fileName: 'a.py', snippets: [],
    route: opts.chat ? { kind: 'chat' } : { kind: 'fim', route: 'ollama-generate' }, backend,
    stillAllowed: opts.stillAllowed ?? (() => true),
  });
  return { engine, meter, errors, input, router };
}

const fimRequests = (): number => sim.requests.filter((r) => r.fim).length;

describe('inline: the engine against the simulator', () => {
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('a burst of keystrokes makes at most one request (each keystroke cancels the wait before it)', async () => {
    sim.setReply({ text: 'print(total)', usage: { input: 30, output: 4 } });
    const { engine, input } = rig({ debounceMs: 150 });
    let previous: AbortController | undefined;
    let last: Promise<string | undefined> = Promise.resolve(undefined);
    const line = 'total = sum(xs)\n';
    for (let i = 1; i <= 30; i++) {
      previous?.abort();
      previous = new AbortController();
      last = engine.complete(input(line.slice(0, (i % line.length) + 1).padEnd(i, ' ')), previous.signal);
      await new Promise((r) => setTimeout(r, 40));
    }
    await last;
    assert.equal(fimRequests(), 1);
  });

  it('typing along a shown suggestion makes no new request', async () => {
    sim.setReply({ text: 'a + b' });
    const { engine, input } = rig();
    const first = await engine.complete(input('def f(a, b):\n    return '), new AbortController().signal);
    assert.equal(first, 'a + b');
    assert.equal(await engine.complete(input('def f(a, b):\n    return a'), new AbortController().signal), ' + b');
    assert.equal(await engine.complete(input('def f(a, b):\n    return a +'), new AbortController().signal), ' b');
    assert.equal(fimRequests(), 1);
  });

  it('a keystroke that still matches the in-flight stream adopts it instead of starting another request', async () => {
    sim.setReply({ text: 'a + b', chunkChars: 1, frameDelayMs: 30 });
    const { engine, input } = rig();
    const c1 = new AbortController();
    const first = engine.complete(input('def f(a, b):\n    return '), c1.signal);
    await new Promise((r) => setTimeout(r, 120)); // debounce passed, stream running
    c1.abort(); // VS Code cancels the first call on the keystroke
    engine.cursorMoved('def f(a, b):\n    return a', '\n');
    const second = await engine.complete(input('def f(a, b):\n    return a'), new AbortController().signal);
    assert.equal(await first, undefined);
    assert.equal(second, ' + b');
    assert.equal(fimRequests(), 1);
  });

  it('a keystroke that contradicts the in-flight stream aborts it and its socket closes', async () => {
    sim.setReply({ text: 'a + b'.repeat(50), chunkChars: 1, frameDelayMs: 20 });
    const { engine, input } = rig();
    const pending = engine.complete(input('def f(a, b):\n    return '), new AbortController().signal);
    await new Promise((r) => setTimeout(r, 150));
    const rec = sim.requests.find((r) => r.fim)!;
    engine.cursorMoved('def f(a, b):\n    return z', '\n');
    await sim.waitForClose(rec.id);
    assert.equal(rec.closedEarly, true);
    assert.equal(await pending, undefined);
  });

  it('meters usage with origin "inline" through the router', async () => {
    sim.setReply({ text: 'a + b', usage: { input: 40, output: 3 } });
    const { engine, input, meter } = rig();
    await engine.complete(input('x = '), new AbortController().signal);
    assert.deepEqual(meter.map((m) => [m.origin, m.usage?.inputTokens, m.usage?.outputTokens, m.target.keyId]), [['inline', 40, 3, 'key-ollama']]);
  });

  it('a call whose settings stop allowing it during the debounce (turned off, file excluded) sends nothing', async () => {
    sim.setReply({ text: 'a + b' });
    let allowed = true;
    const { engine, input } = rig({ debounceMs: 300, stillAllowed: () => allowed });
    const pending = engine.complete(input('x = '), new AbortController().signal);
    await new Promise((r) => setTimeout(r, 50));
    allowed = false; // the user turns completions off while the call waits
    assert.equal(await pending, undefined);
    assert.equal(sim.requests.length, 0);
    assert.equal(engine.requests, 0);
  });

  it('a model the policy refuses sends nothing and reports a policy error', async () => {
    const { engine, input, errors } = rig({ refuse: true });
    assert.equal(await engine.complete(input('x = '), new AbortController().signal), undefined);
    assert.equal(sim.requests.length, 0);
    assert.equal(errors[0]?.kind, 'policy');
  });

  it('a failure is reported once and never retried on another key or route', async () => {
    sim.inject({ kind: 'unauthorized', times: 0 });
    const { engine, input, errors } = rig({ chat: true });
    assert.equal(await engine.complete(input('x = '), new AbortController().signal), undefined);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.kind, 'auth');
    assert.deepEqual(sim.requests.map((r) => r.path), ['/v1/chat/completions']);
  });

  it('chat fill-in: the answer inside the tags becomes the suggestion; an untagged answer shows nothing', async () => {
    sim.setReply({ text: '<COMPLETION>sum(xs)</COMPLETION>' });
    const { engine, input } = rig({ chat: true });
    assert.equal(await engine.complete(input('total = '), new AbortController().signal), 'sum(xs)');
    sim.setReply({ text: 'Here you go: sum(xs)' });
    assert.equal(await engine.complete(input('count = '), new AbortController().signal), undefined);
    const req = sim.lastRequest('/chat/completions')!.body as { temperature: number; max_completion_tokens?: number; max_tokens?: number };
    assert.equal(req.temperature, 0);
    assert.equal(req.max_completion_tokens ?? req.max_tokens, 128);
  });

  it('a single-line suggestion stops reading at its newline (the socket closes: no tokens billed past it)', async () => {
    sim.setReply({ text: 'a + b\n' + 'x = 1\n'.repeat(100), chunkChars: 3, frameDelayMs: 5 });
    const { engine, input } = rig();
    assert.equal(await engine.complete(input('return '), new AbortController().signal), 'a + b');
    const rec = sim.requests.find((r) => r.fim)!;
    await sim.waitForClose(rec.id);
    assert.equal(rec.closedEarly, true);
  });
});
