// Persists the usage ledger (tokens and estimated cost of every request) in globalState.
import type * as vscode from 'vscode';
import { EventEmitter } from 'vscode';
import { costOf } from '../../core/chat/cost';
import { LedgerFormatError, UsageLedger, type UsageTotals } from '../../core/chat/usage-ledger';
import type { ModelPricing } from '../../core/providers/types';
import type { MeterRecord } from '../../core/routing/chat-router';

const STATE_KEY = 'byok.usage';

export class UsageStore {
  readonly ledger: UsageLedger;
  private readonly changed = new EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, log: vscode.LogOutputChannel) {
    let ledger = new UsageLedger();
    try {
      const raw = state.get<unknown>(STATE_KEY);
      if (raw !== undefined) ledger = UsageLedger.deserialize(raw);
    } catch (e) {
      // Unreadable history is set aside, never a reason to fail: usage starts over.
      log.warn(e instanceof LedgerFormatError ? `${e.message} Usage history starts over.` : String(e));
    }
    this.ledger = ledger;
  }

  record(record: MeterRecord, pricing: ModelPricing | undefined): void {
    const cost = costOf(record.usage, pricing);
    this.ledger.record({ at: record.at, modelRef: `${record.target.presetId}/${record.target.modelId}`, keyId: record.target.keyId, usage: record.usage, ...(cost.usd === undefined ? {} : { usd: cost.usd }) });
    void this.state.update(STATE_KEY, this.ledger.serialize());
    this.changed.fire();
  }

  today(): UsageTotals {
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    return this.ledger.total(start);
  }
}
