// Gemini's usageMetadata as our Usage.
import type { Usage } from '../types';

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
}

/**
 * candidatesTokenCount does NOT include thoughtsTokenCount (totalTokenCount is prompt + candidates +
 * tool-use prompt + thoughts), yet thoughts are billed as output. So outputTokens is candidates +
 * thoughts, with reasoningTokens the thoughts, matching OpenAI's "reasoning is a subset of output".
 * promptTokenCount already includes cached tokens; tool-use prompt tokens are input too.
 */
export function toUsage(u: GeminiUsageMetadata): Usage {
  const thoughts = u.thoughtsTokenCount ?? 0;
  return {
    inputTokens: (u.promptTokenCount ?? 0) + (u.toolUsePromptTokenCount ?? 0),
    outputTokens: (u.candidatesTokenCount ?? 0) + thoughts,
    ...(u.cachedContentTokenCount ? { cachedInputTokens: u.cachedContentTokenCount } : {}),
    ...(u.thoughtsTokenCount !== undefined ? { reasoningTokens: thoughts } : {}),
  };
}
