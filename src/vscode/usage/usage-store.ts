// The usage ledger (tokens and estimated cost of every request), shared by every window through an
// append-only journal file in the extension's global storage (see core/chat/usage-journal.ts).
// globalState is not used: each window caches it, so the last window to write would win.
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { costOf } from '../../core/chat/cost';
import { UsageJournal } from '../../core/chat/usage-journal';
import { LedgerFormatError, UsageLedger, type LedgerEntry, type TotalsFilter, type UsageTotals } from '../../core/chat/usage-ledger';
import type { ModelPricing } from '../../core/providers/types';
import type { MeterRecord } from '../../core/routing/chat-router';

/** Where the ledger lived before the journal; read once to seed the journal, then cleared. */
const LEGACY_STATE_KEY = 'byok.usage';
const FILE_NAME = 'usage.jsonl';
/** Rows kept in memory (the journal on disk keeps them all): a year of heavy use, about 60 MB at most. */
const MAX_ROWS = 200_000;

export class UsageStore implements vscode.Disposable {
  readonly ledger = new UsageLedger({ maxEntries: MAX_ROWS });
  private readonly journal: UsageJournal;
  private readonly changed = new vscode.EventEmitter<void>();
  /** After each request recorded here, and when another window's requests appear. */
  readonly onDidChange = this.changed.event;
  private watcher: FSWatcher | undefined;
  /**
   * Resolves once the journal as it was at startup is in memory (read in chunks, without blocking the extension
   * host; onDidChange fires then). Requests recorded meanwhile count at once, and once only: the journal knows
   * its own lines.
   */
  readonly ready: Promise<void>;
  private loaded = false;

  constructor(dir: string, private readonly log: vscode.LogOutputChannel, legacy?: vscode.Memento) {
    this.journal = new UsageJournal(join(dir, FILE_NAME), (problem) => log.warn(problem));
    if (legacy) this.migrate(legacy);
    this.ready = this.readOthers().then(() => { this.loaded = true; });
    try {
      mkdirSync(dir, { recursive: true });
      this.watcher = watch(dir, (_event, name) => {
        if (name === null || name === FILE_NAME) void this.readOthers();
      });
      this.watcher.on('error', (e) => log.warn(`Watching the usage journal stopped: ${e.message}`));
    } catch (e) {
      // Without a watcher, other windows' requests show up at the next reload.
      log.warn(`Cannot watch the usage journal: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private migrate(legacy: vscode.Memento): void {
    const raw = legacy.get<unknown>(LEGACY_STATE_KEY);
    if (raw === undefined) return;
    try {
      this.journal.seedIfAbsent(UsageLedger.deserialize(raw).entries);
    } catch (e) {
      // Unreadable history is set aside, never a reason to fail: usage starts over.
      this.log.warn(e instanceof LedgerFormatError ? `${e.message} Usage history starts over.` : String(e));
    }
    void legacy.update(LEGACY_STATE_KEY, undefined);
  }

  private async readOthers(): Promise<void> {
    let count;
    try {
      count = await this.journal.readNewAsync((entries) => {
        for (const e of entries) this.ledger.record(e);
      });
    } catch (e) {
      this.log.warn(`Reading the usage journal failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (count) this.changed.fire();
  }

  /** Whether the journal as it was at startup is in memory (until then totals leave out older rows). */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /** Records one request; resolves when it is on disk. The in-memory part is synchronous (a few µs, see the bench). */
  record(record: MeterRecord, pricing: ModelPricing | undefined): Promise<void> {
    const usage = record.usage ?? { inputTokens: 0, outputTokens: 0 };
    const cost = costOf(usage, pricing);
    const entry: LedgerEntry = {
      at: record.at, modelRef: `${record.target.presetId}/${record.target.modelId}`, keyId: record.target.keyId, usage,
      ...(cost.usd === undefined ? {} : { usd: cost.usd }),
      origin: record.origin, outcome: record.outcome ?? 'ok',
      ...(record.latencyMs !== undefined ? { latencyMs: Math.round(record.latencyMs) } : {}),
      ...(record.ttftMs !== undefined ? { ttftMs: Math.round(record.ttftMs) } : {}),
      ...(record.requestId ? { requestId: record.requestId } : {}),
      ...(record.keyName ? { keyName: record.keyName } : {}),
      ...(record.host ? { host: record.host } : {}),
      ...(usage.providerCostUsd !== undefined ? { providerUsd: usage.providerCostUsd } : {}),
    };
    this.ledger.record(entry);
    this.changed.fire();
    return this.journal.append(entry).catch((e: unknown) => {
      this.log.error(`Saving usage failed: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  today(): UsageTotals {
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    return this.ledger.total(start);
  }

  /** This calendar month (local time), optionally for one key or origin. */
  month(filter: Omit<TotalsFilter, 'since' | 'until'> = {}, now = new Date()): UsageTotals {
    return this.ledger.totals({ ...filter, since: new Date(now.getFullYear(), now.getMonth(), 1) });
  }

  /** Totals over any filter, e.g. `totals({ since: startOfToday, origin: 'inline' })` for the inline status item. */
  totals(filter: TotalsFilter = {}): UsageTotals {
    return this.ledger.totals(filter);
  }

  /** Every row this window knows (its own and the other windows'), oldest first. */
  get entries(): readonly LedgerEntry[] {
    return this.ledger.entries;
  }

  /** Reads rows other windows appended now, instead of waiting for the file watcher. */
  refresh(): Promise<void> {
    return this.readOthers();
  }

  dispose(): void {
    this.watcher?.close();
    this.changed.dispose();
  }
}
