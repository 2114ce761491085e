// The BYOK models on offer: every saved key's live listing (cached; refreshed on demand), merged with
// the curated table, filtered by the organization's policy.
import * as vscode from 'vscode';
import { mergeModels, type CatalogModel } from '../../core/catalog/merge';
import { formatKeyModelId, formatModelRef } from '../../core/catalog/model-ref';
import { allowedByPolicy, parsePolicy, type ModelPolicy } from '../../core/catalog/policy';
import { isProviderError } from '../../core/errors';
import { findPreset } from '../../core/providers/presets';
import type { ModelInfo } from '../../core/providers/types';
import type { ChatRouter } from '../../core/routing/chat-router';
import { z } from 'zod';
import type { KeyStore } from '../keys/key-store';

export interface ByokModel {
  /** Key-scoped id `<keyId>/<modelId>`: what the picker and the LM API use. */
  id: string;
  /** `<presetId>/<modelId>`: what policies, prices and settings use. */
  ref: string;
  keyId: string;
  keyName: string;
  presetId: string;
  providerLabel: string;
  baseUrl: string;
  info: CatalogModel;
}

const CACHE_PREFIX = 'byok.models.';
const STALE_MS = 24 * 60 * 60 * 1000;

const CachedListing = z.object({
  at: z.number(),
  models: z.array(z.object({
    id: z.string(), name: z.string(), contextWindow: z.number(), maxOutputTokens: z.number(),
    vision: z.boolean(), toolCalling: z.boolean(), reasoning: z.boolean(),
    pricing: z.object({ inputPerMTok: z.number(), outputPerMTok: z.number(), cachedInputPerMTok: z.number().optional(), cacheWritePerMTok: z.number().optional() }).optional(),
    source: z.enum(['live', 'curated', 'live+curated']),
  })),
});

export function readPolicy(): ModelPolicy {
  const config = vscode.workspace.getConfiguration('byok');
  return parsePolicy({ allowedModels: config.get('allowedModels'), enabledProviders: config.get('enabledProviders') });
}

export class ModelCatalog implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly keys: KeyStore,
    private readonly router: ChatRouter,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.changed,
      keys.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('byok.allowedModels') || e.affectsConfiguration('byok.enabledProviders') || e.affectsConfiguration('byok.organizationLabel')) this.changed.fire();
      }),
    );
  }

  /** Allowed models of every key, from the cache. Stale or missing listings refresh in the background. */
  models(): ByokModel[] {
    const policy = readPolicy();
    const out: ByokModel[] = [];
    for (const key of this.keys.list()) {
      const preset = findPreset(key.presetId);
      if (!preset) continue;
      const cached = this.cached(key.id);
      if (!cached || Date.now() - cached.at > STALE_MS) void this.refresh(key.id);
      // Azure lists deployments, which the user named when adding the key.
      const live: ModelInfo[] | undefined = cached?.models;
      for (const info of mergeModels(key.presetId, live)) {
        const ref = formatModelRef(key.presetId, info.id);
        if (!allowedByPolicy(ref, policy)) continue;
        out.push({ id: formatKeyModelId(key.id, info.id), ref, keyId: key.id, keyName: key.name, presetId: key.presetId, providerLabel: preset.label, baseUrl: key.baseUrl, info });
      }
    }
    return out;
  }

  find(id: string): ByokModel | undefined {
    return this.models().find((m) => m.id === id);
  }

  /** Lists a key's models from its provider and caches them. Errors are recorded on the key, not thrown. */
  refresh(keyId: string): Promise<void> {
    const running = this.refreshing.get(keyId);
    if (running) return running;
    const task = this.doRefresh(keyId).finally(() => this.refreshing.delete(keyId));
    this.refreshing.set(keyId, task);
    return task;
  }

  async refreshAll(): Promise<void> {
    await Promise.all(this.keys.list().map((k) => this.refresh(k.id)));
  }

  /** Stores a listing obtained elsewhere (the check when a key is saved). */
  async store(keyId: string, models: ModelInfo[]): Promise<void> {
    await this.state.update(CACHE_PREFIX + keyId, { at: Date.now(), models });
    this.changed.fire();
  }

  async forget(keyId: string): Promise<void> {
    await this.state.update(CACHE_PREFIX + keyId, undefined);
  }

  private async doRefresh(keyId: string): Promise<void> {
    const key = this.keys.get(keyId);
    if (!key) return;
    try {
      const adapter = await this.router.adapterFor(keyId);
      const models = await adapter.listModels(AbortSignal.timeout(30_000));
      await this.store(keyId, models);
      await this.keys.recordCheck(keyId, { ok: true, at: Date.now(), modelCount: models.length });
    } catch (e) {
      const message = isProviderError(e) ? e.userMessage : String(e);
      this.log.warn(`Listing models for key "${key.name}" (${key.presetId}) failed: ${message}`);
      await this.keys.recordCheck(keyId, { ok: false, at: Date.now(), kind: isProviderError(e) ? e.kind : 'unexpected-response', message });
    }
  }

  private cached(keyId: string): z.infer<typeof CachedListing> | undefined {
    const raw = this.state.get<unknown>(CACHE_PREFIX + keyId);
    if (raw === undefined) return undefined;
    const parsed = CachedListing.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
