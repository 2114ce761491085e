// One message in the conversation. User text is set with textContent (never HTML); assistant text
// is streamed Markdown. Each answer says which model and key produced it, what it cost, and how it
// ended (complete, stopped, failed).
import type { ErrorView, MessageStatus, MessageView, UsageView, WebviewMessage } from '../../core/protocol';
import { button, el, setHidden } from '../dom';
import { modelLabel, usageDetail, usageText } from '../format';
import { icon } from '../icons';
import { StreamRenderer } from '../render/stream-renderer';
import { attachmentChip } from './chips';
import { errorCard } from './error-card';

export interface MessageContext {
  post(message: WebviewMessage): void;
  isBusy(): boolean;
}

export class MessageElement {
  readonly element: HTMLElement;
  private view: MessageView;
  private body: StreamRenderer | undefined;
  private thinking: { details: HTMLDetailsElement; summary: HTMLElement; renderer: StreamRenderer } | undefined;
  private readonly status = el('div', { class: 'message-status' });
  private readonly footer = el('div', { class: 'message-footer' });
  /** Disabled while an answer streams. */
  private readonly actions: HTMLButtonElement[] = [];
  private footerButtons: HTMLButtonElement[] = [];
  /** A question's "Edit and resend" (undefined on answers). */
  private editButton: HTMLButtonElement | undefined;
  private startEditing: (() => void) | undefined;

  constructor(view: MessageView, private readonly context: MessageContext) {
    this.view = { ...view };
    this.element = el('article', {
      class: `message ${view.role}`,
      testid: 'message',
      attrs: { 'data-role': view.role, 'data-message-id': view.id },
    });
    if (view.role === 'user') this.buildUser();
    else this.buildAssistant();
    this.setStatus(view.status ?? 'complete');
  }

  get id(): string {
    return this.view.id;
  }

  get role(): MessageView['role'] {
    return this.view.role;
  }

  /** Whether this element already shows `view` (a repeated 'state' then keeps it as it is). */
  matches(view: MessageView): boolean {
    const v = this.view;
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    return view.id === v.id && view.role === v.role && (view.status ?? 'complete') === v.status && !!view.refused === !!v.refused
      && view.text === (this.body ? this.body.text : v.text)
      && (view.reasoning ?? '') === (this.thinking ? this.thinking.renderer.text : v.reasoning ?? '')
      && same(view.usage, v.usage) && same(view.error, v.error) && same(view.model, v.model) && same(view.attachments, v.attachments);
  }

  get isStreaming(): boolean {
    return this.view.status === 'streaming';
  }

  /** Rendered text, for the screen-reader announcement. */
  get plainText(): string {
    const text = this.element.querySelector('[data-testid="message-body"]')?.textContent ?? '';
    return text.replace(/\s+/g, ' ').trim();
  }

  appendDelta(text: string | undefined, reasoning: string | undefined): void {
    if (text) this.body?.append(text);
    if (reasoning) this.ensureThinking().renderer.append(reasoning);
    if (text && this.thinking) this.thinking.summary.textContent = 'Thinking';
  }

  end(status: MessageStatus, usage: UsageView | undefined, error: ErrorView | undefined): void {
    this.view.usage = usage ?? this.view.usage;
    this.view.error = error ?? this.view.error;
    this.body?.end();
    this.thinking?.renderer.end();
    if (this.thinking) this.thinking.summary.textContent = 'Thinking';
    this.setStatus(status);
  }

  setBusy(busy: boolean): void {
    for (const action of this.actions) action.disabled = busy;
  }

  /** Opens the edit box of a question, as its Edit button does; false when it cannot (an answer, or busy). */
  edit(): boolean {
    if (!this.startEditing || !this.editButton || this.editButton.disabled || this.element.querySelector('.edit-form')) return false;
    this.startEditing();
    return true;
  }

  // ------------------------------------------------------------------------------------ user

  private buildUser(): void {
    const body = el('div', { class: 'message-body plain', testid: 'message-body', text: this.view.text });
    const attachments = this.view.attachments?.length
      ? el('div', { class: 'message-attachments' }, this.view.attachments.map((a) => attachmentChip(a)))
      : null;
    const edit = button('Edit and resend', {
      class: 'icon-button', icon: icon('edit'), showLabel: false, testid: 'edit',
      onClick: () => this.startEdit(body, edit),
    });
    this.actions.push(edit);
    this.editButton = edit;
    this.startEditing = () => this.startEdit(body, edit);
    this.footer.append(el('span', { class: 'spacer' }), edit);
    this.element.append(
      el('div', { class: 'message-header' }, [el('span', { class: 'message-author', text: 'You' })]),
      this.view.refused ? collapsed(body, this.view.text) : body, attachments ?? '', this.footer,
    );
    this.element.setAttribute('aria-label', this.view.refused ? 'Your message, not sent: too long for the model' : 'Your message');
  }

