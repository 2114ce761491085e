// Anthropic's stop_reason in our words.
import type { FinishReason } from '../types';

export function mapStopReason(stopReason: string | null | undefined, hadToolCalls: boolean): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn': // a server tool paused the turn: the answer so far is complete
      return hadToolCalls ? 'tool-calls' : 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return hadToolCalls ? 'tool-calls' : 'stop';
  }
}
