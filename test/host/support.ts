// Helpers for host suites: the extension's API, and the provider simulator's control endpoints.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostMessage } from '../../src/core/protocol';
import type { AddKeyResult } from '../../src/vscode/keys/add-key';
import type { ByokApi } from '../../src/extension';
import type { App } from '../../src/vscode/app';

export async function byok(): Promise<{ api: ByokApi; app: App }> {
  const ext = vscode.extensions.getExtension<ByokApi>('byok.byok');
  if (!ext) throw new Error('byok.byok is not installed in this host');
  const api = await ext.activate();
  return { api, app: await api.app() };
}

export function simulatorUrl(): string {
  const url = process.env.BYOK_SIMULATOR_URL;
  if (!url) throw new Error('BYOK_SIMULATOR_URL is not set: run host tests with npm run test:host');
  return url;
}

export async function sim(path: 'reply' | 'fault' | 'reset' | 'models', body: unknown): Promise<void> {
  const r = await fetch(`${simulatorUrl()}/__sim/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`simulator control ${path} failed: ${r.status}`);
}

export interface SimRequest { path: string; headers: Record<string, string>; body: unknown }

export async function simRequests(): Promise<SimRequest[]> {
  const r = await fetch(`${simulatorUrl()}/__sim/requests`);
  return (await r.json()) as SimRequest[];
}

/** Resolves when `check` passes, polling on VS Code's events rather than sleeping blindly. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Adds a key for the simulator (OpenAI-compatible), makes its `sim-model-1` the chat model and connects
 * the chat session to `posted` with a new conversation: the setup most chat suites start from.
 */
export async function chatThroughSimulatorKey(name: string, apiKey: string, posted: HostMessage[]): Promise<AddKeyResult> {
  const key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name, apiKey, baseUrl: `${simulatorUrl()}/v1` });
  const { app } = await byok();
  const model = app.catalog.models().find((m) => m.id === `${key.keyId}/sim-model-1`);
  if (!model) throw new Error(`the key "${name}" offers no sim-model-1`);
  await app.selection.choose('chat', { byok: model });
  app.chat.attach((m) => posted.push(m));
  await app.chat.newChat();
  return key;
}

/** Every file below a folder (for searching logs and state for a key). */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    });
  } catch { return []; }
}
