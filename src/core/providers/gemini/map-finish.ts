// Gemini's finishReason (and prompt blocks) in our words.
import type { FinishReason } from '../types';

const FILTERED = new Set([
  'SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION', 'LANGUAGE',
]);

export function mapFinishReason(reason: string | undefined, hadToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && FILTERED.has(reason)) return 'content-filter';
  // The model produced a call we cannot run: it is an error, not an answer.
  if (reason === 'MALFORMED_FUNCTION_CALL' || reason === 'UNEXPECTED_TOOL_CALL' || reason === 'TOO_MANY_TOOL_CALLS') return 'error';
  // Gemini says STOP for an answer that ends in function calls.
  return hadToolCalls ? 'tool-calls' : 'stop';
}
