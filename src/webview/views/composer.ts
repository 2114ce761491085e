// The question box: Enter sends, Shift+Enter is a new line, it grows with the text, and the draft
// survives hiding the view. Send turns into Stop while an answer streams.
import type { AttachmentView } from '../../core/protocol';
import { button, el, setHidden } from '../dom';
import { icon } from '../icons';
import { attachmentChip } from './chips';

export interface ComposerHandlers {
  send(text: string): void;
  stop(): void;
  attach(what: 'selection' | 'activeFile' | 'files'): void;
  removeAttachment(id: string): void;
  draftChanged(text: string): void;
}

const MAX_HEIGHT_PX = 240;

export class Composer {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly chips = el('div', { class: 'chips', attrs: { 'aria-label': 'Context for the next question' } });
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private busy = false;

  constructor(private readonly handlers: ComposerHandlers, draft: string) {
    this.textarea = el('textarea', {
      class: 'composer-input',
      testid: 'composer',
      attrs: { rows: '1', 'aria-label': 'Ask a question', placeholder: 'Ask a question' },
    });
    this.textarea.value = draft;
    this.sendButton = button('Send', { class: 'primary send', icon: icon('send'), showLabel: false, testid: 'send', onClick: () => this.submit() });
    this.stopButton = button('Stop', { class: 'secondary stop', icon: icon('debug-stop'), showLabel: false, testid: 'stop', hidden: true, onClick: () => handlers.stop() });
    const attach = (what: 'selection' | 'activeFile' | 'files', label: string, title: string, glyph: 'selection' | 'file' | 'files', testid: string): HTMLButtonElement =>
      button(label, { class: 'attach-button', icon: icon(glyph), testid, attrs: { title, 'aria-label': title }, onClick: () => handlers.attach(what) });
    this.element = el('div', { class: 'composer' }, [
      this.chips,
      el('div', { class: 'composer-box' }, [
        this.textarea,
        el('div', { class: 'composer-toolbar' }, [
          el('div', { class: 'attach', attrs: { role: 'group', 'aria-label': 'Add context' } }, [
            attach('selection', 'Selection', 'Attach the editor selection', 'selection', 'attach-selection'),
            attach('activeFile', 'File', 'Attach the active file', 'file', 'attach-file'),
            attach('files', 'Files…', 'Attach files…', 'files', 'attach-files'),
          ]),
          el('span', { class: 'spacer' }),
          this.sendButton,
          this.stopButton,
        ]),
      ]),
    ]);
    setHidden(this.chips, true);
    this.textarea.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.textarea.addEventListener('input', () => {
      this.autoGrow();
      handlers.draftChanged(this.textarea.value);
    });
    requestAnimationFrame(() => this.autoGrow());
  }

  setBusy(busy: boolean): void {
    if (busy === this.busy) return;
    this.busy = busy;
    const hadFocus = document.activeElement === (busy ? this.sendButton : this.stopButton);
    setHidden(this.sendButton, busy);
    setHidden(this.stopButton, !busy);
    if (hadFocus) (busy ? this.stopButton : this.sendButton).focus();
  }

  setModelName(name: string | undefined): void {
    const text = name ? `Ask ${name}` : 'Ask a question';
    this.textarea.placeholder = `${text} (Enter to send, Shift+Enter for a new line)`;
  }

  setAttachments(attachments: AttachmentView[]): void {
    this.chips.replaceChildren(...attachments.map((a) => attachmentChip(a, (id) => this.handlers.removeAttachment(id))));
    setHidden(this.chips, attachments.length === 0);
  }

  focus(): void {
    this.textarea.focus();
  }

  /** A sent question the host handed back: it goes before whatever was typed since, nothing is lost. */
  restoreDraft(text: string): void {
    const typed = this.textarea.value;
    this.textarea.value = typed.trim() ? `${text}\n\n${typed}` : text;
    this.handlers.draftChanged(this.textarea.value);
    this.autoGrow();
    this.textarea.focus();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape' && this.busy) {
      event.preventDefault();
      event.stopPropagation();
      this.handlers.stop();
    }
  }

  private submit(): void {
    const text = this.textarea.value.trim();
    if (!text || this.busy) {
      this.textarea.focus();
      return;
    }
    this.handlers.send(text);
    this.textarea.value = '';
    this.handlers.draftChanged('');
    this.autoGrow();
    this.textarea.focus();
  }

  private autoGrow(): void {
    const t = this.textarea;
    t.style.height = 'auto';
    t.style.height = `${Math.min(t.scrollHeight, MAX_HEIGHT_PX)}px`;
    t.style.overflowY = t.scrollHeight > MAX_HEIGHT_PX ? 'auto' : 'hidden';
  }
}
