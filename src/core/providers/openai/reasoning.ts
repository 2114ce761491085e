// How each host is asked to think. These are request quirks of a preset, kept as data.
import type { ReasoningEffort } from 'openai/resources/shared';
import type { ProviderPreset } from '../presets';
import type { ChatRequest } from '../types';

/**
 * OpenAI's reasoning models (o1, o3, o4-mini, gpt-5…) reject `max_tokens` and any temperature
 * but the default; they take `max_completion_tokens`. Matched on the bare id, so a router's
 * "openai/o3" (which the router translates itself) is left alone.
 */
export function isOpenAIReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/i.test(model);
}

function effortFor(budgetTokens: number | undefined): ReasoningEffort | undefined {
  if (budgetTokens === undefined) return undefined;
  if (budgetTokens <= 4096) return 'low';
  if (budgetTokens <= 16384) return 'medium';
  return 'high';
}

/** Extra body fields that turn reasoning on, or {} when the request did not ask for it. */
export function reasoningParams(preset: ProviderPreset, request: ChatRequest): Record<string, unknown> {
  const r = request.reasoning;
  if (!r) return {};
  const budget = r.budgetTokens;
  switch (preset.reasoning) {
    case 'openrouter':
      return { reasoning: budget ? { max_tokens: budget } : { enabled: true } };
    case 'enable-thinking':
      return { enable_thinking: true, ...(budget ? { thinking_budget: budget } : {}) };
    case 'thinking-type':
      return { thinking: { type: 'enabled' } };
    case 'reasoning-effort': {
      if (!isOpenAIReasoningModel(request.model)) return {};
      const effort = effortFor(budget);
      return effort ? { reasoning_effort: effort } : {};
    }
    case undefined:
      return {};
  }
}
