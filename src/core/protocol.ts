// The one message map between the chat webview and the extension host. Both sides import these
// types; the host validates every incoming message with zod because the webview is untrusted.
// Keys never cross this boundary: the webview knows key *names* only.
import * as z from 'zod';
import { lazySchema } from './lazy-schema';

// ---------------------------------------------------------------- shared views (host -> webview)

export interface ModelView {
  /** Key-scoped id `<keyId>/<modelId>`, or `vscode-lm:<vendor>/<id>` for another extension's model. */
  id: string;
  name: string;
  providerLabel: string;
  keyName?: string;
  contextWindow?: number;
}

export interface UsageView {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  reasoningTokens?: number;
  /** Estimated cost in USD; undefined when the price is unknown. */
  costUsd?: number;
  /** The provider's request id, to find the request in its dashboard. */
  requestId?: string;
}

export interface ErrorView {
  kind: string;
  /** The one-line fix ("Invalid key. Validation failed…"). */
  title: string;
  /** The provider's own words, redacted. */
  detail: string;
  /** Actions the card offers. */
  actions: ('updateKey' | 'chooseModel' | 'retry' | 'addKey' | 'raiseBudget')[];
}

export interface AttachmentView {
  id: string;
  kind: 'selection' | 'file';
  /** "hello.ts:3-7" or "src/app.ts". */
  label: string;
  /** Approximate size in tokens, shown on the chip. */
  tokens: number;
}

export type MessageStatus = 'streaming' | 'complete' | 'interrupted' | 'error';

export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  /** Markdown for assistant messages; plain text for user messages (rendered as text, never as HTML). */
  text: string;
  reasoning?: string;
  attachments?: AttachmentView[];
  /** A user message refused as too long for the context window: the model never saw it and later requests leave it out. Shown collapsed. */
  refused?: boolean;
  /** Who answered (assistant only). */
  model?: ModelView;
  status?: MessageStatus;
  usage?: UsageView;
  error?: ErrorView;
  createdAt: number;
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  messageCount: number;
}

export interface ChatState {
  conversationId: string;
  title: string;
  messages: MessageView[];
  /** Totals over the conversation's answers. */
  totals: UsageView & { pricedAnswers: number; unpricedAnswers: number };
  model?: ModelView;
  /** Why there is no usable model, when there is none ("Add a key…", "not allowed by policy"). */
  modelProblem?: string;
  hasKeys: boolean;
  attachments: AttachmentView[];
  busy: boolean;
  /** Shown once above the conversation, e.g. "3 older messages were left out to fit the context window". */
  notice?: string;
}

export interface CompareColumn {
  id: string;
  model: ModelView;
  text: string;
  status: MessageStatus;
  usage?: UsageView;
  error?: ErrorView;
}

// ---------------------------------------------------------------- host -> webview

export type HostMessage =
  | { type: 'init'; version: string; mode: 'chat' | 'compare' }
  /** The whole chat state: after load, new chat, switching conversation, a model change, ... */
  | { type: 'state'; state: ChatState }
  | { type: 'conversations'; items: ConversationSummary[]; query: string }
  /** A new message in the current conversation (the user's turn, or the assistant's shell before it streams). */
  | { type: 'message'; message: MessageView }
  /** Streamed text for a message (chat) or a column (compare). Host-side coalesced, appended in order. */
  | { type: 'delta'; id: string; text?: string; reasoning?: string }
  | { type: 'messageEnd'; id: string; status: MessageStatus; usage?: UsageView; error?: ErrorView; totals?: ChatState['totals'] }
  | { type: 'notice'; text: string }
  | { type: 'compareState'; prompt: string; columns: CompareColumn[]; busy: boolean; models: ModelView[] }
  /** A question the host could not take (an answer was still running): back into the prompt box, so it is not lost. */
  | { type: 'returnDraft'; text: string }
  /** Focus the prompt box (e.g. after "New Chat" from the view's title bar). */
  | { type: 'focusInput' }
  /**
   * The answer to a 'countTokens' with the same seq: `tokens` in the typed text for the chosen model's
   * tokenizer (`exact` when it is the real one), `contextTokens` what the question with its attachments
   * takes, `limit` the room the model's context window leaves for it (absent when unknown).
   */
  | { type: 'tokenCount'; seq: number; tokens: number; exact: boolean; contextTokens: number; limit?: number };

