// A one-shot HTTP callback on 127.0.0.1 for an OAuth redirect, for when the editor's URI handler cannot
// be reached. It listens on a random port, answers the first request to its path with a small page, and
// closes then or when its time is up, whichever comes first. Nothing it receives is logged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackCallback {
  /** http://127.0.0.1:<port><path> */
  readonly url: string;
  /** Resolves when the server has closed (after its one callback, on expiry, or on close()). */
  readonly closed: Promise<void>;
  close(): void;
}

export interface LoopbackOptions {
  /** The path the redirect comes back to (the rest of the URL is refused with 404). */
  path: string;
  /** Closes after this long even if no callback came. */
  expiresInMs: number;
  /** Handles the one callback: its raw (still percent-encoded) query. Says what the page should tell the user. */
  onCallback(rawQuery: string): Promise<{ ok: boolean; message: string }>;
}

export async function startLoopbackCallback(options: LoopbackOptions): Promise<LoopbackCallback> {
  const sockets = new Set<Socket>();
  let used = false;
  let answered = false;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => { resolveClosed = r; });
  const server = createServer((req, res) => { void handle(req, res); });
  const close = (): void => {
    // While the one callback is being answered, its handler closes the server once the page is written.
    if (used && !answered) return;
    clearTimeout(timer);
    server.close(() => resolveClosed());
    // Idle keep-alive sockets would hold the port open; the answer has been written by now.
    for (const s of sockets) s.end();
  };
  const timer = setTimeout(close, options.expiresInMs);
  timer.unref?.();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    if (req.method !== 'GET' || path !== options.path || used) {
      // Browsers ask for /favicon.ico too: that is not the callback and must not use it up.
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    used = true;
    let outcome: { ok: boolean; message: string };
    try {
      outcome = await options.onCallback(q < 0 ? '' : target.slice(q + 1));
    } catch {
      outcome = { ok: false, message: 'The sign-in could not be finished. Go back to VS Code for details.' };
    }
    answered = true;
    res.writeHead(outcome.ok ? 200 : 400, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'referrer-policy': 'no-referrer',
      connection: 'close',
    }).end(callbackPage(outcome));
    close();
  };
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${options.path}`, closed, close };
}

function callbackPage(outcome: { ok: boolean; message: string }): string {
  const title = outcome.ok ? 'Signed in to OpenRouter' : 'Sign-in not finished';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>BYOK: ${title}</title>`
    + '<style>body{font:16px system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:CanvasText;background:Canvas}</style></head>'
    + `<body><h1>${title}</h1><p>${escapeHtml(outcome.message)}</p><p>You can close this tab and go back to VS Code.</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
