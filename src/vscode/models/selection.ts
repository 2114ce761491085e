// Which model the chat (and, separately, inline features) use. The choice is a model reference in
// settings (`byok.chat.model` = "openai/gpt-4.1"); which of the user's keys pays for it is remembered per
// model reference in the user's own state (keys are never shared).
//
// No silent fallback: when the key the user chose for a model is removed, the selection becomes
// "unavailable: key X was removed" until the user chooses again, even if another key offers the same model.
// In an untrusted workspace the workspace's value of the setting is ignored (it is also declared in
// package.json's restrictedConfigurations), so an unknown repository cannot pick which provider gets prompts.
import * as vscode from 'vscode';
import { parseKeyModelId, parseModelRef } from '../../core/catalog/model-ref';
import * as z from 'zod';
import type { KeyStore } from '../keys/key-store';
import type { ByokModel, ModelCatalog } from './model-catalog';

export type Purpose = 'chat' | 'inline';
const SETTING: Record<Purpose, string> = { chat: 'chat.model', inline: 'inline.model' };
/** `{ [modelRef]: { keyId, keyName } }`: the key the user chose for each model. */
const KEY_FOR_MODEL = 'byok.keyForModel';
/** Before per-model choices: one key-scoped model id per purpose. Read (never written) so an old choice is not lost. */
const LEGACY_KEY_CHOICE = (purpose: Purpose): string => `byok.selectedKeyModel.${purpose}`;

const KeyChoice = z.object({ keyId: z.string(), keyName: z.string() });
type KeyChoices = Record<string, z.infer<typeof KeyChoice>>;

/** A model another extension provides through vscode.lm (the picker's top section). */
export const EXTERNAL_PREFIX = 'vscode-lm:';

export type Selection =
  | { kind: 'byok'; model: ByokModel }
  | { kind: 'external'; vendor: string; id: string; ref: string }
  | { kind: 'unavailable'; ref: string; reason: string }
  | { kind: 'none' };

export class ModelSelection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Purpose>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly catalog: ModelCatalog, private readonly keys: KeyStore, private readonly state: vscode.Memento) {
    const fireAll = (): void => { for (const purpose of ['chat', 'inline'] as const) this.changed.fire(purpose); };
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        for (const purpose of ['chat', 'inline'] as const) if (e.affectsConfiguration(`byok.${SETTING[purpose]}`)) this.changed.fire(purpose);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(fireAll),
    ];
  }

  /** Whether a workspace may choose this purpose's model. */
  private workspaceMayChoose(purpose: Purpose): boolean {
    // Inline completions send code on every pause in typing, without the user asking each time: which provider
    // receives it is the user's own choice only. The chat model can be shared by a (trusted) workspace.
    return purpose === 'chat' && vscode.workspace.isTrusted;
  }

  ref(purpose: Purpose): string {
    const config = vscode.workspace.getConfiguration('byok');
    if (this.workspaceMayChoose(purpose)) return config.get<string>(SETTING[purpose], '').trim();
    const inspected = config.inspect<string>(SETTING[purpose]);
    const value = inspected?.globalValue ?? inspected?.defaultValue ?? '';
    return typeof value === 'string' ? value.trim() : '';
  }

  current(purpose: Purpose): Selection {
    const ref = this.ref(purpose);
    if (!ref) return { kind: 'none' };
    if (ref.startsWith(EXTERNAL_PREFIX)) {
      const [vendor = '', ...rest] = ref.slice(EXTERNAL_PREFIX.length).split('/');
      return { kind: 'external', vendor, id: rest.join('/'), ref };
    }
    const parsed = parseModelRef(ref);
    if (!parsed) return { kind: 'unavailable', ref, reason: `"${ref}" is not a model reference like "openai/gpt-4.1"` };
    const candidates = this.catalog.models().filter((m) => m.ref === ref);
    const chosen = this.chosenKey(purpose, ref, parsed.modelId);
    if (chosen?.keyId === '') {
      return { kind: 'unavailable', ref, reason: `The key chosen for ${ref} could not be read: choose a key for this model.` };
    }
    if (chosen) {
      const model = candidates.find((m) => m.keyId === chosen.keyId);
      if (model) return { kind: 'byok', model };
      const name = chosen.keyName ? `"${chosen.keyName}"` : 'you chose for it';
      if (!this.keys.get(chosen.keyId)) {
        return { kind: 'unavailable', ref, reason: `The key ${name} for ${ref} was removed: choose a key for this model.` };
      }
      return { kind: 'unavailable', ref, reason: `${ref} is not offered by the key ${name}, or the model policy does not allow it: choose another model or key.` };
    }
    if (candidates.length === 0) {
      return { kind: 'unavailable', ref, reason: `${ref} is not offered by any of your keys, or the model policy does not allow it` };
    }
    // Never chosen a key for this model (the reference came from settings): one key offering it is unambiguous.
    if (candidates.length === 1) return { kind: 'byok', model: candidates[0]! };
    return { kind: 'unavailable', ref, reason: `${candidates.length} of your keys offer ${ref}: choose which one pays for it.` };
  }

  async choose(purpose: Purpose, choice: { byok: ByokModel } | { external: { vendor: string; id: string } }): Promise<void> {
    const ref = 'byok' in choice ? choice.byok.ref : `${EXTERNAL_PREFIX}${choice.external.vendor}/${choice.external.id}`;
    if ('byok' in choice) {
      await this.state.update(KEY_FOR_MODEL, { ...this.keyChoices(), [ref]: { keyId: choice.byok.keyId, keyName: choice.byok.keyName } });
    }
    const config = vscode.workspace.getConfiguration('byok');
    // Write where the value is defined now, so a workspace choice is not shadowed by a user one (only in a trusted workspace).
    const inspect = config.inspect<string>(SETTING[purpose]);
    const trusted = this.workspaceMayChoose(purpose);
    const target = trusted && inspect?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
      : trusted && inspect?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update(SETTING[purpose], ref, target);
    this.changed.fire(purpose);
  }

  private chosenKey(purpose: Purpose, ref: string, modelId: string): { keyId: string; keyName?: string } | undefined {
    const chosen = this.keyChoices()[ref];
    if (chosen) return chosen;
    const legacy = parseKeyModelId(this.state.get<string>(LEGACY_KEY_CHOICE(purpose)) ?? '');
    if (!legacy || legacy.modelId !== modelId) return undefined;
    const key = this.keys.get(legacy.keyId);
    // A legacy choice of another provider's model with the same id says nothing about this reference.
    if (key && key.presetId !== ref.slice(0, ref.indexOf('/'))) return undefined;
    return { keyId: legacy.keyId, ...(key ? { keyName: key.name } : {}) };
  }

  /** Read entry by entry: one malformed entry must not make every other choice (and so every chosen key) vanish. */
  private keyChoices(): KeyChoices {
    const raw = this.state.get<unknown>(KEY_FOR_MODEL);
    const out: KeyChoices = {};
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
    for (const [ref, value] of Object.entries(raw as Record<string, unknown>)) {
      const parsed = KeyChoice.safeParse(value);
      // An unreadable choice is still a choice: it must not turn into "whichever key offers the model".
      out[ref] = parsed.success ? parsed.data : { keyId: '', keyName: '' };
    }
    return out;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
