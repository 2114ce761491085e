// The budget in the running product: notices at 50/75/90/100 % (once each per month, remembered in
// globalState, and claimed across windows with an exclusive file so two windows never both show one), the
// router's check at 100 % (byok.budget.action), and a way to raise the budget.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { formatUsd } from '../../core/chat/cost';
import { budgetRefusal, monthLine, monthOf, nextNotice, type BudgetSettings, type NoticeState } from '../../core/usage/budget';
import type { PolicyRefusal, RouteTarget } from '../../core/routing/chat-router';
import { addToTotals, newTotals, type UsageTotals } from '../../core/chat/usage-ledger';
import { readBudget } from './usage-settings';
import type { UsageStore } from './usage-store';

const NOTICE_STATE_KEY = 'byok.budget.notices';

export interface BudgetDeps {
  usage: UsageStore;
  state: vscode.Memento;
  keyName(keyId: string): string | undefined;
  log: vscode.LogOutputChannel;
  /** Where windows claim a notice (one empty file per month, scope and threshold). */
  noticeDir: string;
  /** Injectable clock (tests). */
  now?: () => Date;
}

export class BudgetController implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private lastProblems = '';
  private lastRefusalNotice = 0;
  /** The month's totals, recomputed only after the ledger changed (the router asks on every request). */
  private monthCache: { total: UsageTotals; byKey: Map<string, UsageTotals>; month: number } | undefined;

  constructor(private readonly deps: BudgetDeps) {
    this.subscriptions.push(
      deps.usage.onDidChange(() => { this.monthCache = undefined; void this.check(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('byok.budget')) void this.check(); }),
    );
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  settings(): BudgetSettings {
    const s = readBudget();
    const text = s.problems.join(' ');
    if (text && text !== this.lastProblems) {
      this.deps.log.warn(`Budget: ${text}`);
      void vscode.window.showWarningMessage(`BYOK budget: ${text}`, 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', 'byok.budget'));
    }
    this.lastProblems = text;
    return s;
  }

  private month(): { total: UsageTotals; byKey: Map<string, UsageTotals> } {
    const now = this.now();
    const stamp = now.getFullYear() * 12 + now.getMonth();
    if (this.monthCache?.month !== stamp) {
      const since = new Date(now.getFullYear(), now.getMonth(), 1);
      const byKey = new Map<string, UsageTotals>();
      const total = newTotals();
      for (const e of this.deps.usage.entries) {
        if (e.at < since) continue;
        addToTotals(total, e);
        let t = byKey.get(e.keyId);
        if (!t) byKey.set(e.keyId, (t = newTotals()));
        addToTotals(t, e);
      }
      this.monthCache = { total, byKey, month: stamp };
    }
    return this.monthCache;
  }

  /** The status bar tooltip's line about this month. */
  tooltipLine(): string {
    return monthLine(this.month().total, this.settings(), formatUsd);
  }

  /** The router's question: may this request go? Refusing tells the user how to raise the budget. */
  refusal(target: RouteTarget, origin: string): PolicyRefusal | undefined | Promise<PolicyRefusal | undefined> {
    const s = this.settings();
    if (s.action === 'warn') return undefined;
    // Until the journal is read, the month's spend is short of the truth: a budget that refuses waits for it.
    if (!this.deps.usage.isLoaded) return this.deps.usage.ready.then(() => this.refusal(target, origin));
    const m = this.month();
    const name = this.deps.keyName(target.keyId);
    const refusal = budgetRefusal(s, origin, m.total.usd, name ? { name, spentUsd: m.byKey.get(target.keyId)?.usd ?? 0 } : undefined);
    if (refusal && Date.now() - this.lastRefusalNotice > 60_000) {
      // A refused request already shows its error where it was made; this offers the way out, once a minute at most.
      this.lastRefusalNotice = Date.now();
      void this.offerRaise(refusal.message, refusal.setting);
    }
    return refusal;
  }

  /** Shows the notices the month's spend has crossed since the last one; returns the thresholds shown. */
  async check(): Promise<number[]> {
    const s = this.settings();
    const shown: number[] = [];
    let state = this.deps.state.get<NoticeState>(NOTICE_STATE_KEY);
    const now = this.now();
    const m = this.month();
    if (s.monthlyUsd !== undefined) {
      const next = nextNotice(state, now, 'total', m.total.usd, s.monthlyUsd);
      state = next.state;
      if (next.threshold !== undefined && await this.claim(now, 'total', next.threshold)) {
        shown.push(next.threshold);
        void this.notify(`BYOK: you have used ${next.threshold} % of your monthly budget (${formatUsd(m.total.usd)} of ${formatUsd(s.monthlyUsd)}).${next.threshold >= 100 ? this.atLimit(s) : ''}`, next.threshold >= 100, 'byok.budget.monthlyUsd');
      }
    }
    for (const [keyId, totals] of m.byKey) {
      const name = this.deps.keyName(keyId);
      const limit = name ? s.perKey.get(name.toLowerCase()) : undefined;
      if (!name || limit === undefined) continue;
      const next = nextNotice(state, now, `key:${name.toLowerCase()}`, totals.usd, limit);
      state = next.state;
      if (next.threshold !== undefined && await this.claim(now, `key:${name.toLowerCase()}`, next.threshold)) {
        shown.push(next.threshold);
        void this.notify(`BYOK: key "${name}" has used ${next.threshold} % of its monthly budget (${formatUsd(totals.usd)} of ${formatUsd(limit)}).${next.threshold >= 100 ? this.atLimit(s) : ''}`, next.threshold >= 100, 'byok.budget.perKey');
      }
    }
    if (state) await this.deps.state.update(NOTICE_STATE_KEY, state);
    return shown;
  }

  /**
   * Claims a notice for this window: true for the one window that creates its file first. globalState reaches
   * other windows only later, so two windows crossing a threshold together would otherwise both show it.
   * A claim that cannot be written (no disk) still shows the notice: better twice than never.
   */
  private async claim(now: Date, scope: string, threshold: number): Promise<boolean> {
    const name = `${monthOf(now)}-${createHash('sha256').update(scope).digest('hex').slice(0, 12)}-${threshold}`;
    try {
      await mkdir(this.deps.noticeDir, { recursive: true });
      await writeFile(join(this.deps.noticeDir, name), '', { flag: 'wx' });
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code !== 'EEXIST';
    }
  }

  private atLimit(s: BudgetSettings): string {
    if (s.action === 'block') return ' Requests are now blocked until next month or until the budget is raised.';
    if (s.action === 'pauseInline') return ' Inline completions are paused until next month or until the budget is raised.';
    return '';
  }

  private async notify(message: string, serious: boolean, setting: string): Promise<void> {
    this.deps.log.info(message);
    const show = serious ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const action = await show(message, 'Show Usage', 'Raise Budget');
    if (action === 'Show Usage') await vscode.commands.executeCommand('byok.showUsage');
    if (action === 'Raise Budget') await vscode.commands.executeCommand('workbench.action.openSettings', setting);
  }

  private async offerRaise(message: string, setting: string): Promise<void> {
    const action = await vscode.window.showErrorMessage(`BYOK: ${message}`, 'Raise Budget', 'Show Usage');
    if (action === 'Raise Budget') await vscode.commands.executeCommand('workbench.action.openSettings', setting);
    if (action === 'Show Usage') await vscode.commands.executeCommand('byok.showUsage');
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
