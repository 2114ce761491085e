// Bedrock's TokenUsage -> our Usage. Like Anthropic's API, Bedrock's inputTokens leaves out tokens read
// from or written to the prompt cache; our inputTokens counts every input token, with the cached
// ones as a subset, so the three are added up here.
import type { TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { Usage } from '../types';

export function convertUsage(u: TokenUsage | undefined): Usage | undefined {
  if (!u) return undefined;
  const read = u.cacheReadInputTokens ?? 0;
  const write = u.cacheWriteInputTokens ?? 0;
  return {
    inputTokens: (u.inputTokens ?? 0) + read + write,
    outputTokens: u.outputTokens ?? 0,
    ...(u.cacheReadInputTokens !== undefined ? { cachedInputTokens: read } : {}),
    ...(u.cacheWriteInputTokens !== undefined ? { cacheWriteInputTokens: write } : {}),
  };
}
