// Past conversations: searched by the host as the user types, opened with a click, deleted after
// an inline confirmation (no modal dialog in a sidebar).
import type { ConversationSummary } from '../../core/protocol';
import { button, el, setHidden } from '../dom';
import { relativeTime } from '../format';
import { icon } from '../icons';

export interface HistoryHandlers {
  search(query: string): void;
  open(conversationId: string): void;
  remove(conversationId: string): void;
  closed(): void;
}

const SEARCH_DELAY_MS = 150;

export class ConversationList {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list = el('ul', { class: 'conversation-list', attrs: { 'aria-label': 'Conversations' } });
  private readonly empty = el('p', { class: 'muted conversation-empty', hidden: true });
  private currentId: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly handlers: HistoryHandlers) {
    this.search = el('input', {
      class: 'search-input',
      testid: 'history-search',
      attrs: { type: 'search', placeholder: 'Search conversations', 'aria-label': 'Search conversations' },
    });
    this.search.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => handlers.search(this.search.value), SEARCH_DELAY_MS);
    });
    this.element = el('section', { class: 'history-panel', testid: 'history-panel', hidden: true, attrs: { id: 'history-panel', 'aria-label': 'Chat history' } }, [
      el('div', { class: 'history-header' }, [
        el('h2', { text: 'History' }),
        el('span', { class: 'spacer' }),
        button('Close history', { class: 'icon-button', icon: icon('close'), showLabel: false, testid: 'history-close', onClick: () => this.close() }),
      ]),
      el('div', { class: 'search' }, [icon('search'), this.search]),
      this.list,
      this.empty,
    ]);
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    setHidden(this.element, false);
    this.handlers.search(this.search.value);
    this.search.focus();
  }

  close(): void {
    if (!this.isOpen) return;
    setHidden(this.element, true);
    this.handlers.closed();
  }

  setCurrent(conversationId: string | undefined): void {
    this.currentId = conversationId;
    for (const item of this.list.children) {
      if (!(item instanceof HTMLElement)) continue;
      if (item.dataset.conversationId === conversationId) item.setAttribute('aria-current', 'true');
      else item.removeAttribute('aria-current');
    }
  }

  setItems(items: ConversationSummary[], query: string): void {
    // An answer to an older query (the user kept typing) would flash stale results.
    if (query !== this.search.value) return;
    this.list.replaceChildren(...items.map((item) => this.item(item)));
    this.empty.textContent = query ? `No conversations match “${query}”.` : 'No conversations yet.';
    setHidden(this.empty, items.length > 0);
  }

  private item(summary: ConversationSummary): HTMLElement {
    const title = summary.title || 'Untitled chat';
    const meta = `${summary.messageCount} message${summary.messageCount === 1 ? '' : 's'} · ${relativeTime(summary.updatedAt)}`;
    const open = button(title, { class: 'conversation-open', testid: 'conversation-open', onClick: () => this.handlers.open(summary.id) });
    open.append(el('span', { class: 'conversation-meta', text: meta }));
    const actions = el('span', { class: 'conversation-actions' });
    const item = el('li', {
      class: 'conversation-item',
      testid: 'conversation-item',
      attrs: { 'data-conversation-id': summary.id, ...(summary.id === this.currentId ? { 'aria-current': 'true' } : {}) },
    }, [open, actions]);
    const askDelete = (): void => {
      const confirm = button('Delete', {
        class: 'danger', testid: 'conversation-delete-confirm',
        attrs: { 'aria-label': `Delete “${title}”` },
        onClick: () => {
          item.remove();
          this.handlers.remove(summary.id);
          this.search.focus();
        },
      });
      const cancel = button('Cancel', { class: 'secondary', testid: 'conversation-delete-cancel', onClick: () => showDelete(true) });
      actions.replaceChildren(el('span', { class: 'confirm-text', text: 'Delete?' }), confirm, cancel);
      confirm.focus();
    };
    const showDelete = (refocus: boolean): void => {
      const remove = button(`Delete “${title}”`, { class: 'icon-button', icon: icon('trash'), showLabel: false, testid: 'conversation-delete', onClick: askDelete });
      actions.replaceChildren(remove);
      if (refocus) remove.focus();
    };
    showDelete(false);
    return item;
  }
}
