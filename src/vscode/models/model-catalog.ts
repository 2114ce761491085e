// The BYOK models on offer: every saved key's live listing (cached in globalState), merged with the curated
// table, filtered by the organization's policy.
//
// Reading is free of side effects: models() never starts a request. Listings are refreshed on a schedule
// (a key without a listing at once, a stale one after a day) with a per-key backoff after failures, so a
// bad key costs one request per backoff step, not a loop of listings driven by change events.
import * as vscode from 'vscode';
import { mergeModels, type CatalogModel } from '../../core/catalog/merge';
import { formatKeyModelId, formatModelRef } from '../../core/catalog/model-ref';
import { allowedByPolicy, providerEnabled } from '../../core/catalog/policy';
import { isProviderError } from '../../core/errors';
import { findPreset } from '../../core/providers/presets';
import type { ModelInfo } from '../../core/providers/types';
import type { ChatRouter } from '../../core/routing/chat-router';
import * as z from 'zod';
import type { KeyStore } from '../keys/key-store';
import { affectsPolicy, readPolicy } from '../policy/policy-settings';
import { RefreshSchedule } from '../../core/catalog/refresh-schedule';

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
type CachedListing = z.infer<typeof CachedListing>;

export class ModelCatalog implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly schedule: RefreshSchedule;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly keys: KeyStore,
    private readonly router: ChatRouter,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.schedule = new RefreshSchedule({
      due: () => this.dueKeys(),
      refresh: (keyId) => this.refresh(keyId),
    });
    this.disposables.push(
      this.changed,
      this.schedule,
      keys.onDidChange((e) => {
        // A check result changes no model; everything else (added, removed, renamed, new secret or host) does.
        if (e.change === 'check') return;
        if (e.keyId && (e.change === 'secret' || e.change === 'host' || e.change === 'added')) this.schedule.reset(e.keyId);
        this.changed.fire();
        this.schedule.kick();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsPolicy(e)) return;
        this.changed.fire();
        this.schedule.kick();
      }),
    );
    this.schedule.kick();
  }

  /** Allowed models of every key, from the cache. Never starts a request. */
  models(): ByokModel[] {
    const policy = readPolicy();
    const out: ByokModel[] = [];
    for (const key of this.keys.list()) {
      const preset = findPreset(key.presetId);
      if (!preset || !providerEnabled(key.presetId, policy)) continue;
      // Azure lists deployments, which the user named when adding the key.
      const live: ModelInfo[] | undefined = this.cached(key.id)?.models;
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

  /**
   * Lists a key's models from its provider and caches them; the user asked (or the schedule is due).
   * Errors are recorded on the key, not thrown. A provider the policy disables is never called.
   */
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

  /** Stores a listing obtained elsewhere (the check when a key is saved). Fires a change only when the models differ. */
  async store(keyId: string, models: ModelInfo[]): Promise<void> {
    const before = this.cached(keyId);
    await this.state.update(CACHE_PREFIX + keyId, { at: Date.now(), models });
    this.schedule.succeeded(keyId);
    if (!before || JSON.stringify(before.models) !== JSON.stringify(models)) this.changed.fire();
  }

  async forget(keyId: string): Promise<void> {
    this.schedule.reset(keyId);
    await this.state.update(CACHE_PREFIX + keyId, undefined);
  }

  private dueKeys(): { keyId: string; dueAt: number }[] {
    const policy = readPolicy();
    return this.keys.list()
      .filter((k) => providerEnabled(k.presetId, policy))
      .map((k) => ({ keyId: k.id, dueAt: (this.cached(k.id)?.at ?? -Infinity) + STALE_MS }));
  }

  private async doRefresh(keyId: string): Promise<void> {
    const key = this.keys.get(keyId);
    if (!key) return;
    try {
      const models = await this.router.listModels(keyId, key.presetId, AbortSignal.timeout(30_000));
      await this.store(keyId, models);
      await this.keys.recordCheck(keyId, { ok: true, at: Date.now(), modelCount: models.length });
    } catch (e) {
      // The policy refused before anything was sent: that says nothing about the key.
      if (isProviderError(e) && e.kind === 'policy') { this.log.info(`Not listing models of key "${key.name}": ${e.message}`); return; }
      this.schedule.failed(keyId);
      const message = isProviderError(e) ? e.userMessage : String(e);
      this.log.warn(`Listing models for key "${key.name}" (${key.presetId}) failed: ${message}`);
      await this.keys.recordCheck(keyId, { ok: false, at: Date.now(), kind: isProviderError(e) ? e.kind : 'unexpected-response', message });
    }
  }

  private cached(keyId: string): CachedListing | undefined {
    const raw = this.state.get<unknown>(CACHE_PREFIX + keyId);
    if (raw === undefined) return undefined;
    const parsed = CachedListing.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
