// The composer's token count: the typed text counted with the chosen model's tokenizer, and whether the
// question with its attachments still fits the model's context window. The host owns the tokenizer (a
// lazy 1 MB chunk the webview never loads); the room is computed as the request will compute it
// (fit-context: the window minus the answer's reservation minus the system prompt), so "too long" here
// means the request would be refused.
import { SYSTEM_PROMPT, toChatMessages, type Attachment } from '../../core/chat/conversation';
import { loadTokenCounter } from '../../core/chat/tokens';
import type { HostMessage } from '../../core/protocol';

/** The reservation answer-runner.ts asks for (the model's max output, capped). */
export const ANSWER_RESERVE_CAP = 16_384;

export interface ComposerModel {
  /** The model id the tokenizer is chosen by (e.g. 'gpt-4.1'). */
  modelId: string;
  contextWindow?: number;
  maxOutputTokens?: number;
}

export async function composerTokenCount(
  text: string,
  seq: number,
  model: ComposerModel | undefined,
  attachments: readonly Attachment[],
): Promise<Extract<HostMessage, { type: 'tokenCount' }>> {
  // No model chosen (or another extension's): the estimate, and no limit to judge against.
  const counter = await loadTokenCounter(model?.modelId ?? 'estimate');
  const [message] = toChatMessages({ messages: [{ id: 'draft', role: 'user', text, createdAt: 0, ...(attachments.length ? { attachments: [...attachments] } : {}) }] });
  const contextTokens = message ? counter.message(message) : 0;
  const window = model?.contextWindow;
  const limit = window && window > 0
    ? Math.max(0, window - Math.min(model.maxOutputTokens ?? 0, ANSWER_RESERVE_CAP) - counter.preamble(SYSTEM_PROMPT))
    : undefined;
  return { type: 'tokenCount', seq, tokens: counter.text(text), exact: counter.exact, contextTokens, ...(limit !== undefined ? { limit } : {}) };
}
