// The monthly budget: notices at 50/75/90/100 % (each once per month), and what happens at 100 %.
// Pure: the clock, the month's spend and the remembered notices come from the caller.
//
// Fail closed, like the other organization settings: an action that is not one of the three counts as
// 'block', and a budget that is not a non-negative number counts as $0 (already spent), so a typo in a
// limit an organization set can only make BYOK stricter, and the settings warning says what to fix.
import type { UsageTotals } from '../chat/usage-ledger';

export type BudgetAction = 'warn' | 'pauseInline' | 'block';
export const BUDGET_ACTIONS: readonly BudgetAction[] = ['warn', 'pauseInline', 'block'];
export const THRESHOLDS = [50, 75, 90, 100] as const;

export interface BudgetSettings {
  /** USD per calendar month (local time); undefined: no budget. */
  monthlyUsd?: number;
  action: BudgetAction;
  /** Key name (lower-cased) -> USD per month. */
  perKey: Map<string, number>;
  problems: string[];
}

export function parseBudget(raw: { monthlyUsd?: unknown; action?: unknown; perKey?: unknown }): BudgetSettings {
  const problems: string[] = [];
  let action: BudgetAction = 'warn';
  if (raw.action !== undefined && raw.action !== null) {
    if (BUDGET_ACTIONS.includes(raw.action as BudgetAction)) action = raw.action as BudgetAction;
    else { action = 'block'; problems.push(`byok.budget.action must be one of ${BUDGET_ACTIONS.join(', ')}; requests are blocked at the budget until it is fixed.`); }
  }
  const usd = (v: unknown, name: string): number | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    problems.push(`${name} must be a number of US dollars (0 or more); it counts as $0 until it is fixed.`);
    return 0;
  };
  const monthlyUsd = usd(raw.monthlyUsd, 'byok.budget.monthlyUsd');
  const perKey = new Map<string, number>();
  if (raw.perKey !== undefined && raw.perKey !== null) {
    if (typeof raw.perKey !== 'object' || Array.isArray(raw.perKey)) problems.push('byok.budget.perKey must be an object of key name -> US dollars per month; ignored.');
    else for (const [name, v] of Object.entries(raw.perKey as Record<string, unknown>)) perKey.set(name.trim().toLowerCase(), usd(v, `byok.budget.perKey["${name}"]`) ?? 0);
  }
  return { ...(monthlyUsd !== undefined ? { monthlyUsd } : {}), action, perKey, problems };
}

/** 'YYYY-MM' in local time (a budget month is the user's calendar month). */
export function monthOf(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}`;
}

export function startOfMonth(at: Date): Date {
  return new Date(at.getFullYear(), at.getMonth(), 1);
}

/** Percentage of the budget spent; a $0 budget is fully spent. */
export function percentSpent(spentUsd: number, limitUsd: number): number {
  return limitUsd <= 0 ? 100 : (spentUsd / limitUsd) * 100;
}

/** Notices already shown, per month and scope ('total' or 'key:<name>'). Persisted by the caller. */
export interface NoticeState {
  month: string;
  shown: Record<string, number[]>;
}

/**
 * The threshold to announce now for one scope, or undefined. Only the highest newly crossed threshold is
 * announced (a jump from 40 % to 95 % says 90 %, not three notices); lower ones are marked shown with it.
 * Returns the next state (a new month starts empty).
 */
export function nextNotice(state: NoticeState | undefined, now: Date, scope: string, spentUsd: number, limitUsd: number): { threshold?: number; state: NoticeState } {
  const month = monthOf(now);
  const next: NoticeState = state && state.month === month ? { month, shown: { ...state.shown } } : { month, shown: {} };
  const shown = new Set(next.shown[scope] ?? []);
  const pct = percentSpent(spentUsd, limitUsd);
  const crossed = THRESHOLDS.filter((t) => pct >= t && !shown.has(t));
  if (!crossed.length) return { state: next };
  next.shown[scope] = [...new Set([...shown, ...crossed])].sort((a, b) => a - b);
  return { threshold: crossed[crossed.length - 1], state: next };
}

export interface BudgetRefusal {
  setting: string;
  message: string;
}

/**
 * Whether the budget stops a request: at 100 %, 'block' stops every request and 'pauseInline' stops inline
 * completions. `keySpent` is the month's spend on the request's key when it has its own budget.
 */
export function budgetRefusal(settings: BudgetSettings, origin: string, monthSpentUsd: number, key?: { name: string; spentUsd: number }): BudgetRefusal | undefined {
  if (settings.action === 'warn') return undefined;
  if (settings.action === 'pauseInline' && origin !== 'inline') return undefined;
  const verb = settings.action === 'block' ? 'Requests are blocked' : 'Inline completions are paused';
  if (settings.monthlyUsd !== undefined && percentSpent(monthSpentUsd, settings.monthlyUsd) >= 100) {
    return { setting: 'byok.budget.monthlyUsd', message: `This month's spend ($${monthSpentUsd.toFixed(2)}) has reached the monthly budget of $${settings.monthlyUsd.toFixed(2)}. ${verb} until next month or until the budget is raised (byok.budget.monthlyUsd).` };
  }
  const keyLimit = key ? settings.perKey.get(key.name.trim().toLowerCase()) : undefined;
  if (key && keyLimit !== undefined && percentSpent(key.spentUsd, keyLimit) >= 100) {
    return { setting: 'byok.budget.perKey', message: `This month's spend on key "${key.name}" ($${key.spentUsd.toFixed(2)}) has reached its budget of $${keyLimit.toFixed(2)}. ${verb} on this key until next month or until its budget is raised (byok.budget.perKey).` };
  }
  return undefined;
}

/** The status bar line: "$12.30 of $50.00 this month (25 %)", or just the spend without a budget. */
export function monthLine(month: UsageTotals, settings: BudgetSettings, formatUsd: (n: number) => string): string {
  const unpriced = month.unpricedRequests ? ` (+${month.unpricedRequests} of unknown price)` : '';
  if (settings.monthlyUsd === undefined) return `This month: ${formatUsd(month.usd)}${unpriced}`;
  return `This month: ${formatUsd(month.usd)} of ${formatUsd(settings.monthlyUsd)} budget (${Math.floor(percentSpent(month.usd, settings.monthlyUsd))} %)${unpriced}`;
}
