// OpenAI usage (and the DeepSeek / compatible variants) as our Usage.
import type { Usage } from '../types';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Returns undefined when the object carries no token counts (some hosts send `usage: null` or `{}`). */
export function convertUsage(raw: unknown): Usage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const u = raw as Record<string, unknown>;
  const input = num(u.prompt_tokens) ?? num(u.input_tokens);
  const output = num(u.completion_tokens) ?? num(u.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const promptDetails = (u.prompt_tokens_details ?? u.input_tokens_details) as Record<string, unknown> | null | undefined;
  const completionDetails = (u.completion_tokens_details ?? u.output_tokens_details) as Record<string, unknown> | null | undefined;
  // DeepSeek reports its cache hits at the top level instead of in prompt_tokens_details.
  const cached = num(promptDetails?.cached_tokens) ?? num(u.prompt_cache_hit_tokens);
  const reasoning = num(completionDetails?.reasoning_tokens);
  // OpenRouter reports cache writes (Anthropic and Gemini models behind it) inside prompt_tokens as well.
  const writes = num(promptDetails?.cache_write_tokens);
  const usage: Usage = { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  if (cached) usage.cachedInputTokens = cached;
  if (writes) usage.cacheWriteInputTokens = writes;
  if (reasoning) usage.reasoningTokens = reasoning;
  // OpenRouter's own figure for what it charged (credits are USD), recorded beside our estimate.
  const cost = num(u.cost);
  if (cost !== undefined && cost >= 0) usage.providerCostUsd = cost;
  return usage;
}
