// One polite live region for screen readers. Streamed text is announced coarsely (when an answer
// starts, and the whole answer when it ends), never token by token.
import { el } from '../dom';

const MAX_CHARS = 1200;

export class Announcer {
  readonly element = el('div', { class: 'sr-only', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });
  private timer: ReturnType<typeof setTimeout> | undefined;

  say(text: string): void {
    const message = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
    // Clearing first makes a repeated message be read again.
    this.element.textContent = '';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.element.textContent = message; }, 50);
  }
}
