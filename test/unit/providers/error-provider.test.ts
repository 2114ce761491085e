// A ProviderError names its provider by the preset id, for every provider alike, so callers can look the
// preset up (label, key link) and policies and logs compare like with like.
import * as assert from 'node:assert/strict';
import { PRESETS } from '../../../src/core/providers/presets';
import { createAdapter } from '../../../src/core/providers/registry';
import type { Connection } from '../../../src/core/providers/types';
import { createSimulator } from '../../support/simulator';
import { collect } from './stream-helpers';

/** Where each family's API sits on the simulator. */
function connectionFor(presetId: string, family: string, simUrl: string): Connection {
  const base = family === 'anthropic' ? `${simUrl}/anthropic` : family === 'openai' || family === 'openai-compatible' ? `${simUrl}/v1` : simUrl;
  return {
    presetId, baseUrl: base, apiKey: 'sim-key-provider-1', maxRetries: 0,
    ...(family === 'azure' ? { azure: { apiVersion: '2024-10-21', deployments: ['sim-model-1'] } } : {}),
    ...(family === 'bedrock' ? { bedrock: { region: 'us-east-1' } } : {}),
  };
}

describe('provider errors name the preset id', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  for (const p of PRESETS) {
    it(`${p.id}: a failed key check and a failed stream both say provider "${p.id}"`, async () => {
      sim.inject({ kind: 'unauthorized', times: 0 });
      const adapter = createAdapter(connectionFor(p.id, p.family, sim.url));
      const check = await adapter.checkKey(new AbortController().signal);
      assert.ok(!check.ok, 'the check failed');
      assert.equal(check.error.provider, p.id);
      const out = await collect(adapter.stream({ model: 'sim-model-1', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, new AbortController().signal));
      assert.ok(out.error, 'the stream failed');
      assert.equal(out.error.provider, p.id);
    });
  }

  it('a request refused for another origin names the preset id too', async () => {
    const p = PRESETS.find((x) => x.id === 'openrouter')!;
    const adapter = createAdapter({ ...connectionFor(p.id, p.family, sim.url), fetch: () => Promise.resolve(new Response(null, { status: 307, headers: { location: 'https://elsewhere.example/' } })) });
    const check = await adapter.checkKey(new AbortController().signal);
    assert.ok(!check.ok);
    assert.equal(check.error.provider, 'openrouter');
  });
});
