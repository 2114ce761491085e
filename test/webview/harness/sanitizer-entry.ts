// Test-only page script: exposes the webview's sanitizer so the XSS tests can feed it raw HTML
// directly (in the product, markdown-it with html: false means raw HTML never reaches it).
import { sanitize } from '../../../src/webview/render/sanitize';

(window as unknown as { __sanitize(html: string): string }).__sanitize = (html) => {
  const container = document.createElement('div');
  container.append(sanitize(html));
  return container.innerHTML;
};
