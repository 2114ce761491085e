// ChatRequest -> the chat.completions.create body.
import type { ChatCompletionCreateParamsStreaming, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { ProviderPreset } from '../presets';
import type { ChatRequest } from '../types';
import { convertMessages } from './convert-messages';
import { isOpenAIReasoningModel, reasoningParams } from './reasoning';

export function buildChatBody(request: ChatRequest, preset: ProviderPreset): ChatCompletionCreateParamsStreaming {
  const reasoningModel = isOpenAIReasoningModel(request.model);
  const body: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: convertMessages(request.system, request.messages),
    stream: true,
    // Without this no usage arrives in a stream. Every listed host accepts it (a strict custom
    // server that rejects unknown fields would answer 400, which reads as bad-request).
    stream_options: { include_usage: true },
  };
  if (request.maxOutputTokens !== undefined) {
    if (reasoningModel) body.max_completion_tokens = request.maxOutputTokens;
    else body.max_tokens = request.maxOutputTokens;
  }
  if (request.temperature !== undefined && !reasoningModel) body.temperature = request.temperature;
  if (request.tools?.length) {
    body.tools = request.tools.map((t): ChatCompletionTool => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.inputSchema },
    }));
    body.tool_choice = request.toolChoice ?? 'auto';
  }
  return Object.assign(body, reasoningParams(preset, request));
}
