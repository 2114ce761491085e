// Every native FIM route: the request reaches the right path with the right fields, the stream is read to
// the same parts, usage is reported, and faults end as ProviderErrors (through the real openai SDK client
// against the loopback simulator).
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { withRedaction } from '../../../src/core/keys/redacting-adapter';
import { createAdapter } from '../../../src/core/providers/registry';
import type { Connection, FimRequest, FimRoute, ProviderAdapter, StreamPart } from '../../../src/core/providers/types';
import { createSimulator } from '../../support/simulator';

const sim = createSimulator(['codestral-latest', 'deepseek-chat', 'qwen2.5-coder-32b-instruct', 'qwen2.5-coder:7b', 'llama3.1:8b', 'local-model']);

interface Case { route: FimRoute; preset: string; base: string; model: string; path: string; fields(body: Record<string, unknown>): void }

const CASES: Case[] = [
  { route: 'mistral-fim', preset: 'mistral', base: '/v1', model: 'codestral-latest', path: '/v1/fim/completions',
    fields: (b) => { assert.equal(b.prompt, 'def add(a, b):\n    '); assert.equal(b.suffix, '\n\nprint(add(1, 2))'); } },
  { route: 'deepseek-beta', preset: 'deepseek', base: '', model: 'deepseek-chat', path: '/beta/completions',
    fields: (b) => { assert.equal(b.prompt, 'def add(a, b):\n    '); assert.equal(b.suffix, '\n\nprint(add(1, 2))'); } },
  { route: 'dashscope-completions', preset: 'qwen', base: '/compatible-mode/v1', model: 'qwen2.5-coder-32b-instruct', path: '/compatible-mode/v1/completions',
    fields: (b) => { assert.equal(b.prompt, '<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))<|fim_middle|>'); assert.equal(b.suffix, undefined); } },
  { route: 'openai-completions', preset: 'lmstudio', base: '/v1', model: 'local-model', path: '/v1/completions',
    fields: (b) => { assert.equal(b.prompt, 'def add(a, b):\n    '); assert.equal(b.suffix, '\n\nprint(add(1, 2))'); } },
  { route: 'ollama-generate', preset: 'ollama', base: '', model: 'qwen2.5-coder:7b', path: '/api/generate',
    fields: (b) => { assert.equal(b.prompt, 'def add(a, b):\n    '); assert.equal(b.suffix, '\n\nprint(add(1, 2))'); assert.deepEqual(b.options, { num_predict: 64, temperature: 0 }); } },
  { route: 'llamacpp-infill', preset: 'openai-compatible', base: '/v1', model: 'local-model', path: '/infill',
    fields: (b) => { assert.equal(b.input_prefix, 'def add(a, b):\n    '); assert.equal(b.input_suffix, '\n\nprint(add(1, 2))'); assert.equal(b.n_predict, 64); } },
];

function connection(c: Case, over: Partial<Connection> = {}): Connection {
  return { presetId: c.preset, baseUrl: sim.url + c.base, apiKey: c.preset === 'ollama' || c.preset === 'lmstudio' ? '' : 'sk-sim-fim-key-1234', maxRetries: 0, ...over };
}

const request = (c: Case): FimRequest => ({ route: c.route, model: c.model, prefix: 'def add(a, b):\n    ', suffix: '\n\nprint(add(1, 2))', maxOutputTokens: 64, temperature: 0 });

async function collect(parts: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const p of parts) out.push(p);
  return out;
}

