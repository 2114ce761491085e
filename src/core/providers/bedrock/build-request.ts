// ChatRequest -> ConverseStream input: system prompt, inference settings, tools and, for Claude on
// Bedrock, extended thinking (Converse has no generic reasoning switch, so it goes through
// additionalModelRequestFields in Anthropic's own shape).
import type { ConverseStreamCommandInput, Tool, ToolInputSchema } from '@aws-sdk/client-bedrock-runtime';
import type { ChatRequest } from '../types';
import { convertMessages } from './convert-messages';

/** Anthropic's minimum thinking budget, and what we ask for when the caller names none. */
const MIN_THINKING_BUDGET = 1024;
const DEFAULT_THINKING_BUDGET = 4096;

export function isAnthropicModel(modelId: string): boolean {
  return /anthropic/i.test(modelId);
}

export function buildConverseInput(request: ChatRequest, provider: string): ConverseStreamCommandInput {
  const tools = request.tools ?? [];
  const input: ConverseStreamCommandInput = {
    modelId: request.model,
    messages: convertMessages(request.messages, { provider, toolsDeclared: tools.length > 0 }),
  };
  if (request.system?.trim()) input.system = [{ text: request.system }];

  let maxTokens = request.maxOutputTokens;
  let temperature = request.temperature;
  if (request.reasoning && isAnthropicModel(request.model)) {
    const budget = Math.max(MIN_THINKING_BUDGET, request.reasoning.budgetTokens ?? DEFAULT_THINKING_BUDGET);
    // Claude refuses a budget that is not below max_tokens, and any temperature but 1 while thinking.
    if (maxTokens === undefined || maxTokens <= budget) maxTokens = budget + DEFAULT_THINKING_BUDGET;
    temperature = undefined;
    input.additionalModelRequestFields = { thinking: { type: 'enabled', budget_tokens: budget } };
  }
  if (maxTokens !== undefined || temperature !== undefined) {
    input.inferenceConfig = {
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...(temperature !== undefined ? { temperature } : {}),
    };
  }

  if (tools.length > 0) {
    input.toolConfig = {
      tools: tools.map((t): Tool => ({
        // Converse's schema type is a smithy Document; a JSON Schema object is one.
        toolSpec: { name: t.name, description: t.description || t.name, inputSchema: { json: t.inputSchema as ToolInputSchema.JsonMember['json'] } },
      })),
      // Auto is Converse's default, and some models (Llama, Cohere) refuse a toolChoice field of any
      // kind: send one only when a call is required.
      ...(request.toolChoice === 'required' ? { toolChoice: { any: {} } } : {}),
    };
  }
  return input;
}
