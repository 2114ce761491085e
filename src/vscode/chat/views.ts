// Turning stored data and errors into the protocol's views for the webview.
import type { Attachment, Conversation, StoredMessage } from '../../core/chat/conversation';
import { refusedMessageIds, totalsOf } from '../../core/chat/conversation';
import { providerLabel, type ProviderError } from '../../core/errors';
import type { AttachmentView, ChatState, ErrorView, MessageView, ModelView } from '../../core/protocol';
import type { ByokModel } from '../models/model-catalog';

export function modelView(m: ByokModel): ModelView {
  return { id: m.id, name: m.info.name, providerLabel: m.providerLabel, keyName: m.keyName, contextWindow: m.info.contextWindow };
}

export function attachmentView(a: Attachment): AttachmentView {
  return { id: a.id, kind: a.kind, label: a.label, tokens: a.tokens };
}

export function messageView(m: StoredMessage, refused = false): MessageView {
  return {
    id: m.id,
    role: m.role,
    text: m.text,
    ...(m.reasoning ? { reasoning: m.reasoning } : {}),
    ...(m.attachments?.length ? { attachments: m.attachments.map(attachmentView) } : {}),
    ...(refused ? { refused: true } : {}),
    ...(m.model ? { model: { id: m.model.id, name: m.model.name, providerLabel: m.model.providerLabel, ...(m.model.keyName ? { keyName: m.model.keyName } : {}) } } : {}),
    ...(m.status ? { status: m.status } : {}),
    ...(m.usage ? { usage: { ...m.usage, ...(m.costUsd !== undefined ? { costUsd: m.costUsd } : {}), ...(m.requestId ? { requestId: m.requestId } : {}) } } : {}),
    ...(m.error ? { error: { kind: m.error.kind, title: m.error.title, detail: m.error.detail, actions: actionsFor(m.error.kind, m.error.setting) } } : {}),
    createdAt: m.createdAt,
  };
}

/** A refusal by the monthly budget (byok.budget.*), not by the organization's model policy. */
export function isBudgetRefusal(kind: string, setting: string | undefined): boolean {
  return kind === 'policy' && setting !== undefined && setting.startsWith('byok.budget.');
}

/** The Settings editor's search that shows every budget setting (monthly, per key, action). */
export const BUDGET_SETTINGS = 'byok.budget';

const BUDGET_TITLE = 'The monthly budget is spent: raise it, or wait until next month.';

/**
 * What the error card offers, by kind: fix the key, pick another model, raise the budget that refused the
 * request (`setting` names it), or try again. Never a silent fallback.
 */
export function actionsFor(kind: string, setting?: string): ErrorView['actions'] {
  if (isBudgetRefusal(kind, setting)) return ['raiseBudget', 'chooseModel'];
  switch (kind) {
    case 'auth': return ['updateKey', 'chooseModel'];
    case 'quota': return ['updateKey', 'chooseModel'];
    case 'model-not-found': return ['chooseModel'];
    // Nothing was asked (no key yet, no usable model): fix that, then send the same question again.
    case 'no-key': return ['addKey', 'retry'];
    case 'no-model': return ['chooseModel', 'retry'];
    case 'policy': return ['chooseModel'];
    case 'context-too-long': return ['chooseModel'];
    case 'bad-request': return ['chooseModel', 'retry'];
    default: return ['retry', 'chooseModel'];
  }
}

export function errorView(e: ProviderError): ErrorView {
  const title = isBudgetRefusal(e.kind, e.code) ? BUDGET_TITLE : e.fix;
  return { kind: e.kind, title, detail: `${providerLabel(e.provider)}${e.status ? ` ${e.status}` : ''}: ${e.message}`, actions: actionsFor(e.kind, e.code) };
}

export function chatState(args: {
  conversation: Conversation; model?: ModelView; modelProblem?: string; hasKeys: boolean; attachments: Attachment[]; busy: boolean; notice?: string;
}): ChatState {
  const t = totalsOf(args.conversation);
  const refused = refusedMessageIds(args.conversation.messages);
  return {
    conversationId: args.conversation.id,
    title: args.conversation.title,
    messages: args.conversation.messages.map((m) => messageView(m, refused.has(m.id))),
    totals: { inputTokens: t.inputTokens, outputTokens: t.outputTokens, cachedInputTokens: t.cachedInputTokens ?? 0, reasoningTokens: t.reasoningTokens ?? 0, costUsd: t.costUsd, pricedAnswers: t.pricedAnswers, unpricedAnswers: t.unpricedAnswers },
    ...(args.model ? { model: args.model } : {}),
    ...(args.modelProblem ? { modelProblem: args.modelProblem } : {}),
    hasKeys: args.hasKeys,
    attachments: args.attachments.map(attachmentView),
    busy: args.busy,
    ...(args.notice ? { notice: args.notice } : {}),
  };
}
