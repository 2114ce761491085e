// A /models listing as ModelInfo. Plain OpenAI gives only ids; OpenRouter, Groq and Mistral add
// context sizes, prices and capabilities, which we keep. The curated table fills in the rest elsewhere.
import { ProviderError } from '../../errors';
import type { ModelInfo, ModelPricing } from '../types';
import { isOpenAIReasoningModel } from './reasoning';

export const DEFAULT_CONTEXT_WINDOW = 128_000;
export const DEFAULT_MAX_OUTPUT = 8_192;

/** Listed ids that cannot chat (embeddings, speech, images, moderation, legacy completions). */
const NOT_CHAT = /embed|whisper|tts|dall-e|moderation|^davinci|^babbage|transcri|realtime|gpt-image|sora|^text-|rerank/i;

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** OpenRouter prices are US dollars per token, as strings; "-1" means variable (a router model). */
function pricingOf(entry: Record<string, unknown>): ModelPricing | undefined {
  const p = obj(entry.pricing);
  if (!p) return undefined;
  const input = num(p.prompt);
  const output = num(p.completion);
  if (input === undefined || output === undefined || input < 0 || output < 0) return undefined;
  const perM = (n: number): number => Math.round(n * 1e6 * 1e6) / 1e6;
  const pricing: ModelPricing = { inputPerMTok: perM(input), outputPerMTok: perM(output) };
  const cachedRead = num(p.input_cache_read);
  const cacheWrite = num(p.input_cache_write);
  if (cachedRead !== undefined && cachedRead >= 0) pricing.cachedInputPerMTok = perM(cachedRead);
  if (cacheWrite !== undefined && cacheWrite >= 0) pricing.cacheWritePerMTok = perM(cacheWrite);
  return pricing;
}

export function modelFromListing(entry: Record<string, unknown>): ModelInfo | undefined {
  const id = typeof entry.id === 'string' ? entry.id : undefined;
  if (!id) return undefined;
  const arch = obj(entry.architecture);
  const top = obj(entry.top_provider);
  const caps = obj(entry.capabilities);
  const outputs = strings(arch?.output_modalities);
  if (outputs.length && !outputs.includes('text')) return undefined;
  const params = strings(entry.supported_parameters);
  const inputs = strings(arch?.input_modalities);
  const contextWindow = num(entry.context_length) ?? num(top?.context_length) ?? num(entry.context_window)
    ?? num(entry.max_context_length) ?? DEFAULT_CONTEXT_WINDOW;
  const maxOutput = num(top?.max_completion_tokens) ?? num(entry.max_completion_tokens) ?? Math.min(DEFAULT_MAX_OUTPUT, contextWindow);
  const pricing = pricingOf(entry);
  const info: ModelInfo = {
    id,
    name: typeof entry.name === 'string' && entry.name ? entry.name : id,
    contextWindow,
    maxOutputTokens: maxOutput,
    vision: inputs.includes('image') || caps?.vision === true,
    // Unknown means "try it": most chat models behind these APIs call tools.
    toolCalling: params.length ? params.includes('tools') : caps?.function_calling !== false,
    reasoning: params.length ? params.includes('reasoning') : isOpenAIReasoningModel(id),
    source: 'live',
  };
  if (pricing) info.pricing = pricing;
  return info;
}

/** Reads the JSON text of a /models answer. Anything but `{ data: [...] }` is not an OpenAI-style host. */
export function parseModelList(text: string, provider: string): ModelInfo[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const html = /^\s*</.test(text);
    throw new ProviderError({
      kind: 'unexpected-response', provider,
      message: html ? 'The model list came back as an HTML page, not JSON' : `The model list is not JSON: ${text.slice(0, 80)}`,
    });
  }
  const data = obj(json)?.data;
  if (!Array.isArray(data)) {
    throw new ProviderError({ kind: 'unexpected-response', provider, message: 'The model list has no "data" array: this host does not look OpenAI-compatible' });
  }
  const out: ModelInfo[] = [];
  for (const raw of data) {
    const entry = obj(raw);
    if (!entry || typeof entry.id !== 'string' || NOT_CHAT.test(entry.id)) continue;
    const info = modelFromListing(entry);
    if (info) out.push(info);
  }
  return out;
}
