// One ChatRequest as Gemini generateContent parameters.
import type { FunctionCallingConfigMode, GenerateContentConfig, GenerateContentParameters } from '@google/genai';
import type { ChatRequest } from '../types';
import { toGeminiContents } from './convert-messages';

export function buildParams(
  request: ChatRequest,
  signal: AbortSignal,
  recallSignature: (callId: string) => string | undefined = () => undefined,
): GenerateContentParameters {
  const tools = request.tools ?? [];
  const config: GenerateContentConfig = {
    abortSignal: signal,
    // Function declarations are answered by our caller, never run by the SDK.
    automaticFunctionCalling: { disable: true },
    ...(request.system?.trim() ? { systemInstruction: { role: 'system', parts: [{ text: request.system }] } } : {}),
    ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(tools.length ? {
      // parametersJsonSchema takes the JSON Schema as is (`parameters` wants Google's OpenAPI subset).
      tools: [{ functionDeclarations: tools.map((t) => ({ name: t.name, description: t.description, parametersJsonSchema: t.inputSchema })) }],
      ...(request.toolChoice === 'required' ? { toolConfig: { functionCallingConfig: { mode: 'ANY' as FunctionCallingConfigMode } } } : {}),
    } : {}),
    // -1 lets the model pick its budget; thoughts are only returned when includeThoughts is set.
    ...(request.reasoning ? { thinkingConfig: { includeThoughts: true, thinkingBudget: request.reasoning.budgetTokens ?? -1 } } : {}),
  };
  return { model: request.model, contents: toGeminiContents(request.messages, recallSignature), config };
}
