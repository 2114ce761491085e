// Bedrock's stopReason -> our FinishReason. Unknown reasons (the service adds some over time) read as
// a normal stop rather than an error: the text that arrived is complete as far as we can tell.
import type { FinishReason } from '../types';

export function mapFinishReason(stopReason: string | undefined): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content-filter';
    case 'malformed_model_output':
    case 'malformed_tool_use':
      return 'error';
    default:
      return 'stop';
  }
}
