// Which links from model output may be opened. Shared by the webview (which refuses to post the rest)
// and the host (which checks again: the webview is untrusted). Zod-free so the webview bundle stays small.

export function isSafeLink(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:';
  } catch {
    return false;
  }
}
