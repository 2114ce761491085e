// Which model the chat (and, separately, inline features) use. The choice is a model reference in
// settings (`byok.chat.model` = "openai/gpt-4.1"), so a team can share it in workspace settings; which of
// the user's keys pays for it is remembered per user (keys are never shared).
import * as vscode from 'vscode';
import { parseModelRef } from '../../core/catalog/model-ref';
import type { ByokModel, ModelCatalog } from './model-catalog';

export type Purpose = 'chat' | 'inline';
const SETTING: Record<Purpose, string> = { chat: 'chat.model', inline: 'inline.model' };
const KEY_CHOICE = (purpose: Purpose): string => `byok.selectedKeyModel.${purpose}`;

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
  private readonly subscription: vscode.Disposable;

  constructor(private readonly catalog: ModelCatalog, private readonly state: vscode.Memento) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      for (const purpose of ['chat', 'inline'] as const) if (e.affectsConfiguration(`byok.${SETTING[purpose]}`)) this.changed.fire(purpose);
    });
  }

  ref(purpose: Purpose): string {
    return vscode.workspace.getConfiguration('byok').get<string>(SETTING[purpose], '').trim();
  }

  current(purpose: Purpose): Selection {
    const ref = this.ref(purpose);
    if (!ref) return { kind: 'none' };
    if (ref.startsWith(EXTERNAL_PREFIX)) {
      const [vendor = '', ...rest] = ref.slice(EXTERNAL_PREFIX.length).split('/');
      return { kind: 'external', vendor, id: rest.join('/'), ref };
    }
    if (!parseModelRef(ref)) return { kind: 'unavailable', ref, reason: `"${ref}" is not a model reference like "openai/gpt-4.1"` };
    const candidates = this.catalog.models().filter((m) => m.ref === ref);
    if (candidates.length === 0) {
      return { kind: 'unavailable', ref, reason: `${ref} is not offered by any of your keys, or the model policy does not allow it` };
    }
    const remembered = this.state.get<string>(KEY_CHOICE(purpose));
    return { kind: 'byok', model: candidates.find((m) => m.id === remembered) ?? candidates[0]! };
  }

  async choose(purpose: Purpose, choice: { byok: ByokModel } | { external: { vendor: string; id: string } }): Promise<void> {
    const ref = 'byok' in choice ? choice.byok.ref : `${EXTERNAL_PREFIX}${choice.external.vendor}/${choice.external.id}`;
    if ('byok' in choice) await this.state.update(KEY_CHOICE(purpose), choice.byok.id);
    const config = vscode.workspace.getConfiguration('byok');
    // Write where the value is defined now, so a workspace choice is not shadowed by a user one.
    const inspect = config.inspect<string>(SETTING[purpose]);
    const target = inspect?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspect?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update(SETTING[purpose], ref, target);
    this.changed.fire(purpose);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
