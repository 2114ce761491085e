// The chat webview's document and its Content Security Policy, as pure text: the extension host
// fills in the webview's URIs, and the test harness serves the very same document over loopback.
//   default-src 'none'   nothing is allowed unless named below; no connect-src: the webview never
//                        talks to the network, the host does
//   script-src nonce     only our bundle, never inline handlers or injected scripts
export interface WebviewDocumentOptions {
  /** webview.cspSource in VS Code; "'self'" in the harness. */
  cspSource: string;
  nonce: string;
  styles: string[];
  scripts: string[];
  bodyClass?: string;
  /** The document title (default "BYOK Chat"). */
  title?: string;
}

export function webviewCsp(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `style-src ${cspSource}`, `font-src ${cspSource}`, `img-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
}

const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function webviewDocument(o: WebviewDocumentOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(webviewCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${o.styles.map((href) => `<link rel="stylesheet" href="${attr(href)}">`).join('\n')}
<title>${attr(o.title ?? 'BYOK Chat')}</title>
</head>
<body${o.bodyClass ? ` class="${attr(o.bodyClass)}"` : ''}>
<main id="app"></main>
${o.scripts.map((src) => `<script nonce="${attr(o.nonce)}" src="${attr(src)}"></script>`).join('\n')}
</body>
</html>`;
}