  private startEdit(body: HTMLElement, edit: HTMLButtonElement): void {
    const shown = body.closest('details') ?? body;
    const input = el('textarea', { class: 'edit-input', testid: 'edit-input', attrs: { 'aria-label': 'Edit your message', rows: '3' } });
    input.value = this.view.text;
    const finish = (): void => {
      form.remove();
      setHidden(shown, false);
      setHidden(this.footer, false);
      edit.focus();
    };
    const resend = (): void => {
      const text = input.value.trim();
      if (!text || this.context.isBusy()) return;
      this.context.post({ type: 'editAndResend', messageId: this.view.id, text });
      finish();
    };
    const form = el('div', { class: 'edit-form' }, [
      input,
      el('div', { class: 'edit-actions' }, [
        button('Cancel', { class: 'secondary', testid: 'edit-cancel', onClick: finish }),
        button('Resend', { class: 'primary', testid: 'edit-resend', icon: icon('send'), onClick: resend }),
      ]),
    ]);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        finish();
      } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        resend();
      }
    });
    setHidden(shown, true);
    setHidden(this.footer, true);
    shown.after(form);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  // ------------------------------------------------------------------------------- assistant

  private buildAssistant(): void {
    const view = this.view;
    const header = el('div', { class: 'message-header' }, [
      icon('sparkle'),
      el('span', { class: 'message-model', testid: 'message-model', text: view.model ? modelLabel(view.model) : 'Assistant' }),
    ]);
    this.body = new StreamRenderer('message-body markdown');
    this.body.element.dataset.testid = 'message-body';
    this.element.append(header);
    if (view.reasoning) this.ensureThinking().renderer.reset(view.reasoning, view.status !== 'streaming');
    this.body.reset(view.text, view.status !== 'streaming');
    this.body.flush();
    const copy = button('Copy answer', {
      class: 'icon-button', icon: icon('copy'), showLabel: false, testid: 'copy-answer',
      onClick: () => this.context.post({ type: 'copyCode', code: this.body?.text ?? '' }),
    });
    const regenerate = button('Regenerate', {
      class: 'icon-button', icon: icon('refresh'), showLabel: false, testid: 'regenerate',
      onClick: () => this.context.post({ type: 'regenerate', messageId: view.id }),
    });
    this.actions.push(regenerate);
    this.element.append(this.body.element, this.status, this.footer);
    this.element.setAttribute('aria-label', view.model ? `Answer from ${view.model.name}` : 'Answer');
    this.footerButtons = [copy, regenerate];
  }

  private ensureThinking(): NonNullable<MessageElement['thinking']> {
    if (this.thinking) return this.thinking;
    const summary = el('span', { text: this.view.text || this.view.status !== 'streaming' ? 'Thinking' : 'Thinking…' });
    const renderer = new StreamRenderer('thinking-body markdown');
    const details = el('details', { class: 'thinking', testid: 'thinking' }, [el('summary', {}, [summary]), renderer.element]);
    // Reasoning can be long and is collapsed by default: render it only when someone looks.
    renderer.setPaused(true);
    details.addEventListener('toggle', () => renderer.setPaused(!details.open));
    this.thinking = { details, summary, renderer };
    const header = this.element.querySelector('.message-header');
    if (header) header.after(details);
    else this.element.prepend(details);
    return this.thinking;
  }

  private setStatus(status: MessageStatus): void {
    this.view.status = status;
    this.element.dataset.status = status;
    if (this.view.role !== 'assistant') return;
    const parts: (HTMLElement | null)[] = [];
    if (status === 'streaming') {
      parts.push(el('span', { class: 'streaming-indicator', attrs: { 'aria-hidden': 'true' } }));
    }
    if (status === 'interrupted') {
      parts.push(el('div', { class: 'interrupted', testid: 'interrupted' }, [icon('debug-stop'), el('span', { text: 'Stopped — partial answer' })]));
    }
    if (status === 'error' && !this.body!.isEmpty) {
      // The stream broke after some text: keep it, and say it is not the whole answer.
      parts.push(el('div', { class: 'interrupted', testid: 'interrupted' }, [icon('debug-stop'), el('span', { text: 'Interrupted by an error — partial answer' })]));
    }
    if (status === 'error' && this.view.error) {
      const messageId = this.view.id;
      parts.push(errorCard(this.view.error, (action) => this.context.post({ type: 'errorAction', action, messageId })));
    }
    this.status.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    setHidden(this.body!.element, status === 'error' && this.body!.isEmpty);

    const usage = this.view.usage && status !== 'streaming'
      ? el('span', { class: 'message-usage', testid: 'message-usage', text: usageText(this.view.usage), attrs: { title: usageDetail(this.view.usage) } })
      : null;
    const buttons = status === 'streaming' || (status === 'error' && this.body!.isEmpty) ? [] : this.footerButtons;
    this.footer.replaceChildren(...[usage, el('span', { class: 'spacer' }), ...buttons].filter((n): n is HTMLElement => n !== null));
    this.setBusy(this.context.isBusy());
  }
}

/**
 * A refused message is kept (the user's words are never lost) but folded away: the model never saw it,
 * and it can be very long. Edit and resend still works on the whole text.
 */
function collapsed(body: HTMLElement, text: string): HTMLElement {
  const size = text.length >= 10_000 ? `${Math.round(text.length / 1000)}k characters` : `${text.length} characters`;
  return el('details', { class: 'refused', testid: 'refused' }, [
    el('summary', { text: `Not sent: too long for the model's context window (${size}). Edit it, or choose a model with a larger context.` }),
    body,
  ]);
}
