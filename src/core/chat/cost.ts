// What a request cost, from its token usage and the model's price. Unknown price -> undefined, never a guess.
//
// Usage counts (src/core/providers/types.ts) are subsets of each other, so nothing is billed twice:
//   inputTokens = uncached + cachedInputTokens (read from the cache) + cacheWriteInputTokens (written to it)
//   outputTokens includes reasoningTokens (thinking is billed as output)
// Cache reads cost cachedInputPerMTok, or the input price when the provider has no cache discount on record;
// cache writes cost cacheWritePerMTok, or the input price when the provider charges no write premium (OpenAI,
// Gemini implicit caching). Falling back to the input price can only overstate the cost, never hide it.
import type { ModelPricing, Usage } from '../providers/types';

export interface CostBreakdown {
  uncachedInputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  /** All output, reasoning included. */
  outputTokens: number;
  reasoningTokens: number;
  /** USD per part; undefined when the price is unknown. */
  inputUsd?: number;
  cachedInputUsd?: number;
  cacheWriteUsd?: number;
  outputUsd?: number;
}

export interface Cost {
  usd: number | undefined;
  breakdown: CostBreakdown;
}

const count = (n: number | undefined): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
const priceOk = (p: number | undefined): p is number => typeof p === 'number' && Number.isFinite(p) && p >= 0;

export function costOf(usage: Usage, pricing?: ModelPricing): Cost {
  const input = count(usage.inputTokens);
  const cached = Math.min(count(usage.cachedInputTokens), input);
  const writes = Math.min(count(usage.cacheWriteInputTokens), input - cached);
  const output = count(usage.outputTokens);
  const breakdown: CostBreakdown = {
    uncachedInputTokens: input - cached - writes,
    cachedInputTokens: cached,
    cacheWriteTokens: writes,
    outputTokens: output,
    reasoningTokens: Math.min(count(usage.reasoningTokens), output),
  };
  if (!pricing || !priceOk(pricing.inputPerMTok) || !priceOk(pricing.outputPerMTok)) return { usd: undefined, breakdown };

  const perToken = (perMTok: number) => perMTok / 1_000_000;
  breakdown.inputUsd = breakdown.uncachedInputTokens * perToken(pricing.inputPerMTok);
  breakdown.cachedInputUsd = cached * perToken(priceOk(pricing.cachedInputPerMTok) ? pricing.cachedInputPerMTok : pricing.inputPerMTok);
  breakdown.cacheWriteUsd = writes * perToken(priceOk(pricing.cacheWritePerMTok) ? pricing.cacheWritePerMTok : pricing.inputPerMTok);
  breakdown.outputUsd = output * perToken(pricing.outputPerMTok);
  const usd = breakdown.inputUsd + breakdown.cachedInputUsd + breakdown.cacheWriteUsd + breakdown.outputUsd;
  return { usd, breakdown };
}

/** '$0.0123', '<$0.0001', '$0.50', '$1,234.57'; 'price unknown' for undefined. */
export function formatUsd(usd: number | undefined): string {
  if (usd === undefined || !Number.isFinite(usd)) return 'price unknown';
  if (usd < 0) return `-${formatUsd(-usd)}`;
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  if (usd >= 1) return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  // Four decimals show a single request's cost; trailing zeros beyond cents are noise ('$0.5000' -> '$0.50').
  return `$${usd.toFixed(4).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
}
