import assert from 'node:assert/strict';
import { lookupCurated } from '../../../src/core/catalog/merge';
import { costOf, formatUsd } from '../../../src/core/chat/cost';
import type { ModelPricing } from '../../../src/core/providers/types';

const gpt41: ModelPricing = { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.5 };
const close = (actual: number | undefined, expected: number) => {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);
};

describe('chat/cost', () => {
  it('prices input and output per million tokens', () => {
    close(costOf({ inputTokens: 1_000_000, outputTokens: 1_000_000 }, gpt41).usd, 10);
    close(costOf({ inputTokens: 1234, outputTokens: 567 }, gpt41).usd, 1234 * 2e-6 + 567 * 8e-6);
  });

  it('prices cached input at the cached price, as a part of the input', () => {
    const { usd, breakdown } = costOf({ inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 1_000 }, gpt41);
    assert.equal(breakdown.uncachedInputTokens, 2_000);
    close(breakdown.inputUsd, 0.004);
    close(breakdown.cachedInputUsd, 0.004);
    close(breakdown.outputUsd, 0.008);
    close(usd, 0.016);
  });

  it('prices cached input at the input price when no cache price is on record', () => {
    close(costOf({ inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 0 }, { inputPerMTok: 2, outputPerMTok: 8 }).usd, 0.02);
  });

  it('prices Anthropic cache writes at the write price, using the curated Claude price', () => {
    const pricing = lookupCurated('anthropic', 'claude-sonnet-4-5-20250929')?.facts.pricing;
    assert.deepEqual(pricing, { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3, cacheWritePerMTok: 3.75 });
    const { usd, breakdown } = costOf({ inputTokens: 100_000, cachedInputTokens: 50_000, cacheWriteInputTokens: 40_000, outputTokens: 2_000 }, pricing);
    assert.equal(breakdown.uncachedInputTokens, 10_000);
    close(usd, 10_000 * 3e-6 + 50_000 * 0.3e-6 + 40_000 * 3.75e-6 + 2_000 * 15e-6);
  });

  it('bills reasoning tokens once, as the output they are part of', () => {
    const plain = costOf({ inputTokens: 0, outputTokens: 1_000 }, gpt41);
    const thinking = costOf({ inputTokens: 0, outputTokens: 1_000, reasoningTokens: 800 }, gpt41);
    assert.equal(thinking.usd, plain.usd);
    assert.equal(thinking.breakdown.reasoningTokens, 800);
  });

  it('says undefined, never a guess, when the price is unknown', () => {
    const { usd, breakdown } = costOf({ inputTokens: 500, outputTokens: 20, cachedInputTokens: 100 }, undefined);
    assert.equal(usd, undefined);
    assert.equal(breakdown.inputUsd, undefined);
    assert.equal(breakdown.cachedInputTokens, 100, 'the token breakdown is still there');
    assert.equal(costOf({ inputTokens: 1, outputTokens: 1 }, { inputPerMTok: Number.NaN, outputPerMTok: 1 }).usd, undefined);
  });

  it('never bills more cached tokens than input tokens (bad provider data)', () => {
    const { usd, breakdown } = costOf({ inputTokens: 100, cachedInputTokens: 500, cacheWriteInputTokens: 50, outputTokens: -3 }, gpt41);
    assert.deepEqual([breakdown.uncachedInputTokens, breakdown.cachedInputTokens, breakdown.cacheWriteTokens, breakdown.outputTokens], [0, 100, 0, 0]);
    close(usd, 100 * 0.5e-6);
  });

  it('formats dollars for people', () => {
    assert.equal(formatUsd(0.0123), '$0.0123');
    assert.equal(formatUsd(0.00004), '<$0.0001');
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.5), '$0.50');
    assert.equal(formatUsd(0.1234567), '$0.1235');
    assert.equal(formatUsd(12.345), '$12.35');
    assert.equal(formatUsd(1234.5), '$1,234.50');
    assert.equal(formatUsd(undefined), 'price unknown');
  });
});
