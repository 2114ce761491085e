// byok.addKey: provider -> name -> key (password box) -> host (+ Azure/Bedrock options) -> check -> save.
// Cancelling at any step saves nothing. With an argument object it skips the prompts but not the checks.
import * as vscode from 'vscode';
import type { ProviderError } from '../../core/errors';
import { validateAwsRegion, validateSecretFor } from '../../core/keys/key-metadata';
import { normalizeBaseUrl } from '../../core/providers/base-url';
import { PRESETS, type ProviderPreset } from '../../core/providers/presets';
import type { ModelInfo } from '../../core/providers/types';
import type { ModelCatalog } from '../models/model-catalog';
import type { KeyStore } from './key-store';
import { routerPolicy } from '../policy/policy-settings';
import { askSecret } from './secret-prompt';
import { bedrockHost, checkDraft, DEFAULT_AZURE_API_VERSION, draftFromArgs, isInsecureRemote, refuseDisabled, validateName, type KeyDraft } from './save-key';

/** The failure's button that reopens the host and key, pre-filled, instead of re-checking the same ones. */
const EDIT = 'Edit Host or Key';

/** The Add Key list's entry that starts `BYOK: Sign in with OpenRouter` instead of asking for a key. */
const SIGN_IN = 'sign-in' as const;

/** What the command returns: never the key. */
export interface AddKeyResult { keyId: string; name: string; provider: string; modelCount: number; checked: boolean }

export class AddKeyCommand {
  constructor(
    private readonly keys: KeyStore,
    private readonly catalog: ModelCatalog,
    /** The organization's policy (byok.enabledProviders): a disabled provider's key is refused before anything is sent. */
    private readonly isProviderEnabled: (presetId: string) => boolean,
  ) {}

  async run(args?: unknown): Promise<AddKeyResult | undefined> {
    if (args !== undefined && args !== null && typeof args === 'object' && !(args instanceof vscode.Uri)) return this.fromArgs(args);
    return this.interactive();
  }

  private names = (presetId: string): string[] => this.keys.list().filter((k) => k.presetId === presetId).map((k) => k.name);

  private async fromArgs(raw: unknown): Promise<AddKeyResult> {
    const { draft, skipCheck, allowInsecureHttp } = draftFromArgs(raw, this.names, this.isProviderEnabled);
    const hostRefused = routerPolicy.hostRefusal(draft.preset.id, draft.baseUrl);
    if (hostRefused) throw new Error(`The key was not saved: ${hostRefused.message}.`);
    if (isInsecureRemote(draft.baseUrl) && !allowInsecureHttp) {
      throw new Error(`Refusing to send a key over unencrypted http:// to ${new URL(draft.baseUrl).host}: use https://, or pass options.allowInsecureHttp: true.`);
    }
    if (skipCheck) return this.save(draft, undefined, undefined);
    const outcome = await checkDraft(draft, AbortSignal.timeout(60_000), this.isProviderEnabled);
    if (!outcome.ok) throw new Error(`The key was not saved. ${outcome.error.userMessage}`);
    return this.save(draft, outcome.models, undefined);
  }

