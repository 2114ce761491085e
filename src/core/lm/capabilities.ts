// What a BYOK model tells VS Code's Language Model API about itself, from the catalog's facts. Callers
// (Copilot's agent mode, other extensions) size their prompts by maxInputTokens and only offer tools
// or images to models that claim them, so every number and flag here must hold on the wire.
import type { ModelInfo, ProviderFamily } from '../providers/types';
import { LmApiError } from './errors';

/**
 * Whether a family's `contextWindow` is the input limit alone. Gemini's listing reports
 * inputTokenLimit and outputTokenLimit apart (the answer does not eat into the input); everywhere
 * else the window holds the prompt and the answer together, so the room for input is the window
 * minus the longest answer the model may write.
 */
const CONTEXT_IS_INPUT_ONLY: Readonly<Record<ProviderFamily, boolean>> = {
  'openai': false,
  'openai-compatible': false,
  'azure': false,
  'anthropic': false,
  'bedrock': false,
  'gemini': true,
};

export interface LmModelFacts {
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { imageInput: boolean; toolCalling: boolean };
}

export function lmModelFacts(info: Pick<ModelInfo, 'contextWindow' | 'maxOutputTokens' | 'vision' | 'toolCalling'>, family: ProviderFamily): LmModelFacts {
  const input = CONTEXT_IS_INPUT_ONLY[family] ? info.contextWindow : info.contextWindow - info.maxOutputTokens;
  return {
    maxInputTokens: Math.max(1, input),
    maxOutputTokens: info.maxOutputTokens,
    capabilities: { imageInput: info.vision, toolCalling: info.toolCalling },
  };
}

/**
 * Tools offered to a model that cannot call them are refused, not dropped: a caller that gets a plain
 * answer back would think the model chose not to call any tool.
 */
export function requireToolCalling(model: { name: string; toolCalling: boolean }, toolCount: number): void {
  if (toolCount > 0 && !model.toolCalling) {
    throw new LmApiError(`${model.name} does not call tools (capabilities.toolCalling is false), and the request offers ${toolCount} tool${toolCount === 1 ? '' : 's'}: send it without tools or choose a model that calls tools.`);
  }
}
