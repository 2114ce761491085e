// byok.manageKeys: every saved key with its provider, host, masked key and last check, and what can be
// done with it: test, replace, change host (asks for the key again), rename, refresh models, remove.
import * as vscode from 'vscode';
import { secretPromptText } from './secret-prompt';
import * as z from 'zod';
import type { KeyMetadata } from '../../core/keys/key-metadata';
import { toProviderError } from '../../core/providers/classify';
import { validateSecretFor } from '../../core/keys/key-metadata';
import { findPreset } from '../../core/providers/presets';
import type { ChatRouter } from '../../core/routing/chat-router';
import type { ModelCatalog } from '../models/model-catalog';
import type { AddKeyCommand } from './add-key';
import type { KeyStore } from './key-store';
import { checkDraft, validateName } from './save-key';
import { routerPolicy, settingSource, userValue } from '../policy/policy-settings';

/** The organization settings shown read-only in Manage Keys, with where each value comes from. */
const ORGANIZATION_SETTINGS = ['byok.allowedModels', 'byok.enabledProviders', 'byok.allowCustomHosts', 'byok.allowedHosts', 'byok.budget.monthlyUsd', 'byok.budget.action'] as const;

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'not set';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : 'no restriction';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Quick-pick rows for the organization settings (read-only: choosing one opens the Settings editor there). */
export function organizationItems(): { label: string; description: string; detail: string; setting: string; kind?: vscode.QuickPickItemKind }[] {
  return ORGANIZATION_SETTINGS.map((setting) => ({
    label: `$(lock) ${setting}`,
    description: describeValue(userValue(setting)),
    detail: `from ${settingSource(setting)}; workspace values are ignored`,
    setting,
  }));
}

const ReplaceArgs = z.object({ replaceKeyId: z.string().min(1).max(200) });

type KeyAction = 'test' | 'replace' | 'host' | 'rename' | 'refresh' | 'remove';

export function describeCheck(key: KeyMetadata): string {
  const c = key.lastCheck;
  if (!c) return 'not checked yet';
  const when = new Date(c.at).toLocaleString();
  return c.ok ? `✓ valid, ${c.modelCount ?? 0} models (checked ${when})` : `✗ ${c.message ?? c.kind ?? 'failed'} (${when})`;
}

function warnDisabled(key: KeyMetadata): void {
  void vscode.window.showWarningMessage(`${findPreset(key.presetId)?.label ?? key.presetId} is disabled by your organization's policy (byok.enabledProviders): "${key.name}" is not used or checked while it is.`);
}

export class ManageKeysCommand {
  constructor(
    private readonly keys: KeyStore,
    private readonly catalog: ModelCatalog,
    private readonly router: ChatRouter,
    private readonly addKey: AddKeyCommand,
    private readonly isProviderEnabled: (presetId: string) => boolean,
  ) {}

  /**
   * `{ replaceKeyId }` (an error card's "Update key") goes straight to Replace Key for that key. Any extension
   * can run the command, so the id is only looked up: an unknown one opens the list, and a new secret is
   * still typed by the user and checked against the key's own host.
   */
  async run(args?: unknown): Promise<void> {
    const parsed = ReplaceArgs.safeParse(args);
    const target = parsed.success ? this.keys.get(parsed.data.replaceKeyId) : undefined;
    if (target) {
      if (!this.isProviderEnabled(target.presetId)) {
        warnDisabled(target);
        return;
      }
      await this.replace(target, target.baseUrl);
      return;
    }
    for (;;) {
      const items = this.keys.list().map((k) => {
        const hostRefused = routerPolicy.hostRefusal(k.presetId, k.baseUrl);
        return {
          label: `${hostRefused || (k.lastCheck && !k.lastCheck.ok) ? '$(warning)' : '$(key)'} ${k.name}`,
          description: `${findPreset(k.presetId)?.label ?? k.presetId} · ${k.masked}`,
          detail: `${k.baseUrl} · ${hostRefused ? `refused: ${hostRefused.message}` : describeCheck(k)}`,
          key: k,
        };
      });
      const add = { label: '$(add) Add a key…', description: '', detail: undefined, key: undefined };
      const separator = { label: 'Organization settings (read-only)', kind: vscode.QuickPickItemKind.Separator, key: undefined };
      const org = organizationItems().map((o) => ({ ...o, key: undefined }));
      const picked = await vscode.window.showQuickPick<{ label: string; key: KeyMetadata | undefined; setting?: string; kind?: vscode.QuickPickItemKind }>([...items, add, separator, ...org], { title: 'BYOK: Manage Keys', placeHolder: items.length ? 'Choose a key' : 'No keys yet', matchOnDescription: true, matchOnDetail: true });
      if (!picked) return;
      if (picked.setting) { await vscode.commands.executeCommand('workbench.action.openSettings', picked.setting); return; }
      if (!picked.key) { await this.addKey.run(); return; }
      const done = await this.act(picked.key);
      if (done) return;
    }
  }

