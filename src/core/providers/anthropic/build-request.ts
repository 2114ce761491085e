// One ChatRequest as Anthropic Messages parameters: max_tokens (required), thinking and its budget,
// tools, and the rules that tie them together.
import type {
  MessageCreateParamsStreaming, ThinkingConfigParam, Tool, ToolChoice,
} from '@anthropic-ai/sdk/resources/messages';
import type { ChatRequest } from '../types';
import { toAnthropicMessages, toolLoopLacksThinking } from './convert-messages';
import type { SignedThinking } from './thinking-memory';

/** What a live model listing told us about a model (absent until listModels ran). */
export interface ModelFacts {
  maxOutputTokens?: number;
  /** Which thinking.type values the model accepts. */
  thinkingEnabled?: boolean;
  thinkingAdaptive?: boolean;
}

export interface BuildOptions {
  /** The host takes automatic prompt caching (the preset's promptCaching). */
  promptCaching: boolean;
  facts?: ModelFacts;
  recall?: (callId: string) => SignedThinking[] | undefined;
}

export const DEFAULT_MAX_TOKENS = 8192;
export const DEFAULT_THINKING_BUDGET = 4096;
export const MIN_THINKING_BUDGET = 1024;

export interface TokenPlan { maxTokens: number; budget?: number }

/**
 * max_tokens is mandatory on Anthropic, and with manual thinking it must exceed budget_tokens
 * (>= 1024) because thinking counts towards it. maxOutputTokens is read as room for the answer when
 * it is not larger than the budget, so asking for thinking never starves the answer.
 */
export function planTokens(maxOutputTokens: number | undefined, budgetTokens: number | undefined, thinking: boolean, modelMax?: number): TokenPlan {
  const answer = Math.max(1, Math.floor(maxOutputTokens ?? DEFAULT_MAX_TOKENS));
  const cap = modelMax && modelMax > 0 ? modelMax : Number.POSITIVE_INFINITY;
  if (!thinking) return { maxTokens: Math.min(answer, cap) };
  let budget = Math.max(MIN_THINKING_BUDGET, Math.floor(budgetTokens ?? DEFAULT_THINKING_BUDGET));
  let maxTokens = answer > budget ? answer : budget + answer;
  if (maxTokens > cap) {
    maxTokens = cap;
    budget = Math.min(budget, cap - MIN_THINKING_BUDGET);
    if (budget < MIN_THINKING_BUDGET) return { maxTokens };
  }
  return { maxTokens, budget };
}

function thinkingConfig(plan: TokenPlan, facts: ModelFacts | undefined): ThinkingConfigParam | undefined {
  // Models that only take adaptive thinking (the listing says enabled is unsupported) get it;
  // everything else, including unknown models and compatible hosts, gets the classic budget form.
  if (facts?.thinkingEnabled === false && facts.thinkingAdaptive) return { type: 'adaptive' };
  if (plan.budget === undefined) return undefined;
  return { type: 'enabled', budget_tokens: plan.budget };
}

export function buildParams(request: ChatRequest, options: BuildOptions): MessageCreateParamsStreaming {
  const recall = options.recall ?? (() => undefined);
  const tools: Tool[] = (request.tools ?? []).map((t) => ({
    name: t.name,
    description: t.description,
    input_schema: { ...t.inputSchema, type: 'object' },
  }));
  const forceTool = tools.length > 0 && request.toolChoice === 'required';
  // Thinking is off when: not asked for; a tool call is forced (the API only allows auto/none tool
  // choice with thinking); or a tool loop continues without the signed thinking it would need.
  const wantThinking = !!request.reasoning && !forceTool && !toolLoopLacksThinking(request.messages, recall);
  const plan = planTokens(request.maxOutputTokens, request.reasoning?.budgetTokens, wantThinking, options.facts?.maxOutputTokens);
  const thinking = wantThinking ? thinkingConfig(plan, options.facts) : undefined;
  const toolChoice: ToolChoice | undefined = forceTool ? { type: 'any' } : undefined;

  return {
    model: request.model,
    max_tokens: plan.maxTokens,
    messages: toAnthropicMessages(request.messages, recall),
    stream: true,
    ...(request.system?.trim() ? { system: request.system } : {}),
    ...(tools.length ? { tools } : {}),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(thinking ? { thinking } : {}),
    // Thinking only works at the default temperature.
    ...(request.temperature !== undefined && !thinking ? { temperature: request.temperature } : {}),
    // Automatic prompt caching: the API marks the last cacheable block, so each turn of a chat reads
    // the previous turns from cache (10% of the input price). Only hosts whose preset says so know it.
    ...(options.promptCaching ? { cache_control: { type: 'ephemeral' } } : {}),
  };
}
