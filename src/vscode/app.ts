// The real application, loaded on first use by the bootstrap in src/extension.ts. Everything heavy
// (zod, the provider core, feature services) lives behind this module so activation stays instant.
import * as vscode from 'vscode';
import { formatUsd } from '../core/chat/cost';
import { lookupCurated } from '../core/catalog/merge';
import { allowedByPolicy, parsePolicy } from '../core/catalog/policy';
import { ChatRouter } from '../core/routing/chat-router';
import { join } from 'node:path';
import { ConversationStore } from '../core/chat/conversation-store';
import { ChatSession } from './chat/chat-session';
import { ChatViewProvider } from './chat/chat-view-provider';
import { ComparePanel } from './chat/compare-panel';
import { AddKeyCommand } from './keys/add-key';
import { KeyStore } from './keys/key-store';
import { ManageKeysCommand } from './keys/manage-keys';
import { ByokLanguageModelProvider } from './lm/lm-provider';
import { formatTokens } from './models/format';
import { ModelCatalog, readPolicy } from './models/model-catalog';
import { ModelPicker, organizationLabel } from './models/model-picker';
import { ModelSelection } from './models/selection';
import type { ModelStatusBar } from './status/status-bar';
import { UsageStore } from './usage/usage-store';

export interface AppContext {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  version: string;
  statusBar: ModelStatusBar;
}

export class App implements vscode.Disposable {
  readonly keys: KeyStore;
  readonly router: ChatRouter;
  readonly catalog: ModelCatalog;
  readonly selection: ModelSelection;
  readonly picker: ModelPicker;
  readonly usage: UsageStore;
  readonly addKey: AddKeyCommand;
  readonly manageKeys: ManageKeysCommand;
  readonly lmProvider: ByokLanguageModelProvider;
  readonly chatView: ChatViewProvider;
  readonly chat: ChatSession;
  readonly compare: ComparePanel;
  readonly conversations: ConversationStore;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly ctx: AppContext) {
    const { context, log } = ctx;
    this.keys = new KeyStore(context.globalState, context.secrets, log);
    this.usage = new UsageStore(join(context.globalStorageUri.fsPath, 'usage'), log, context.globalState);
    this.router = new ChatRouter({
      connectionFor: (keyId) => this.keys.connectionFor(keyId),
      isAllowed: (presetId, modelId) => allowedByPolicy(`${presetId}/${modelId}`, readPolicy()),
      meter: (record) => {
        void this.usage.record(record, lookupCurated(record.target.presetId, record.target.modelId)?.facts.pricing);
        this.updateStatus();
      },
    });
    this.catalog = new ModelCatalog(this.keys, this.router, context.globalState, log);
    this.selection = new ModelSelection(this.catalog, context.globalState);
    this.picker = new ModelPicker(this.catalog, this.selection, this.keys);
    this.addKey = new AddKeyCommand(this.keys, this.catalog);
    this.manageKeys = new ManageKeysCommand(this.keys, this.catalog, this.router, this.addKey);
    this.lmProvider = new ByokLanguageModelProvider(this.catalog, this.router);
    this.conversations = new ConversationStore(join(context.globalStorageUri.fsPath, 'conversations'));
    this.chat = new ChatSession({ store: this.conversations, router: this.router, selection: this.selection, keys: this.keys, windowState: context.workspaceState, log });
    this.chatView = new ChatViewProvider(context.extensionUri, ctx.version, log, this.chat, this.picker);
    this.compare = new ComparePanel(context.extensionUri, ctx.version, this.catalog, this.router, log);
    this.disposables.push(
      this.keys, this.usage, this.catalog, this.selection, this.chatView, this.chat, this.compare,
      // The chat header shows the model and whether keys exist: keep it current.
      this.selection.onDidChange(() => void this.chat.sendState()),
      this.catalog.onDidChange(() => void this.chat.sendState()),
      // A replaced key or host takes effect on the next request.
      this.keys.onDidChange(({ keyId }) => this.router.invalidate(keyId)),
      this.catalog.onDidChange(() => this.updateStatus()),
      this.selection.onDidChange(() => this.updateStatus()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('byok.allowedModels') || e.affectsConfiguration('byok.enabledProviders')) this.reportPolicyProblems();
      }),
    );
    this.reportPolicyProblems();
    this.updateStatus();
  }

  private reportPolicyProblems(): void {
    const config = vscode.workspace.getConfiguration('byok');
    const { problems } = parsePolicy({ allowedModels: config.get('allowedModels'), enabledProviders: config.get('enabledProviders') });
    if (problems.length) void vscode.window.showWarningMessage(`BYOK model policy: ${problems.join(' ')}`, 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', 'byok.allowedModels'));
  }

  updateStatus(): void {
    const current = this.selection.current('chat');
    const today = this.usage.today();
    const usageLine = today.requests
      ? `\n\nToday: ${today.requests} request(s), ${formatTokens(today.inputTokens)} in / ${formatTokens(today.outputTokens)} out, ${formatUsd(today.usd)}${today.unpricedRequests ? ` (+${today.unpricedRequests} of unknown price)` : ''}`
      : '';
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['byok.selectModel', 'byok.manageKeys'] };
    if (current.kind === 'byok') {
      const m = current.model;
      const key = this.keys.get(m.keyId);
      const failing = key?.lastCheck?.ok === false;
      md.appendMarkdown(`**${escapeMd(m.info.name)}** · ${escapeMd(organizationLabel())}\n\n`);
      md.appendMarkdown(`Provider: ${escapeMd(m.providerLabel)}  \nKey: ${escapeMd(m.keyName)}  \nHost: \`${m.baseUrl.replace(/`/g, "")}\``);
      if (failing) md.appendMarkdown(`\n\n$(warning) This key failed its last check: ${escapeMd(key?.lastCheck?.message ?? '')}`);
      md.appendMarkdown(usageLine);
      md.appendMarkdown('\n\n[Change model](command:byok.selectModel) · [Manage keys](command:byok.manageKeys)');
      this.ctx.statusBar.show({ label: m.info.name, tooltip: md, failing });
    } else if (current.kind === 'external') {
      md.appendMarkdown(`**${escapeMd(current.id)}** from ${escapeMd(current.vendor)}${usageLine}\n\n[Change model](command:byok.selectModel)`);
      this.ctx.statusBar.show({ label: current.id, tooltip: md, failing: false });
    } else if (current.kind === 'unavailable') {
      md.appendMarkdown(`$(warning) ${escapeMd(current.reason)}\n\n[Choose a model](command:byok.selectModel)`);
      this.ctx.statusBar.show({ label: current.ref.slice(current.ref.indexOf('/') + 1), tooltip: md, failing: true });
    } else {
      md.appendMarkdown(this.keys.list().length ? 'BYOK: no model chosen yet.\n\n[Choose a model](command:byok.selectModel)' : 'BYOK: add an API key to get started.\n\n[Add a key](command:byok.addKey)');
      this.ctx.statusBar.show({ label: 'Select Model', tooltip: md, failing: false });
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}

export function createApp(ctx: AppContext): App {
  return new App(ctx);
}
