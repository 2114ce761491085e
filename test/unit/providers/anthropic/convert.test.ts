// The pure pieces of the Anthropic adapter: token planning, usage arithmetic, stop reasons, error
// mapping for in-stream errors, model defaults.
import assert from 'node:assert/strict';
import { buildParams, planTokens } from '../../../../src/core/providers/anthropic/build-request';
import { sdkBaseUrl } from '../../../../src/core/providers/anthropic/client';
import { emptyTally, mergeUsage, toUsage } from '../../../../src/core/providers/anthropic/convert-usage';
import { toAnthropicError } from '../../../../src/core/providers/anthropic/errors';
import { toModelInfo } from '../../../../src/core/providers/anthropic/list-models';
import { mapStopReason } from '../../../../src/core/providers/anthropic/map-finish';
import { ProviderError } from '../../../../src/core/errors';

describe('anthropic conversions', () => {
  it('plans max_tokens above the thinking budget and within the model limit', () => {
    assert.deepEqual(planTokens(undefined, undefined, false), { maxTokens: 8192 });
    assert.deepEqual(planTokens(2000, undefined, false), { maxTokens: 2000 });
    assert.deepEqual(planTokens(undefined, 4096, true), { maxTokens: 8192, budget: 4096 });
    assert.deepEqual(planTokens(1000, 3000, true), { maxTokens: 4000, budget: 3000 });
    assert.deepEqual(planTokens(undefined, 10, true), { maxTokens: 8192, budget: 1024 });
    assert.deepEqual(planTokens(8192, 60000, true, 64000), { maxTokens: 64000, budget: 60000 });
    assert.deepEqual(planTokens(8192, 64000, true, 64000), { maxTokens: 64000, budget: 62976 });
    assert.deepEqual(planTokens(100000, undefined, false, 64000), { maxTokens: 64000 });
    const p = planTokens(500, 500, true, 1500);
    assert.ok(p.budget === undefined || p.budget < p.maxTokens);
  });

  it('uses adaptive thinking for a model whose listing says it takes only that', () => {
    const params = buildParams({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }], reasoning: {} },
      { promptCaching: true, facts: { thinkingEnabled: false, thinkingAdaptive: true } });
    assert.deepEqual(params.thinking, { type: 'adaptive' });
  });

  it('counts cache reads and writes into the total input (Anthropic excludes them)', () => {
    let t = mergeUsage(emptyTally(), { input_tokens: 10, cache_read_input_tokens: 1000, cache_creation_input_tokens: 200, output_tokens: 1 });
    t = mergeUsage(t, { output_tokens: 55, input_tokens: null, output_tokens_details: { thinking_tokens: 30 } });
    assert.deepEqual(toUsage(t), { inputTokens: 1210, outputTokens: 55, cachedInputTokens: 1000, cacheWriteInputTokens: 200, reasoningTokens: 30 });
  });

  it('maps every stop reason', () => {
    assert.equal(mapStopReason('end_turn', false), 'stop');
    assert.equal(mapStopReason('stop_sequence', false), 'stop');
    assert.equal(mapStopReason('max_tokens', false), 'length');
    assert.equal(mapStopReason('model_context_window_exceeded', false), 'length');
    assert.equal(mapStopReason('tool_use', true), 'tool-calls');
    assert.equal(mapStopReason('refusal', false), 'content-filter');
    assert.equal(mapStopReason('end_turn', true), 'tool-calls');
    assert.equal(mapStopReason(null, false), 'stop');
  });

  it('maps in-stream error events (no HTTP status) by their error type', () => {
    const inStream = (type: string, message: string): Error => Object.assign(new Error(message), {
      status: undefined, headers: new Headers(), error: { type: 'error', error: { type, message } },
    });
    assert.equal(toAnthropicError(inStream('overloaded_error', 'Overloaded'), 'Anthropic', undefined, []).kind, 'server');
    assert.equal(toAnthropicError(inStream('rate_limit_error', 'slow down'), 'Anthropic', undefined, []).kind, 'rate-limit');
    assert.equal(toAnthropicError(inStream('invalid_request_error', 'prompt is too long: 3 tokens > 2 maximum'), 'Anthropic', undefined, []).kind, 'context-too-long');
    assert.equal(toAnthropicError(inStream('billing_error', 'no credit'), 'Anthropic', undefined, []).kind, 'quota');
  });

  it('finds the pinned fetch\'s refusal inside the SDK\'s connection error', () => {
    const refusal = new ProviderError({ kind: 'unexpected-response', provider: 'Anthropic', message: 'The host redirected' });
    const wrapped = Object.assign(new Error('Connection error.', { cause: refusal }), { status: undefined, headers: undefined, error: undefined });
    assert.equal(toAnthropicError(wrapped, 'Anthropic', undefined, []), refusal);
  });

  it('fills safe model defaults when the listing has no limits', () => {
    assert.deepEqual(toModelInfo({ id: 'claude-3-5-haiku-20241022', display_name: 'Claude Haiku 3.5' }), {
      id: 'claude-3-5-haiku-20241022', name: 'Claude Haiku 3.5', contextWindow: 200000, maxOutputTokens: 8192,
      vision: true, toolCalling: true, reasoning: false, source: 'live',
    });
    const modern = toModelInfo({ id: 'claude-sonnet-4-6' });
    assert.equal(modern.maxOutputTokens, 64000);
    assert.equal(modern.name, 'claude-sonnet-4-6');
    assert.equal(modern.reasoning, true);
  });

  it('strips a trailing /v1 from the base URL (the SDK adds it)', () => {
    assert.equal(sdkBaseUrl('https://api.example.com/anthropic/v1'), 'https://api.example.com/anthropic');
    assert.equal(sdkBaseUrl('https://api.anthropic.com'), 'https://api.anthropic.com');
  });
});
