// Anthropic reports usage in two halves: message_start carries the input side, message_delta the
// (cumulative) output side, and newer API versions repeat input fields in message_delta as well.
import type { Usage } from '../types';

export interface AnthropicUsageFields {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
  /** The split of cache_creation_input_tokens by lifetime (when the request used `ttl`). */
  cache_creation?: { ephemeral_5m_input_tokens?: number | null; ephemeral_1h_input_tokens?: number | null } | null;
}

export interface UsageTally {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  cacheWrite1h?: number;
  thinking?: number;
}

export function emptyTally(): UsageTally {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
}

/** Later reports win field by field; a missing or null field keeps what we had. */
export function mergeUsage(tally: UsageTally, u: AnthropicUsageFields | null | undefined): UsageTally {
  if (!u) return tally;
  const pick = (v: number | null | undefined, old: number): number => (typeof v === 'number' ? v : old);
  const thinking = u.output_tokens_details?.thinking_tokens;
  const oneHour = u.cache_creation?.ephemeral_1h_input_tokens;
  return {
    input: pick(u.input_tokens, tally.input),
    output: pick(u.output_tokens, tally.output),
    cacheRead: pick(u.cache_read_input_tokens, tally.cacheRead),
    cacheWrite: pick(u.cache_creation_input_tokens, tally.cacheWrite),
    ...(typeof thinking === 'number' ? { thinking } : tally.thinking !== undefined ? { thinking: tally.thinking } : {}),
    ...(typeof oneHour === 'number' ? { cacheWrite1h: oneHour } : tally.cacheWrite1h !== undefined ? { cacheWrite1h: tally.cacheWrite1h } : {}),
  };
}

/**
 * Anthropic's input_tokens EXCLUDES cache reads and cache writes, while our Usage.inputTokens is the
 * total input with cachedInputTokens / cacheWriteInputTokens as subsets (that is how OpenAI and
 * Gemini count). Adding them up here lets cost be computed the same way for every provider.
 */
export function toUsage(t: UsageTally): Usage {
  return {
    inputTokens: t.input + t.cacheRead + t.cacheWrite,
    outputTokens: t.output,
    ...(t.cacheRead ? { cachedInputTokens: t.cacheRead } : {}),
    ...(t.cacheWrite ? { cacheWriteInputTokens: t.cacheWrite } : {}),
    ...(t.cacheWrite && t.cacheWrite1h ? { cacheWrite1hInputTokens: Math.min(t.cacheWrite1h, t.cacheWrite) } : {}),
    ...(t.thinking !== undefined ? { reasoningTokens: t.thinking } : {}),
  };
}
