// BYOK: Show Usage / Show Request Log: one webview panel (same CSP as the chat: default-src 'none', a
// nonce per load, assets only from dist/webview). It gets a summary computed on the host (the ledger
// never crosses into the webview whole) and a fresh one whenever the ledger changes while it is open.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewDocument } from '../../core/webview-document';
import { percentSpent } from '../../core/usage/budget';
import { summarize } from '../../core/usage/summary';
import { parseUsageMessage, type UsageHostMessage, type UsageTab, type UsageWebviewMessage } from '../../core/usage/usage-protocol';
import { readBudget } from './usage-settings';
import type { UsageStore } from './usage-store';

/** Live updates are coalesced: a burst of requests (compare, inline) redraws once. */
const REFRESH_DELAY_MS = 250;

export class UsagePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private range: { from?: string; to?: string } = {};
  private tab: UsageTab = 'overview';
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last summary posted (host tests read it). */
  lastPosted: UsageHostMessage | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly usage: UsageStore,
    private readonly exportCsv: () => Promise<{ path: string; rows: number } | undefined>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(usage.onDidChange(() => this.schedule()));
  }

  get visible(): boolean {
    return this.panel !== undefined;
  }

  show(tab: UsageTab = 'overview'): void {
    this.tab = tab;
    if (this.panel) {
      this.panel.reveal();
      this.post();
      return;
    }
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel('byok.usage', 'BYOK Usage', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [root] });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'byok.svg');
    const asset = (file: string): string => panel.webview.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
    panel.webview.html = webviewDocument({ cspSource: panel.webview.cspSource, nonce: randomBytes(18).toString('base64'), styles: [asset('usage.css')], scripts: [asset('usage.js')], title: 'BYOK Usage' });
    this.panel = panel;
    this.ready = false;
    panel.onDidDispose(() => { this.panel = undefined; this.ready = false; clearTimeout(this.timer); }, undefined, this.subscriptions);
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const parsed = parseUsageMessage(raw);
      if (!parsed.ok) { this.log.warn(`Usage panel: ignored a message (${parsed.error})`); return; }
      void this.handle(parsed.message);
    }, undefined, this.subscriptions);
  }

  private async handle(m: UsageWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready': this.ready = true; this.post(); return;
      case 'setRange': this.range = { from: m.from, to: m.to }; this.post(); return;
      case 'setTab': this.tab = m.tab; return;
      case 'export': {
        const done = await this.exportCsv();
        if (done) void this.panel?.webview.postMessage({ type: 'exported', ...done } satisfies UsageHostMessage);
        return;
      }
      case 'copyRequestId':
        await vscode.env.clipboard.writeText(m.requestId);
        void vscode.window.setStatusBarMessage('BYOK: request id copied', 2000);
        return;
      case 'openBudgetSettings': await vscode.commands.executeCommand('workbench.action.openSettings', 'byok.budget'); return;
      default: { const never: never = m; return never; }
    }
  }

  private schedule(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.post(), REFRESH_DELAY_MS);
  }

  /** The message the panel shows now (computed on demand: it is a single pass over the ledger). */
  message(now = new Date()): UsageHostMessage {
    const summary = summarize(this.usage.entries, { now, ...this.range });
    const budget = readBudget();
    const spentUsd = summary.month.usd;
    return {
      type: 'summary', summary, tab: this.tab,
      budget: { action: budget.action, spentUsd, ...(budget.monthlyUsd !== undefined ? { monthlyUsd: budget.monthlyUsd, percent: percentSpent(spentUsd, budget.monthlyUsd) } : {}) },
    };
  }

  private post(): void {
    if (!this.panel || !this.ready) return;
    const message = this.message();
    this.lastPosted = message;
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
