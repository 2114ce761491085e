// End to end against the simulator with the real SDKs: every family's usage payload (cache reads and
// writes, reasoning, OpenRouter's cost) becomes the same normalised counts, the ledger's cost matches what
// the simulator reported, and each request carries the provider's request id.
import * as assert from 'node:assert/strict';
import { costOf } from '../../../src/core/chat/cost';
import { createAdapter } from '../../../src/core/providers/registry';
import type { Connection, StreamPart, Usage } from '../../../src/core/providers/types';
import { ChatRouter, type MeterRecord } from '../../../src/core/routing/chat-router';
import { createSimulator } from '../../support/simulator';

const sim = createSimulator();

function connections(): Record<string, Connection> {
  return {
    openai: { presetId: 'openai', baseUrl: `${sim.url}/v1`, apiKey: 'sk-sim-openai', maxRetries: 0 },
    openrouter: { presetId: 'openrouter', baseUrl: `${sim.url}/api/v1`, apiKey: 'sk-or-sim-1', maxRetries: 0 },
    anthropic: { presetId: 'anthropic', baseUrl: `${sim.url}/anthropic`, apiKey: 'sk-ant-sim-key-01', maxRetries: 0 },
    gemini: { presetId: 'gemini', baseUrl: sim.url, apiKey: 'AIzaSim-gem-key1', maxRetries: 0 },
    bedrock: { presetId: 'bedrock', baseUrl: sim.url, apiKey: 'ABSKc2ltLWtleS0x', bedrock: { region: 'us-east-1' }, maxRetries: 0 },
  };
}

async function run(presetId: string): Promise<{ parts: StreamPart[]; record: MeterRecord }> {
  const meter: MeterRecord[] = [];
  const router = new ChatRouter({
    connectionFor: (keyId) => Promise.resolve(connections()[keyId]!), refusal: () => undefined, providerEnabled: () => true,
    meter: (r) => meter.push(r), keyName: () => `${presetId} key`, createAdapter,
  });
  const parts: StreamPart[] = [];
  for await (const p of router.stream({ keyId: presetId, presetId, modelId: 'sim-model-1' }, { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, new AbortController().signal, 'chat')) parts.push(p);
  assert.equal(meter.length, 1);
  return { parts, record: meter[0]! };
}

describe('usage/simulator: usage and request ids per family', () => {
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('OpenAI: cached and reasoning tokens, x-request-id', async () => {
    sim.setReply({ text: 'hello', usage: { input: 2006, output: 300, cached: 1920, reasoning: 192 } });
    const { record } = await run('openai');
    assert.deepEqual(record.usage, { inputTokens: 2006, outputTokens: 300, cachedInputTokens: 1920, reasoningTokens: 192 });
    assert.match(record.requestId ?? '', /^req_chatcmpl-sim/);
    assert.equal(record.host, new URL(sim.url).host);
    assert.equal(record.keyName, 'openai key');
  });

  it('OpenRouter: usage.cost recorded as the provider cost, cache writes, the generation id as request id', async () => {
    sim.setReply({ text: 'hello', usage: { input: 10_339, output: 60, cacheWrite: 10_318, cost: 0.0418 } });
    const { record } = await run('openrouter');
    assert.deepEqual(record.usage, { inputTokens: 10_339, outputTokens: 60, cacheWriteInputTokens: 10_318, providerCostUsd: 0.0418 });
    assert.match(record.requestId ?? '', /^gen-1760000000-sim/);
  });

  it('Anthropic: cache read, 5-minute and 1-hour writes and thinking, the request-id header, cost without double billing', async () => {
    sim.setReply({ text: 'hello', usage: { input: 11_250, output: 503, cached: 10_000, cacheWrite: 1200, cacheWrite1h: 1000, reasoning: 100 } });
    const { record, parts } = await run('anthropic');
    const usage = record.usage!;
    assert.deepEqual(usage, { inputTokens: 11_250, outputTokens: 503, cachedInputTokens: 10_000, cacheWriteInputTokens: 1200, cacheWrite1hInputTokens: 1000, reasoningTokens: 100 });
    assert.ok(parts.some((p) => p.type === 'request-id'));
    assert.match(record.requestId ?? '', /.+/);
    const usd = costOf(usage, { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3, cacheWritePerMTok: 3.75, cacheWrite1hPerMTok: 6 }).usd!;
    assert.ok(Math.abs(usd - (50 * 3 + 10_000 * 0.3 + 200 * 3.75 + 1000 * 6 + 503 * 15) / 1e6) < 1e-12);
  });

  it('Gemini: thoughts billed as output, cached content, responseId as request id', async () => {
    sim.setReply({ text: 'hello', usage: { input: 4000, output: 1450, cached: 3000, reasoning: 1200 } });
    const { record } = await run('gemini');
    assert.deepEqual(record.usage, { inputTokens: 4000, outputTokens: 1450, cachedInputTokens: 3000, reasoningTokens: 1200 });
    assert.equal(record.requestId, 'sim-response-1');
  });

  it('Bedrock: cache read and write fields, x-amzn-requestid', async () => {
    sim.setReply({ text: 'hello', usage: { input: 2512, output: 40, cached: 1500, cacheWrite: 1000 } });
    const { record } = await run('bedrock');
    assert.deepEqual(record.usage, { inputTokens: 2512, outputTokens: 40, cachedInputTokens: 1500, cacheWriteInputTokens: 1000 } satisfies Usage);
    assert.match(record.requestId ?? '', /^[0-9a-f-]{36}$/);
  });
});
