// Listing models and checking keys against the simulator, and the key never leaving its host.
import assert from 'node:assert/strict';
import { createSimulator } from '../../../support/simulator';
import { adapter, API_KEY, ask, collect, compatConnection, connection, startRedirector } from './helpers';

describe('anthropic models and keys', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('lists models with the listing\'s names and limits', async () => {
    const models = await adapter(connection(sim)).listModels(new AbortController().signal);
    assert.deepEqual(models.map((m) => m.id), ['sim-model-1', 'sim-model-2']);
    assert.deepEqual(models[0], {
      id: 'sim-model-1', name: 'Sim Model 1', contextWindow: 200000, maxOutputTokens: 64000,
      vision: true, toolCalling: true, reasoning: true, source: 'live',
    });
    const req = sim.lastRequest('/v1/models')!;
    assert.equal(req.path, '/anthropic/v1/models');
    assert.equal(req.headers['x-api-key'], API_KEY);
    assert.ok(req.headers['anthropic-version']);
  });

  it('follows has_more / last_id across pages', async () => {
    sim.models = Array.from({ length: 150 }, (_, i) => `claude-sim-${String(i).padStart(3, '0')}`);
    const models = await adapter(connection(sim)).listModels(new AbortController().signal);
    assert.equal(models.length, 150);
    assert.equal(models[149]!.id, 'claude-sim-149');
    const pages = sim.requests.filter((r) => r.path.endsWith('/v1/models'));
    assert.equal(pages.length, 2);
    assert.equal(pages[1]!.query.after_id, 'claude-sim-099');
  });

  it('checks a valid key', async () => {
    assert.deepEqual(await adapter(connection(sim)).checkKey(new AbortController().signal), { ok: true, modelCount: 2 });
  });

  it('reports an invalid key as auth, without the key in the message', async () => {
    sim.inject({ kind: 'unauthorized' });
    const check = await adapter(connection(sim)).checkKey(new AbortController().signal);
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.equal(check.error.kind, 'auth');
    assert.equal(check.error.status, 401);
    assert.match(check.error.message, /invalid x-api-key/);
    assert.ok(!check.error.userMessage.includes(API_KEY), check.error.userMessage);
  });

  it('reports an empty credit balance (400 invalid_request_error) as quota, not as a bad request', async () => {
    sim.inject({ kind: 'quota', times: 0 });
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'quota');
    assert.equal(got.error?.retryable, false);
    assert.match(got.error?.message ?? '', /credit balance is too low/);
  });

  it('lists models and checks the key on an Anthropic-compatible host', async () => {
    const a = adapter(compatConnection(sim));
    assert.deepEqual((await a.listModels(new AbortController().signal)).map((m) => m.id), ['sim-model-1', 'sim-model-2']);
    assert.equal(sim.lastRequest('/v1/models')!.path, '/api/anthropic/v1/models');
    assert.deepEqual(await a.checkKey(new AbortController().signal), { ok: true, modelCount: 2 });
  });

  it('on a compatible host without a model listing, checks the key with a free empty request', async () => {
    sim.inject({ kind: 'not-found', pathIncludes: '/v1/models', times: 0 }); // this host serves no listing
    const a = adapter(compatConnection(sim));
    assert.deepEqual(await a.listModels(new AbortController().signal), []);
    const good = await a.checkKey(new AbortController().signal);
    assert.deepEqual(good, { ok: true, modelCount: 0 });
    const probe = sim.lastRequest('/v1/messages')!;
    assert.equal(probe.path, '/api/anthropic/v1/messages');
    assert.equal((probe.body as { max_tokens: number }).max_tokens, 1);

    sim.inject({ kind: 'unauthorized', pathIncludes: '/v1/messages' });
    const bad = await a.checkKey(new AbortController().signal);
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.kind, 'auth');
  });

  it('never sends the key to another origin, even when the host redirects there', async () => {
    const redirector = await startRedirector(`${sim.url}/anthropic`);
    try {
      const a = adapter(connection(sim, { baseUrl: `${redirector.url}/anthropic` }));
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
