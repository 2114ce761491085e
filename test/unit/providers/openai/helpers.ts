// Shared setup for the OpenAI-family tests: one Connection per preset, pointed at the simulator
// with the path prefix the real host uses, plus small stream helpers.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ProviderError, type ErrorKind } from '../../../../src/core/errors';
import { PRESETS, type ProviderPreset } from '../../../../src/core/providers/presets';
import type { Connection, StreamPart } from '../../../../src/core/providers/types';
import type { ProviderSimulator } from '../../../support/simulator';

export const FAMILY_PRESETS: ProviderPreset[] = PRESETS.filter((p) => p.family === 'openai' || p.family === 'openai-compatible' || p.family === 'azure');

export function preset(id: string): ProviderPreset {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}

/** The path the real host puts its API under (e.g. /api/v1 for OpenRouter, /openai/v1 for Groq). */
export function pathPrefix(p: ProviderPreset): string {
  if (p.family === 'azure') return '';
  if (!p.defaultBaseUrl) return '/custom/v1';
  return new URL(p.defaultBaseUrl).pathname.replace(/\/+$/, '');
}

export const isKeyless = (p: ProviderPreset): boolean => p.auth === 'none';

/** Short fake keys; keyless presets get none. */
export function keyFor(p: ProviderPreset): string {
  return isKeyless(p) ? '' : `sk-sim-${p.id.slice(0, 8)}`;
}

export function connectionFor(p: ProviderPreset, sim: ProviderSimulator, overrides: Partial<Connection> = {}): Connection {
  return {
    presetId: p.id,
    baseUrl: sim.url + pathPrefix(p),
    apiKey: keyFor(p),
    ...(p.family === 'azure' ? { azure: { apiVersion: '2024-10-21', deployments: [...sim.models] } } : {}),
    ...(p.headers ? { headers: { ...p.headers } } : {}),
    maxRetries: 0,
    ...overrides,
  };
}

/** The path the chat request must arrive at. */
export function chatPath(p: ProviderPreset, model: string): string {
  if (p.family === 'azure') return `/openai/deployments/${model}/chat/completions`;
  if (p.ollamaApi) return '/v1/chat/completions';
  return `${pathPrefix(p)}/chat/completions`;
}

/** The path checkKey's cheap call goes to. */
export function checkPath(p: ProviderPreset): string {
  if (p.family === 'azure') return '/openai/models';
  if (p.ollamaApi) return '/api/tags';
  return `${pathPrefix(p)}/models`;
}

export async function collect(iter: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const p of iter) out.push(p);
  return out;
}

export const textOf = (parts: StreamPart[]): string => parts.map((p) => (p.type === 'text' ? p.delta : '')).join('');
export const reasoningOf = (parts: StreamPart[]): string => parts.map((p) => (p.type === 'reasoning' ? p.delta : '')).join('');

/** Awaits the promise (or drains the stream) and returns the ProviderError it must fail with. */
export async function failure(work: Promise<unknown> | AsyncIterable<StreamPart>, kind: ErrorKind): Promise<ProviderError> {
  let caught: unknown;
  try {
    if (Symbol.asyncIterator in (work as object)) await collect(work as AsyncIterable<StreamPart>);
    else await work;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ProviderError, `expected a ProviderError of kind ${kind}, got ${caught === undefined ? 'success' : caught instanceof Error ? `${caught.name}: ${caught.message}` : JSON.stringify(caught)}`);
  assert.equal(caught.kind, kind, `kind (message: ${caught.message})`);
  return caught;
}

/** A bare HTTP server for hosts that are not the simulator (wrong hosts, redirects, silence). */
export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => { hits++; handler(req, res); });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, server, hits: () => hits,
    close: () => { for (const s of sockets) s.destroy(); return new Promise<void>((r) => server.close(() => r())); },
  };
}

export const DEFAULT_TEXT = 'Hello from the simulator. Ünïcødé ✓ and an emoji 🚀 split across writes.';