// ---------------------------------------------------------------- webview -> host (validated)
// One schema per view: each host accepts only what its own view can post, and handles it with an
// exhaustive switch, so a message the compiler knows about cannot be dropped by accident.

// Built on the first message from a chat or compare view: the first use of BYOK is often not the chat
// (a command, the LM API), and these are the most schemas of any module.
const fields = lazySchema(() => {
  const id = z.string().min(1).max(200);
  /** Conversation ids name files on disk: our own format only, never a path. */
  const conversationId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/);
  const text = z.string().max(1_000_000);

  /** What both views post: the handshake, the code-block toolbar, links and the few commands a button may run. */
  const sharedMessages = [
    z.object({ type: z.literal('ready') }),
    z.object({ type: z.literal('copyCode'), code: text }),
    z.object({ type: z.literal('insertCode'), code: text }),
    z.object({ type: z.literal('openCodeInEditor'), code: text, language: z.string().max(50).regex(/^[\w+#.-]*$/) }),
    z.object({ type: z.literal('openLink'), href: z.string().max(4000) }),
    z.object({ type: z.literal('runCommand'), command: z.enum(['byok.addKey', 'byok.selectModel', 'byok.manageKeys', 'byok.compareModels']) }),
  ] as const;
  return { id, conversationId, text, sharedMessages };
});

const ChatWebviewMessage = lazySchema(() => {
  const { id, conversationId, text, sharedMessages } = fields();
  return z.discriminatedUnion('type', [
    ...sharedMessages,
    z.object({ type: z.literal('send'), text: text.min(1) }),
    z.object({ type: z.literal('stop') }),
    z.object({ type: z.literal('regenerate'), messageId: id }),
    z.object({ type: z.literal('editAndResend'), messageId: id, text: text.min(1) }),
    z.object({ type: z.literal('retry'), messageId: id }),
    z.object({ type: z.literal('newChat') }),
    z.object({ type: z.literal('listConversations'), query: z.string().max(500) }),
    z.object({ type: z.literal('openConversation'), conversationId }),
    z.object({ type: z.literal('deleteConversation'), conversationId }),
    z.object({ type: z.literal('pickModel') }),
    z.object({ type: z.literal('attach'), what: z.enum(['selection', 'activeFile', 'files']) }),
    z.object({ type: z.literal('removeAttachment'), attachmentId: id }),
    z.object({ type: z.literal('errorAction'), action: z.enum(['updateKey', 'chooseModel', 'retry', 'addKey', 'raiseBudget']), messageId: id.optional() }),
    /** The composer's typed text, to count its tokens for the chosen model (debounced by the webview). */
    z.object({ type: z.literal('countTokens'), text, seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
  ]);
});
export type ChatWebviewMessage = z.infer<ReturnType<typeof ChatWebviewMessage>>;

const CompareWebviewMessage = lazySchema(() => {
  const { id, text, sharedMessages } = fields();
  return z.discriminatedUnion('type', [
    ...sharedMessages,
    z.object({ type: z.literal('compareRun'), text: text.min(1), modelIds: z.array(id).min(2).max(4) }),
    z.object({ type: z.literal('compareStop') }),
    // An error card acts on its column (messageId is the column id). "Choose another model" stays in the
    // webview: the model checkboxes are in the same panel, so it never reaches the host.
    z.object({ type: z.literal('errorAction'), action: z.enum(['updateKey', 'retry', 'addKey', 'raiseBudget']), messageId: id }),
  ]);
});
export type CompareWebviewMessage = z.infer<ReturnType<typeof CompareWebviewMessage>>;

/** Anything a webview may post; the webview's shared code (code blocks, links) is typed against this. */
export type WebviewMessage = ChatWebviewMessage | CompareWebviewMessage;

type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  return result.success
    ? { ok: true, message: result.data }
    : { ok: false, error: result.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') };
}

export function parseChatMessage(raw: unknown): Parsed<ChatWebviewMessage> {
  return parseWith(ChatWebviewMessage(), raw);
}

export function parseCompareMessage(raw: unknown): Parsed<CompareWebviewMessage> {
  return parseWith(CompareWebviewMessage(), raw);
}

/** Links from model output open only through the host, and only with these schemes. */
export { isSafeLink } from './links';
