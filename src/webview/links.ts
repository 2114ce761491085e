// Links in model output never navigate the webview: a click is turned into an openLink request,
// and the host opens it only if it passes the same check.

/**
 * Same rule as isSafeLink in src/core/protocol.ts. Copied because importing protocol.ts pulls zod
 * (~450 kB) into the webview bundle; test/webview/links.test.ts keeps the two in step.
 */
export function isSafeLink(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:';
  } catch {
    return false;
  }
}

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
