// The pure pieces, without a network: finish reasons, usage, chunk mapping, listings, error bodies.
import * as assert from 'node:assert/strict';
import { convertUsage } from '../../../../src/core/providers/openai/convert-usage';
import { parseModelList } from '../../../../src/core/providers/openai/list-models';
import { mapFinishReason } from '../../../../src/core/providers/openai/map-finish';
import { ollamaModelInfo, parseShow } from '../../../../src/core/providers/openai/ollama';
import { policyFetch } from '../../../../src/core/providers/openai/policy-fetch';
import { chunksToParts } from '../../../../src/core/providers/openai/part-iterator';
import type { ChunkLike } from '../../../../src/core/providers/openai/convert-stream';
import { ProviderError } from '../../../../src/core/errors';
import { collect } from './helpers';

async function* from(chunks: ChunkLike[]): AsyncGenerator<ChunkLike> { for (const c of chunks) yield await Promise.resolve(c); }

describe('OpenAI family: pure conversions', () => {
  it('maps finish reasons, including hosts that say "stop" with tool calls', () => {
    assert.equal(mapFinishReason('stop', false), 'stop');
    assert.equal(mapFinishReason('length', false), 'length');
    assert.equal(mapFinishReason('content_filter', false), 'content-filter');
    assert.equal(mapFinishReason('tool_calls', true), 'tool-calls');
    assert.equal(mapFinishReason('stop', true), 'tool-calls');
    assert.equal(mapFinishReason('sensitive', false), 'content-filter');
    assert.equal(mapFinishReason('insufficient_system_resource', false), 'error');
    assert.equal(mapFinishReason('something_new', false), 'stop');
  });

  it('converts OpenAI and DeepSeek usage', () => {
    assert.deepEqual(convertUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 2 } }),
      { inputTokens: 10, outputTokens: 5, cachedInputTokens: 4, reasoningTokens: 2 });
    assert.deepEqual(convertUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_cache_hit_tokens: 8, prompt_cache_miss_tokens: 2 }),
      { inputTokens: 10, outputTokens: 5, cachedInputTokens: 8 });
    assert.equal(convertUsage(null), undefined);
    assert.equal(convertUsage({}), undefined);
  });

  it('handles chunks without choices, OpenRouter reasoning, and usage sent before the finish', async () => {
    const parts = await collect(chunksToParts(from([
      { choices: [] },
      { choices: null },
      { choices: [{ index: 0, delta: { role: 'assistant', content: '' } as never }] },
      { choices: [{ index: 0, delta: { reasoning: 'hmm' } }] },
      { choices: [{ index: 0, delta: { content: 'Hi' } }] },
      { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 2 } },
    ])));
    assert.deepEqual(parts, [
      { type: 'reasoning', delta: 'hmm' },
      { type: 'text', delta: 'Hi' },
      { type: 'usage', usage: { inputTokens: 1, outputTokens: 2 } },
      { type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 2 } },
    ]);
  });

  it('yields no finish when the host never said why it stopped', async () => {
    const parts = await collect(chunksToParts(from([{ choices: [{ index: 0, delta: { content: 'cut' } }] }])));
    assert.deepEqual(parts, [{ type: 'text', delta: 'cut' }]);
  });

  it('keeps calls apart when a host sends each whole call with index 0, and invents missing ids', async () => {
    const parts = await collect(chunksToParts(from([
      { choices: [{ delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x":1}' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ index: 0, id: 'b', function: { name: 'g', arguments: '{}' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ function: { name: 'h', arguments: '' } }] } }] },
      { choices: [{ delta: {}, finish_reason: 'stop' }] },
    ])));
    assert.deepEqual(parts, [
      { type: 'tool-call', call: { id: 'a', name: 'f', argumentsJson: '{"x":1}' } },
      { type: 'tool-call', call: { id: 'b', name: 'g', argumentsJson: '{}' } },
      { type: 'tool-call', call: { id: 'call_2', name: 'h', argumentsJson: '{}' } },
      { type: 'finish', reason: 'tool-calls' },
    ]);
  });

  it('reads Groq and Mistral listings and drops models that cannot chat', () => {
    const models = parseModelList(JSON.stringify({
      object: 'list',
      data: [
        { id: 'llama-3.3-70b-versatile', object: 'model', context_window: 131072, max_completion_tokens: 32768 },
        { id: 'mistral-large-latest', max_context_length: 131072, capabilities: { completion_chat: true, function_calling: true, vision: true } },
        { id: 'text-embedding-3-small' }, { id: 'whisper-1' }, { id: 'dall-e-3' }, { id: 'gpt-4o-mini-tts' },
        { id: 'o4-mini' },
      ],
    }), 'X');
    assert.deepEqual(models.map((m) => [m.id, m.contextWindow, m.maxOutputTokens, m.vision, m.reasoning]), [
      ['llama-3.3-70b-versatile', 131072, 32768, false, false],
      ['mistral-large-latest', 131072, 8192, true, false],
      ['o4-mini', 128000, 8192, false, true],
    ]);
  });

  it('rejects listings that are not OpenAI-shaped', () => {
    assert.throws(() => parseModelList('<html></html>', 'X'), (e: unknown) => e instanceof ProviderError && e.kind === 'unexpected-response');
    assert.throws(() => parseModelList('{"models":[]}', 'X'), (e: unknown) => e instanceof ProviderError && e.kind === 'unexpected-response');
  });

  it('reads Ollama /api/show facts', () => {
    const facts = parseShow({ model_info: { 'general.architecture': 'qwen2', 'qwen2.context_length': 32768 }, capabilities: ['completion', 'tools'] });
    assert.deepEqual(facts, { contextWindow: 32768, capabilities: ['completion', 'tools'] });
    const info = ollamaModelInfo('qwen2.5:7b', facts);
    assert.equal(info.contextWindow, 32768);
    assert.equal(info.toolCalling, true);
    assert.deepEqual(parseShow({}), { capabilities: [] });
  });

  describe('policyFetch', () => {
    const respond = (status: number, body: string, headers: Record<string, string> = {}): typeof fetch =>
      () => Promise.resolve(new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } }));

    it('marks insufficient_quota 429 as not retryable, and leaves a plain 429 alone', async () => {
      const quota = await policyFetch(respond(429, '{"error":{"code":"insufficient_quota","message":"quota"}}'))('http://h/x');
      assert.equal(quota.headers.get('x-should-retry'), 'false');
      assert.equal(await quota.text(), '{"error":{"code":"insufficient_quota","message":"quota"}}');
      const rate = await policyFetch(respond(429, '{"error":{"code":"rate_limit_exceeded"}}', { 'retry-after': '2' }))('http://h/x');
      assert.equal(rate.headers.get('x-should-retry'), null);
    });

    it('does not let the SDK sleep through a long Retry-After', async () => {
      const long = await policyFetch(respond(429, '{}', { 'retry-after': '3600' }))('http://h/x');
      assert.equal(long.headers.get('x-should-retry'), 'false');
    });

    it('wraps an error body without an "error" member so the SDK keeps it', async () => {
      const r = await policyFetch(respond(404, '{"detail":"Not Found"}'))('http://h/x');
      assert.deepEqual(await r.json(), { error: { detail: 'Not Found', message: 'Not Found' } });
      const ok = await policyFetch(respond(200, '{"data":[]}'))('http://h/x');
      assert.equal(await ok.text(), '{"data":[]}');
    });
  });
});
