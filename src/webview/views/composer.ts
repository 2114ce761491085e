// The question box: Enter sends, Shift+Enter is a new line, Esc stops a running answer (and does
// nothing else: the draft and focus stay), Up in an empty box edits the last question. It grows with
// the text, and the draft survives hiding the view. Send turns into Stop while an answer streams.
// Next to it, the typed text's token count for the chosen model (counted by the host, which owns the
// tokenizer), marked when the question and its context no longer fit the model's context window.
import type { AttachmentView, HostMessage } from '../../core/protocol';
import { button, el, setHidden } from '../dom';
import { icon } from '../icons';
import { attachmentChip } from './chips';

export interface ComposerHandlers {
  send(text: string): void;
  stop(): void;
  attach(what: 'selection' | 'activeFile' | 'files'): void;
  removeAttachment(id: string): void;
  draftChanged(text: string): void;
  /** Up arrow in an empty box; true when an edit box opened. */
  editLast(): boolean;
  /** Ask the host to count `text` for the chosen model; it answers with a 'tokenCount' of the same seq. */
  countTokens(text: string, seq: number): void;
}

const MAX_HEIGHT_PX = 240;
/** Counting waits for a pause in typing. */
export const COUNT_DEBOUNCE_MS = 250;

type TokenCount = Extract<HostMessage, { type: 'tokenCount' }>;

export class Composer {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly chips = el('div', { class: 'chips', attrs: { 'aria-label': 'Context for the next question' } });
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private busy = false;
  private readonly tokenCount = el('span', { class: 'token-count', testid: 'composer-tokens', hidden: true, attrs: { id: 'composer-tokens' } });
  private countSeq = 0;
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  private modelName: string | undefined;

  constructor(private readonly handlers: ComposerHandlers, draft: string) {
    this.textarea = el('textarea', {
      class: 'composer-input',
      testid: 'composer',
      attrs: { rows: '1', 'aria-label': 'Ask a question', placeholder: 'Ask a question', 'aria-describedby': 'composer-tokens' },
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
          this.tokenCount,
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
      this.scheduleCount();
    });
    requestAnimationFrame(() => this.autoGrow());
    if (draft.trim()) this.scheduleCount();
  }

  /** Counts the typed text again (the model or the attachments changed). */
  recount(): void {
    if (this.textarea.value.trim()) this.scheduleCount();
  }

  /** The host's count; an answer to an older request (the text changed since) is ignored. */
  showTokenCount(count: TokenCount): void {
    if (count.seq !== this.countSeq || !this.textarea.value.trim()) return;
    const over = count.limit !== undefined && count.contextTokens > count.limit;
    const n = `${count.exact ? '' : '~'}${count.tokens.toLocaleString('en-US')}`;
    const unit = count.tokens === 1 ? 'token' : 'tokens';
    const model = this.modelName ?? 'the model';
    // The unit and the "too long" words are separate so a narrow sidebar can drop them (main.css) and keep
    // the toolbar on one row; the icon, colour and title still say it.
    this.tokenCount.replaceChildren(
      ...(over ? [icon('warning')] : []),
      el('span', { class: 'token-number', text: n }),
      el('span', { class: 'token-unit', text: ` ${unit}` }),
      ...(over ? [el('span', { class: 'token-over', text: ' · too long' })] : []),
    );
    this.tokenCount.classList.toggle('over', over);
    this.tokenCount.dataset.state = over ? 'over' : 'ok';
    this.tokenCount.title = over
      ? `Too long for ${model}: this question and its context need about ${count.contextTokens.toLocaleString('en-US')} tokens, and its context window leaves room for ${count.limit!.toLocaleString('en-US')}. Shorten it, remove context, or choose a model with a larger context window.`
      : `${count.exact ? '' : 'About '}${count.tokens.toLocaleString('en-US')} ${unit} for ${model}${count.exact ? '' : ' (an estimate: this model\'s tokenizer is not shipped)'}`;
    setHidden(this.tokenCount, false);
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
    this.modelName = name;
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
    this.scheduleCount();
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
    } else if (event.key === 'ArrowUp' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && !event.isComposing
      && this.textarea.value === '' && this.handlers.editLast()) {
      event.preventDefault();
    }
  }

  private scheduleCount(): void {
    clearTimeout(this.countTimer);
    // A newer text makes any count still on its way stale.
    const seq = ++this.countSeq;
    if (!this.textarea.value.trim()) {
      this.countTimer = undefined;
      setHidden(this.tokenCount, true);
      return;
    }
    this.countTimer = setTimeout(() => this.handlers.countTokens(this.textarea.value, seq), COUNT_DEBOUNCE_MS);
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
    this.scheduleCount();
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
