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
  // Created with the app: what the first use of any feature needs, and what must run at startup (the status
  // items, the walkthrough's context keys, budget notices, policy problems, the inline status item).
  readonly keys: KeyStore;
  readonly router: ChatRouter;
  readonly catalog: ModelCatalog;
  readonly selection: ModelSelection;
  readonly usage: UsageStore;
  readonly budget: BudgetController;
  readonly status: StatusController;
  readonly walkthrough: WalkthroughContext;
  readonly inline: InlineCompletions;
  /** How long the first paint after createApp took (the host tests print it beside the first use). */
  firstPaintMs: number | undefined;
  private readonly globalState: SerialMemento;
  private readonly disposables: vscode.Disposable[] = [];
  // Created on first access (the getters below): none of them has anything to do until its feature is used,
  // and the first use (a command, the chat view, the LM API) should not wait for the others.
  private readonly made: Partial<{
    usagePanel: UsagePanel; addKey: AddKeyCommand; manageKeys: ManageKeysCommand; openRouterSignIn: OpenRouterSignIn;
    lmProvider: ByokLanguageModelProvider; picker: ModelPicker; conversations: ConversationStore; chat: ChatSession;
    chatView: ChatViewProvider; compare: ComparePanel; edit: EditController; ask: AskAboutSelection;
  }> = {};

  constructor(readonly ctx: AppContext, secrets: vscode.SecretStorage) {
    const { context, log } = ctx;
    // Every store writes globalState through one queue: interleaved writes could otherwise lose one another.
    const globalState = this.globalState = new SerialMemento(context.globalState);
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
    this.catalog = new ModelCatalog(this.keys, this.router, globalState, log);
    this.selection = new ModelSelection(this.catalog, this.keys, globalState);
    this.walkthrough = new WalkthroughContext(this.keys, this.selection);
    this.status = new StatusController(ctx.statusBar, { selection: this.selection, catalog: this.catalog, keys: this.keys, usage: this.usage, monthLine: () => this.budget.tooltipLine() });
    // Today's inline requests and cost, from the usage ledger (every window's rows), for the inline status item.
    const inlineToday = { todayInline: () => {
      const t = this.usage.totals({ since: startOfToday(), origin: 'inline' });
      return { requests: t.requests, usd: t.usd, unpricedRequests: t.unpricedRequests };
    } };
    this.inline = new InlineCompletions({ router: this.router, selection: this.selection, keys: this.keys, usage: inlineToday, globalState, log });
    const policyProblems = new PolicyProblemReporter(log);
    // The first paint of the status items, the walkthrough's context keys and the policy check: no command
    // needs them, so they run right after the command that loaded the app (its handler runs first: it awaits
    // the app, a microtask, and this is a macrotask). An event before then paints as it always does.
    const firstPaint = setImmediate(() => {
      const t = performance.now();
      this.status.update();
      this.walkthrough.update();
      this.inline.refresh();
      policyProblems.report();
      this.firstPaintMs = performance.now() - t;
    });
    this.disposables.push(
      { dispose: () => clearImmediate(firstPaint) },
      this.keys, this.usage, this.budget, this.catalog, this.selection, this.status, this.walkthrough, this.inline,
      this.catalog.onDidChange(() => this.inline.refresh()),
      policyProblems,
      // A new secret or host is picked up on the next request (the router compares connections); a removed
      // key's adapter is dropped. A check result must not drop an adapter: it holds thinking signatures mid tool loop.
      this.keys.onDidChange(({ keyId, change }) => { if (keyId && change === 'removed') this.router.invalidate(keyId); }),
    );
  }

  /** Creates a service on first access, once; a disposable one is disposed with the app. */
  private once<K extends keyof App['made'], T extends NonNullable<App['made'][K]>>(name: K, make: () => T): T {
    const existing = this.made[name] as T | undefined;
    if (existing) return existing;
    const made = make();
    this.made[name] = made;
    if ('dispose' in made && typeof made.dispose === 'function') this.disposables.push(made);
    return made;
  }

  get usagePanel(): UsagePanel {
    return this.once('usagePanel', () => new UsagePanel(this.ctx.context.extensionUri, this.usage, () => exportUsage(this.usage), this.ctx.log));
  }

  get addKey(): AddKeyCommand {
    return this.once('addKey', () => new AddKeyCommand(this.keys, this.catalog, routerPolicy.providerEnabled));
  }

  get openRouterSignIn(): OpenRouterSignIn {
    return this.once('openRouterSignIn', () => new OpenRouterSignIn(this.addKey, this.keys, routerPolicy.providerEnabled, this.ctx.log));
  }

  get manageKeys(): ManageKeysCommand {
    return this.once('manageKeys', () => new ManageKeysCommand(this.keys, this.catalog, this.router, this.addKey, routerPolicy.providerEnabled));
  }

  get lmProvider(): ByokLanguageModelProvider {
    return this.once('lmProvider', () => new ByokLanguageModelProvider(this.catalog, this.router));
  }

  get picker(): ModelPicker {
    return this.once('picker', () => new ModelPicker(this.catalog, this.selection, this.keys));
  }

  get conversations(): ConversationStore {
    return this.once('conversations', () => new ConversationStore(join(this.ctx.context.globalStorageUri.fsPath, 'conversations')));
  }

  get chat(): ChatSession {
    return this.once('chat', () => {
      const chat = new ChatSession({ store: this.conversations, router: this.router, selection: this.selection, keys: this.keys, windowState: this.ctx.context.workspaceState, log: this.ctx.log });
      // The chat header shows the model and whether keys exist: keep it current.
      this.disposables.push(
        this.selection.onDidChange(() => void chat.sendState()),
        this.catalog.onDidChange(() => void chat.sendState()),
      );
      return chat;
    });
  }

  get chatView(): ChatViewProvider {
    return this.once('chatView', () => new ChatViewProvider(this.ctx.context.extensionUri, this.ctx.version, this.ctx.log, this.chat, this.picker));
  }

  get compare(): ComparePanel {
    return this.once('compare', () => new ComparePanel(this.ctx.context.extensionUri, this.ctx.version, this.catalog, this.router, this.ctx.log));
  }

  get edit(): EditController {
    return this.once('edit', () => new EditController({ router: this.router, selection: this.selection, state: this.globalState, log: this.ctx.log }));
  }

  get ask(): AskAboutSelection {
    return this.once('ask', () => new AskAboutSelection(this.chat));
  }

  /** Which of the services above exist yet (the host tests check that the first use creates only what it needs). */
  created(): string[] {
    return Object.keys(this.made);
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
