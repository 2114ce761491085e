// The webview keeps its own copy of isSafeLink (importing protocol.ts would bundle zod): same answers.
import assert from 'node:assert/strict';
import { isSafeLink as hostRule } from '../../src/core/protocol';
import { isSafeLink as webviewRule } from '../../src/webview/links';

describe('isSafeLink copy', () => {
  it('agrees with the host on every kind of href', () => {
    const hrefs = [
      'https://example.com', 'http://example.com/a?b#c', 'mailto:a@b.c', 'HTTPS://EXAMPLE.COM', ' https://x.y',
      'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>',
      'data:image/png;base64,AAAA', 'vbscript:msgbox', 'file:///etc/passwd', 'command:workbench.action.quit',
      'vscode://file/x', '//evil.com', '/relative', 'relative.md', '#anchor', '', 'https://', 'ftp://x.y',
    ];
    for (const href of hrefs) assert.equal(webviewRule(href), hostRule(href), href);
  });
});
