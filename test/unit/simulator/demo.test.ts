// npm start -- --demo's provider, through the real OpenAI SDK adapter a user's key would use.
import * as assert from 'node:assert/strict';
import { createOpenAIAdapter } from '../../../src/core/providers/openai/adapter';
import type { ChatRequest, Connection } from '../../../src/core/providers/types';
import { createSimulator } from '../../support/simulator';
import { DEMO_ANSWERS, demoAnswerFor } from '../../support/simulator/demo/answers';
import { DEMO_KEY, DEMO_PATH, DEMO_RETRY_AFTER_SEC, DEMO_WRONG_KEY } from '../../support/simulator/demo/demo-format';
import { collect, failure, preset, textOf } from '../providers/openai/helpers';

const custom = preset('openai-compatible');
const ask = (model: string, text: string): ChatRequest => ({ model, messages: [{ role: 'user', content: [{ type: 'text', text }] }] });

describe('demo provider (npm start -- --demo)', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  const connection = (apiKey: string): Connection => ({ presetId: custom.id, baseUrl: sim.url + DEMO_PATH, apiKey, maxRetries: 0 });

  it('the demo key works: its check lists the demo models with prices', async () => {
    const adapter = createOpenAIAdapter(connection(DEMO_KEY), custom);
    const check = await adapter.checkKey(AbortSignal.timeout(10_000));
    assert.deepEqual(check, { ok: true, modelCount: 3 });
    const models = await adapter.listModels(AbortSignal.timeout(10_000));
    const writer = models.find((m) => m.id === 'demo-writer');
    assert.equal(writer?.name, 'Demo Writer');
    assert.deepEqual(writer?.pricing, { inputPerMTok: 3, outputPerMTok: 15 });
  });

  it('the wrong key is refused with the provider\'s real invalid-key error, at the check and at a request', async () => {
    const adapter = createOpenAIAdapter(connection(DEMO_WRONG_KEY), custom);
    const check = await adapter.checkKey(AbortSignal.timeout(10_000));
    assert.ok(!check.ok);
    assert.equal(check.error.kind, 'auth');
    assert.equal(check.error.status, 401);
    assert.match(check.error.message, /Incorrect API key provided/);
    assert.ok(!check.error.message.includes(DEMO_WRONG_KEY), 'the key itself is not echoed');
    await failure(adapter.stream(ask('demo-writer', 'hi'), AbortSignal.timeout(10_000)), 'auth');
  });

  it('streams the scripted Markdown answer (headings, a table, code in two languages) at a model\'s pace, with usage', async () => {
    const adapter = createOpenAIAdapter(connection(DEMO_KEY), custom);
    const started = performance.now();
    const parts = await collect(adapter.stream(ask('demo-fast', 'What can you do?'), AbortSignal.timeout(30_000)));
    const seconds = (performance.now() - started) / 1000;
    assert.equal(textOf(parts), DEMO_ANSWERS.tour);
    for (const shape of [/^## /m, /^\| .* \|$/m, /^```typescript$/m, /^```python$/m, /^1\. /m]) assert.match(DEMO_ANSWERS.tour, shape);
    const deltas = parts.filter((p) => p.type === 'text').length;
    assert.ok(deltas > 50, `streamed in many small deltas (${deltas}), not all at once`);
    // Not a timing test: a stream that took no time at all would make Stop impossible to try.
    assert.ok(seconds > 0.5, `paced, not instant (${seconds.toFixed(2)} s)`);
    const finish = parts.find((p) => p.type === 'finish');
    assert.ok(finish?.type === 'finish' && (finish.usage?.outputTokens ?? 0) > 0 && (finish.usage?.inputTokens ?? 0) > 0, 'usage reported, so Usage shows figures');
  });

  it('answers by what is asked: a table, code, a long answer to stop', () => {
    assert.equal(demoAnswerFor('Show me a table of sorting algorithms'), DEMO_ANSWERS.table);
    assert.equal(demoAnswerFor('write some code'), DEMO_ANSWERS.code);
    assert.equal(demoAnswerFor('give me a long answer'), DEMO_ANSWERS.long);
    assert.match(DEMO_ANSWERS.code, /```typescript[\s\S]*```python/);
  });

  it('the busy model fails with a rate limit and its Retry-After', async () => {
    const adapter = createOpenAIAdapter(connection(DEMO_KEY), custom);
    const err = await failure(adapter.stream(ask('demo-busy', 'hi'), AbortSignal.timeout(10_000)), 'rate-limit');
    assert.equal(err.status, 429);
    const response = await fetch(`${sim.url}${DEMO_PATH}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${DEMO_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'demo-busy', messages: [], stream: true }) });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), String(DEMO_RETRY_AFTER_SEC));
  });
});
