// The chat's conversation flow: send, stop, regenerate, edit and resend, retry, new chat, history.
// One conversation is current in each window (the pointer lives in this window's workspaceState, so two
// windows never take each other's). It is saved as soon as the question is asked (so a reload mid-answer
// keeps it) and again when the answer ends.
//
// Every change of the current conversation (new, open, delete) starts a new generation. A run that
// belongs to an older generation was stopped by that change: its partial answer is still saved into its
// own conversation's file (the user's words and what the model said are kept), unless that conversation
// was deleted (the store refuses), and it never becomes current again or posts to the view.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { newConversation, SYSTEM_PROMPT, titleFrom, toChatMessages, type Attachment, type Conversation, type StoredMessage } from '../../core/chat/conversation';
import { adoptSaved } from '../../core/chat/conversation-merge';
import type { ConversationStore } from '../../core/chat/conversation-store';
import type { HostMessage, ModelView } from '../../core/protocol';
import type { ChatRouter } from '../../core/routing/chat-router';
import type { KeyStore } from '../keys/key-store';
import type { ModelSelection } from '../models/selection';
import { runAnswer } from './answer-runner';
import { composerTokenCount } from './composer-tokens';
import { runExternalAnswer } from './external-model';
import { chatState, errorView, messageView, modelView } from './views';

