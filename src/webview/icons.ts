// Codicons by code point. The font ships with the bundle (see main.css); the CSS for the ~600
// icon classes does not, because we use about twenty. test/webview/icons.test.ts checks every code
// point here against @vscode/codicons' own stylesheet, so an upgrade that moves one fails a test.

export const CODICONS = {
  add: 0xea60,
  'arrow-down': 0xea9a,
  attach: 0xec34,
  check: 0xeab2,
  'chevron-down': 0xeab4,
  close: 0xea76,
  'comment-discussion': 0xeac7,
  copy: 0xebcc,
  'debug-stop': 0xead7,
  edit: 0xea73,
  error: 0xea87,
  file: 0xea7b,
  files: 0xeaf0,
  'go-to-file': 0xea94,
  history: 0xea82,
  info: 0xea74,
  insert: 0xec11,
  key: 0xeb11,
  'link-external': 0xeb14,
  refresh: 0xeb37,
  search: 0xea6d,
  selection: 0xeb85,
  send: 0xec0f,
  sparkle: 0xec10,
  'stop-circle': 0xeba5,
  trash: 0xea81,
  warning: 0xea6c,
} as const;

export type IconName = keyof typeof CODICONS;

export function icon(name: IconName): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `codicon codicon-${name}`;
  span.setAttribute('aria-hidden', 'true');
  // Drawn by CSS from the attribute, so the glyph is not part of any element's text.
  span.dataset.icon = String.fromCodePoint(CODICONS[name]);
  return span;
}
