// What the status bar says: the chat model, the key and host that pay for it, whether that key failed its
// last check, why the model is unavailable, and today's usage. Re-rendered when any of those change.
import * as vscode from 'vscode';
import { formatUsd } from '../../core/chat/cost';
import type { KeyStore } from '../keys/key-store';
import { formatTokens } from '../models/format';
import type { ModelCatalog } from '../models/model-catalog';
import type { ModelSelection } from '../models/selection';
import { organizationLabel } from '../policy/policy-settings';
import type { UsageStore } from '../usage/usage-store';
import type { ModelStatusBar } from './status-bar';

export class StatusController implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly bar: ModelStatusBar,
    private readonly deps: { selection: ModelSelection; catalog: ModelCatalog; keys: KeyStore; usage: UsageStore; monthLine?: () => string },
  ) {
    const update = (): void => this.update();
    this.subscriptions = [
      deps.selection.onDidChange(update),
      deps.catalog.onDidChange(update),
      deps.keys.onDidChange(update),
      deps.usage.onDidChange(update),
    ];
    // The first render is the App's to schedule (right after the command that loaded it has run).
  }

  update(): void {
    const { selection, keys, usage } = this.deps;
    const current = selection.current('chat');
    const today = usage.today();
    const month = this.deps.monthLine?.();
    const usageLine = (today.requests
      ? `\n\nToday: ${today.requests} request(s), ${formatTokens(today.inputTokens)} in / ${formatTokens(today.outputTokens)} out, ${formatUsd(today.usd)}${today.unpricedRequests ? ` (+${today.unpricedRequests} of unknown price)` : ''}`
      : '') + (month ? `\n\n${month} · [Show usage](command:byok.showUsage)` : '');
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['byok.selectModel', 'byok.manageKeys', 'byok.addKey', 'byok.showUsage'] };
    if (current.kind === 'byok') {
      const m = current.model;
      const key = keys.get(m.keyId);
      const failing = key?.lastCheck?.ok === false;
      md.appendMarkdown(`**${escapeMd(m.info.name)}** · ${escapeMd(organizationLabel())}\n\n`);
      md.appendMarkdown(`Provider: ${escapeMd(m.providerLabel)}  \nKey: ${escapeMd(m.keyName)}  \nHost: \`${m.baseUrl.replace(/`/g, '')}\``);
      if (failing) md.appendMarkdown(`\n\n$(warning) This key failed its last check: ${escapeMd(key?.lastCheck?.message ?? '')}`);
      md.appendMarkdown(usageLine);
      md.appendMarkdown('\n\n[Change model](command:byok.selectModel) · [Manage keys](command:byok.manageKeys)');
      this.bar.show({ label: m.info.name, tooltip: md, failing });
    } else if (current.kind === 'external') {
      md.appendMarkdown(`**${escapeMd(current.id)}** from ${escapeMd(current.vendor)}${usageLine}\n\n[Change model](command:byok.selectModel)`);
      this.bar.show({ label: current.id, tooltip: md, failing: false });
    } else if (current.kind === 'unavailable') {
      md.appendMarkdown(`$(warning) ${escapeMd(current.reason)}\n\n[Choose a model](command:byok.selectModel) · [Manage keys](command:byok.manageKeys)`);
      this.bar.show({ label: `${current.ref.slice(current.ref.indexOf('/') + 1)} (unavailable)`, tooltip: md, failing: true });
    } else {
      md.appendMarkdown(keys.list().length ? 'BYOK: no model chosen yet.\n\n[Choose a model](command:byok.selectModel)' : 'BYOK: add an API key to get started.\n\n[Add a key](command:byok.addKey)');
      this.bar.show({ label: 'Select Model', tooltip: md, failing: false });
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}
