// The key goes only to its own host, and never appears in an error message.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import { pinnedFetch } from '../../../../src/core/providers/pinned-fetch';
import { createOpenAIAdapter } from '../../../../src/core/providers/openai/adapter';
import { loadClient } from '../../../../src/core/providers/openai/client';
import { fromOpenAIError } from '../../../../src/core/providers/openai/errors';
import { createSimulator } from '../../../support/simulator';
import { connectionFor, failure, FAMILY_PRESETS, preset, startServer } from './helpers';

describe('OpenAI family: the key stays with its host', () => {
  const sim = createSimulator();
  const other = createSimulator();
  before(async () => { await sim.start(); await other.start(); });
  after(async () => { await sim.stop(); await other.stop(); });
  beforeEach(() => { sim.reset(); other.reset(); });

  it('the SDK client refuses a request to another origin, and that origin sees nothing', async () => {
    const p = preset('openai');
    const connection = connectionFor(p, sim);
    const { sdk, client } = await loadClient(connection, p);
    let caught: unknown;
    try { await client.get(`${other.url}/v1/models`); } catch (e) { caught = e; }
    const err = fromOpenAIError(caught, sdk, { provider: p.id, secrets: [connection.apiKey] });
    assert.equal(err.kind, 'bad-request');
    assert.match(err.message, /Refused to send the key/);
    assert.equal(other.requests.length, 0);
  });

  it('pinnedFetch refuses another origin before connecting', async () => {
    const fetch = pinnedFetch(`${sim.url}/v1`, 'openai', new Set(['authorization']));
    await assert.rejects(fetch(`${other.url}/v1/models`, { headers: { authorization: 'Bearer sk-sim-pinned' } }),
      (e: unknown) => e instanceof ProviderError && e.kind === 'bad-request');
    assert.equal(other.requests.length, 0);
    const ok = await fetch(`${sim.url}/v1/models`);
    assert.equal(ok.status, 200);
  });

  it('pinnedFetch sends only the headers on its allow-list, from init and from a Request alike', async () => {
    const fetch = pinnedFetch(`${sim.url}/v1`, 'openai', new Set(['authorization', 'content-type']));
    await fetch(`${sim.url}/v1/models`, { headers: { Authorization: 'Bearer sk-sim-allowed', 'X-Corp-Token': 'secret', 'Content-Type': 'application/json' } });
    await fetch(new Request(`${sim.url}/v1/models`, { headers: { 'x-corp-token': 'secret', authorization: 'Bearer sk-sim-req' } }));
    const [first, second] = sim.requests;
    assert.equal(first?.headers.authorization, 'Bearer sk-sim-allowed');
    assert.equal(first?.headers['content-type'], 'application/json');
    assert.equal(first?.headers['x-corp-token'], undefined);
    assert.equal(second?.headers.authorization, 'Bearer sk-sim-req');
    assert.equal(second?.headers['x-corp-token'], undefined);
  });

  it('pinnedFetch does not follow a redirect to another host with the key', async () => {
    const redirector = await startServer((_req, res) => { res.writeHead(307, { location: `${other.url}/v1/models` }).end(); });
    try {
      const p = preset('openai-compatible');
      const adapter = createOpenAIAdapter({ presetId: p.id, baseUrl: `${redirector.url}/v1`, apiKey: 'sk-sim-redir', maxRetries: 0 }, p);
      const check = await adapter.checkKey(new AbortController().signal);
      assert.equal(!check.ok && check.error.kind, 'unexpected-response');
      assert.equal(other.requests.length, 0);
    } finally {
      await redirector.close();
    }
  });

  for (const p of FAMILY_PRESETS) {
    it(`${p.id}: a 401 that echoes the whole key does not put the key in the error`, async () => {
      // Some hosts and proxies quote the key they got; rewrite the simulator's 401 into one that does.
      const key = p.id === 'openai' ? 'sk-sim-echo-1' : 'plainkey-echo-42';
      const echoing: typeof fetch = async (input, init) => {
        const res = await fetch(input, init);
        if (res.status !== 401) return res;
        return new Response(JSON.stringify({ error: { message: `Invalid key ${key} for this host (key=${key})`, type: 'invalid_request_error', code: 'invalid_api_key' } }), { status: 401, headers: { 'content-type': 'application/json' } });
      };
      sim.inject({ kind: 'unauthorized', times: 0 });
      const adapter = createOpenAIAdapter(connectionFor(p, sim, { apiKey: key, fetch: echoing }), p);
      const check = await adapter.checkKey(new AbortController().signal);
      assert.equal(!check.ok && check.error.kind, 'auth');
      const err = !check.ok ? check.error : undefined;
      assert.ok(err);
      assert.ok(!err.message.includes(key) && !err.userMessage.includes(key), err.message);
      assert.match(err.message, /\[redacted\]/);
      const streamErr = await failure(adapter.stream({ model: 'sim-model-1', messages: [] }, new AbortController().signal), 'auth');
      assert.ok(!streamErr.message.includes(key));
    });
  }
});