  /** Returns true when the manager should close. */
  private async act(key: KeyMetadata): Promise<boolean> {
    const actions: { label: string; action: KeyAction; description?: string }[] = [
      { label: '$(check) Test', action: 'test', description: 'ask the provider whether the key works' },
      { label: '$(refresh) Refresh Models', action: 'refresh' },
      { label: '$(key) Replace Key', action: 'replace', description: 'same name and host, new secret' },
      { label: '$(globe) Change Host', action: 'host', description: 'asks for the key again: a key is pinned to its host' },
      { label: '$(edit) Rename', action: 'rename' },
      { label: '$(trash) Remove', action: 'remove' },
    ];
    const picked = await vscode.window.showQuickPick(actions, { title: `${key.name} (${findPreset(key.presetId)?.label ?? key.presetId})`, placeHolder: `${key.baseUrl} · ${key.masked}` });
    if (!picked) return false;
    // A provider the policy disables is never called: no test, listing or new key for it (rename and remove still work).
    if ((picked.action === 'test' || picked.action === 'refresh' || picked.action === 'replace' || picked.action === 'host') && !this.isProviderEnabled(key.presetId)) {
      warnDisabled(key);
      return false;
    }
    switch (picked.action) {
      case 'test': await this.test(key); return false;
      case 'refresh': await this.catalog.refresh(key.id); void vscode.window.showInformationMessage(`"${key.name}": ${describeCheck(this.keys.get(key.id) ?? key)}`); return false;
      case 'replace': return this.replace(key, key.baseUrl);
      case 'host': {
        const preset = findPreset(key.presetId);
        if (!preset) return false;
        const host = await this.addKey.askHost(preset, `Change the host of "${key.name}"`, key.baseUrl);
        if (host === undefined) return false;
        return this.replace(key, host);
      }
      case 'rename': {
        const others = this.keys.list().filter((k) => k.presetId === key.presetId && k.id !== key.id).map((k) => k.name);
        const name = await vscode.window.showInputBox({ title: `Rename "${key.name}"`, value: key.name, validateInput: (v) => validateName(v, others) });
        if (name !== undefined) await renameKey(this.keys, key, name.trim());
        return false;
      }
      case 'remove': {
        const ok = await vscode.window.showWarningMessage(`Remove the key "${key.name}"?`, { modal: true, detail: 'The secret is deleted from VS Code\'s secret storage.' }, 'Remove');
        if (ok !== 'Remove') return false;
        await this.keys.remove(key.id);
        await this.catalog.forget(key.id);
        this.router.invalidate(key.id);
        void vscode.window.showInformationMessage(`Removed "${key.name}".`);
        return false;
      }
    }
  }

  private async test(key: KeyMetadata): Promise<void> {
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Testing "${key.name}"…` }, async () => {
      try {
        return await this.router.checkKey(key.id, key.presetId, AbortSignal.timeout(60_000));
      } catch (e) {
        return { ok: false as const, error: toProviderError(e, key.presetId) };
      }
    });
    if (!outcome.ok && outcome.error.kind === 'policy') {
      // Nothing was sent: that says nothing about the key, so it is not recorded as a failed check.
      void vscode.window.showWarningMessage(`"${key.name}" was not tested: ${outcome.error.message}`);
      return;
    }
    if (outcome.ok) {
      await this.keys.recordCheck(key.id, { ok: true, at: Date.now(), modelCount: outcome.modelCount });
      void vscode.window.showInformationMessage(`"${key.name}" works: ${outcome.modelCount} models available.`);
    } else {
      const message = outcome.error.userMessage;
      await this.keys.recordCheck(key.id, { ok: false, at: Date.now(), kind: outcome.error.kind, message });
      void vscode.window.showErrorMessage(`"${key.name}" failed: ${message}`, 'Replace Key').then((a) => a && this.replace(key, key.baseUrl));
    }
  }

  /** Asks for the key, checks it against `host`, and saves both only if the check passes (or the user insists). */
  private async replace(key: KeyMetadata, host: string): Promise<boolean> {
    const preset = findPreset(key.presetId);
    if (!preset) return false;
    const secret = await vscode.window.showInputBox({ title: `New key for "${key.name}" at ${host}`, prompt: secretPromptText(preset), password: true, ignoreFocusOut: true, validateInput: (v) => validateSecretFor(preset, v) });
    if (secret === undefined) return false;
    const draft = { preset, name: key.name, secret, baseUrl: host, ...(key.azure ? { azure: key.azure } : {}), ...(key.bedrock ? { bedrock: key.bedrock } : {}) };
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking the new key for "${key.name}"…` }, () => checkDraft(draft, AbortSignal.timeout(60_000), this.isProviderEnabled));
    if (!outcome.ok) {
      const offline = outcome.error.kind === 'network' || outcome.error.kind === 'timeout';
      const choice = await vscode.window.showErrorMessage(`The key was not changed. ${outcome.error.userMessage}`, ...(offline ? ['Save Anyway'] : []));
      if (choice !== 'Save Anyway') return false;
    }
    // Key and host change in one step (see KeyStore.replace): the new key never meets the old host.
    await this.keys.replace(key.id, { secret, baseUrl: host, lastCheck: outcome.ok ? { ok: true, at: Date.now(), modelCount: outcome.models.length } : { ok: false, at: Date.now(), kind: outcome.error.kind, message: outcome.error.userMessage } });
    this.router.invalidate(key.id);
    if (outcome.ok) await this.catalog.store(key.id, outcome.models);
    void vscode.window.showInformationMessage(`Updated "${key.name}".`);
    return true;
  }
}

/**
 * Renames a key. A per-key budget (`byok.budget.perKey`) names keys by name, so the user's own budget for
 * the old name moves to the new one: a rename must not quietly drop a key's budget.
 */
export async function renameKey(keys: KeyStore, key: KeyMetadata, name: string): Promise<void> {
  await keys.rename(key.id, name);
  const config = vscode.workspace.getConfiguration('byok');
  const perKey = config.inspect<Record<string, unknown>>('budget.perKey')?.globalValue;
  if (!perKey || typeof perKey !== 'object' || Array.isArray(perKey)) return;
  const old = Object.keys(perKey).find((k) => k.toLowerCase() === key.name.toLowerCase());
  if (old === undefined || old.toLowerCase() === name.toLowerCase()) return;
  const { [old]: budget, ...rest } = perKey;
  await config.update('budget.perKey', { ...rest, [name]: budget }, vscode.ConfigurationTarget.Global);
}
