// The one model picker (palette, status bar, chat header): models other extensions offer through
// vscode.lm on top, then the BYOK models at the bottom under the organization's label.
import * as vscode from 'vscode';
import { firstMatch, markMatches } from '../../core/catalog/word-filter';
import type { KeyStore } from '../keys/key-store';
import { organizationLabel } from '../policy/policy-settings';
import { formatPrice, formatTokens } from './format';
import type { ByokModel, ModelCatalog } from './model-catalog';
import type { ModelSelection, Purpose } from './selection';

type PickItem = vscode.QuickPickItem & ({ byok: ByokModel } | { external: vscode.LanguageModelChat } | { action: 'addKey' } | { separator: true });

/** Words a row answers to beyond what it shows: the model id and the provider's id ("openai gpt-4o"). */
function keywordsOf(item: PickItem): string {
  if ('byok' in item) return `${item.byok.info.id} ${item.byok.presetId} ${item.byok.keyName}`;
  if ('external' in item) return `${item.external.id} ${item.external.family}`;
  return '';
}

// Read from user settings only (see policy-settings.ts); re-exported for the views that show it.
export { organizationLabel };

export class ModelPicker {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly selection: ModelSelection,
    private readonly keys: KeyStore,
  ) {}

  /** Shows the picker; resolves with the chosen item's label once saved, or undefined when dismissed. */
  async pick(purpose: Purpose = 'chat'): Promise<string | undefined> {
    const qp = vscode.window.createQuickPick<PickItem>();
    qp.title = purpose === 'chat' ? 'BYOK: Select Chat Model' : 'BYOK: Select Inline Model (inline completions and Edit Selection)';
    qp.placeholder = 'Type words from a key, provider or model name, in any order ("work gpt-4o")';
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    // VS Code matches the query against one field at a time; this filter takes every word across all of them.
    let all: PickItem[] = [];
    let marked = '';
    const isSeparator = (i: PickItem): boolean => 'separator' in i;
    const show = (force = false): void => {
      const items = markMatches(all, qp.value, isSeparator, keywordsOf);
      // Only when the marks change: every new list re-renders the quick pick and moves its active row.
      const key = items.map((i) => (i.alwaysShow ? '1' : '0')).join('');
      if (!force && key === marked) return;
      marked = key;
      qp.items = items;
    };
    const refresh: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: 'Refresh the model lists from your providers' };
    qp.buttons = [refresh];
    qp.busy = true;
    const render = async (): Promise<void> => {
      all = await this.items(purpose);
      show(true);
      qp.busy = false;
    };
    const disposables: vscode.Disposable[] = [
      this.catalog.onDidChange(() => void render()),
      qp.onDidChangeValue(() => show()),
      qp.onDidTriggerButton(async (b) => {
        if (b !== refresh) return;
        qp.busy = true;
        await this.catalog.refreshAll();
        await render();
      }),
    ];
    qp.show();
    await render();
    try {
      const chosen = await new Promise<PickItem | undefined>((resolve) => {
        // Enter right after typing "work mini" can come before the marked rows are on screen (VS Code's own
        // filter shows nothing for it): the first row with every word is what the user was about to see.
        disposables.push(qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? firstMatch(all, qp.value, isSeparator, keywordsOf))), qp.onDidHide(() => resolve(undefined)));
      });
      qp.hide();
      if (!chosen || 'separator' in chosen) return undefined;
      if ('action' in chosen) {
        await vscode.commands.executeCommand('byok.addKey');
        return undefined;
      }
      if ('byok' in chosen) await this.selection.choose(purpose, { byok: chosen.byok });
      else await this.selection.choose(purpose, { external: { vendor: chosen.external.vendor, id: chosen.external.id } });
      return chosen.label.replace(/^\$\([a-z-]+\)\s*/, '');
    } finally {
      for (const d of disposables) d.dispose();
      qp.dispose();
    }
  }

  /** True while the purpose has no model it can use: after a first key is added, the picker should follow. */
  needsChoice(purpose: Purpose): boolean {
    const kind = this.selection.current(purpose).kind;
    return kind !== 'byok' && kind !== 'external';
  }

  private async items(purpose: Purpose): Promise<PickItem[]> {
    const current = this.selection.current(purpose);
    const currentId = current.kind === 'byok' ? current.model.id : current.kind === 'external' ? `${current.vendor}/${current.id}` : '';
    const items: PickItem[] = [];

    let external: vscode.LanguageModelChat[] = [];
    // Inline completions and Edit Selection go through your own keys only: other extensions' models cannot serve them.
    if (purpose === 'chat') {
      try {
        external = (await vscode.lm.selectChatModels()).filter((m) => m.vendor !== 'byok');
      } catch { /* no other providers */ }
    }
    if (external.length) {
      items.push({ label: 'Other models', kind: vscode.QuickPickItemKind.Separator, separator: true });
      for (const m of external.sort((a, b) => a.name.localeCompare(b.name))) {
        items.push({
          label: `${currentId === `${m.vendor}/${m.id}` ? '$(check) ' : ''}${m.name}`,
          description: m.vendor,
          detail: `${formatTokens(m.maxInputTokens)} context`,
          external: m,
        });
      }
    }

    items.push({ label: organizationLabel(), kind: vscode.QuickPickItemKind.Separator, separator: true });
    const failing = new Set(this.keys.list().filter((k) => k.lastCheck && !k.lastCheck.ok).map((k) => k.id));
    const byok = this.catalog.models().sort((a, b) => a.providerLabel.localeCompare(b.providerLabel) || a.keyName.localeCompare(b.keyName) || a.info.name.localeCompare(b.info.name));
    for (const m of byok) {
      const icon = m.id === currentId ? '$(check) ' : failing.has(m.keyId) ? '$(warning) ' : '';
      items.push({
        label: `${icon}${m.info.name}`,
        description: `${m.providerLabel} · ${m.keyName}`,
        // The id too when the name differs, so typing either finds the model.
        detail: [m.info.name !== m.info.id ? m.info.id : '', `${formatTokens(m.info.contextWindow)} context`, formatPrice(m.info.pricing), m.info.vision ? 'vision' : '', m.info.reasoning ? 'reasoning' : '', failing.has(m.keyId) ? 'key failed its last check' : '']
          .filter(Boolean).join(' · '),
        byok: m,
      });
    }
    if (byok.length === 0) {
      items.push({ label: '$(add) Add a key…', description: this.keys.list().length ? 'No allowed models yet: refresh, or check byok.allowedModels' : 'Bring your own API key to use its models', action: 'addKey', alwaysShow: true });
    }
    return items;
  }
}
