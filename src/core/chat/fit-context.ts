// Makes a conversation fit the model's context window by dropping its oldest turns.
//
// A turn is a user message and everything after it up to the next user message: the assistant's replies,
// its tool calls and their results. Whole turns are dropped, oldest first, so what is left always starts
// with a user message and never holds a tool result without the assistant message that called it.
// The system prompt, the tool definitions and the room reserved for the answer are always kept.
// If the newest turn (the message being answered and its tool loop) does not fit on its own, nothing can be
// dropped to help: that is a ProviderError 'context-too-long' the user can act on.
import { ProviderError } from '../errors';
import type { ChatMessage, ToolDefinition } from '../providers/types';
import type { TokenCounter } from './tokens';

export interface FitInput {
  system?: string;
  messages: readonly ChatMessage[];
  contextWindow: number;
  /** The max output tokens the request will ask for: reserved for the answer. */
  maxOutputTokens: number;
  count: Pick<TokenCounter, 'message' | 'preamble'>;
  tools?: readonly ToolDefinition[];
  /** Provider id for the error, and a model name for the messages. */
  provider?: string;
  modelName?: string;
}

export interface FitResult {
  messages: ChatMessage[];
  /** How many messages were dropped from the start of the conversation. */
  droppedCount: number;
  /** One sentence for the user when something was dropped. */
  notice?: string;
  /** Estimated input tokens of the fitted request (preamble + kept messages). */
  inputTokens: number;
}

/** Splits messages into turns; anything before the first user message is a turn of its own. */
export function splitTurns(messages: readonly ChatMessage[]): ChatMessage[][] {
  const turns: ChatMessage[][] = [];
  for (const m of messages) {
    const current = turns[turns.length - 1];
    if (m.role === 'user' || !current) turns.push([m]);
    else current.push(m);
  }
  return turns;
}

export function fitConversation(input: FitInput): FitResult {
  const { count, contextWindow, maxOutputTokens } = input;
  const where = input.modelName ? `${input.modelName}'s` : "the model's";
  const tooLong = (message: string) => new ProviderError({ kind: 'context-too-long', provider: input.provider ?? 'byok', message });
  if (!(contextWindow > 0) || !(maxOutputTokens >= 0)) {
    throw new ProviderError({ kind: 'bad-request', provider: input.provider ?? 'byok', message: `Invalid context window ${contextWindow} or output reservation ${maxOutputTokens}` });
  }

  const preamble = count.preamble(input.system, input.tools);
  const budget = contextWindow - maxOutputTokens - preamble;
  if (budget <= 0) {
    throw tooLong(`The system prompt and tool definitions (about ${preamble} tokens) and the ${maxOutputTokens} tokens reserved for the answer do not fit in ${where} context window of ${contextWindow} tokens.`);
  }

  const turns = splitTurns(input.messages);
  const costs = turns.map((turn) => turn.reduce((sum, m) => sum + count.message(m), 0));
  const newest = costs[costs.length - 1] ?? 0;
  if (newest > budget) {
    throw tooLong(`The last message needs about ${newest} tokens, but only ${budget} of ${where} ${contextWindow}-token context window are left after the system prompt and the ${maxOutputTokens} tokens reserved for the answer. Shorten it or remove attached context.`);
  }

  // Keep the longest run of newest turns that fits; never skip a turn to keep an older one.
  let used = 0;
  let firstKept = turns.length;
  while (firstKept > 0 && used + (costs[firstKept - 1] ?? 0) <= budget) {
    firstKept -= 1;
    used += costs[firstKept] ?? 0;
  }
  const kept = turns.slice(firstKept).flat();
  const droppedCount = input.messages.length - kept.length;
  const result: FitResult = { messages: kept, droppedCount, inputTokens: preamble + used };
  if (droppedCount > 0) {
    const turnsDropped = firstKept;
    result.notice = `Dropped the ${droppedCount} oldest message${droppedCount === 1 ? '' : 's'} (${turnsDropped} turn${turnsDropped === 1 ? '' : 's'}) to fit ${where} context window of ${contextWindow} tokens.`;
  }
  return result;
}
