// A chat conversation as it is saved and shown: provider-neutral, so it can move between models
// mid-conversation. Each assistant message remembers which model and key answered it.
import * as z from 'zod';
import type { ChatMessage, ContentPart, Usage } from '../providers/types';

const UsageSchema = z.object({
  inputTokens: z.number().nonnegative(),
  outputTokens: z.number().nonnegative(),
  cachedInputTokens: z.number().nonnegative().optional(),
  cacheWriteInputTokens: z.number().nonnegative().optional(),
  reasoningTokens: z.number().nonnegative().optional(),
});

export const AttachmentSchema = z.object({
  id: z.string(),
  kind: z.enum(['selection', 'file']),
  label: z.string(),
  language: z.string().optional(),
  text: z.string(),
  tokens: z.number(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

// Loose objects: fields a newer version of the extension added are kept when this version saves the file
// again (another window may already run the update), never silently stripped.
export const StoredMessageSchema = z.looseObject({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  reasoning: z.string().optional(),
  attachments: z.array(AttachmentSchema).optional(),
  model: z.object({ id: z.string(), name: z.string(), providerLabel: z.string(), keyName: z.string().optional(), ref: z.string().optional() }).optional(),
  status: z.enum(['streaming', 'complete', 'interrupted', 'error']).optional(),
  usage: UsageSchema.optional(),
  costUsd: z.number().optional(),
  /** The provider's id for the request that produced this answer (the usage ledger has the same). */
  requestId: z.string().max(500).optional(),
  /** `setting`: the setting a policy or budget refusal names (byok.budget.monthlyUsd…), so the card can offer to change it. */
  error: z.object({ kind: z.string(), title: z.string(), detail: z.string(), setting: z.string().max(200).optional() }).optional(),
  createdAt: z.number(),
});
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

export const ConversationSchema = z.looseObject({
  version: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  messages: z.array(StoredMessageSchema),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export function newConversation(id: string, now = Date.now()): Conversation {
  return { version: 1, id, title: 'New chat', createdAt: now, updatedAt: now, messages: [] };
}

/** A title from the first prompt: its first line, trimmed to a readable length. */
export function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0]?.replace(/\s+/g, ' ') ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New chat';
}

export const SYSTEM_PROMPT = 'You are a helpful programming assistant inside VS Code. Answer concisely in Markdown. Use fenced code blocks with a language tag for code.';

function userContent(message: StoredMessage): ContentPart[] {
  const context = (message.attachments ?? []).map((a) => `Context from ${a.label}:\n\`\`\`${a.language ?? ''}\n${a.text}\n\`\`\``);
  return [{ type: 'text', text: [...context, message.text].join('\n\n') }];
}

/** The error kind of an answer that was never given because the question did not fit the context window. */
export const REFUSED_KIND = 'context-too-long';

/**
 * User messages that were refused as too long for the model's context window (their answer is that error,
 * with no text). The model never saw them; they stay in the conversation, shown collapsed, for the user
 * to edit or answer again with a larger model, but they are not sent with later questions.
 */
export function refusedMessageIds(messages: readonly StoredMessage[]): Set<string> {
  const out = new Set<string>();
  messages.forEach((m, i) => {
    const answer = messages[i + 1];
    if (m.role === 'user' && answer?.role === 'assistant' && answer.status === 'error' && answer.error?.kind === REFUSED_KIND && !answer.text.trim()) out.add(m.id);
  });
  return out;
}

/**
 * The conversation as the provider sees it. Failed answers with no text are left out, and so are questions
 * that were refused as too long (else one oversized message pushes every older turn out of the context);
 * an interrupted answer is kept (the model did say it). The history up to `uptoIndex` (exclusive) when given.
 */
export function toChatMessages(conversation: Pick<Conversation, 'messages'>, uptoIndex?: number): ChatMessage[] {
  const messages = conversation.messages.slice(0, uptoIndex);
  const refused = refusedMessageIds(messages);
  const out: ChatMessage[] = [];
  for (const m of messages) {
    if (refused.has(m.id)) continue;
    if (m.role === 'user') out.push({ role: 'user', content: userContent(m) });
    else if (m.text.trim()) out.push({ role: 'assistant', content: [{ type: 'text', text: m.text }] });
  }
  return out;
}

export interface ConversationTotals extends Usage {
  costUsd: number;
  pricedAnswers: number;
  unpricedAnswers: number;
}

export function totalsOf(conversation: Pick<Conversation, 'messages'>): ConversationTotals {
  const t: ConversationTotals = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0, pricedAnswers: 0, unpricedAnswers: 0 };
  for (const m of conversation.messages) {
    if (m.role !== 'assistant' || !m.usage) continue;
    t.inputTokens += m.usage.inputTokens;
    t.outputTokens += m.usage.outputTokens;
    t.cachedInputTokens! += m.usage.cachedInputTokens ?? 0;
    t.reasoningTokens! += m.usage.reasoningTokens ?? 0;
    if (m.costUsd === undefined) t.unpricedAnswers++;
    else { t.pricedAnswers++; t.costUsd += m.costUsd; }
  }
  return t;
}

/** Case-insensitive search over titles and message text. */
export function matchesQuery(conversation: Conversation, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return conversation.title.toLowerCase().includes(q) || conversation.messages.some((m) => m.text.toLowerCase().includes(q));
}
