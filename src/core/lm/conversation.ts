// The conversation another extension sends, after conversion. Providers answer a broken tool exchange
// or an empty request with a 400 in their own words; the caller gets a clear reason instead.
import type { ChatMessage } from '../providers/types';
import { LmApiError } from './errors';
import { validateHistoryToolCall, validateImage } from './history';

/** `model` is the one the request goes to: an image is refused for a model without vision. */
export function validateConversation(conversation: { system?: string; messages: readonly ChatMessage[] }, model: { vision: boolean }): void {
  if (!conversation.messages.length) {
    throw new LmApiError(conversation.system
      ? 'the request has only system text: add a user message for the model to answer.'
      : 'the request has no messages (or only empty ones).');
  }
  const used = new Set<string>();
  /** Calls made by the last assistant turn that still wait for their result, by id -> tool name. */
  const pending = new Map<string, string>();
  const unanswered = (): LmApiError => {
    const [id, name] = [...pending][0]!;
    return new LmApiError(`the tool call "${id}" (${name}) has no result: send a tool result for every tool call right after the assistant message that made it.`);
  };
  for (const message of conversation.messages) {
    if (message.role === 'tool') {
      if (!pending.has(message.toolCallId)) {
        throw new LmApiError(`a tool result refers to call "${message.toolCallId}", which is not an unanswered tool call of the assistant message before it.`);
      }
      pending.delete(message.toolCallId);
      continue;
    }
    if (pending.size) throw unanswered();
    for (const part of message.content) if (part.type === 'image') validateImage(part, model);
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) {
        validateHistoryToolCall(call);
        if (used.has(call.id)) throw new LmApiError(`the tool call id "${call.id}" is used twice: each tool call needs its own id.`);
        used.add(call.id);
        pending.set(call.id, call.name);
      }
    }
  }
  if (pending.size) throw unanswered();
}