describe('inline: native FIM routes', () => {
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  for (const c of CASES) {
    it(`${c.route}: posts prefix and suffix to ${c.path} and streams the completion with usage`, async () => {
      sim.setReply({ text: 'return a + b', chunkChars: 3, usage: { input: 21, output: 5 } });
      const adapter = createAdapter(connection(c));
      assert.ok('fim' in adapter, `${c.preset} has a FIM capability`);
      const parts = await collect(adapter.fim!(request(c), new AbortController().signal));
      assert.equal(parts.filter((p) => p.type === 'text').map((p) => (p as { delta: string }).delta).join(''), 'return a + b');
      const finish = parts.at(-1);
      assert.deepEqual(finish, { type: 'finish', reason: 'stop', usage: { inputTokens: 21, outputTokens: 5 } });
      const req = sim.lastRequest(c.path)!;
      assert.equal(req.path, c.path);
      assert.equal((req.body as { stream?: boolean }).stream, true);
      c.fields(req.body as Record<string, unknown>);
      assert.deepEqual(req.fim, { prefix: 'def add(a, b):\n    ', suffix: '\n\nprint(add(1, 2))' });
    });

    it(`${c.route}: a rate limit is a ProviderError with Retry-After, sent once (no SDK retry), without the key`, async () => {
      sim.inject({ kind: 'rate-limit', pathIncludes: c.path, retryAfterSec: 7 });
      const adapter = createAdapter(connection(c, { maxRetries: 2 }));
      await assert.rejects(collect(adapter.fim!(request(c), new AbortController().signal)), (e: unknown) => {
        assert.ok(e instanceof ProviderError);
        assert.equal(e.kind, 'rate-limit');
        assert.equal(e.retryAfterMs, 7000);
        assert.ok(!e.message.includes('sk-sim-fim-key-1234'));
        return true;
      });
      assert.equal(sim.requests.filter((r) => r.path === c.path).length, 1);
    });

    it(`${c.route}: a stream cut before its end is an error, not a silent truncation`, async () => {
      sim.setReply({ text: 'return a + b', chunkChars: 3 });
      sim.inject({ kind: 'no-finish', pathIncludes: c.path });
      const adapter = createAdapter(connection(c));
      await assert.rejects(collect(adapter.fim!(request(c), new AbortController().signal)), (e: unknown) => e instanceof ProviderError && e.kind === 'network');
    });
  }

  it('an abort mid-stream closes the socket (the simulator sees the connection end early)', async () => {
    const c = CASES.find((x) => x.route === 'ollama-generate')!;
    sim.setReply({ text: 'x'.repeat(400), chunkChars: 2, frameDelayMs: 5 });
    const adapter = createAdapter(connection(c));
    const controller = new AbortController();
    const it = adapter.fim!(request(c), controller.signal)[Symbol.asyncIterator]();
    await it.next();
    controller.abort();
    await assert.rejects(it.next(), (e: unknown) => e instanceof ProviderError && e.kind === 'aborted');
    const rec = sim.lastRequest('/api/generate')!;
    await sim.waitForClose(rec.id);
    assert.equal(rec.closedEarly, true);
  });

  it('Ollama: the probe reads /api/show (insert capability); a model without .Suffix is refused by /api/generate', async () => {
    const c = CASES.find((x) => x.route === 'ollama-generate')!;
    const adapter = createAdapter(connection(c));
    const signal = new AbortController().signal;
    assert.equal(await adapter.probeFim!('ollama-generate', 'qwen2.5-coder:7b', signal), true);
    assert.equal(await adapter.probeFim!('ollama-generate', 'llama3.1:8b', signal), false);
    assert.deepEqual(sim.requests.map((r) => r.path), ['/api/show', '/api/show']);
    await assert.rejects(collect(adapter.fim!({ ...request(c), model: 'llama3.1:8b' }, signal)), (e: unknown) => e instanceof ProviderError && e.kind === 'bad-request');
  });

  it('a custom host: the probe says no for a route the host lacks (404) and yes for one it serves', async () => {
    const c = CASES.find((x) => x.route === 'llamacpp-infill')!;
    const adapter = createAdapter(connection(c));
    const signal = new AbortController().signal;
    sim.inject({ kind: 'not-found', pathIncludes: '/infill' });
    assert.equal(await adapter.probeFim!('llamacpp-infill', 'local-model', signal), false);
    assert.equal(await adapter.probeFim!('openai-completions', 'local-model', signal), true);
    const probe = sim.lastRequest('/v1/completions')!;
    assert.equal((probe.body as { max_tokens: number }).max_tokens, 1);
  });

  it('a probe that meets a bad key reports the key error instead of deciding the route', async () => {
    const c = CASES.find((x) => x.route === 'openai-completions')!;
    const adapter = createAdapter(connection({ ...c, preset: 'openai-compatible' }));
    sim.inject({ kind: 'unauthorized', pathIncludes: '/completions' });
    await assert.rejects(adapter.probeFim!('openai-completions', 'local-model', new AbortController().signal), (e: unknown) => e instanceof ProviderError && e.kind === 'auth');
  });

  it('providers without FIM (OpenAI, Anthropic, Gemini) expose no FIM capability: they fill in through chat', () => {
    for (const presetId of ['openai', 'anthropic', 'gemini', 'groq']) {
      const adapter = createAdapter({ presetId, baseUrl: sim.url, apiKey: 'sk-x' });
      assert.equal('fim' in adapter, false, presetId);
    }
  });
});

describe('inline: the redaction boundary covers FIM', () => {
  const KEY = 'sk-live-FIMSECRET-0123456789abcdef';
  const leaky: ProviderAdapter = {
    presetId: 'mistral',
    listModels: () => Promise.resolve([]),
    checkKey: () => Promise.resolve({ ok: true, modelCount: 0 }),
    stream: () => { throw new Error('unused'); },
    fim: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new ProviderError({ kind: 'auth', provider: 'mistral', message: `Bad key ${KEY.slice(4)} sent` })) }) }),
    probeFim: () => Promise.reject(new ProviderError({ kind: 'auth', provider: 'mistral', message: `Bad key ${KEY.slice(8)} sent` })),
  };

  it('an error from a FIM stream or probe leaves without any run of the key', async () => {
    const wrapped = withRedaction(leaky, [KEY]);
    await assert.rejects(collect(wrapped.fim!({ route: 'mistral-fim', model: 'codestral-latest', prefix: '', suffix: '', maxOutputTokens: 1, temperature: 0 }, new AbortController().signal)),
      (e: unknown) => e instanceof ProviderError && !e.message.includes('FIMSECRET'));
    await assert.rejects(wrapped.probeFim!('mistral-fim', 'codestral-latest', new AbortController().signal), (e: unknown) => e instanceof ProviderError && !e.message.includes('FIMSECRET'));
  });
});
