// What a request cost, from its token usage and the model's price. Unknown price -> undefined, never a guess.
//
// Usage counts (src/core/providers/types.ts) are subsets of each other, so nothing is billed twice:
//   inputTokens = uncached + cachedInputTokens (read from the cache) + cacheWriteInputTokens (written to it)
//   outputTokens includes reasoningTokens (thinking is billed as output)
// Cache reads cost cachedInputPerMTok, or the input price when the provider has no cache discount on record;
// cache writes cost cacheWritePerMTok, or the input price when the provider charges no write premium (OpenAI,
// Gemini implicit caching). Falling back to the input price can only overstate the cost, never hide it.
// 1-hour cache writes (a subset of the writes) cost cacheWrite1hPerMTok, or the 5-minute write price.
// Context tiers: when a request's whole input (cached parts included, as the providers count it) is above a
// tier's threshold, every token of that request is billed at the tier's prices (Gemini 2.5 Pro, Claude 1M).
import type { ModelPricing, PricingTier, Usage } from '../providers/types';

export interface CostBreakdown {
  uncachedInputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  /** Of cacheWriteTokens, those written for one hour. */
  cacheWrite1hTokens: number;
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

/** The prices that apply to a request with this much input: the highest tier it is above, or the base prices. */
export function pricesFor(pricing: ModelPricing, inputTokens: number): Omit<PricingTier, 'aboveInputTokens'> {
  let best: PricingTier | undefined;
  for (const t of pricing.tiers ?? []) {
    if (inputTokens > t.aboveInputTokens && (!best || t.aboveInputTokens > best.aboveInputTokens)) best = t;
  }
  return best ?? pricing;
}

export function costOf(usage: Usage, pricing?: ModelPricing): Cost {
  const input = count(usage.inputTokens);
  const cached = Math.min(count(usage.cachedInputTokens), input);
  const writes = Math.min(count(usage.cacheWriteInputTokens), input - cached);
  const writes1h = Math.min(count(usage.cacheWrite1hInputTokens), writes);
  const output = count(usage.outputTokens);
  const breakdown: CostBreakdown = {
    uncachedInputTokens: input - cached - writes,
    cachedInputTokens: cached,
    cacheWriteTokens: writes,
    cacheWrite1hTokens: writes1h,
    outputTokens: output,
    reasoningTokens: Math.min(count(usage.reasoningTokens), output),
  };
  if (!pricing || !priceOk(pricing.inputPerMTok) || !priceOk(pricing.outputPerMTok)) return { usd: undefined, breakdown };
  const p = pricesFor(pricing, input);
  if (!priceOk(p.inputPerMTok) || !priceOk(p.outputPerMTok)) return { usd: undefined, breakdown };

  const perToken = (perMTok: number) => perMTok / 1_000_000;
  const writePrice = priceOk(p.cacheWritePerMTok) ? p.cacheWritePerMTok : p.inputPerMTok;
  breakdown.inputUsd = breakdown.uncachedInputTokens * perToken(p.inputPerMTok);
  breakdown.cachedInputUsd = cached * perToken(priceOk(p.cachedInputPerMTok) ? p.cachedInputPerMTok : p.inputPerMTok);
  breakdown.cacheWriteUsd = (writes - writes1h) * perToken(writePrice) + writes1h * perToken(priceOk(p.cacheWrite1hPerMTok) ? p.cacheWrite1hPerMTok : writePrice);
  breakdown.outputUsd = output * perToken(p.outputPerMTok);
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
