// What the usage panel shows, computed from the ledger in one pass (100,000 rows in a few ms): totals for
// today, this month and a chosen range; the range by model, key, provider and origin; a daily series per
// model for the stacked chart; the cache hit rate; and the most recent requests (the request log).
import { newTotals, addToTotals, providerOf, shownUsd, type LedgerEntry, type UsageTotals } from '../chat/usage-ledger';

export interface GroupRow { name: string; totals: UsageTotals }

export interface RecentRow {
  at: string;
  origin: string;
  model: string;
  keyName: string;
  host: string;
  outcome: string;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Shown cost (the provider's when reported); undefined: price unknown. */
  usd?: number;
  providerReported: boolean;
  latencyMs?: number;
  ttftMs?: number;
  requestId?: string;
}

export interface DailySeries {
  /** 'YYYY-MM-DD', every day of the range. */
  days: string[];
  /** One per model (the biggest ones; the rest as 'Other'), USD per day (priced requests only). */
  series: { name: string; usd: number[] }[];
}

export interface UsageSummary {
  today: UsageTotals;
  month: UsageTotals;
  range: UsageTotals;
  from: string;
  to: string;
  byModel: GroupRow[];
  byKey: GroupRow[];
  byProvider: GroupRow[];
  byOrigin: GroupRow[];
  daily: DailySeries;
  /** Cache reads over all input in the range; undefined when there was no input. */
  cacheHitRate?: number;
  recent: RecentRow[];
}

export interface SummaryOptions {
  now: Date;
  /** Inclusive local days 'YYYY-MM-DD'; default: the last 30 days. */
  from?: string;
  to?: string;
  /** How many recent requests to list (default 200). */
  recent?: number;
  /** How many models get their own series in the chart (default 6). */
  chartModels?: number;
}

export function localDay(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

function parseDay(day: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
}

export function daysBetween(from: string, to: string): string[] {
  const start = parseDay(from);
  const end = parseDay(to);
  const out: string[] = [];
  if (!start || !end) return out;
  for (const d = start; d <= end && out.length < 3660; d.setDate(d.getDate() + 1)) out.push(localDay(d));
  return out;
}

function sorted(map: Map<string, UsageTotals>): GroupRow[] {
  return [...map].map(([name, totals]) => ({ name, totals })).sort((a, b) => b.totals.usd - a.totals.usd || b.totals.requests - a.totals.requests || a.name.localeCompare(b.name));
}

function bump(map: Map<string, UsageTotals>, key: string, e: LedgerEntry): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = newTotals()));
  addToTotals(t, e);
}

export function summarize(entries: readonly LedgerEntry[], options: SummaryOptions): UsageSummary {
  const { now } = options;
  const todayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const monthStart = new Date(now.getFullYear(), now.getMonth(), 1);
  const defaultFrom = new Date(todayStart);
  defaultFrom.setDate(defaultFrom.getDate() - 29);
  let from = options.from && parseDay(options.from) ? options.from : localDay(defaultFrom);
  let to = options.to && parseDay(options.to) ? options.to : localDay(now);
  if (from > to) [from, to] = [to, from];
  const rangeStart = parseDay(from)!;
  const rangeEnd = parseDay(to)!;
  rangeEnd.setDate(rangeEnd.getDate() + 1);

  const today = newTotals();
  const month = newTotals();
  const range = newTotals();
  const byModel = new Map<string, UsageTotals>();
  const byKey = new Map<string, UsageTotals>();
  const byProvider = new Map<string, UsageTotals>();
  const byOrigin = new Map<string, UsageTotals>();
  const perDayModel = new Map<string, Map<string, number>>();
  for (const e of entries) {
    if (e.at >= todayStart) addToTotals(today, e);
    if (e.at >= monthStart) addToTotals(month, e);
    if (e.at < rangeStart || e.at >= rangeEnd) continue;
    addToTotals(range, e);
    bump(byModel, e.modelRef, e);
    bump(byKey, e.keyName ?? e.keyId, e);
    bump(byProvider, providerOf(e.modelRef), e);
    bump(byOrigin, e.origin ?? 'unknown', e);
    const usd = shownUsd(e);
    if (usd !== undefined) {
      const day = localDay(e.at);
      let m = perDayModel.get(e.modelRef);
      if (!m) perDayModel.set(e.modelRef, (m = new Map<string, number>()));
      m.set(day, (m.get(day) ?? 0) + usd);
    }
  }

  const days = daysBetween(from, to);
  const models = sorted(byModel).filter((r) => perDayModel.has(r.name)).map((r) => r.name);
  const own = models.slice(0, Math.max(1, options.chartModels ?? 6));
  const series = own.map((name) => ({ name, usd: days.map((d) => perDayModel.get(name)?.get(d) ?? 0) }));
  const rest = models.slice(own.length);
  if (rest.length) series.push({ name: 'Other', usd: days.map((d) => rest.reduce((s, m) => s + (perDayModel.get(m)?.get(d) ?? 0), 0)) });

  const recentCount = options.recent ?? 200;
  const recent: RecentRow[] = [];
  for (let i = entries.length - 1; i >= 0 && recent.length < recentCount; i--) recent.push(recentRow(entries[i]!));

  return {
    today, month, range, from, to,
    byModel: sorted(byModel), byKey: sorted(byKey), byProvider: sorted(byProvider), byOrigin: sorted(byOrigin),
    daily: { days, series },
    ...(range.inputTokens > 0 ? { cacheHitRate: range.cachedInputTokens / range.inputTokens } : {}),
    recent,
  };
}

function recentRow(e: LedgerEntry): RecentRow {
  const usd = shownUsd(e);
  return {
    at: e.at.toISOString(), origin: e.origin ?? 'unknown', model: e.modelRef, keyName: e.keyName ?? e.keyId, host: e.host ?? '', outcome: e.outcome ?? 'ok',
    inputTokens: e.usage.inputTokens, cachedInputTokens: e.usage.cachedInputTokens ?? 0, cacheWriteInputTokens: e.usage.cacheWriteInputTokens ?? 0,
    outputTokens: e.usage.outputTokens, reasoningTokens: e.usage.reasoningTokens ?? 0,
    ...(usd !== undefined ? { usd } : {}), providerReported: e.providerUsd !== undefined,
    ...(e.latencyMs !== undefined ? { latencyMs: e.latencyMs } : {}), ...(e.ttftMs !== undefined ? { ttftMs: e.ttftMs } : {}),
    ...(e.requestId ? { requestId: e.requestId } : {}),
  };
}
