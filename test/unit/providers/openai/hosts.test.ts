// Host-specific behaviour: Ollama's native listing, Azure's deployments, OpenRouter's rich listing,
// reasoning request fields, and hosts that are not what the user thinks (wrong host, no server).
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createOpenAIAdapter } from '../../../../src/core/providers/openai/adapter';
import type { ChatRequest } from '../../../../src/core/providers/types';
import { createSimulator } from '../../../support/simulator';
import { collect, connectionFor, DEFAULT_TEXT, failure, preset, startServer, textOf } from './helpers';

const hello = (model = 'sim-model-1', extra: Partial<ChatRequest> = {}): ChatRequest =>
  ({ model, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], ...extra });
const signal = (): AbortSignal => new AbortController().signal;

describe('OpenAI family: host specifics', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  describe('Ollama', () => {
    const p = preset('ollama');

    it('lists models from /api/tags with the context size and capabilities from /api/show', async () => {
      sim.models = ['llama3.1:8b', 'gemma3:4b', 'qwen3:8b'];
      const models = await createOpenAIAdapter(connectionFor(p, sim), p).listModels(signal());
      assert.deepEqual(models.map((m) => [m.id, m.contextWindow, m.vision, m.toolCalling, m.reasoning]), [
        ['llama3.1:8b', 131_072, false, true, false],
        ['gemma3:4b', 8_192, true, false, false],
        ['qwen3:8b', 40_960, false, true, true],
      ]);
      assert.ok(models.every((m) => m.source === 'live' && m.maxOutputTokens <= m.contextWindow));
      assert.deepEqual(sim.requests.map((r) => `${r.method} ${r.path}`).sort(),
        ['GET /api/tags', 'POST /api/show', 'POST /api/show', 'POST /api/show'].sort());
      assert.deepEqual(sim.requests.filter((r) => r.path === '/api/show').map((r) => (r.body as { model: string }).model).sort(), ['gemma3:4b', 'llama3.1:8b', 'qwen3:8b']);
      assert.ok(sim.requests.every((r) => r.headers.authorization === undefined));
    });

    it('a model whose /api/show fails still appears, with the default context', async () => {
      sim.inject({ kind: 'server-error', pathIncludes: '/api/show' });
      const models = await createOpenAIAdapter(connectionFor(p, sim), p).listModels(signal());
      assert.deepEqual(models.map((m) => m.id), ['sim-model-1', 'sim-model-2']);
      assert.equal(models.filter((m) => m.contextWindow === 128_000).length, 1);
    });

    it('accepts a base URL that already ends in /v1', async () => {
      const adapter = createOpenAIAdapter(connectionFor(p, sim, { baseUrl: `${sim.url}/v1` }), p);
      assert.equal((await adapter.listModels(signal())).length, 2);
      assert.equal(textOf(await collect(adapter.stream(hello(), signal()))), DEFAULT_TEXT);
      assert.deepEqual(sim.requests.map((r) => r.path).filter((x) => !x.includes('/api/show')), ['/api/tags', '/v1/chat/completions']);
    });

    it('a non-Ollama server at that address -> unexpected-response', async () => {
      const web = await startServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Router login</body></html>'); });
      try {
        const check = await createOpenAIAdapter({ presetId: 'ollama', baseUrl: web.url, apiKey: '', maxRetries: 0 }, p).checkKey(signal());
        assert.equal(!check.ok && check.error.kind, 'unexpected-response');
      } finally { await web.close(); }
    });
  });

  describe('Azure OpenAI', () => {
    const p = preset('azure');

    it('streams to /openai/deployments/<deployment>/chat/completions?api-version=… with the api-key header', async () => {
      sim.models = ['my-gpt4o'];
      const adapter = createOpenAIAdapter(connectionFor(p, sim, { apiKey: 'azkey-sim-1', azure: { apiVersion: '2025-01-01-preview', deployments: ['my-gpt4o'] } }), p);
      const parts = await collect(adapter.stream(hello('my-gpt4o'), signal()));
      assert.equal(textOf(parts), DEFAULT_TEXT);
      const rec = sim.lastRequest()!;
      assert.equal(rec.format, 'azure');
      assert.equal(rec.path, '/openai/deployments/my-gpt4o/chat/completions');
      assert.equal(rec.query['api-version'], '2025-01-01-preview');
      assert.equal(rec.headers['api-key'], 'azkey-sim-1');
      assert.equal(rec.headers.authorization, undefined);
    });

    it('lists the configured deployments and checks the key against /openai/models', async () => {
      const adapter = createOpenAIAdapter(connectionFor(p, sim, { azure: { apiVersion: '2024-10-21', deployments: ['prod-4o', 'gpt-5-mini'] } }), p);
      const models = await adapter.listModels(signal());
      assert.deepEqual(models.map((m) => [m.id, m.reasoning]), [['prod-4o', false], ['gpt-5-mini', true]]);
      assert.equal(sim.requests.length, 0, 'listing deployments needs no request');
      assert.deepEqual(await adapter.checkKey(signal()), { ok: true, modelCount: 2 });
      assert.equal(sim.lastRequest()!.path, '/openai/models');
      assert.equal(sim.lastRequest()!.query['api-version'], '2024-10-21');
    });

    it('a base URL that already ends in /openai is not doubled', async () => {
      const adapter = createOpenAIAdapter(connectionFor(p, sim, { baseUrl: `${sim.url}/openai` }), p);
      await collect(adapter.stream(hello(), signal()));
      assert.equal(sim.lastRequest()!.path, '/openai/deployments/sim-model-1/chat/completions');
    });

    it('a missing deployment (DeploymentNotFound) -> model-not-found', async () => {
      const err = await failure(createOpenAIAdapter(connectionFor(p, sim), p).stream(hello('nope'), signal()), 'model-not-found');
      assert.equal(err.code, 'DeploymentNotFound');
    });

    it('no key -> auth, and nothing is sent', async () => {
      const check = await createOpenAIAdapter(connectionFor(p, sim, { apiKey: '' }), p).checkKey(signal());
      assert.equal(!check.ok && check.error.kind, 'auth');
      assert.equal(sim.requests.length, 0);
    });
  });

  describe('OpenRouter', () => {
    const p = preset('openrouter');
    it('keeps the context size, output limit, prices and capabilities from its listing', async () => {
      const models = await createOpenAIAdapter(connectionFor(p, sim), p).listModels(signal());
      assert.deepEqual(models[0], {
        id: 'sim-model-1', name: 'Sim: sim-model-1', contextWindow: 200_000, maxOutputTokens: 64_000,
        vision: true, toolCalling: true, reasoning: true, source: 'live',
        pricing: { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3 },
      });
      assert.equal(models[1]!.contextWindow, 128_000);
      assert.equal(models[1]!.toolCalling, false);
    });
  });

  describe('request fields per model and host', () => {
    it('OpenAI reasoning models get max_completion_tokens, no temperature, and a reasoning effort', async () => {
      const p = preset('openai');
      sim.models = ['gpt-5-mini', 'o3', 'gpt-4.1'];
      const adapter = createOpenAIAdapter(connectionFor(p, sim), p);
      await collect(adapter.stream(hello('gpt-5-mini', { maxOutputTokens: 1000, temperature: 0.2, reasoning: { budgetTokens: 20_000 } }), signal()));
      let body = sim.lastRequest()!.body as Record<string, unknown>;
      assert.equal(body.max_completion_tokens, 1000);
      assert.equal(body.reasoning_effort, 'high');
      assert.ok(!('max_tokens' in body) && !('temperature' in body));
      await collect(adapter.stream(hello('o3', { maxOutputTokens: 10 }), signal()));
      body = sim.lastRequest()!.body as Record<string, unknown>;
      assert.equal(body.max_completion_tokens, 10);
      await collect(adapter.stream(hello('gpt-4.1', { maxOutputTokens: 1000, temperature: 0.2 }), signal()));
      body = sim.lastRequest()!.body as Record<string, unknown>;
      assert.equal(body.max_tokens, 1000);
      assert.equal(body.temperature, 0.2);
      assert.ok(!('max_completion_tokens' in body) && !('reasoning_effort' in body));
    });

    const thinking: [string, Record<string, unknown>][] = [
      ['openrouter', { reasoning: { max_tokens: 4000 } }],
      ['qwen', { enable_thinking: true, thinking_budget: 4000 }],
      ['zai', { thinking: { type: 'enabled' } }],
    ];
    for (const [id, expected] of thinking) {
      it(`${id} is asked to think in its own way`, async () => {
        const p = preset(id);
        await collect(createOpenAIAdapter(connectionFor(p, sim), p).stream(hello('sim-model-1', { reasoning: { budgetTokens: 4000 } }), signal()));
        const body = sim.lastRequest()!.body as Record<string, unknown>;
        for (const [k, v] of Object.entries(expected)) assert.deepEqual(body[k], v, k);
      });
    }
  });

  describe('hosts that are not OpenAI-compatible', () => {
    const p = preset('openai-compatible');

    it('a 200 HTML page from /models -> unexpected-response', async () => {
      const web = await startServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><title>Sign in</title></html>'); });
      try {
        const check = await createOpenAIAdapter({ presetId: p.id, baseUrl: `${web.url}/v1`, apiKey: 'sk-sim-web', maxRetries: 0 }, p).checkKey(signal());
        assert.equal(!check.ok && check.error.kind, 'unexpected-response');
        assert.match(!check.ok ? check.error.message : '', /HTML/);
      } finally { await web.close(); }
    });

    it('a 200 JSON answer without a data array -> unexpected-response', async () => {
      const web = await startServer((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'); });
      try {
        const err = await failure(createOpenAIAdapter({ presetId: p.id, baseUrl: web.url, apiKey: 'k', maxRetries: 0 }, p).listModels(signal()), 'unexpected-response');
        assert.match(err.message, /data/);
      } finally { await web.close(); }
    });

    it('a 404 on /models (a host with no such API) -> unexpected-response, not model-not-found', async () => {
      const web = await startServer((_req, res) => { res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not Found"}'); });
      try {
        const check = await createOpenAIAdapter({ presetId: p.id, baseUrl: `${web.url}/models-api`, apiKey: 'k', maxRetries: 0 }, p).checkKey(signal());
        assert.equal(!check.ok && check.error.kind, 'unexpected-response');
      } finally { await web.close(); }
    });

    it('an HTML 200 instead of a stream -> unexpected-response', async () => {
      const web = await startServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>'); });
      try {
        await failure(createOpenAIAdapter({ presetId: p.id, baseUrl: web.url, apiKey: 'k', maxRetries: 0 }, p).stream(hello(), signal()), 'unexpected-response');
      } finally { await web.close(); }
    });

    it('a host that ignores stream: true and answers one JSON completion still works', async () => {
      const web = await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
          id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'whole answer ✓' }, finish_reason: 'length' }],
          usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
        }));
      });
      try {
        const parts = await collect(createOpenAIAdapter({ presetId: p.id, baseUrl: web.url, apiKey: 'k', maxRetries: 0 }, p).stream(hello(), signal()));
        assert.deepEqual(parts, [
          { type: 'text', delta: 'whole answer ✓' },
          { type: 'usage', usage: { inputTokens: 3, outputTokens: 4 } },
          { type: 'finish', reason: 'length', usage: { inputTokens: 3, outputTokens: 4 } },
        ]);
      } finally { await web.close(); }
    });

    it('a Mistral-style error body without an "error" member keeps its message', async () => {
      const web = await startServer((_req, res) => { res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized","request_id":"abc"}'); });
      try {
        const err = await failure(createOpenAIAdapter({ presetId: 'mistral', baseUrl: web.url, apiKey: 'k', maxRetries: 0 }, preset('mistral')).stream(hello(), signal()), 'auth');
        assert.equal(err.message, 'Unauthorized');
      } finally { await web.close(); }
    });

    it('no server listening -> network', async () => {
      const port = await new Promise<number>((resolve) => {
        const s = createServer();
        s.listen(0, '127.0.0.1', () => { const a = s.address() as { port: number }; s.close(() => resolve(a.port)); });
      });
      const check = await createOpenAIAdapter({ presetId: p.id, baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'k', maxRetries: 0 }, p).checkKey(signal());
      assert.equal(!check.ok && check.error.kind, 'network');
    });

    it('a server that accepts and never answers -> timeout after connection.timeoutMs', async () => {
      const silent = await startServer(() => { /* never answer */ });
      try {
        const started = Date.now();
        await failure(createOpenAIAdapter({ presetId: p.id, baseUrl: silent.url, apiKey: 'k', maxRetries: 0, timeoutMs: 200 }, p).stream(hello(), signal()), 'timeout');
        assert.ok(Date.now() - started < 2000);
      } finally { await silent.close(); }
    });

    it('a keyless custom host gets no Authorization header; with a key it gets Bearer', async () => {
      await collect(createOpenAIAdapter(connectionFor(p, sim, { apiKey: '' }), p).stream(hello(), signal()));
      assert.equal(sim.lastRequest()!.headers.authorization, undefined);
      const lm = preset('lmstudio');
      await collect(createOpenAIAdapter(connectionFor(lm, sim, { apiKey: 'lm-token-1' }), lm).stream(hello(), signal()));
      assert.equal(sim.lastRequest()!.headers.authorization, 'Bearer lm-token-1');
    });
  });
});
