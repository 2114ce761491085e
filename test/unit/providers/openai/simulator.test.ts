// The simulator's OpenAI, Azure and Ollama formats are as awkward as the real services: these
// tests read the raw wire, so an adapter test passing against them means something.
import * as assert from 'node:assert/strict';
import { createSimulator } from '../../../support/simulator';

interface Chunk { choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: unknown; obfuscation?: string; service_tier?: string; system_fingerprint?: string; prompt_filter_results?: unknown }

async function sseEvents(res: Response): Promise<string[]> {
  const text = await res.text();
  return text.split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
}

describe('OpenAI family: simulator formats', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-sim-raw', ...headers }, body: JSON.stringify(body) });

  it('streams a role-only first chunk, extra fields, usage: null, a usage chunk with choices: [], then [DONE]', async () => {
    sim.setReply({ text: 'abcdef', reasoning: 'hm', chunkChars: 3, usage: { input: 5, output: 2, cached: 1, reasoning: 1 } });
    const res = await post('/v1/chat/completions', { model: 'sim-model-1', messages: [], stream: true, stream_options: { include_usage: true } });
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const events = await sseEvents(res);
    assert.equal(events.at(-1), '[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Chunk);
    assert.deepEqual(chunks[0]!.choices[0]!.delta, { role: 'assistant', content: '', refusal: null });
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null && typeof c.obfuscation === 'string' && c.service_tier === 'default' && c.system_fingerprint));
    assert.deepEqual(chunks[1]!.choices[0]!.delta, { content: null, reasoning_content: 'hm' });
    assert.deepEqual(chunks.slice(2, 4).map((c) => c.choices[0]!.delta.content), ['abc', 'def']);
    assert.equal(chunks.at(-2)!.choices[0]!.finish_reason, 'stop');
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.deepEqual(last.usage, {
      prompt_tokens: 5, completion_tokens: 2, total_tokens: 7,
      prompt_tokens_details: { cached_tokens: 1, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 1, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    });
  });

  it('without include_usage there is no usage chunk', async () => {
    const events = await sseEvents(await post('/v1/chat/completions', { model: 'sim-model-1', messages: [], stream: true }));
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Chunk);
    assert.ok(chunks.every((c) => !('usage' in c)));
    assert.equal(chunks.at(-1)!.choices[0]!.finish_reason, 'stop');
  });

  it('streams tool calls in pieces: id and name first, then argument fragments', async () => {
    sim.setReply({ text: '', toolCalls: [{ id: 'call_1', name: 'f', argumentsJson: '{"a":12345}' }], chunkChars: 4 });
    const events = await sseEvents(await post('/v1/chat/completions', { model: 'sim-model-1', messages: [], stream: true }));
    const calls = events.slice(0, -1).map((e) => JSON.parse(e) as Chunk).map((c) => c.choices[0]!.delta.tool_calls).filter(Boolean) as { index: number; id?: string; function: { name?: string; arguments: string } }[][];
    assert.deepEqual(calls[0], [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }]);
    assert.equal(calls.slice(1).map((c) => c[0]!.function.arguments).join(''), '{"a":12345}');
    assert.ok(calls.length > 2);
  });

  it('answers stream: false with one JSON completion', async () => {
    const res = await post('/v1/chat/completions', { model: 'sim-model-1', messages: [] });
    const json = await res.json() as { object: string; choices: { message: { content: string } }[]; usage: { prompt_tokens: number } };
    assert.equal(json.object, 'chat.completion');
    assert.equal(json.choices[0]!.message.content, 'Hello from the simulator. Ünïcødé ✓ and an emoji 🚀 split across writes.');
    assert.equal(json.usage.prompt_tokens, 12);
  });

  it('answers an unknown model with 404 model_not_found in OpenAI\'s error shape', async () => {
    const res = await post('/v1/chat/completions', { model: 'gpt-nope', messages: [], stream: true });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: { message: 'The model `gpt-nope` does not exist or you do not have access to it.', type: 'invalid_request_error', param: null, code: 'model_not_found' } });
  });

  it('rate limits with Retry-After and code rate_limit_exceeded; quota is 429 insufficient_quota without it', async () => {
    sim.inject({ kind: 'rate-limit', retryAfterSec: 7 });
    const rate = await post('/v1/chat/completions', { model: 'sim-model-1', messages: [] });
    assert.equal(rate.status, 429);
    assert.equal(rate.headers.get('retry-after'), '7');
    assert.equal((await rate.json() as { error: { code: string } }).error.code, 'rate_limit_exceeded');
    sim.inject({ kind: 'quota' });
    const quota = await post('/v1/chat/completions', { model: 'sim-model-1', messages: [] });
    assert.equal(quota.status, 429);
    assert.equal(quota.headers.get('retry-after'), null);
    assert.equal((await quota.json() as { error: { code: string } }).error.code, 'insufficient_quota');
  });

  it('masks the presented key in its 401 like OpenAI does', async () => {
    sim.inject({ kind: 'unauthorized' });
    const r401 = await fetch(`${sim.url}/v1/models`, { headers: { authorization: 'Bearer sk-sim-raw-key1' } });
    const body = await r401.json() as { error: { message: string; code: string } };
    assert.equal(body.error.code, 'invalid_api_key');
    assert.match(body.error.message, /^Incorrect API key provided: sk-\*+key1\./);
  });

  it('Azure: starts with a prompt_filter_results chunk and needs api-version', async () => {
    const res = await post('/openai/deployments/sim-model-1/chat/completions?api-version=2024-10-21', { messages: [], stream: true }, { 'api-key': 'k' });
    const first = JSON.parse((await sseEvents(res))[0]!) as Chunk;
    assert.deepEqual(first.choices, []);
    assert.ok(Array.isArray(first.prompt_filter_results));
    const noVersion = await post('/openai/deployments/sim-model-1/chat/completions', { messages: [], stream: true }, { 'api-key': 'k' });
    assert.equal(noVersion.status, 404);
    const unknown = await post('/openai/deployments/other/chat/completions?api-version=2024-10-21', { messages: [] }, { 'api-key': 'k' });
    assert.equal((await unknown.json() as { error: { code: string } }).error.code, 'DeploymentNotFound');
  });

  it('Ollama: /api/show answers 404 {"error": …} for a model it does not have', async () => {
    const res = await post('/api/show', { model: 'ghost' });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: "model 'ghost' not found" });
  });
});
