// A loopback server for the harness page: the webview's own document shape and CSP
// (default-src 'none'; styles, fonts and images from its own origin; scripts only by nonce; no
// connect-src), the fake VS Code API, and the built webview assets.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { webviewDocument } from '../../../src/core/webview-document';
import { FAKE_VSCODE_JS } from './fake-vscode';
import { THEME_BODY_CLASS, THEME_CSS } from './theme';

export interface Harness {
  origin: string;
  /** The page URL. theme: dark | light | hc; manualFrames: the test runs animation frames itself. */
  url(options?: { theme?: string; manualFrames?: boolean; sanitizer?: boolean }): string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

/** The real document (src/core/webview-document.ts), with the harness's own theme and fake VS Code API. */
function page(nonce: string, theme: string, sanitizer: boolean): string {
  return webviewDocument({
    cspSource: "'self'",
    nonce,
    styles: ['/theme.css', '/dist/main.css'],
    scripts: ['/fake-vscode.js', ...(sanitizer ? ['/extra/sanitizer.js'] : []), '/dist/main.js'],
    bodyClass: THEME_BODY_CLASS[theme] ?? 'vscode-dark',
  });
}

export async function startHarness(distDir: string, extraDir?: string): Promise<Harness> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const send = (status: number, type: string, body: string | Buffer): void => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      try {
        if (url.pathname === '/' || url.pathname === '/index.html') {
          const nonce = randomBytes(18).toString('base64');
          send(200, 'text/html; charset=utf-8', page(nonce, url.searchParams.get('theme') ?? 'dark', url.searchParams.has('sanitizer')));
        } else if (url.pathname === '/favicon.ico') {
          send(204, 'image/x-icon', '');
        } else if (url.pathname === '/fake-vscode.js') {
          send(200, TYPES['.js']!, FAKE_VSCODE_JS);
        } else if (url.pathname === '/theme.css') {
          send(200, TYPES['.css']!, THEME_CSS);
        } else if (url.pathname.startsWith('/dist/') || (extraDir && url.pathname.startsWith('/extra/'))) {
          const file = basename(url.pathname);
          const dir = url.pathname.startsWith('/extra/') ? extraDir! : distDir;
          const ext = file.slice(file.lastIndexOf('.'));
          send(200, TYPES[ext] ?? 'application/octet-stream', await readFile(join(dir, file)));
        } else {
          send(404, 'text/plain', 'not found');
        }
      } catch {
        send(404, 'text/plain', 'not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (options = {}) => {
      const params = new URLSearchParams();
      if (options.theme) params.set('theme', options.theme);
      if (options.manualFrames) params.set('manualFrames', '1');
      if (options.sanitizer) params.set('sanitizer', '1');
      return `${origin}/index.html${params.size ? `?${params}` : ''}`;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
