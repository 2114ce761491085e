// The real application, loaded on first use by the bootstrap in src/extension.ts. Everything heavy
// (zod, the provider core, feature services) lives behind this module so activation stays instant.
// This file only wires services together; behaviour lives in the modules it composes.
import type * as vscode from 'vscode';
import { join } from 'node:path';
import { lookupCurated } from '../core/catalog/merge';
import { formatKeyModelId } from '../core/catalog/model-ref';
import { ConversationStore } from '../core/chat/conversation-store';
import { ChatRouter } from '../core/routing/chat-router';
import { ChatSession } from './chat/chat-session';
import { ChatViewProvider } from './chat/chat-view-provider';
import { ComparePanel } from './chat/compare-panel';
import { AskAboutSelection } from './edit/ask-about-selection';
import { EditController } from './edit/edit-controller';
import { AddKeyCommand } from './keys/add-key';
import { KeyStore } from './keys/key-store';
import { ManageKeysCommand } from './keys/manage-keys';
import { OpenRouterSignIn } from './keys/openrouter-signin';
import { ByokLanguageModelProvider } from './lm/lm-provider';
import { ModelCatalog } from './models/model-catalog';
import { ModelPicker } from './models/model-picker';
import { ModelSelection } from './models/selection';
import { PolicyProblemReporter, routerPolicy } from './policy/policy-settings';
import { StatusController } from './status/status-controller';
import { WalkthroughContext } from './status/walkthrough-context';
import type { ModelStatusBar } from './status/status-bar';
import { SerialMemento } from '../core/state/serial-memento';
import { UsageStore } from './usage/usage-store';
import { InlineCompletions } from './inline/inline-completions';
import { BudgetController } from './usage/budget-controller';
import { exportUsage } from './usage/export-usage';
import { UsagePanel } from './usage/usage-panel';
import { pricingFor } from './usage/usage-settings';

export interface AppContext {
  /** What the app may keep of the extension context: not its SecretStorage (only KeyStore.open gets that). */
  context: Pick<vscode.ExtensionContext, 'globalState' | 'workspaceState' | 'globalStorageUri' | 'logUri' | 'extensionUri'>;
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
  readonly budget: BudgetController;
  readonly usagePanel: UsagePanel;
  readonly addKey: AddKeyCommand;
  readonly manageKeys: ManageKeysCommand;
  readonly openRouterSignIn: OpenRouterSignIn;
  readonly lmProvider: ByokLanguageModelProvider;
  readonly chatView: ChatViewProvider;
  readonly chat: ChatSession;
  readonly compare: ComparePanel;
  readonly conversations: ConversationStore;
  readonly status: StatusController;
  readonly walkthrough: WalkthroughContext;
  readonly inline: InlineCompletions;
  readonly edit: EditController;
  readonly ask: AskAboutSelection;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly ctx: AppContext, secrets: vscode.SecretStorage) {
    const { context, log } = ctx;
    // Every store writes globalState through one queue: interleaved writes could otherwise lose one another.
    const globalState = new SerialMemento(context.globalState);
    // The secret reader goes to the router and nowhere else.
    const { keys, connectionFor } = KeyStore.open(globalState, secrets, log);
    this.keys = keys;
    this.usage = new UsageStore(join(context.globalStorageUri.fsPath, 'usage'), log, globalState);
    const keyName = (keyId: string): string | undefined => keys.get(keyId)?.name;
    this.budget = new BudgetController({ usage: this.usage, state: globalState, keyName, log, noticeDir: join(context.globalStorageUri.fsPath, 'usage', 'notices') });
    this.router = new ChatRouter({
      connectionFor,
      ...routerPolicy,
      keyName,
      budgetRefusal: (target, origin) => this.budget.refusal(target, origin),
      // The same price the chat shows for the answer: byok.pricing, else the catalog's (live listing or curated).
      meter: (record) => {
        const { keyId, presetId, modelId } = record.target;
        const listed = this.catalog.find(formatKeyModelId(keyId, modelId))?.info.pricing ?? lookupCurated(presetId, modelId)?.facts.pricing;
        void this.usage.record(record, pricingFor(presetId, modelId, listed));
      },
    });
    this.usagePanel = new UsagePanel(context.extensionUri, this.usage, () => exportUsage(this.usage), log);
    this.catalog = new ModelCatalog(this.keys, this.router, globalState, log);
    this.selection = new ModelSelection(this.catalog, this.keys, globalState);
    this.picker = new ModelPicker(this.catalog, this.selection, this.keys);
    this.addKey = new AddKeyCommand(this.keys, this.catalog, routerPolicy.providerEnabled);
    this.openRouterSignIn = new OpenRouterSignIn(this.addKey, this.keys, routerPolicy.providerEnabled, log);
    this.manageKeys = new ManageKeysCommand(this.keys, this.catalog, this.router, this.addKey, routerPolicy.providerEnabled);
    this.lmProvider = new ByokLanguageModelProvider(this.catalog, this.router);
    this.conversations = new ConversationStore(join(context.globalStorageUri.fsPath, 'conversations'));
    this.chat = new ChatSession({ store: this.conversations, router: this.router, selection: this.selection, keys: this.keys, windowState: context.workspaceState, log });
    this.chatView = new ChatViewProvider(context.extensionUri, ctx.version, log, this.chat, this.picker);
    this.compare = new ComparePanel(context.extensionUri, ctx.version, this.catalog, this.router, log);
    this.edit = new EditController({ router: this.router, selection: this.selection, state: globalState, log });
    this.ask = new AskAboutSelection(this.chat);
    this.walkthrough = new WalkthroughContext(this.keys, this.selection);
    this.status = new StatusController(ctx.statusBar, { selection: this.selection, catalog: this.catalog, keys: this.keys, usage: this.usage, monthLine: () => this.budget.tooltipLine() });
    // Today's inline requests and cost, from the usage ledger (every window's rows), for the inline status item.
    const inlineToday = { todayInline: () => {
      const t = this.usage.totals({ since: startOfToday(), origin: 'inline' });
      return { requests: t.requests, usd: t.usd, unpricedRequests: t.unpricedRequests };
    } };
    this.inline = new InlineCompletions({ router: this.router, selection: this.selection, keys: this.keys, usage: inlineToday, globalState, log });
    this.disposables.push(
      this.keys, this.openRouterSignIn, this.usage, this.budget, this.usagePanel, this.catalog, this.selection, this.chatView, this.chat, this.compare, this.status, this.walkthrough, this.inline, this.edit,
      this.catalog.onDidChange(() => this.inline.refresh()),
      new PolicyProblemReporter(log),
      // The chat header shows the model and whether keys exist: keep it current.
      this.selection.onDidChange(() => void this.chat.sendState()),
      this.catalog.onDidChange(() => void this.chat.sendState()),
      // A new secret or host is picked up on the next request (the router compares connections); a removed
      // key's adapter is dropped. A check result must not drop an adapter: it holds thinking signatures mid tool loop.
      this.keys.onDidChange(({ keyId, change }) => { if (keyId && change === 'removed') this.router.invalidate(keyId); }),
    );
  }

  /** BYOK: Export Usage (a Uri argument skips the save dialog). */
  exportUsage(target?: unknown): Promise<{ path: string; rows: number } | undefined> {
    return exportUsage(this.usage, target);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function createApp(ctx: AppContext, secrets: vscode.SecretStorage): App {
  return new App(ctx, secrets);
}

function startOfToday(): Date {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d;
}