  private async interactive(): Promise<AddKeyResult | undefined> {
    const preset = await this.pickPreset();
    if (!preset) return undefined;
    if (preset === SIGN_IN) {
      await vscode.commands.executeCommand('byok.signInWithOpenRouter');
      return undefined;
    }
    try {
      refuseDisabled(preset, this.isProviderEnabled);
    } catch (e) {
      void vscode.window.showErrorMessage((e as Error).message, 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', 'byok.enabledProviders'));
      return undefined;
    }
    const steps = preset.family === 'azure' ? 5 : preset.family === 'bedrock' ? 4 : 3;
    const title = (n: number): string => `Add ${preset.label} Key (${n}/${steps})`;

    const name = await vscode.window.showInputBox({
      title: title(1), prompt: 'A name for this key, to tell it apart from your other keys', value: this.uniqueName(preset),
      ignoreFocusOut: true, validateInput: (v) => validateName(v, this.names(preset.id)),
    });
    if (name === undefined) return undefined;

    const secret = await askSecret(preset, title(2));
    if (secret === undefined) return undefined;

    let bedrock: KeyDraft['bedrock'];
    if (preset.family === 'bedrock') {
      const region = await vscode.window.showInputBox({ title: title(3), prompt: 'AWS region', value: 'us-east-1', ignoreFocusOut: true, validateInput: (v) => validateAwsRegion(v.trim()) });
      if (region === undefined) return undefined;
      bedrock = { region: region.trim() };
    }

    const baseUrl = await this.askHost(preset, title(steps - (preset.family === 'azure' ? 2 : 0)), bedrock ? bedrockHost(bedrock.region) : preset.defaultBaseUrl);
    if (baseUrl === undefined) return undefined;

    let azure: KeyDraft['azure'];
    if (preset.family === 'azure') {
      const apiVersion = await vscode.window.showInputBox({ title: title(4), prompt: 'Azure OpenAI API version', value: DEFAULT_AZURE_API_VERSION, ignoreFocusOut: true, validateInput: (v) => (/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v.trim()) ? undefined : 'A version such as 2024-10-21') });
      if (apiVersion === undefined) return undefined;
      const deployments = await vscode.window.showInputBox({ title: title(5), prompt: 'Deployment names, separated by commas (the names you gave your models in Azure)', placeHolder: 'gpt-4o, gpt-4.1-mini', ignoreFocusOut: true, validateInput: (v) => (v.split(',').some((d) => d.trim()) ? undefined : 'Enter at least one deployment name') });
      if (deployments === undefined) return undefined;
      azure = { apiVersion: apiVersion.trim(), deployments: deployments.split(',').map((d) => d.trim()).filter(Boolean) };
    }

    const draft: KeyDraft = { preset, name: name.trim(), secret, baseUrl, ...(azure ? { azure } : {}), ...(bedrock ? { bedrock } : {}) };
    return this.checkAndSave(draft);
  }

