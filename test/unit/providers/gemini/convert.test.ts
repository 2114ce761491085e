// The pure pieces of the Gemini adapter: 429 rate limit vs quota, usage arithmetic, finish reasons,
// the SDK's in-stream ApiError, base URLs, listing filters, blocked prompts.
import assert from 'node:assert/strict';
import type { GenerateContentResponse } from '@google/genai';
import { splitBaseUrl } from '../../../../src/core/providers/gemini/client';
import { toUsage } from '../../../../src/core/providers/gemini/convert-usage';
import { classifyGemini, toGeminiError } from '../../../../src/core/providers/gemini/errors';
import { canChat, toModelInfo } from '../../../../src/core/providers/gemini/list-models';
import { mapFinishReason } from '../../../../src/core/providers/gemini/map-finish';
import { mapGeminiChunks } from '../../../../src/core/providers/gemini/convert-stream';
import type { StreamPart } from '../../../../src/core/providers/types';

// What Gemini really answers when a free-tier per-minute limit is hit: the message talks about
// billing, but it is a rate limit that passes in seconds.
const PER_MINUTE_429 = {
  error: {
    code: 429,
    message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10, model: gemini-2.5-flash\nPlease retry in 19.52s.',
    status: 'RESOURCE_EXHAUSTED',
    details: [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier', quotaValue: '10' }] },
      { '@type': 'type.googleapis.com/google.rpc.Help', links: [] },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '19s' },
    ],
  },
};

async function* chunks(list: object[]): AsyncGenerator<GenerateContentResponse> {
  for (const c of list) yield await Promise.resolve(c as GenerateContentResponse);
}

async function all(it: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const p of it) out.push(p);
  return out;
}

describe('gemini conversions', () => {
  it('tells a per-minute 429 (rate limit, retry in 19 s) from a daily or zero-limit one (quota)', () => {
    const minute = classifyGemini({ provider: 'Google Gemini', status: 429, body: PER_MINUTE_429 });
    assert.equal(minute.kind, 'rate-limit');
    assert.equal(minute.retryAfterMs, 19000);
    assert.equal(minute.code, 'RESOURCE_EXHAUSTED');

    const perDay = structuredClone(PER_MINUTE_429);
    perDay.error.details[0]!.violations![0]!.quotaId = 'GenerateRequestsPerDayPerProjectPerModel-FreeTier';
    perDay.error.details.splice(2, 1);
    perDay.error.message = 'You exceeded your current quota, please check your plan and billing details.';
    assert.equal(classifyGemini({ provider: 'g', status: 429, body: perDay }).kind, 'quota');

    const zero = structuredClone(PER_MINUTE_429);
    zero.error.details[0]!.violations![0]!.quotaValue = '0';
    const z = classifyGemini({ provider: 'g', status: 429, body: zero });
    assert.equal(z.kind, 'quota');
    assert.equal(z.retryable, false);
    assert.equal(z.retryAfterMs, undefined);
  });

  it('keeps the ErrorInfo reason as the code', () => {
    const e = classifyGemini({ provider: 'g', status: 400, body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }] } } });
    assert.equal(e.kind, 'auth');
    assert.equal(e.code, 'API_KEY_INVALID');
  });

  it('reads the SDK\'s in-stream ApiError ("got status: X. {json}")', () => {
    const apiError = Object.assign(new Error('got status: UNAVAILABLE. {"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}'), { name: 'ApiError', status: 503 });
    const e = toGeminiError(apiError, 'Google Gemini', undefined, []);
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 503);
    assert.equal(e.message, 'The model is overloaded.');
  });

  it('counts thoughts into output (candidatesTokenCount excludes them) and tool-use prompts into input', () => {
    assert.deepEqual(toUsage({ promptTokenCount: 100, candidatesTokenCount: 20, thoughtsTokenCount: 30, cachedContentTokenCount: 60, toolUsePromptTokenCount: 5 }),
      { inputTokens: 105, outputTokens: 50, cachedInputTokens: 60, reasoningTokens: 30 });
    assert.deepEqual(toUsage({ promptTokenCount: 7, candidatesTokenCount: 3 }), { inputTokens: 7, outputTokens: 3 });
  });

  it('maps finish reasons', () => {
    assert.equal(mapFinishReason('STOP', false), 'stop');
    assert.equal(mapFinishReason('STOP', true), 'tool-calls');
    assert.equal(mapFinishReason('MAX_TOKENS', false), 'length');
    for (const r of ['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII']) assert.equal(mapFinishReason(r, false), 'content-filter');
    assert.equal(mapFinishReason('MALFORMED_FUNCTION_CALL', false), 'error');
  });

  it('ends a blocked prompt (no candidates) as content-filter, and a cut stream with no finish at all', async () => {
    const blocked = await all(mapGeminiChunks(chunks([{ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 9 } }])));
    assert.deepEqual(blocked.at(-1), { type: 'finish', reason: 'content-filter', usage: { inputTokens: 9, outputTokens: 0 } });
    const cut = await all(mapGeminiChunks(chunks([{ candidates: [{ content: { parts: [{ text: 'partial' }] } }] }])));
    assert.deepEqual(cut, [{ type: 'text', delta: 'partial' }]);
  });

  it('splits an API version off the host', () => {
    assert.deepEqual(splitBaseUrl('https://generativelanguage.googleapis.com'), { baseUrl: 'https://generativelanguage.googleapis.com', apiVersion: 'v1beta' });
    assert.deepEqual(splitBaseUrl('https://proxy.example.com/google/v1/'), { baseUrl: 'https://proxy.example.com/google', apiVersion: 'v1' });
    assert.deepEqual(splitBaseUrl('https://x.example.com/v1alpha'), { baseUrl: 'https://x.example.com', apiVersion: 'v1alpha' });
  });

  it('keeps chat models and strips models/', () => {
    assert.equal(canChat({ name: 'models/text-embedding-004', supportedActions: ['embedContent'] }), false);
    assert.equal(canChat({ name: 'models/gemini-2.5-flash', supportedActions: ['generateContent', 'countTokens'] }), true);
    const info = toModelInfo({ name: 'models/gemini-2.5-flash-preview-tts', displayName: 'Gemini TTS', inputTokenLimit: 8192, outputTokenLimit: 16384 });
    assert.deepEqual(info, { id: 'gemini-2.5-flash-preview-tts', name: 'Gemini TTS', contextWindow: 8192, maxOutputTokens: 16384, vision: false, toolCalling: false, reasoning: false, source: 'live' });
  });
});
