// An in-memory record of what each request used and cost, with totals by day, model and key.
// Pure: the VS Code layer persists serialize()'s plain object and hands it back to deserialize().
//
// A request whose price is unknown is still recorded (tokens count) and counted in `unpricedRequests`,
// so a total in dollars can say "plus N requests of unknown price" instead of silently under-reporting.
import * as z from 'zod';
import type { Usage } from '../providers/types';

/** How a request ended: 'ok', 'stopped' (the user cancelled), or the ProviderError kind ('auth', 'rate-limit', ...). */
export type Outcome = string;

export interface LedgerEntry {
  at: Date;
  /** `<presetId>/<modelId>` (see catalog/model-ref.ts). */
  modelRef: string;
  keyId: string;
  usage: Usage;
  /** Our estimate from the price table (or byok.pricing); undefined when the model's price is unknown. */
  usd?: number;
  // The fields below were added later: rows written before them lack them, so they stay optional.
  /** Where the request came from: 'chat', 'compare', 'inline', 'lm-api', ... */
  origin?: string;
  /** The key's name as the user gave it (never the key itself). */
  keyName?: string;
  /** The host the key was sent to. */
  host?: string;
  outcome?: Outcome;
  /** From sending the request to its last part. */
  latencyMs?: number;
  /** From sending the request to the first streamed text, reasoning or tool call. */
  ttftMs?: number;
  /** The provider's id for the request, to look it up in its dashboard. */
  requestId?: string;
  /** What the provider said the request cost (OpenRouter); shown instead of our estimate when present. */
  providerUsd?: number;
}

/** The figure shown for a request: the provider's own when it reported one, else our estimate. */
export function shownUsd(e: Pick<LedgerEntry, 'usd' | 'providerUsd'>): number | undefined {
  return e.providerUsd ?? e.usd;
}

/** The provider part of a model reference. */
export function providerOf(modelRef: string): string {
  const slash = modelRef.indexOf('/');
  return slash < 0 ? modelRef : modelRef.slice(0, slash);
}

export interface TotalsFilter {
  /** At or after. */
  since?: Date;
  /** Before. */
  until?: Date;
  origin?: string;
  keyId?: string;
}

export interface UsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteInputTokens: number;
  reasoningTokens: number;
  /** Requests whose outcome was not 'ok' or 'stopped'. */
  errors: number;
  /** Sum over the requests whose price is known (the provider's figure where it reported one). */
  usd: number;
  /** Requests left out of `usd` because their price is unknown. */
  unpricedRequests: number;
}

export interface LedgerOptions {
  /** Day boundaries in UTC instead of the local time zone (tests, servers). Default: local. */
  utc?: boolean;
  /** Oldest entries are dropped beyond this many, to bound memory. Default 10,000. */
  maxEntries?: number;
}

const count = z.number().int().nonnegative();
const UsageSchema = z.object({
  inputTokens: count,
  outputTokens: count,
  cachedInputTokens: count.optional(),
  cacheWriteInputTokens: count.optional(),
  cacheWrite1hInputTokens: count.optional(),
  reasoningTokens: count.optional(),
  providerCostUsd: z.number().nonnegative().finite().optional(),
});
const ms = z.number().nonnegative().finite();
const label = z.string().max(500);
const EntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  modelRef: z.string().min(3).includes('/'),
  keyId: z.string().min(1),
  usage: UsageSchema,
  usd: z.number().nonnegative().finite().optional(),
  origin: label.optional(),
  keyName: label.optional(),
  host: label.optional(),
  outcome: label.optional(),
  latencyMs: ms.optional(),
  ttftMs: ms.optional(),
  requestId: label.optional(),
  providerUsd: z.number().nonnegative().finite().optional(),
});
const LedgerSchema = z.object({ version: z.literal(1), entries: z.array(EntrySchema) });

export type SerializedLedger = z.infer<typeof LedgerSchema>;

/** Persisted ledger data that cannot be read. The message names the first fields that are wrong. */
export class LedgerFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerFormatError';
  }
}

function emptyTotals(): UsageTotals {
  return { requests: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0, errors: 0, usd: 0, unpricedRequests: 0 };
}

/** Adds one entry to running totals (exported for the panel's single-pass summary). */
export function addToTotals(totals: UsageTotals, e: LedgerEntry): void {
  add(totals, e);
}

export function newTotals(): UsageTotals {
  return emptyTotals();
}

function add(totals: UsageTotals, e: LedgerEntry): void {
  totals.requests += 1;
  totals.inputTokens += e.usage.inputTokens;
  totals.outputTokens += e.usage.outputTokens;
  totals.cachedInputTokens += e.usage.cachedInputTokens ?? 0;
  totals.cacheWriteInputTokens += e.usage.cacheWriteInputTokens ?? 0;
  totals.reasoningTokens += e.usage.reasoningTokens ?? 0;
  if (e.outcome !== undefined && e.outcome !== 'ok' && e.outcome !== 'stopped') totals.errors += 1;
  const usd = shownUsd(e);
  if (usd === undefined) totals.unpricedRequests += 1;
  else totals.usd += usd;
}