  private async checkAndSave(first: KeyDraft): Promise<AddKeyResult | undefined> {
    let draft = first;
    // The organization's hosts (byok.allowCustomHosts, byok.allowedHosts): refused before the key is sent anywhere.
    const hostRefused = routerPolicy.hostRefusal(draft.preset.id, draft.baseUrl);
    if (hostRefused) {
      void vscode.window.showErrorMessage(`The key was not saved: ${hostRefused.message}.`, 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', hostRefused.setting));
      return undefined;
    }
    for (;;) {
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Checking your ${draft.preset.label} key…`, cancellable: true },
        (_progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return checkDraft(draft, AbortSignal.any([controller.signal, AbortSignal.timeout(60_000)]), this.isProviderEnabled);
        },
      );
      if (outcome.ok) return this.save(draft, outcome.models, 'notify');
      if (outcome.error.kind === 'aborted') return undefined;
      const choice = await this.explainFailure(outcome.error);
      if (choice === EDIT) {
        // Same steps, pre-filled with what was typed: fix the host or the key, keep the rest.
        const edited = await this.editDraft(draft);
        if (!edited) return undefined;
        draft = edited;
        const refused = routerPolicy.hostRefusal(draft.preset.id, draft.baseUrl);
        if (refused) { void vscode.window.showErrorMessage(`The key was not saved: ${refused.message}.`); return undefined; }
        continue;
      }
      if (choice === 'Retry') continue;
      if (choice === 'Save Anyway') return this.save(draft, undefined, 'notify', outcome.error);
      return undefined;
    }
  }

  private async explainFailure(error: ProviderError): Promise<string | undefined> {
    // Saving a key that the provider refused makes no sense; an unreachable host may just be offline now.
    const offline = error.kind === 'network' || error.kind === 'timeout';
    const actions = offline ? [EDIT, 'Retry', 'Save Anyway'] : [EDIT, 'Retry'];
    return vscode.window.showErrorMessage(`The key was not saved. ${error.userMessage}`, ...actions);
  }

  /** The host and the key again, each pre-filled with the failed attempt's value; undefined when cancelled. */
  private async editDraft(draft: KeyDraft): Promise<KeyDraft | undefined> {
    const title = `Edit ${draft.preset.label} Key "${draft.name}"`;
    const baseUrl = await this.askHost(draft.preset, `${title}: host`, draft.baseUrl);
    if (baseUrl === undefined) return undefined;
    const secret = await vscode.window.showInputBox({
      title: `${title}: key`, password: true, ignoreFocusOut: true, value: draft.secret,
      prompt: 'The key you entered is kept: press Enter to send it to the host above, or paste another.',
      validateInput: (v) => validateSecretFor(draft.preset, v),
    });
    if (secret === undefined) return undefined;
    return { ...draft, baseUrl, secret };
  }

  private async save(draft: KeyDraft, models: ModelInfo[] | undefined, notify: 'notify' | undefined, failed?: ProviderError): Promise<AddKeyResult> {
    const meta = await this.keys.add({
      presetId: draft.preset.id, name: draft.name, baseUrl: draft.baseUrl,
      ...(draft.azure ? { azure: draft.azure } : {}), ...(draft.bedrock ? { bedrock: draft.bedrock } : {}),
      ...(models ? { lastCheck: { ok: true, at: Date.now(), modelCount: models.length } } : failed ? { lastCheck: { ok: false, at: Date.now(), kind: failed.kind, message: failed.userMessage } } : {}),
    }, draft.secret);
    if (models) await this.catalog.store(meta.id, models);
    if (notify) {
      const text = models ? `Saved "${meta.name}" for ${draft.preset.label}: ${models.length} model${models.length === 1 ? '' : 's'} available.` : `Saved "${meta.name}" for ${draft.preset.label} without a check.`;
      void vscode.window.showInformationMessage(text, 'Select Model').then((a) => a && vscode.commands.executeCommand('byok.selectModel'));
    }
    return { keyId: meta.id, name: meta.name, provider: draft.preset.id, modelCount: models?.length ?? 0, checked: models !== undefined };
  }

  private async pickPreset(): Promise<ProviderPreset | typeof SIGN_IN | undefined> {
    const counts = new Map<string, number>();
    for (const k of this.keys.list()) counts.set(k.presetId, (counts.get(k.presetId) ?? 0) + 1);
    type Item = vscode.QuickPickItem & { preset: ProviderPreset | typeof SIGN_IN };
    const items: Item[] = PRESETS.flatMap((p): Item[] => {
      const row: Item = {
        label: p.label,
        description: p.defaultBaseUrl || 'your own host',
        detail: !this.isProviderEnabled(p.id) ? 'disabled by your organization (byok.enabledProviders)' : counts.get(p.id) ? `${counts.get(p.id)} key(s) saved` : undefined,
        preset: p,
      };
      // A host that can hand a key over through a browser sign-in offers it right under its row, never when disabled.
      const signIn: Item = { label: `$(sign-in) ${p.label}: sign in with your browser`, description: 'no key to copy', preset: SIGN_IN };
      return p.browserSignIn && this.isProviderEnabled(p.id) ? [row, signIn] : [row];
    });
    const picked = await vscode.window.showQuickPick(items, { title: 'BYOK: Add Key', placeHolder: 'Choose the provider of your key', matchOnDescription: true, ignoreFocusOut: true });
    return picked?.preset;
  }

  private uniqueName(preset: ProviderPreset): string {
    const taken = this.names(preset.id).map((n) => n.toLowerCase());
    if (!taken.includes(preset.label.toLowerCase())) return preset.label;
    for (let i = 2; ; i++) if (!taken.includes(`${preset.label} ${i}`.toLowerCase())) return `${preset.label} ${i}`;
  }

  /** Asks for the host, prefilled with the default; refuses plain http to another machine unless confirmed. */
  async askHost(preset: ProviderPreset, title: string, value: string): Promise<string | undefined> {
    let initial = value;
    if (preset.alternateBaseUrls?.length) {
      const choice = await vscode.window.showQuickPick(
        [{ label: preset.defaultBaseUrl, description: 'default' }, ...preset.alternateBaseUrls.map((a) => ({ label: a.url, description: a.label })), { label: 'Another host…', description: '' }],
        { title, placeHolder: `Which ${preset.label} host?`, ignoreFocusOut: true },
      );
      if (!choice) return undefined;
      if (choice.label !== 'Another host…') return choice.label;
    }
    for (;;) {
      const host = await vscode.window.showInputBox({
        title, ignoreFocusOut: true, value: initial,
        prompt: preset.defaultBaseUrl ? `Host (default ${preset.defaultBaseUrl})` : `The URL of your ${preset.label}`,
        placeHolder: preset.family === 'azure' ? 'https://my-resource.openai.azure.com' : 'https://api.example.com/v1',
        validateInput: (v) => { try { normalizeBaseUrl(v, preset.id); return undefined; } catch (e) { return (e as Error).message; } },
      });
      if (host === undefined) return undefined;
      const baseUrl = normalizeBaseUrl(host, preset.id);
      if (!isInsecureRemote(baseUrl)) return baseUrl;
      const ok = await vscode.window.showWarningMessage(
        `${new URL(baseUrl).host} uses http://, so your key would cross the network unencrypted.`,
        { modal: true, detail: 'Use https:// unless this host is on a network you trust.' }, 'Send Over HTTP',
      );
      if (ok) return baseUrl;
      initial = host;
    }
  }
}
