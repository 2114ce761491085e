// A loopback HTTP server that speaks each provider's real wire format, records every request and
// injects faults on demand. Used in-process by unit tests and as a child process by host/ui tests
// (control API under /__sim/).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  isStream, type Fault, type FaultKind, type FormatContext, type JsonResponse, type RecordedRequest,
  type ScriptedReply, type StreamResponse, type WireFormat,
} from './types';
import { fimParts } from './formats/fim';
import { readToolExchange } from './tool-exchange';

const HTTP_FAULTS: ReadonlySet<FaultKind> = new Set([
  'unauthorized', 'forbidden', 'quota', 'not-found', 'rate-limit', 'server-error', 'unavailable',
  'overloaded', 'context-too-long', 'bad-request',
]);

export const DEFAULT_REPLY: ScriptedReply = {
  text: 'Hello from the simulator. Ünïcødé ✓ and an emoji 🚀 split across writes.',
  usage: { input: 12, output: 17 },
};

export interface SimulatorOptions { formats: WireFormat[]; models?: string[] }

export class ProviderSimulator {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private faults: (Fault & { remaining: number })[] = [];
  private reply: ScriptedReply = { ...DEFAULT_REPLY };
  private nextId = 1;
  private readonly closeWaiters = new Map<number, (() => void)[]>();
  models: string[];

  constructor(private readonly options: SimulatorOptions) {
    this.models = options.models ?? ['sim-model-1', 'sim-model-2'];
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    this.server.on('connection', (s) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error('simulator not started');
    return `http://127.0.0.1:${addr.port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Sets what every following answer says (until reset). */
  setReply(reply: Partial<ScriptedReply>): void { this.reply = { ...DEFAULT_REPLY, ...reply }; }

  /** Queues a fault for the next matching request(s). */
  inject(fault: Fault): void { this.faults.push({ ...fault, remaining: fault.times ?? 1 }); }

  reset(): void {
    this.faults = [];
    this.reply = { ...DEFAULT_REPLY };
    this.requests.length = 0;
    this.models = this.options.models ?? ['sim-model-1', 'sim-model-2'];
  }

  lastRequest(pathIncludes = ''): RecordedRequest | undefined {
    return [...this.requests].reverse().find((r) => r.path.includes(pathIncludes));
  }

  /** Resolves when the given request's connection has closed (used to prove cancellation reached the wire). */
  waitForClose(id: number): Promise<void> {
    const rec = this.requests.find((r) => r.id === id);
    if (rec?.closedEarly) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.set(id, [...(this.closeWaiters.get(id) ?? []), resolve]));
  }

  private takeFault(path: string): Fault | undefined {
    const i = this.faults.findIndex((f) => !f.pathIncludes || path.includes(f.pathIncludes));
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (f.remaining > 0 && --f.remaining === 0) this.faults.splice(i, 1);
    return f;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    if (path.startsWith('/__sim/')) return this.control(path, raw, res);

    let body: unknown = raw.toString('utf8');
    if (body && (req.headers['content-type'] ?? '').includes('json')) {
      try { body = JSON.parse(body as string); } catch { /* keep text */ }
    }
    const format = this.options.formats.find((f) => f.matches(req.method ?? 'GET', path, query));
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v ?? '']));
    const record: RecordedRequest = { id: this.nextId++, method: req.method ?? 'GET', path, query, headers, body, format: format?.name ?? 'none', closedEarly: false };
    const fim = fimParts(path, body);
    if (fim) record.fim = fim;
    const toolExchange = format ? readToolExchange(format.name, body) : undefined;
    if (toolExchange) record.toolExchange = toolExchange;
    this.requests.push(record);
    res.setHeader('x-sim-request-id', String(record.id));
    res.on('close', () => {
      if (!res.writableFinished) record.closedEarly = true;
      for (const w of this.closeWaiters.get(record.id) ?? []) w();
      this.closeWaiters.delete(record.id);
    });
    if (!format) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `simulator: no route for ${req.method} ${path}` } }));
      return;
    }
    const { afterToolResult, ...scripted } = this.reply;
    const reply = toolExchange?.results.length && afterToolResult ? { ...DEFAULT_REPLY, ...afterToolResult } : scripted;
    const ctx: FormatContext = { req, path, query, body, reply, models: this.models };
    const fault = this.takeFault(path);
    if (fault?.kind === 'html-proxy') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
      return;
    }
    if (fault && HTTP_FAULTS.has(fault.kind)) {
      return this.writeJson(res, format.errorResponse(fault.kind, ctx, fault.retryAfterSec ?? 1));
    }
    const answer = format.respond(ctx);
    if (!isStream(answer)) return this.writeJson(res, answer);
    await this.writeStream(res, answer, fault?.kind, answer.frameDelayMs ?? reply.frameDelayMs ?? 0);
  }

  private writeJson(res: ServerResponse, r: JsonResponse): void {
    res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
    res.end(JSON.stringify(r.json));
  }

  private async writeStream(res: ServerResponse, s: StreamResponse, fault: FaultKind | undefined, delayMs: number): Promise<void> {
    let frames = s.frames.map((f) => (typeof f === 'string' ? Buffer.from(f, 'utf8') : f));
    if (fault === 'no-finish') frames = frames.slice(0, Math.max(1, frames.length - s.terminalFrames));
    if (fault === 'malformed-chunk') frames.splice(1, 0, toBuf(s.malformedFrame));
    if (fault === 'stream-error' && s.errorFrame) frames = [...frames.slice(0, 2), toBuf(s.errorFrame)];
    res.writeHead(s.status ?? 200, s.headers);
    res.flushHeaders();
    for (let i = 0; i < frames.length; i++) {
      if (res.destroyed) return;
      if (fault === 'reset-mid-stream' && i === Math.min(2, frames.length - 1)) { res.socket?.resetAndDestroy(); return; }
      if (fault === 'stall' && i === 1) return; // keep the socket open, say nothing more
      for (const part of splitInsideMultibyte(frames[i]!)) await write(res, part);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    }
    res.end();
  }

  private control(path: string, raw: Buffer, res: ServerResponse): void {
    const body = raw.length ? JSON.parse(raw.toString('utf8')) as Record<string, unknown> : {};
    const ok = (json: unknown): void => { res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json)); };
    switch (path) {
      case '/__sim/reply': this.setReply(body); return ok({ ok: true });
      case '/__sim/fault': this.inject(body as unknown as Fault); return ok({ ok: true });
      case '/__sim/models': this.models = body.models as string[]; return ok({ ok: true });
      case '/__sim/reset': this.reset(); return ok({ ok: true });
      case '/__sim/requests': return ok(this.requests);
      default: res.writeHead(404).end();
    }
  }
}

function toBuf(f: string | Buffer): Buffer { return typeof f === 'string' ? Buffer.from(f, 'utf8') : f; }

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => { if (!res.write(chunk)) res.once('drain', resolve); else setImmediate(resolve); });
}

/** Real networks split multi-byte characters across packets: cut each frame inside its first one. */
export function splitInsideMultibyte(frame: Buffer): Buffer[] {
  for (let i = 0; i < frame.length; i++) {
    if (frame[i]! >= 0xc0) return [frame.subarray(0, i + 1), frame.subarray(i + 1)];
  }
  return [frame];
}
