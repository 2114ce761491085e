// Token counts per family, from usage payloads as each provider documents and sends them, normalised so
// that uncached input, cache read, cache write and output never overlap, and priced without double billing.
import * as assert from 'node:assert/strict';
import { costOf } from '../../../src/core/chat/cost';
import { toUsage as anthropicUsage, mergeUsage, emptyTally } from '../../../src/core/providers/anthropic/convert-usage';
import { convertUsage as bedrockUsage } from '../../../src/core/providers/bedrock/convert-usage';
import { toUsage as geminiUsage } from '../../../src/core/providers/gemini/convert-usage';
import { convertUsage as openaiUsage } from '../../../src/core/providers/openai/convert-usage';

const close = (a: number | undefined, b: number): void => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe('usage/normalise: real payloads per family', () => {
  it('OpenAI counts cached tokens inside prompt_tokens: they are not added again, and cost the cached price', () => {
    // A Chat Completions usage object with a prompt-cache hit and reasoning (o-series / gpt-5).
    const u = openaiUsage({
      prompt_tokens: 2006, completion_tokens: 300, total_tokens: 2306,
      prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 192, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    })!;
    assert.deepEqual(u, { inputTokens: 2006, outputTokens: 300, cachedInputTokens: 1920, reasoningTokens: 192 });
    const c = costOf(u, { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.5 });
    assert.equal(c.breakdown.uncachedInputTokens, 86);
    close(c.usd, (86 * 2 + 1920 * 0.5 + 300 * 8) / 1e6);
  });

  it('OpenRouter: usage.cost is kept as the provider-reported cost, cache writes are read from prompt_tokens_details', () => {
    const u = openaiUsage({
      prompt_tokens: 10_339, completion_tokens: 60, total_tokens: 10_399, cost: 0.0418,
      is_byok: false,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 10_318, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    })!;
    assert.deepEqual(u, { inputTokens: 10_339, outputTokens: 60, cacheWriteInputTokens: 10_318, providerCostUsd: 0.0418 });
  });

  it('DeepSeek reports cache hits at the top level', () => {
    const u = openaiUsage({ prompt_tokens: 1000, completion_tokens: 50, total_tokens: 1050, prompt_cache_hit_tokens: 800, prompt_cache_miss_tokens: 200 })!;
    assert.deepEqual(u, { inputTokens: 1000, outputTokens: 50, cachedInputTokens: 800 });
  });

  it('Anthropic reports input_tokens WITHOUT cache reads and writes: they are added, and 1-hour writes cost their own price', () => {
    // message_start then message_delta, as the Messages API streams them.
    let t = mergeUsage(emptyTally(), {
      input_tokens: 50, cache_creation_input_tokens: 1200, cache_read_input_tokens: 10_000, output_tokens: 1,
      cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 1000 },
    });
    t = mergeUsage(t, { output_tokens: 503 });
    const u = anthropicUsage(t);
    assert.deepEqual(u, { inputTokens: 11_250, outputTokens: 503, cachedInputTokens: 10_000, cacheWriteInputTokens: 1200, cacheWrite1hInputTokens: 1000 });
    // Claude Sonnet 4.5: $3 in, $15 out, $0.30 cache read, $3.75 5-minute write, $6 1-hour write.
    const c = costOf(u, { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3, cacheWritePerMTok: 3.75, cacheWrite1hPerMTok: 6 });
    assert.equal(c.breakdown.uncachedInputTokens, 50);
    close(c.usd, (50 * 3 + 10_000 * 0.3 + 200 * 3.75 + 1000 * 6 + 503 * 15) / 1e6);
  });

  it('Gemini: thoughtsTokenCount is billed as output although candidatesTokenCount leaves it out', () => {
    const u = geminiUsage({ promptTokenCount: 4000, candidatesTokenCount: 250, thoughtsTokenCount: 1200, cachedContentTokenCount: 3000 });
    assert.deepEqual(u, { inputTokens: 4000, outputTokens: 1450, cachedInputTokens: 3000, reasoningTokens: 1200 });
    const c = costOf(u, { inputPerMTok: 0.3, outputPerMTok: 2.5, cachedInputPerMTok: 0.075 });
    close(c.usd, (1000 * 0.3 + 3000 * 0.075 + 1450 * 2.5) / 1e6);
  });

  it('Bedrock: inputTokens leaves out cacheReadInputTokens and cacheWriteInputTokens', () => {
    const u = bedrockUsage({ inputTokens: 12, outputTokens: 40, totalTokens: 2552, cacheReadInputTokens: 1500, cacheWriteInputTokens: 1000 })!;
    assert.deepEqual(u, { inputTokens: 2512, outputTokens: 40, cachedInputTokens: 1500, cacheWriteInputTokens: 1000 });
    const c = costOf(u, { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3, cacheWritePerMTok: 3.75 });
    assert.deepEqual([c.breakdown.uncachedInputTokens, c.breakdown.cachedInputTokens, c.breakdown.cacheWriteTokens], [12, 1500, 1000]);
    close(c.usd, (12 * 3 + 1500 * 0.3 + 1000 * 3.75 + 40 * 15) / 1e6);
  });
});
