// Cost rules beyond the base price: context tiers, 1-hour cache writes, byok.pricing overrides, unknown prices.
import * as assert from 'node:assert/strict';
import { costOf, pricesFor } from '../../../src/core/chat/cost';
import { effectivePricing, parsePricingOverrides } from '../../../src/core/usage/pricing-overrides';
import type { ModelPricing } from '../../../src/core/providers/types';

const close = (a: number | undefined, b: number): void => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

// Gemini 2.5 Pro: $1.25 / $10 up to 200k input tokens, $2.50 / $15 above.
const GEMINI_PRO: ModelPricing = { inputPerMTok: 1.25, outputPerMTok: 10, cachedInputPerMTok: 0.31, tiers: [{ aboveInputTokens: 200_000, inputPerMTok: 2.5, outputPerMTok: 15, cachedInputPerMTok: 0.625 }] };

describe('usage/cost rules', () => {
  it('applies the >200k context tier to every token of a long request, and the base price at exactly 200k', () => {
    close(costOf({ inputTokens: 200_000, outputTokens: 1000 }, GEMINI_PRO).usd, (200_000 * 1.25 + 1000 * 10) / 1e6);
    close(costOf({ inputTokens: 250_000, outputTokens: 1000, cachedInputTokens: 100_000 }, GEMINI_PRO).usd, (150_000 * 2.5 + 100_000 * 0.625 + 1000 * 15) / 1e6);
    assert.equal(pricesFor(GEMINI_PRO, 200_001).inputPerMTok, 2.5);
  });

  it('1-hour cache writes fall back to the 5-minute write price when no 1-hour price is known', () => {
    const c = costOf({ inputTokens: 1000, outputTokens: 0, cacheWriteInputTokens: 1000, cacheWrite1hInputTokens: 400 }, { inputPerMTok: 3, outputPerMTok: 15, cacheWritePerMTok: 3.75 });
    close(c.usd, (1000 * 3.75) / 1e6);
    assert.equal(c.breakdown.cacheWrite1hTokens, 400);
  });

  it('a model without a price costs "unknown", never $0', () => {
    assert.equal(costOf({ inputTokens: 10, outputTokens: 10 }, undefined).usd, undefined);
    assert.equal(costOf({ inputTokens: 10, outputTokens: 10 }, { inputPerMTok: Number.NaN, outputPerMTok: 1 }).usd, undefined);
  });

  it('byok.pricing overrides the curated price for its model, case-insensitively, and prices a custom model', () => {
    const overrides = parsePricingOverrides({
      'openai/gpt-4.1': { input: 1.6, output: 6.4, cachedInput: 0.4 },
      'openai-compatible/team-llama': { input: 0.2, output: 0.2, tiers: [{ aboveInputTokens: 100_000, input: 0.4, output: 0.4 }] },
    });
    assert.deepEqual(overrides.problems, []);
    const curated: ModelPricing = { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.5 };
    assert.deepEqual(effectivePricing('OpenAI/GPT-4.1', overrides, curated), { inputPerMTok: 1.6, outputPerMTok: 6.4, cachedInputPerMTok: 0.4 });
    assert.equal(effectivePricing('openai/gpt-4o', overrides, curated), curated);
    const custom = effectivePricing('openai-compatible/team-llama', overrides, undefined);
    close(costOf({ inputTokens: 100_000, outputTokens: 0 }, custom).usd, 0.02);
    close(costOf({ inputTokens: 200_000, outputTokens: 0 }, custom).usd, 0.08);
  });

  it('a bad byok.pricing entry is reported and ignored, so the curated price (or "unknown") applies, never $0', () => {
    const overrides = parsePricingOverrides({ 'openai/gpt-4.1': { input: 'cheap', output: 1 }, 'no-slash': { input: 1, output: 1 }, 'anthropic/claude': { input: -1, output: 2 } });
    assert.equal(overrides.prices.size, 0);
    assert.equal(overrides.problems.length, 3);
    assert.equal(effectivePricing('openai/gpt-4.1', overrides, undefined), undefined);
    assert.deepEqual(parsePricingOverrides([1, 2]).prices.size, 0);
    assert.equal(parsePricingOverrides([1, 2]).problems.length, 1);
  });
});
