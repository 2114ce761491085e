// Helpers for host suites: the extension's API, and the provider simulator's control endpoints.
import * as vscode from 'vscode';
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
