// The sidebar chat: header (model, history, new chat), the conversation, the composer and totals.
// Applies the host's messages incrementally; streamed text reaches the DOM once per frame.
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
import { MessageElement, type MessageContext } from './message';

/** Closer than this to the bottom counts as "at the bottom": new text keeps it there. */
const STICKY_PX = 32;

export class ChatView {
  readonly element: HTMLElement;
  private readonly post = (message: WebviewMessage): void => host.post(message);
  private readonly announcer = new Announcer();
  private readonly modelButton: HTMLButtonElement;
  private readonly modelName = el('span', { class: 'model-name' });
  private readonly modelMeta = el('span', { class: 'model-meta' });
  private readonly historyButton: HTMLButtonElement;
  private readonly notice = el('div', { class: 'notice', testid: 'notice', hidden: true, attrs: { role: 'status' } });
  private readonly messagesElement = el('div', { class: 'messages', attrs: { 'aria-label': 'Conversation', role: 'region', tabindex: '-1' } });
  private readonly totals = el('div', { class: 'totals', testid: 'totals', hidden: true });
  private readonly history: ConversationList;
  private readonly composer: Composer;
  private readonly messages = new Map<string, MessageElement>();
  private state: ChatState | undefined;
  private busy = false;
  private stick = true;
  private restoredScroll = false;
  private readonly context: MessageContext = { post: this.post, isBusy: () => this.busy };
  private readonly keepAtBottom = (): void => {
    if (this.stick) this.scrollToBottom();
  };

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
        setHidden(this.messagesElement, false);
        this.historyButton.focus();
      },
    });
    this.composer = new Composer({
      send: (text) => {
        this.stick = true;
        this.post({ type: 'send', text });
      },
      stop: () => this.post({ type: 'stop' }),
      attach: (what) => this.post({ type: 'attach', what }),
      removeAttachment: (attachmentId) => this.post({ type: 'removeAttachment', attachmentId }),
      draftChanged: (draft) => host.saveState({ draft }),
    }, host.state.draft ?? '');

    this.element = el('div', { class: 'chat' }, [
      el('header', { class: 'chat-header' }, [this.modelButton, this.historyButton, newChat]),
      this.notice,
      this.history.element,
      this.messagesElement,
      el('footer', { class: 'chat-footer' }, [this.composer.element, this.totals]),
      this.announcer.element,
    ]);
    this.element.addEventListener('click', (event) => {
      const message = codeActionFor(event.target);
      if (message) this.post(message);
    });
    interceptLinks(this.element, (href) => this.post({ type: 'openLink', href }));
    this.messagesElement.addEventListener('scroll', () => {
      const m = this.messagesElement;
      this.stick = m.scrollHeight - m.scrollTop - m.clientHeight < STICKY_PX;
      host.saveState({ scrollTop: m.scrollTop });
    }, { passive: true });
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
        scheduleAfterWrites(this.keepAtBottom);
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
    this.setTotals(state.totals);
    this.history.setCurrent(state.conversationId);
    if (switched && this.history.isOpen) this.history.close();

    // The host re-sends the whole state often (model change, attachment, …): keep every message
    // element that already shows the same thing, so nothing flickers or loses its open details.
    const previous = switched ? new Map<string, MessageElement>() : new Map(this.messages);
    this.messages.clear();
    const nodes: HTMLElement[] = [];
    for (const view of state.messages) {
      const kept = previous.get(view.id);
      const message = kept?.matches(view) ? kept : new MessageElement(view, this.context);
      this.messages.set(view.id, message);
      nodes.push(message.element);
    }
    this.busy = state.busy || state.messages.some((m) => m.status === 'streaming');
    if (nodes.length !== this.messagesElement.children.length || nodes.some((node, i) => this.messagesElement.children[i] !== node)) {
      this.messagesElement.replaceChildren(...nodes);
    }
    this.updatePlaceholder();
    this.setBusy(this.busy);

    if (!this.restoredScroll) {
      this.restoredScroll = true;
      const saved = host.state;
      if (saved.conversationId === state.conversationId && saved.scrollTop !== undefined) {
        const top = saved.scrollTop;
        requestAnimationFrame(() => {
          this.messagesElement.scrollTop = top;
          const m = this.messagesElement;
          this.stick = m.scrollHeight - m.scrollTop - m.clientHeight < STICKY_PX;
        });
        host.saveState({ conversationId: state.conversationId });
        return;
      }
    }
    host.saveState({ conversationId: state.conversationId });
    if (switched || this.stick) {
      this.stick = true;
      scheduleAfterWrites(this.keepAtBottom);
    }
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
    const message = new MessageElement(view, this.context);
    const existing = this.messages.get(view.id);
    this.messages.set(view.id, message);
    if (existing) existing.element.replaceWith(message.element);
    else this.messagesElement.append(message.element);
    this.updatePlaceholder();
    if (view.role === 'user') this.stick = true;
    if (view.status === 'streaming') {
      this.setBusy(true);
      if (view.role === 'assistant') this.announcer.say(`${view.model?.name ?? 'The model'} is answering…`);
    }
    scheduleAfterWrites(this.keepAtBottom);
  }

  private endMessage(end: Extract<HostMessage, { type: 'messageEnd' }>): void {
    const message = this.messages.get(end.id);
    if (end.totals) this.setTotals(end.totals);
    if (!message) return;
    message.end(end.status, end.usage, end.error);
    this.setBusy([...this.messages.values()].some((m) => m.isStreaming));
    scheduleAfterWrites(this.keepAtBottom);
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
    setHidden(this.messagesElement, true);
    this.history.open();
  }

  private scrollToBottom(): void {
    const m = this.messagesElement;
    m.scrollTop = m.scrollHeight;
  }
}
