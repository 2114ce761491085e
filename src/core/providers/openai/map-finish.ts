// OpenAI's finish_reason, plus the variants compatible hosts invent, as our normalized reason.
import type { FinishReason } from '../types';

const MAP: Record<string, FinishReason> = {
  stop: 'stop',
  eos: 'stop',
  end_turn: 'stop',
  length: 'length',
  max_tokens: 'length',
  model_length: 'length',
  content_filter: 'content-filter',
  sensitive: 'content-filter', // Z.ai
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  error: 'error', // OpenRouter
  network_error: 'error', // Z.ai
  insufficient_system_resource: 'error', // DeepSeek
};

/**
 * Some hosts (Ollama, Groq, older vLLM) say "stop" even when the answer is tool calls, so the
 * presence of calls wins over the word. Unknown words count as a normal stop: the text is whole.
 */
export function mapFinishReason(reason: string | null | undefined, hadToolCalls: boolean): FinishReason {
  const mapped = reason ? MAP[reason] ?? 'stop' : 'stop';
  return hadToolCalls && mapped === 'stop' ? 'tool-calls' : mapped;
}