const OPTIONAL_TEXT = ['origin', 'keyName', 'host', 'outcome', 'requestId'] as const;
const OPTIONAL_NUMBER = ['latencyMs', 'ttftMs', 'providerUsd'] as const;

/** Copies the optional fields that are present and sane (a bad value is dropped, never saved). */
function copyOptional(from: LedgerEntry | SerializedEntry, to: LedgerEntry | SerializedEntry): void {
  for (const k of OPTIONAL_TEXT) { const v = from[k]; if (typeof v === 'string' && v) to[k] = v.slice(0, 500); }
  for (const k of OPTIONAL_NUMBER) { const v = from[k]; if (typeof v === 'number' && Number.isFinite(v) && v >= 0) to[k] = v; }
}

export class UsageLedger {
  private readonly list: LedgerEntry[] = [];
  private readonly utc: boolean;
  private readonly maxEntries: number;

  constructor(options: LedgerOptions = {}) {
    this.utc = options.utc ?? false;
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  }

  /** Adds one request. Numbers are cleaned here so that a bad value can never make the saved ledger unreadable. */
  record(entry: LedgerEntry): void {
    if (Number.isNaN(entry.at.getTime())) throw new TypeError('UsageLedger.record: invalid date');
    const copy: LedgerEntry = { at: new Date(entry.at.getTime()), modelRef: entry.modelRef, keyId: entry.keyId, usage: cleanUsage(entry.usage) };
    if (typeof entry.usd === 'number' && Number.isFinite(entry.usd) && entry.usd >= 0) copy.usd = entry.usd;
    copyOptional(entry, copy);
    // Kept in time order (the request log lists the newest last): a window loading older rows from the
    // journal may already hold a request it made meanwhile, so an older row goes before the newer ones.
    const last = this.list[this.list.length - 1];
    if (!last || last.at <= copy.at) this.list.push(copy);
    else this.list.splice(this.insertionIndex(copy.at), 0, copy);
    if (this.list.length > this.maxEntries) this.list.splice(0, this.list.length - this.maxEntries);
  }

  /** The first index whose row is later than `at` (rows at the same instant keep their arrival order). */
  private insertionIndex(at: Date): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.list[mid]!.at <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get entries(): readonly LedgerEntry[] {
    return this.list;
  }

  /** 'YYYY-MM-DD' of an instant, in local time unless the ledger is UTC. */
  dayOf(at: Date): string {
    const [y, m, d] = this.utc ? [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()] : [at.getFullYear(), at.getMonth() + 1, at.getDate()];
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }

  /** Totals over all entries, or those at or after `since`. */
  total(since?: Date): UsageTotals {
    return this.totals({ since });
  }

  /** Totals over the entries that match every given filter (e.g. today's inline requests). */
  totals(filter: TotalsFilter = {}): UsageTotals {
    const totals = emptyTotals();
    const { since, until, origin, keyId } = filter;
    for (const e of this.list) {
      if ((since && e.at < since) || (until && e.at >= until)) continue;
      if ((origin !== undefined && e.origin !== origin) || (keyId !== undefined && e.keyId !== keyId)) continue;
      add(totals, e);
    }
    return totals;
  }

  totalsByDay(): Map<string, UsageTotals> {
    return this.group((e) => this.dayOf(e.at));
  }

  totalsByModel(): Map<string, UsageTotals> {
    return this.group((e) => e.modelRef);
  }

  totalsByKey(): Map<string, UsageTotals> {
    return this.group((e) => e.keyId);
  }

  /** Rows written before origins were recorded are grouped as 'unknown' (no guess). */
  totalsByOrigin(): Map<string, UsageTotals> {
    return this.group((e) => e.origin ?? 'unknown');
  }

  /** Forgets entries older than `before`; returns how many were removed. */
  prune(before: Date): number {
    const keep = this.list.filter((e) => e.at >= before);
    const removed = this.list.length - keep.length;
    this.list.splice(0, this.list.length, ...keep);
    return removed;
  }

  /** A plain JSON-safe object for persistence. */
  serialize(): SerializedLedger {
    return { version: 1, entries: this.list.map(serializeEntry) };
  }

  /** Reads persisted data. Throws LedgerFormatError, naming the bad fields, when it is not a ledger. */
  static deserialize(data: unknown, options: LedgerOptions = {}): UsageLedger {
    const parsed = LedgerSchema.safeParse(data);
    if (!parsed.success) throw formatError(parsed.error);
    const ledger = new UsageLedger(options);
    for (const e of parsed.data.entries) ledger.record(entryOf(e));
    return ledger;
  }

  private group(keyOf: (e: LedgerEntry) => string): Map<string, UsageTotals> {
    const out = new Map<string, UsageTotals>();
    for (const e of this.list) {
      const key = keyOf(e);
      let totals = out.get(key);
      if (!totals) out.set(key, (totals = emptyTotals()));
      add(totals, e);
    }
    return out;
  }
}

