// The sidebar chat: header (model, history, new chat), the conversation, the composer and totals.
// Applies the host's messages incrementally; streamed text reaches the DOM once per frame.
//
// A long conversation is restored end first: the last EAGER_MESSAGES are rendered at once (what is on
// screen), the older ones fill in above them in idle slices without moving what the user sees. The
// webview's find (Ctrl+F) searches the DOM, so it finds text in an old message once that message has
// filled in (within about a second for 500 messages); until then it finds only the recent ones.
import type { ChatState, HostMessage, MessageView, WebviewMessage } from '../../core/protocol';
import { button, el, setHidden } from '../dom';
import { modelLabel, totalsText } from '../format';
import { scheduleAfterWrites } from '../frame';
import { icon } from '../icons';
import { interceptLinks } from '../links';
import { codeActionFor } from '../render/code-blocks';
import { host } from '../vscode-api';
import { Announcer } from './announcer';
import { Composer } from './composer';
import { ConversationList } from './conversation-list';
import { emptyState, welcome } from './empty-state';
import { runWhenIdle } from './idle';
import { MessageElement, type MessageContext } from './message';
import { ScrollFollower } from './scroll-follow';

/** Rendered at once when a conversation is restored: more than the tallest view shows. */
const EAGER_MESSAGES = 24;
/** Older messages rendered per idle step while they fill in. */
const FILL_STEP = 4;
/** What the user asked for a new answer with: the view follows that answer to its end. */
const FOLLOWS: ReadonlySet<WebviewMessage['type']> = new Set(['send', 'regenerate', 'editAndResend', 'retry']);

export class ChatView {
  readonly element: HTMLElement;
  private readonly post = (message: WebviewMessage): void => {
    if (FOLLOWS.has(message.type) || (message.type === 'errorAction' && message.action === 'retry')) this.follower.follow();
    host.post(message);
  };
  private readonly announcer = new Announcer();
  private readonly modelButton: HTMLButtonElement;
  private readonly modelName = el('span', { class: 'model-name' });
  private readonly modelMeta = el('span', { class: 'model-meta' });
  private readonly historyButton: HTMLButtonElement;
  private readonly notice = el('div', { class: 'notice', testid: 'notice', hidden: true, attrs: { role: 'status' } });
  private readonly messagesElement = el('div', { class: 'messages', attrs: { 'aria-label': 'Conversation', role: 'region', tabindex: '-1' } });
  private readonly follower = new ScrollFollower(this.messagesElement, (top) => host.saveState({ scrollTop: top }), () => this.composer.focus());
  private readonly messagesPane = el('div', { class: 'messages-pane' }, [this.messagesElement, this.follower.button]);
  private readonly totals = el('div', { class: 'totals', testid: 'totals', hidden: true });
  private readonly history: ConversationList;
  private readonly composer: Composer;
  private readonly messages = new Map<string, MessageElement>();
  /** Older messages not rendered yet (oldest first), all above the first rendered one. */
  private pending: MessageView[] = [];
  /** Rendered by fill steps, not yet in the DOM (oldest first). */
  private filled: HTMLElement[] = [];
  private cancelFill: (() => void) | undefined;
  private state: ChatState | undefined;
  private busy = false;
  private restoredScroll = false;
  private readonly context: MessageContext = { post: this.post, isBusy: () => this.busy };

