// Anthropic's model listing as ModelInfo. The listing carries limits and capabilities for current
// models; older or compatible hosts may leave them out, so every field has a safe default.
import type { ModelInfo as AnthropicModel } from '@anthropic-ai/sdk/resources/models';
import type { ModelInfo } from '../types';
import type { ModelFacts } from './build-request';

const DEFAULT_CONTEXT = 200_000;
/** Claude 3 / 3.5 models stop at 8192 output tokens; 3.7 and everything after allow far more. */
const LEGACY_OUTPUT = 8192;
const MODERN_OUTPUT = 64_000;

type Listed = Partial<AnthropicModel> & { id: string };

const isLegacy = (id: string): boolean => /^claude-(?:instant|2|3-(?!7))/.test(id);

export function toModelInfo(m: Listed): ModelInfo {
  const caps = m.capabilities ?? undefined;
  return {
    id: m.id,
    name: m.display_name || m.id,
    contextWindow: m.max_input_tokens ?? DEFAULT_CONTEXT,
    maxOutputTokens: m.max_tokens ?? (isLegacy(m.id) ? LEGACY_OUTPUT : MODERN_OUTPUT),
    vision: caps?.image_input?.supported ?? true,
    toolCalling: true,
    reasoning: caps?.thinking?.supported ?? !isLegacy(m.id),
    source: 'live',
  };
}

/** What build-request needs to know about a model to pick max_tokens and the thinking form. */
export function toModelFacts(m: Listed): ModelFacts {
  const types = m.capabilities?.thinking?.types;
  return {
    ...(m.max_tokens ? { maxOutputTokens: m.max_tokens } : {}),
    ...(types?.enabled ? { thinkingEnabled: types.enabled.supported } : {}),
    ...(types?.adaptive ? { thinkingAdaptive: types.adaptive.supported } : {}),
  };
}
