// Gemini's streamed GenerateContentResponse chunks as our StreamParts. Thought parts are reasoning,
// function calls are complete in one part (Gemini does not stream their arguments), usage comes on
// every chunk (the last one wins), and only a finishReason (or a blocked prompt) proves completeness.
import type { GenerateContentResponse } from '@google/genai';
import type { StreamPart, ToolCall } from '../types';
import { newCallId } from './call-memory';
import { toUsage, type GeminiUsageMetadata } from './convert-usage';
import { mapFinishReason } from './map-finish';

export async function* mapGeminiChunks(
  chunks: AsyncIterable<GenerateContentResponse>,
  onSignature: (callId: string, signature: string) => void = () => undefined,
): AsyncGenerator<StreamPart> {
  let finishReason: string | undefined;
  let blocked = false;
  let usage: GeminiUsageMetadata | undefined;
  const calls: ToolCall[] = [];
  let idSent = false;

  for await (const chunk of chunks) {
    // Gemini sends no request-id header; responseId (on every chunk) is the id it gives the answer.
    if (!idSent && chunk.responseId) { idSent = true; yield { type: 'request-id', id: chunk.responseId }; }
    if (chunk.usageMetadata) usage = chunk.usageMetadata;
    if (chunk.promptFeedback?.blockReason) blocked = true;
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall) {
        const call: ToolCall = {
          id: part.functionCall.id || newCallId(),
          name: part.functionCall.name ?? '',
          argumentsJson: JSON.stringify(part.functionCall.args ?? {}),
        };
        if (part.thoughtSignature) onSignature(call.id, part.thoughtSignature);
        calls.push(call);
        yield { type: 'tool-call', call };
      } else if (typeof part.text === 'string' && part.text) {
        yield part.thought ? { type: 'reasoning', delta: part.text } : { type: 'text', delta: part.text };
      }
    }
    if (candidate?.finishReason) finishReason = candidate.finishReason;
  }

  if (!finishReason && !blocked) return; // cut short: the guard reports it
  const final = usage ? toUsage(usage) : undefined;
  if (final) yield { type: 'usage', usage: final };
  const reason = blocked && !finishReason ? 'content-filter' : mapFinishReason(finishReason, calls.length > 0);
  yield { type: 'finish', reason, ...(final ? { usage: final } : {}) };
}
