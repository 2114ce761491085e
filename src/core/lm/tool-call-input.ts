// A tool call from the model, as the LM API caller gets it: the arguments as an object.
//
// When the model's arguments are not a JSON object we end the response with a clear error rather than
// hand the caller a stand-in such as { raw: "..." }: the caller would run its tool with input that does
// not match the tool's schema, and a tool that acts (edits files, runs commands) must never guess.
// The text streamed before the call has already reached the caller.
import type { ToolCall } from '../providers/types';
import { describeValue, LmApiError } from './errors';

export function toolCallInput(call: ToolCall): Record<string, unknown> {
  const json = call.argumentsJson.trim();
  // Providers send no arguments at all for a tool without parameters.
  if (!json) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new LmApiError(`the model called the tool "${call.name}" with arguments that are not valid JSON (${json.length} characters: ${JSON.stringify(json.slice(0, 40))}…). Try again or use another model.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LmApiError(`the model called the tool "${call.name}" with arguments that are not a JSON object (got ${describeValue(value)}). Try again or use another model.`);
  }
  return value as Record<string, unknown>;
}