  constructor() {
    this.modelButton = button('Choose a model', {
      class: 'model-button', testid: 'model-button', showLabel: false,
      onClick: () => this.post({ type: 'pickModel' }),
    });
    this.modelButton.removeAttribute('title');
    this.modelButton.append(icon('sparkle'), el('span', { class: 'model-text' }, [this.modelName, this.modelMeta]), icon('chevron-down'));
    this.historyButton = button('Chat history', {
      class: 'icon-button', icon: icon('history'), showLabel: false, testid: 'history',
      attrs: { 'aria-expanded': 'false', 'aria-controls': 'history-panel' },
      onClick: () => (this.history.isOpen ? this.history.close() : this.openHistory()),
    });
    const newChat = button('New chat', {
      class: 'icon-button', icon: icon('add'), showLabel: false, testid: 'new-chat',
      onClick: () => this.post({ type: 'newChat' }),
    });
    this.history = new ConversationList({
      search: (query) => this.post({ type: 'listConversations', query }),
      open: (conversationId) => this.post({ type: 'openConversation', conversationId }),
      remove: (conversationId) => this.post({ type: 'deleteConversation', conversationId }),
      closed: () => {
        this.historyButton.setAttribute('aria-expanded', 'false');
        setHidden(this.messagesPane, false);
        this.historyButton.focus();
      },
    });
    this.composer = new Composer({
      send: (text) => this.post({ type: 'send', text }),
      editLast: () => this.editLastQuestion(),
      stop: () => this.post({ type: 'stop' }),
      attach: (what) => this.post({ type: 'attach', what }),
      removeAttachment: (attachmentId) => this.post({ type: 'removeAttachment', attachmentId }),
      draftChanged: (draft) => host.saveState({ draft }),
      countTokens: (text, seq) => this.post({ type: 'countTokens', text, seq }),
    }, host.state.draft ?? '');

    this.element = el('div', { class: 'chat' }, [
      el('header', { class: 'chat-header' }, [this.modelButton, this.historyButton, newChat]),
      this.notice,
      this.history.element,
      this.messagesPane,
      el('footer', { class: 'chat-footer' }, [this.composer.element, this.totals]),
      this.announcer.element,
    ]);
    this.element.addEventListener('click', (event) => {
      const message = codeActionFor(event.target);
      if (message) this.post(message);
    });
    interceptLinks(this.element, (href) => this.post({ type: 'openLink', href }));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.busy && !event.defaultPrevented) this.post({ type: 'stop' });
    });
    this.setModel(undefined);
  }

  focusInput(): void {
    this.composer.focus();
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'state':
        this.applyState(message.state);
        return;
      case 'message':
        this.upsert(message.message);
        return;
      case 'delta': {
        const target = this.messages.get(message.id);
        if (!target) return;
        target.appendDelta(message.text, message.reasoning);
        this.follower.contentChanged();
        return;
      }
      case 'messageEnd':
        this.endMessage(message);
        return;
      case 'notice':
        this.showNotice(message.text);
        return;
      case 'conversations':
        this.history.setItems(message.items, message.query);
        return;
      case 'focusInput':
        this.composer.focus();
        return;
      case 'tokenCount':
        this.composer.showTokenCount(message);
        return;
      case 'returnDraft':
        this.composer.restoreDraft(message.text);
        this.announcer.say('Not sent yet: an answer is still running. Your question is back in the box.');
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------------------------- state

  private applyState(state: ChatState): void {
    const switched = this.state?.conversationId !== state.conversationId;
    this.state = state;
    this.setModel(state);
    this.showNotice(state.notice);
    this.composer.setAttachments(state.attachments);
    this.composer.recount();
    this.setTotals(state.totals);
    this.history.setCurrent(state.conversationId);
    if (switched && this.history.isOpen) this.history.close();

    // The host re-sends the whole state often (model change, attachment, …): keep every message
    // element that already shows the same thing, so nothing flickers or loses its open details.
    const previous = switched ? new Map<string, MessageElement>() : new Map(this.messages);
    this.messages.clear();
    this.cancelFill?.();
    this.cancelFill = undefined;
    this.filled = [];
    // Render the end now; above it, keep what is already rendered and leave the rest to fill in.
    const views = state.messages;
    let first = Math.max(0, views.length - EAGER_MESSAGES);
    while (first > 0 && previous.get(views[first - 1]!.id)?.matches(views[first - 1]!)) first--;
    this.pending = views.slice(0, first);
    const nodes: HTMLElement[] = [];
    for (const view of views.slice(first)) {
      const kept = previous.get(view.id);
      const message = kept?.matches(view) ? kept : new MessageElement(view, this.context);
      this.messages.set(view.id, message);
      nodes.push(message.element);
    }
    this.busy = state.busy || state.messages.some((m) => m.status === 'streaming');
    this.syncChildren(nodes);
    this.updatePlaceholder();
    this.setBusy(this.busy);

    if (!this.restoredScroll) {
      this.restoredScroll = true;
      const saved = host.state;
      if (saved.conversationId === state.conversationId && saved.scrollTop !== undefined) {
        // The user was reading somewhere above the end: that place needs everything above it.
        this.flushPending();
        const top = saved.scrollTop;
        requestAnimationFrame(() => this.follower.restore(top));
        host.saveState({ conversationId: state.conversationId });
        return;
      }
    }
    host.saveState({ conversationId: state.conversationId });
    if (switched) this.follower.follow();
    else this.follower.contentChanged();
    if (this.pending.length) this.cancelFill = runWhenIdle(() => this.fillStep(), () => this.commitFill());
  }

  /** Puts `nodes` in order, moving only what changed: replacing everything would reset the scroll position. */
  private syncChildren(nodes: HTMLElement[]): void {
    const m = this.messagesElement;
    const wanted = new Set<Element>(nodes);
    for (const child of [...m.children]) if (!wanted.has(child)) child.remove();
    let cursor = m.firstElementChild;
    for (const node of nodes) {
      if (cursor === node) cursor = cursor.nextElementSibling;
      else m.insertBefore(node, cursor);
    }
  }

  /** Renders the next few older messages (commitFill puts them in); false when none are left. */
  private fillStep(): boolean {
    const chunk = this.pending.splice(Math.max(0, this.pending.length - FILL_STEP));
    this.filled.unshift(...chunk.map((view) => {
      const message = new MessageElement(view, this.context);
      this.messages.set(view.id, message);
      return message.element;
    }));
    if (this.pending.length === 0) this.cancelFill = undefined;
    return this.pending.length > 0;
  }

  /** Puts what the fill steps rendered above the rendered messages, without moving what is on screen. */
  private commitFill(): void {
    const elements = this.filled;
    this.filled = [];
    if (elements.length) this.follower.insertAbove(() => this.messagesElement.prepend(...elements));
  }

  private flushPending(): void {
    this.cancelFill?.();
    this.cancelFill = undefined;
    while (this.pending.length) this.fillStep();
    this.commitFill();
  }

  /** Up arrow in an empty composer: edit the last question, as the Edit button would. */
  private editLastQuestion(): boolean {
    if (this.busy || !this.state) return false;
    const last = [...this.state.messages].reverse().find((m) => m.role === 'user');
    if (!last) return false;
    if (!this.messages.has(last.id)) this.flushPending();
    const message = this.messages.get(last.id);
    if (!message) return false;
    message.element.scrollIntoView({ block: 'nearest' });
    return message.edit();
  }

  private setModel(state: ChatState | undefined): void {
    const model = state?.model;
    this.modelName.textContent = model ? model.name : 'Choose a model';
    this.modelMeta.textContent = model ? [model.providerLabel, model.keyName].filter(Boolean).join(' · ') : '';
    this.modelButton.setAttribute('aria-label', model ? `Model: ${modelLabel(model)}. Choose another model` : 'Choose a model');
    this.modelButton.title = model ? `${modelLabel(model)}\nClick to choose another model` : 'Choose a model';
    this.composer.setModelName(model?.name);
  }

  /** The empty state (no key, no model) or a welcome line takes the place of an empty conversation. */
  private updatePlaceholder(): void {
    const state = this.state;
    if (!state) return;
    this.messagesElement.querySelector(':scope > .empty-state, :scope > .welcome')?.remove();
    if (!state.hasKeys || !state.model) {
      this.messagesElement.prepend(emptyState(state.modelProblem, state.hasKeys, this.post));
    } else if (this.messages.size === 0) {
      this.messagesElement.prepend(welcome(state.model.name));
    }
  }

  private upsert(view: MessageView): void {
    if (this.pending.some((p) => p.id === view.id)) this.flushPending();
    const message = new MessageElement(view, this.context);
    const existing = this.messages.get(view.id);
    this.messages.set(view.id, message);
    if (existing) existing.element.replaceWith(message.element);
    else this.messagesElement.append(message.element);
    this.updatePlaceholder();
    if (view.status === 'streaming') {
      this.setBusy(true);
      if (view.role === 'assistant') this.announcer.say(`${view.model?.name ?? 'The model'} is answering…`);
    }
    // A question the user just sent (or an answer to one they asked for) comes into view.
    if (view.role === 'user' && !existing) this.follower.follow();
    else this.follower.contentChanged();
  }

  private endMessage(end: Extract<HostMessage, { type: 'messageEnd' }>): void {
    if (this.pending.some((p) => p.id === end.id)) this.flushPending();
    const message = this.messages.get(end.id);
    if (end.totals) this.setTotals(end.totals);
    if (!message) return;
    message.end(end.status, end.usage, end.error);
    this.setBusy([...this.messages.values()].some((m) => m.isStreaming));
    this.follower.contentChanged();
    // After the last frame has rendered the answer, so the announcement has its full text.
    scheduleAfterWrites(() => {
      if (end.status === 'error') this.announcer.say(`Error: ${end.error?.title ?? 'the answer failed'}`);
      else if (end.status === 'interrupted') this.announcer.say(`Stopped. Partial answer: ${message.plainText}`);
      else this.announcer.say(message.plainText);
    });
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.composer.setBusy(busy);
    for (const message of this.messages.values()) message.setBusy(busy);
  }

  private setTotals(totals: ChatState['totals']): void {
    const any = totals.inputTokens + totals.outputTokens > 0 || totals.unpricedAnswers > 0;
    this.totals.textContent = any ? totalsText(totals) : '';
    setHidden(this.totals, !any);
  }

  private showNotice(text: string | undefined): void {
    if (!text) {
      setHidden(this.notice, true);
      return;
    }
    this.notice.replaceChildren(
      icon('info'),
      el('span', { class: 'notice-text', text }),
      button('Dismiss notice', { class: 'icon-button', icon: icon('close'), showLabel: false, testid: 'notice-dismiss', onClick: () => setHidden(this.notice, true) }),
    );
    setHidden(this.notice, false);
  }

  private openHistory(): void {
    this.historyButton.setAttribute('aria-expanded', 'true');
    setHidden(this.messagesPane, true);
    this.history.open();
  }
}
