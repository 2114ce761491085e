// Links in model output never navigate the webview: a click is turned into an openLink request,
// and the host opens it only if it passes the same check.
import { isSafeLink } from '../core/links';

export { isSafeLink };

/** Intercepts every link activation under root (click, middle click, Enter). */
export function interceptLinks(root: HTMLElement, open: (href: string) => void): void {
  const handler = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target.closest('a') : null;
    if (!target || !root.contains(target)) return;
    event.preventDefault();
    if (event.type !== 'click') return;
    const href = target.getAttribute('href');
    if (href && isSafeLink(href)) open(href);
  };
  root.addEventListener('click', handler);
  root.addEventListener('auxclick', handler);
}
