// A team gateway (LiteLLM proxy) as the host of a custom OpenAI-compatible key: the prices it reports at
// /model/info become the models' prices, so the ledger's cost is what the gateway charges.
import * as assert from 'node:assert/strict';
import { costOf } from '../../../src/core/chat/cost';
import { pricesFromModelInfo } from '../../../src/core/providers/openai/gateway-prices';
import { createAdapter } from '../../../src/core/providers/registry';
import type { Connection } from '../../../src/core/providers/types';
import { createSimulator } from '../../support/simulator';

const sim = createSimulator();
const list = (baseUrl: string, presetId = 'openai-compatible') => {
  const connection: Connection = { presetId, baseUrl, apiKey: 'sk-litellm-virtual-1', maxRetries: 0 };
  return createAdapter(connection).listModels(new AbortController().signal);
};

describe('usage/gateway-prices: a LiteLLM-style gateway reports its prices at /model/info', () => {
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('a gateway that answers /model/info prices its models from it (per token to per million, cache prices too)', async () => {
    const models = await list(`${sim.url}/litellm/v1`);
    const byId = new Map(models.map((m) => [m.id, m]));
    assert.deepEqual(byId.get('sim-model-1')?.pricing, { inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25, cacheWritePerMTok: 3.125 });
    assert.deepEqual(byId.get('sim-model-2')?.pricing, { inputPerMTok: 0.4, outputPerMTok: 1.6 });
    const info = sim.requests.find((r) => r.path.endsWith('/model/info'));
    assert.ok(info, 'asked the gateway');
    assert.equal(info.path, '/litellm/v1/model/info', 'on the key\'s own host');
    assert.equal(info.headers.authorization, 'Bearer sk-litellm-virtual-1');
    const cost = costOf({ inputTokens: 1_000_000, outputTokens: 100_000 }, byId.get('sim-model-2')!.pricing);
    assert.ok(Math.abs(cost.usd! - 0.56) < 1e-9, `the gateway's price: ${cost.usd}`);
  });

  it('a host without /model/info still lists its models, unpriced', async () => {
    const models = await list(`${sim.url}/v1`);
    assert.deepEqual(models.map((m) => m.id), ['sim-model-1', 'sim-model-2']);
    assert.ok(models.every((m) => m.pricing === undefined));
  });

  it('presets that are not gateways never ask /model/info', async () => {
    await list(`${sim.url}/litellm/v1`, 'openai');
    assert.equal(sim.requests.filter((r) => r.path.endsWith('/model/info')).length, 0);
  });

  it('/model/info entries without both prices, or malformed answers, give no price (never $0)', () => {
    const prices = pricesFromModelInfo({ data: [
      { model_name: 'a', model_info: { input_cost_per_token: null, output_cost_per_token: null } },
      { model_name: 'b', model_info: { input_cost_per_token: 0.000001 } },
      { model_name: 'c', model_info: { input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 } },
      { model_name: 'c', model_info: { input_cost_per_token: 9, output_cost_per_token: 9 } },
    ] });
    assert.deepEqual([...prices.keys()], ['c']);
    assert.deepEqual(prices.get('c'), { inputPerMTok: 1, outputPerMTok: 2 });
    assert.equal(pricesFromModelInfo('<html>').size, 0);
    const oneBad = pricesFromModelInfo({ data: [{ model_name: 'x', model_info: { input_cost_per_token: -1, output_cost_per_token: 1 } }, { model_name: 'y', model_info: { input_cost_per_token: 0, output_cost_per_token: 0 } }] });
    assert.deepEqual([...oneBad.keys()], ['y'], 'a bad entry is skipped alone; a free model is priced at $0 because the gateway says so');
  });
});
