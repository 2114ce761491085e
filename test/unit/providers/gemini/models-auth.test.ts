// Listing models and checking keys against the simulator, and the key never leaving its host.
import assert from 'node:assert/strict';
import { createSimulator } from '../../../support/simulator';
import { adapter, API_KEY, ask, collect, connection, startRedirector } from './helpers';

describe('gemini models and keys', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('lists only models that can generateContent, without the models/ prefix', async () => {
    const models = await adapter(connection(sim)).listModels(new AbortController().signal);
    assert.deepEqual(models.map((m) => m.id), ['sim-model-1', 'sim-model-2'], 'the embedding model is filtered out');
    assert.deepEqual(models[0], {
      id: 'sim-model-1', name: 'Sim Model 1', contextWindow: 1048576, maxOutputTokens: 65536,
      vision: true, toolCalling: true, reasoning: true, source: 'live',
    });
    const req = sim.lastRequest('/v1beta/models')!;
    assert.equal(req.method, 'GET');
    assert.equal(req.path, '/v1beta/models');
    assert.equal(req.headers['x-goog-api-key'], API_KEY);
    assert.equal(req.query.key, undefined);
  });

  it('follows nextPageToken across pages', async () => {
    sim.models = Array.from({ length: 1500 }, (_, i) => `gemini-sim-${String(i).padStart(4, '0')}`);
    const models = await adapter(connection(sim)).listModels(new AbortController().signal);
    assert.equal(models.length, 1500);
    assert.equal(models[1499]!.id, 'gemini-sim-1499');
    const pages = sim.requests.filter((r) => r.path === '/v1beta/models');
    assert.equal(pages.length, 2);
    assert.ok(pages[1]!.query.pageToken, 'second page asked with the token');
  });

  it('checks a valid key', async () => {
    assert.deepEqual(await adapter(connection(sim)).checkKey(new AbortController().signal), { ok: true, modelCount: 2 });
  });

  it('reports an invalid key (HTTP 400 API_KEY_INVALID) as auth, without the key in the message', async () => {
    sim.inject({ kind: 'unauthorized' });
    const check = await adapter(connection(sim)).checkKey(new AbortController().signal);
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.equal(check.error.kind, 'auth');
    assert.equal(check.error.status, 400);
    assert.equal(check.error.code, 'API_KEY_INVALID');
    assert.match(check.error.message, /API key not valid/);
    assert.ok(!check.error.userMessage.includes(API_KEY), check.error.userMessage);
  });

  it('reports an exhausted (daily, billing) quota as quota, not retryable', async () => {
    sim.inject({ kind: 'quota', times: 0 });
    const check = await adapter(connection(sim)).checkKey(new AbortController().signal);
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.equal(check.error.kind, 'quota');
    assert.equal(check.error.retryable, false);
    assert.match(check.error.message, /plan and billing/);
  });

  it('never sends the key to another origin, even when the host redirects there', async () => {
    const redirector = await startRedirector(sim.url);
    try {
      const a = adapter(connection(sim, { baseUrl: redirector.url }));
      const got = await collect(a.stream(ask('hi'), new AbortController().signal));
      assert.equal(got.error?.kind, 'unexpected-response');
      assert.match(got.error?.message ?? '', /redirected/);
      const check = await a.checkKey(new AbortController().signal);
      assert.equal(check.ok, false);
      assert.equal(redirector.hits.length, 2, 'the redirecting host was asked');
      assert.equal(sim.requests.length, 0, 'nothing, and so no key, reached the other origin');
    } finally {
      await redirector.close();
    }
  });
});
