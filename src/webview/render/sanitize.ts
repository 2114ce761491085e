// The last gate before model output touches the DOM. markdown-it already runs with html: false
// (raw HTML in the answer is shown as text) and rejects javascript:/vbscript:/file:/data: links;
// DOMPurify then keeps only the tags markdown-it itself emits, with no styles, no event handlers,
// no forms, frames, SVG or MathML, and links only to http(s) and mailto.
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  'a', 'b', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'kbd',
  'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];

const config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title', 'class', 'start'],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true as const,
};

// Set once: parsing the configuration on every call costs more than sanitizing a short block.
DOMPurify.setConfig(config);

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  const href = node.getAttribute('href');
  // The webview has no status bar: the tooltip is the only way to see where a link goes.
  if (href) node.setAttribute('title', href);
  node.setAttribute('rel', 'noopener noreferrer');
});

export function sanitize(html: string): DocumentFragment {
  // RETURN_DOM_FRAGMENT comes from setConfig, which the typings cannot see.
  return DOMPurify.sanitize(html) as unknown as DocumentFragment;
}
