// Team gateways (a LiteLLM proxy) report what each of their models costs at GET /model/info:
// `{ data: [{ model_name, model_info: { input_cost_per_token, output_cost_per_token,
// cache_read_input_token_cost?, cache_creation_input_token_cost? } }] }`, in US dollars per token. The ids
// in /models are the `model_name`s. These are the prices the gateway charges its users, so they win over
// the curated table (a byok.pricing override still wins over both, elsewhere).
import * as z from 'zod';
import { lazySchema } from '../../lazy-schema';
import type { ModelInfo, ModelPricing } from '../types';

// Built on the first /model/info answer.
const ModelInfoAnswer = lazySchema(() => z.object({ data: z.array(z.unknown()) }));
/** One entry; an entry that does not fit is skipped alone, never the whole list. */
const Entry = lazySchema(() => {
  const cost = z.number().finite().nonnegative();
  return z.object({
    model_name: z.string().min(1),
    model_info: z.object({
      input_cost_per_token: cost.nullish(),
      output_cost_per_token: cost.nullish(),
      cache_read_input_token_cost: cost.nullish(),
      cache_creation_input_token_cost: cost.nullish(),
    }).nullish(),
  });
});

/** Dollars per token to dollars per million tokens, without float noise (3e-6 → 3, not 2.9999999999999996). */
const perM = (n: number): number => Math.round(n * 1e12) / 1e6;

/** Prices by model name from a /model/info answer; models without both input and output prices are left out. */
export function pricesFromModelInfo(json: unknown): Map<string, ModelPricing> {
  const out = new Map<string, ModelPricing>();
  const parsed = ModelInfoAnswer().safeParse(json);
  if (!parsed.success) return out;
  for (const raw of parsed.data.data) {
    const entry = Entry().safeParse(raw);
    if (!entry.success) continue;
    const { model_name: name, model_info: info } = entry.data;
    if (info?.input_cost_per_token == null || info.output_cost_per_token == null || out.has(name)) continue;
    const pricing: ModelPricing = { inputPerMTok: perM(info.input_cost_per_token), outputPerMTok: perM(info.output_cost_per_token) };
    if (info.cache_read_input_token_cost != null) pricing.cachedInputPerMTok = perM(info.cache_read_input_token_cost);
    if (info.cache_creation_input_token_cost != null) pricing.cacheWritePerMTok = perM(info.cache_creation_input_token_cost);
    out.set(name, pricing);
  }
  return out;
}

/** The listed models with the gateway's prices where it reports one. */
export function withGatewayPrices(models: ModelInfo[], prices: Map<string, ModelPricing>): ModelInfo[] {
  if (!prices.size) return models;
  return models.map((m) => {
    const pricing = prices.get(m.id);
    return pricing ? { ...m, pricing } : m;
  });
}