const CURRENT_KEY = 'byok.chat.currentConversation';
/** The title of a conversation no answer has named yet. */
const UNTITLED = titleFrom('');
const newId = (prefix: string): string => `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export class ChatSession implements vscode.Disposable {
  private conversation: Conversation | undefined;
  private attachments: Attachment[] = [];
  /** Set synchronously when a question is taken, so a second one cannot slip in while the first is loading. */
  private running: { controller: AbortController } | undefined;
  private generation = 0;
  private notice: string | undefined;
  private post: (message: HostMessage) => void = () => undefined;
  /** Ask About Selection wants the composer focused; a view still loading gets it when it says ready. */
  private focusWanted = false;

  constructor(
    private readonly deps: {
      store: ConversationStore;
      router: ChatRouter;
      selection: ModelSelection;
      keys: KeyStore;
      /** This window's state (workspaceState): the current conversation is per window. */
      windowState: vscode.Memento;
      log: vscode.LogOutputChannel;
    },
  ) {}

  /** The webview (re)connected: it receives everything from now on. */
  attach(post: (message: HostMessage) => void): void {
    this.post = post;
  }

  private async current(): Promise<Conversation> {
    if (this.conversation) return this.conversation;
    const id = this.deps.windowState.get<string>(CURRENT_KEY);
    let restored: Conversation | undefined;
    try {
      restored = id ? await this.deps.store.get(id) : undefined;
    } catch (e) {
      // Unreadable right now (permissions, a locked file): the file stays as it is and in the history.
      this.deps.log.error(`Opening the last conversation failed: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('BYOK could not open the last conversation; it is left as it is on disk. A new chat starts.');
    }
    this.reportStoreProblems();
    // A new chat or an opened one may have become current while this was loading.
    if (this.conversation) return this.conversation;
    this.conversation = restored ?? newConversation(this.deps.store.newId());
    // A message still "streaming" after a reload was cut off by the reload.
    for (const m of this.conversation.messages) if (m.status === 'streaming') m.status = 'interrupted';
    return this.conversation;
  }

  /** What the store met during any operation (a file set aside, one left alone), shown once each. */
  private reportStoreProblems(): void {
    for (const problem of this.deps.store.problems.splice(0)) {
      this.deps.log.warn(problem);
      void vscode.window.showWarningMessage(`BYOK: ${problem}`);
    }
  }

  private modelInfo(): { model?: ModelView; modelProblem?: string } {
    const sel = this.deps.selection.current('chat');
    if (sel.kind === 'byok') return { model: modelView(sel.model) };
    if (sel.kind === 'external') return { model: { id: sel.ref, name: sel.id, providerLabel: sel.vendor } };
    if (sel.kind === 'unavailable') return { modelProblem: sel.reason };
    return { modelProblem: this.deps.keys.list().length ? 'Choose a model to start.' : 'Add an API key to start: it stays in VS Code\'s secret storage.' };
  }

  /** The composer's typed text counted for the chosen model (composer-tokens.ts). */
  async countTokens(text: string, seq: number): Promise<void> {
    const sel = this.deps.selection.current('chat');
    const model = sel.kind === 'byok' ? { modelId: sel.model.info.id, contextWindow: sel.model.info.contextWindow, maxOutputTokens: sel.model.info.maxOutputTokens } : undefined;
    this.post(await composerTokenCount(text, seq, model, this.attachments));
  }

  async sendState(): Promise<void> {
    const conversation = await this.current();
    this.post({ type: 'state', state: chatState({ conversation, ...this.modelInfo(), hasKeys: this.deps.keys.list().length > 0, attachments: this.attachments, busy: !!this.running, ...(this.notice ? { notice: this.notice } : {}) }) });
  }

  async send(text: string): Promise<void> {
    // The composer has already cleared its box: a question that cannot be taken goes back to it.
    const run = this.begin();
    if (!run) return this.post({ type: 'returnDraft', text });
    await this.whileRunning(run, async () => {
      const conversation = await this.current();
      // Another conversation became current while this one was loading: the question was not asked.
      if (run.generation !== this.generation) return this.post({ type: 'returnDraft', text });
      const user: StoredMessage = { id: newId('u'), role: 'user', text, createdAt: Date.now(), ...(this.attachments.length ? { attachments: this.attachments } : {}) };
      conversation.messages.push(user);
      this.attachments = [];
      this.post({ type: 'message', message: messageView(user) });
      await this.answer(conversation, run);
    });
  }

  /** Claims the session for one answer; undefined when an answer is already running. */
  private begin(): { controller: AbortController; generation: number } | undefined {
    if (this.running) return undefined;
    const run = { controller: new AbortController(), generation: this.generation };
    this.running = run;
    return run;
  }

  private async whileRunning(run: { controller: AbortController }, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }

  stop(): void {
    this.running?.controller.abort();
  }

  /** Answers again from the user message before `messageId`, dropping that answer and what followed. */
  async regenerate(messageId: string): Promise<void> {
    const run = this.begin();
    if (!run) return;
    await this.whileRunning(run, async () => {
      const conversation = await this.current();
      const i = conversation.messages.findIndex((m) => m.id === messageId);
      if (i < 0 || conversation.messages[i]?.role !== 'assistant') return;
      conversation.messages.splice(i);
      await this.sendState();
      await this.answer(conversation, run);
    });
  }

  async editAndResend(messageId: string, text: string): Promise<void> {
    const run = this.begin();
    // The edit box is gone by now: the edited text goes to the composer rather than nowhere.
    if (!run) return this.post({ type: 'returnDraft', text });
    await this.whileRunning(run, async () => {
      const conversation = await this.current();
      const i = conversation.messages.findIndex((m) => m.id === messageId);
      const original = conversation.messages[i];
      if (!original || original.role !== 'user') return;
      conversation.messages.splice(i);
      conversation.messages.push({ ...original, id: newId('u'), text, createdAt: Date.now() });
      await this.sendState();
      await this.answer(conversation, run);
    });
  }

  private async answer(conversation: Conversation, run: { controller: AbortController; generation: number }): Promise<void> {
    const sel = this.deps.selection.current('chat');
    const { controller } = run;
    const isCurrent = (): boolean => run.generation === this.generation;
    const assistant: StoredMessage = { id: newId('a'), role: 'assistant', text: '', status: 'streaming', createdAt: Date.now() };
    const history = toChatMessages(conversation);
    if (sel.kind === 'byok') {
      const m = sel.model;
      assistant.model = { id: m.id, name: m.info.name, providerLabel: m.providerLabel, keyName: m.keyName, ref: m.ref };
    } else if (sel.kind === 'external') {
      assistant.model = { id: sel.ref, name: sel.id, providerLabel: sel.vendor };
    }
    conversation.messages.push(assistant);
    this.notice = undefined;
    this.post({ type: 'message', message: messageView(assistant) });
    const onDelta = (text: string, reasoning: string): void => {
      assistant.text += text;
      if (reasoning) assistant.reasoning = (assistant.reasoning ?? '') + reasoning;
      if (isCurrent()) this.post({ type: 'delta', id: assistant.id, ...(text ? { text } : {}), ...(reasoning ? { reasoning } : {}) });
    };
    // The question goes to disk now, so a reload mid-answer keeps it; the model is asked meanwhile (the
    // store writes one conversation's saves in order, so the final save below lands after this one).
    conversation.updatedAt = Date.now();
    const asked = this.save(conversation, run.generation);
    try {
      await this.sendState();
      if (sel.kind === 'byok') {
        const result = await runAnswer({
          router: this.deps.router, model: sel.model, system: SYSTEM_PROMPT, history, signal: controller.signal, origin: 'chat', onDelta,
          onNotice: (notice) => { if (isCurrent()) { this.notice = notice; this.post({ type: 'notice', text: notice }); } },
        });
        assistant.status = result.status;
        if (result.usage) assistant.usage = result.usage;
        if (result.costUsd !== undefined) assistant.costUsd = result.costUsd;
        if (result.requestId) assistant.requestId = result.requestId;
        if (result.error) {
          const view = errorView(result.error);
          assistant.error = { kind: result.error.kind, title: view.title, detail: view.detail, ...(result.error.kind === 'policy' && result.error.code ? { setting: result.error.code } : {}) };
          this.deps.log.warn(`Chat answer from ${sel.model.ref} (key "${sel.model.keyName}") failed: ${result.error.userMessage}`);
          // The provider refused the key itself: Manage Keys, the picker and the status bar must stop calling it valid.
          if (result.error.kind === 'auth') await this.deps.keys.recordCheck(sel.model.keyId, { ok: false, at: Date.now(), kind: 'auth', message: result.error.userMessage }).catch((e: unknown) => this.deps.log.warn(`Recording the failed check failed: ${String(e)}`));
        }
      } else if (sel.kind === 'external') {
        const result = await runExternalAnswer(sel.vendor, sel.id, SYSTEM_PROMPT, history, controller.signal, onDelta);
        assistant.status = result.status;
        if (result.error) assistant.error = result.error;
      } else {
        assistant.status = 'error';
        assistant.error = this.noModelError(sel.kind === 'unavailable' ? sel.reason : undefined);
      }
    } finally {
      if (assistant.status === 'streaming') assistant.status = 'interrupted';
      // A question becomes the title only once something answered it: one that failed may be retried, edited or dropped.
      if (conversation.title === UNTITLED && assistant.text.trim()) {
        const asked = conversation.messages.slice(0, conversation.messages.indexOf(assistant)).reverse().find((m) => m.role === 'user');
        if (asked) conversation.title = titleFrom(asked.text);
      }
      if (this.running === run) this.running = undefined;
      if (isCurrent()) {
        const end = messageView(assistant);
        this.post({ type: 'messageEnd', id: assistant.id, status: assistant.status ?? 'complete', ...(end.usage ? { usage: end.usage } : {}), ...(end.error ? { error: end.error } : {}) });
      }
      await asked;
      conversation.updatedAt = Date.now();
      await this.save(conversation, run.generation);
      if (isCurrent()) await this.sendState();
    }
  }

  /**
   * Nothing could be asked: with no key yet the way forward is Add Key, not a picker with nothing in it.
   * Both cards offer Retry, so the question is sent with one click once a model is there.
   */
  private noModelError(unavailable: string | undefined): NonNullable<StoredMessage['error']> {
    if (unavailable) return { kind: 'no-model', title: unavailable, detail: 'The chat model cannot be used now.' };
    if (!this.deps.keys.list().length) return { kind: 'no-key', title: 'Add an API key first, then retry: the key stays in VS Code\'s secret storage.', detail: 'No model is selected for the chat, and no key is saved yet.' };
    return { kind: 'no-model', title: 'Choose a model first, then retry.', detail: 'No model is selected for the chat.' };
  }

  /**
   * The saved key that wrote a failed answer, so "Update key" replaces exactly that key. Resolved here from
   * the message the host itself stored; undefined when the key is gone or the answer came from elsewhere.
   */
  async failedKeyOf(messageId: string | undefined): Promise<string | undefined> {
    if (!messageId) return undefined;
    const message = (await this.current()).messages.find((m) => m.id === messageId && m.role === 'assistant');
    const keyId = message?.model?.id.split('/')[0];
    return keyId && this.deps.keys.get(keyId) ? keyId : undefined;
  }

  async retry(messageId: string): Promise<void> {
    await this.regenerate(messageId);
  }

  /** Another conversation becomes current: a running answer is stopped and belongs to the past generation. */
  private switchTo(conversation: Conversation): void {
    this.generation += 1;
    this.running?.controller.abort();
    this.running = undefined;
    this.conversation = conversation;
    this.notice = undefined;
  }

  async newChat(): Promise<void> {
    this.switchTo(newConversation(this.deps.store.newId()));
    this.attachments = [];
    await this.deps.windowState.update(CURRENT_KEY, this.conversation?.id);
    await this.sendState();
    this.post({ type: 'focusInput' });
  }

  async open(conversationId: string): Promise<void> {
    if (this.conversation?.id === conversationId && this.running) return this.sendState();
    let found: Conversation | undefined;
    try {
      found = await this.deps.store.get(conversationId);
    } catch (e) {
      this.deps.log.error(`Opening a conversation failed: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('BYOK could not open this conversation; it is left as it is on disk.');
    } finally {
      this.reportStoreProblems();
    }
    if (!found) return;
    for (const m of found.messages) if (m.status === 'streaming') m.status = 'interrupted';
    this.switchTo(found);
    await this.deps.windowState.update(CURRENT_KEY, found.id);
    await this.sendState();
  }

  async delete(conversationId: string): Promise<void> {
    try {
      await this.deps.store.delete(conversationId);
    } finally {
      this.reportStoreProblems();
    }
    if (this.conversation?.id === conversationId) await this.newChat();
    await this.listConversations('');
  }

  async listConversations(query: string): Promise<void> {
    try {
      this.post({ type: 'conversations', items: await this.deps.store.list(query), query });
    } finally {
      this.reportStoreProblems();
    }
  }

  async addAttachments(list: Attachment[]): Promise<void> {
    this.attachments.push(...list);
    await this.sendState();
  }

  /** Focuses the composer now if the view is ready, else as soon as it is (viewReady). */
  focusComposer(): void {
    this.focusWanted = true;
    this.post({ type: 'focusInput' });
  }

  /** The view said it is ready (after its state was sent). */
  viewReady(): void {
    if (this.focusWanted) this.post({ type: 'focusInput' });
    this.focusWanted = false;
  }

  async removeAttachment(id: string): Promise<void> {
    this.attachments = this.attachments.filter((a) => a.id !== id);
    await this.sendState();
  }

  /**
   * Saves into the conversation's own file, never one that was deleted (the store refuses), and points this
   * window at it only while it is still the current one. Turns another window saved meanwhile are merged
   * in; the messages this session holds stay the same objects, so a streaming answer keeps its place.
   * The interrupted answer is what the user has; keep it in memory even when the disk is full.
   */
  private async save(conversation: Conversation, generation: number): Promise<void> {
    try {
      // The store gets a snapshot: a question asked while this save writes is pushed to the live list and
      // must survive it (its own save follows this one). Only what the snapshot held is reconciled.
      const given = { ...conversation, messages: conversation.messages.slice() };
      const saved = await this.deps.store.save(given);
      if (!saved) return;
      adoptSaved(conversation.messages, new Set(given.messages.map((m) => m.id)), saved.messages);
      if (conversation.title === given.title) conversation.title = saved.title;
      if (generation === this.generation && this.conversation === conversation) await this.deps.windowState.update(CURRENT_KEY, conversation.id);
    } catch (e) {
      this.deps.log.error(`Saving the conversation failed: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('BYOK could not save this conversation to disk; it stays open in this window.');
    } finally {
      this.reportStoreProblems();
    }
  }

  dispose(): void {
    this.stop();
  }
}