export type SerializedEntry = z.infer<typeof EntrySchema>;

/** One entry as a JSON-safe object (a line of the usage journal, an element of serialize()'s list). */
export function serializeEntry(e: LedgerEntry): SerializedEntry {
  const out: SerializedEntry = { at: e.at.toISOString(), modelRef: e.modelRef, keyId: e.keyId, usage: { ...e.usage }, ...(e.usd === undefined ? {} : { usd: e.usd }) };
  copyOptional(e, out);
  return out;
}

/** One persisted entry. Throws LedgerFormatError, naming the bad fields, when it is not one. */
export function parseEntry(data: unknown): LedgerEntry {
  // A window reads the whole journal at startup (100,000 rows in the bench): rows that are plainly well
  // formed take a hand-written check, ~5× faster than the schema; anything else goes through zod, which
  // is the authority and names what is wrong.
  const quick = quickEntry(data);
  if (quick) return quick;
  const parsed = EntrySchema.safeParse(data);
  if (!parsed.success) throw formatError(parsed.error);
  return entryOf(parsed.data);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const isCount = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0);
const isAmount = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const isLabel = (v: unknown): boolean => v === undefined || (typeof v === 'string' && v.length <= 500);
const USAGE_KEYS = new Set(['inputTokens', 'outputTokens', 'cachedInputTokens', 'cacheWriteInputTokens', 'cacheWrite1hInputTokens', 'reasoningTokens', 'providerCostUsd']);

/** The same rules as EntrySchema for the common case; undefined sends the row to zod. */
function quickEntry(data: unknown): LedgerEntry | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const u = d.usage as Record<string, unknown> | undefined;
  if (typeof d.at !== 'string' || !ISO.test(d.at) || typeof d.modelRef !== 'string' || d.modelRef.length < 3 || !d.modelRef.includes('/')) return undefined;
  if (typeof d.keyId !== 'string' || !d.keyId || !u || typeof u !== 'object') return undefined;
  if (typeof u.inputTokens !== 'number' || typeof u.outputTokens !== 'number') return undefined;
  for (const k of Object.keys(u)) if (!USAGE_KEYS.has(k) || !(k === 'providerCostUsd' ? isAmount(u[k]) : isCount(u[k]))) return undefined;
  if (!isAmount(d.usd) || !isAmount(d.providerUsd) || !isAmount(d.latencyMs) || !isAmount(d.ttftMs)) return undefined;
  if (!isLabel(d.origin) || !isLabel(d.keyName) || !isLabel(d.host) || !isLabel(d.outcome) || !isLabel(d.requestId)) return undefined;
  const at = new Date(d.at);
  if (Number.isNaN(at.getTime())) return undefined;
  return entryOf({ ...(d as SerializedEntry), usage: { ...(u as SerializedEntry['usage']) } });
}

function entryOf(e: SerializedEntry): LedgerEntry {
  const entry: LedgerEntry = { at: new Date(e.at), modelRef: e.modelRef, keyId: e.keyId, usage: e.usage };
  if (e.usd !== undefined) entry.usd = e.usd;
  copyOptional(e, entry);
  return entry;
}

function formatError(error: z.ZodError): LedgerFormatError {
  const details = error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
  return new LedgerFormatError(`Saved usage data is not readable (${details}).`, { cause: error });
}

const tokens = (n: number | undefined): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

function cleanUsage(usage: Usage): Usage {
  return stripUndefined({
    inputTokens: tokens(usage.inputTokens),
    outputTokens: tokens(usage.outputTokens),
    cachedInputTokens: usage.cachedInputTokens === undefined ? undefined : tokens(usage.cachedInputTokens),
    cacheWriteInputTokens: usage.cacheWriteInputTokens === undefined ? undefined : tokens(usage.cacheWriteInputTokens),
    cacheWrite1hInputTokens: usage.cacheWrite1hInputTokens === undefined ? undefined : tokens(usage.cacheWrite1hInputTokens),
    reasoningTokens: usage.reasoningTokens === undefined ? undefined : tokens(usage.reasoningTokens),
    providerCostUsd: typeof usage.providerCostUsd === 'number' && Number.isFinite(usage.providerCostUsd) && usage.providerCostUsd >= 0 ? usage.providerCostUsd : undefined,
  });
}

function stripUndefined(usage: z.infer<typeof UsageSchema>): Usage {
  const out: Usage = { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
  if (usage.cachedInputTokens !== undefined) out.cachedInputTokens = usage.cachedInputTokens;
  if (usage.cacheWriteInputTokens !== undefined) out.cacheWriteInputTokens = usage.cacheWriteInputTokens;
  if (usage.cacheWrite1hInputTokens !== undefined) out.cacheWrite1hInputTokens = usage.cacheWrite1hInputTokens;
  if (usage.reasoningTokens !== undefined) out.reasoningTokens = usage.reasoningTokens;
  if (usage.providerCostUsd !== undefined) out.providerCostUsd = usage.providerCostUsd;
  return out;
}
