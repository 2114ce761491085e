// Every fenced code block gets a toolbar: Copy, Insert at cursor, Open in a new editor. The
// buttons are handled by one delegated listener, because streamed blocks are re-rendered each frame.
import type { WebviewMessage } from '../../core/protocol';
import { button, el } from '../dom';
import { icon } from '../icons';

/** The fence's language as the host accepts it (letters, digits, _ + # . -). */
export function codeLanguage(code: Element): string {
  const match = /(?:^|\s)language-(\S+)/.exec(code.className);
  return (match?.[1] ?? '').replace(/[^\w+#.-]/g, '').slice(0, 50);
}

function codeText(code: Element): string {
  return (code.textContent ?? '').replace(/\n$/, '');
}

export function codeToolbar(language: string): HTMLElement {
  return el('div', { class: 'code-toolbar' }, [
    el('span', { class: 'code-language', text: language }),
    button('Copy', { icon: icon('copy'), showLabel: false, testid: 'code-copy', attrs: { 'data-code-action': 'copy' } }),
    button('Insert at cursor', { icon: icon('insert'), showLabel: false, testid: 'code-insert', attrs: { 'data-code-action': 'insert' } }),
    button('Open in new editor', { icon: icon('go-to-file'), showLabel: false, testid: 'code-open', attrs: { 'data-code-action': 'open' } }),
  ]);
}

/** Wraps each <pre><code> under root in a .code-block with a toolbar. */
export function decorateCodeBlocks(root: DocumentFragment | Element): void {
  for (const pre of root.querySelectorAll('pre')) {
    const code = pre.querySelector('code');
    if (!code || pre.parentElement?.classList.contains('code-block')) continue;
    const block = el('div', { class: 'code-block' });
    pre.replaceWith(block);
    block.append(codeToolbar(codeLanguage(code)), pre);
  }
}

/** Handles a click on a toolbar button anywhere under root; returns the message to post, if any. */
export function codeActionFor(target: EventTarget | null): WebviewMessage | undefined {
  const actionButton = target instanceof Element ? target.closest<HTMLElement>('[data-code-action]') : null;
  const code = actionButton?.closest('.code-block')?.querySelector('code');
  if (!actionButton || !code) return undefined;
  const text = codeText(code);
  switch (actionButton.dataset.codeAction) {
    case 'copy':
      flashCopied(actionButton);
      return { type: 'copyCode', code: text };
    case 'insert':
      return { type: 'insertCode', code: text };
    case 'open':
      return { type: 'openCodeInEditor', code: text, language: codeLanguage(code) };
    default:
      return undefined;
  }
}

function flashCopied(target: HTMLElement): void {
  const glyph = target.querySelector('.codicon');
  if (!glyph) return;
  glyph.replaceWith(icon('check'));
  target.setAttribute('aria-label', 'Copied');
  setTimeout(() => {
    target.querySelector('.codicon')?.replaceWith(icon('copy'));
    target.setAttribute('aria-label', 'Copy');
  }, 1500);
}
