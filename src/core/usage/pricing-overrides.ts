// byok.pricing: the user's own prices (negotiated rates, custom models, a team gateway's price list), in USD
// per million tokens, keyed by `presetId/modelId`. They replace the curated price for that model.
// Settings are user input: nothing here throws. A bad entry is reported and ignored, so the curated price
// (or "price unknown") applies: a typo never turns a cost into $0.
import * as z from 'zod';
import type { ModelPricing, PricingTier } from '../providers/types';
import { parseModelRef } from '../catalog/model-ref';

const price = z.number().finite().nonnegative();
const Tier = z.object({
  aboveInputTokens: z.number().int().positive(),
  input: price, output: price, cachedInput: price.optional(), cacheWrite: price.optional(), cacheWrite1h: price.optional(),
}).strict();
const Entry = z.object({
  input: price, output: price, cachedInput: price.optional(), cacheWrite: price.optional(), cacheWrite1h: price.optional(),
  tiers: z.array(Tier).optional(),
}).strict();

export interface PricingOverrides {
  /** Lower-cased `presetId/modelId` -> pricing. */
  prices: Map<string, ModelPricing>;
  problems: string[];
}

type Parts = { input: number; output: number; cachedInput?: number | undefined; cacheWrite?: number | undefined; cacheWrite1h?: number | undefined };
function toPrices(e: Parts): Omit<PricingTier, 'aboveInputTokens'> {
  return {
    inputPerMTok: e.input, outputPerMTok: e.output,
    ...(e.cachedInput !== undefined ? { cachedInputPerMTok: e.cachedInput } : {}),
    ...(e.cacheWrite !== undefined ? { cacheWritePerMTok: e.cacheWrite } : {}),
    ...(e.cacheWrite1h !== undefined ? { cacheWrite1hPerMTok: e.cacheWrite1h } : {}),
  };
}

export function parsePricingOverrides(value: unknown): PricingOverrides {
  const prices = new Map<string, ModelPricing>();
  const problems: string[] = [];
  if (value === undefined || value === null) return { prices, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('byok.pricing must be an object like { "openai/gpt-4.1": { "input": 2, "output": 8 } }; it is ignored.');
    return { prices, problems };
  }
  for (const [ref, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!parseModelRef(ref)) { problems.push(`byok.pricing: "${ref}" is not "provider/model"; ignored.`); continue; }
    const parsed = Entry.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`byok.pricing["${ref}"]: ${issue ? `${issue.path.join('.') || 'value'} ${issue.message}` : 'invalid'}; ignored (USD per million tokens: { input, output, cachedInput?, cacheWrite?, cacheWrite1h? }).`);
      continue;
    }
    const e = parsed.data;
    const pricing: ModelPricing = { ...toPrices(e) };
    if (e.tiers?.length) pricing.tiers = e.tiers.map((t) => ({ aboveInputTokens: t.aboveInputTokens, ...toPrices(t) }));
    prices.set(ref.toLowerCase(), pricing);
  }
  return { prices, problems };
}

/** The user's price for a model when set, else the curated one (which may be undefined: price unknown). */
export function effectivePricing(ref: string, overrides: PricingOverrides, curated: ModelPricing | undefined): ModelPricing | undefined {
  return overrides.prices.get(ref.toLowerCase()) ?? curated;
}
