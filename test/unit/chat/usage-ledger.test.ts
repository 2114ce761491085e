import assert from 'node:assert/strict';
import { LedgerFormatError, UsageLedger } from '../../../src/core/chat/usage-ledger';

const day1 = new Date('2026-11-20T09:00:00Z');
const day1Late = new Date('2026-11-20T23:30:00Z');
const day2 = new Date('2026-11-21T10:00:00Z');

function sample(): UsageLedger {
  const ledger = new UsageLedger({ utc: true });
  ledger.record({ at: day1, modelRef: 'openai/gpt-4.1', keyId: 'work', usage: { inputTokens: 1000, outputTokens: 200, cachedInputTokens: 400 }, usd: 0.0032 });
  ledger.record({ at: day1Late, modelRef: 'anthropic/claude-haiku-4-5', keyId: 'work', usage: { inputTokens: 500, outputTokens: 100, cacheWriteInputTokens: 300, reasoningTokens: 60 }, usd: 0.001 });
  ledger.record({ at: day2, modelRef: 'openai/gpt-4.1', keyId: 'home', usage: { inputTokens: 2000, outputTokens: 300 }, usd: 0.0064 });
  ledger.record({ at: day2, modelRef: 'ollama/llama3.1', keyId: 'local', usage: { inputTokens: 700, outputTokens: 70 } });
  return ledger;
}

const approx = (a: number | undefined, b: number) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${a} != ${b}`);

describe('chat/usage-ledger', () => {
  it('rows loaded after a newer request was recorded go before it, so the newest request stays last', () => {
    const ledger = new UsageLedger({ utc: true });
    const row = (at: Date, keyId: string) => ({ at, modelRef: 'openai/gpt-4.1', keyId, usage: { inputTokens: 1, outputTokens: 1 } });
    ledger.record(row(day2, 'recorded-while-loading'));
    ledger.record(row(day1, 'old-a'));
    ledger.record(row(day1, 'old-b'));
    ledger.record(row(day1Late, 'old-c'));
    assert.deepEqual(ledger.entries.map((e) => e.keyId), ['old-a', 'old-b', 'old-c', 'recorded-while-loading']);
  });

  it('totals everything, keeping unpriced requests apart from the dollars', () => {
    const t = sample().total();
    assert.equal(t.requests, 4);
    assert.equal(t.inputTokens, 4200);
    assert.equal(t.outputTokens, 670);
    assert.equal(t.cachedInputTokens, 400);
    assert.equal(t.cacheWriteInputTokens, 300);
    assert.equal(t.reasoningTokens, 60);
    approx(t.usd, 0.0106);
    assert.equal(t.unpricedRequests, 1);
  });

  it('totals by day, model and key', () => {
    const ledger = sample();
    const byDay = ledger.totalsByDay();
    assert.deepEqual([...byDay.keys()], ['2026-11-20', '2026-11-21']);
    assert.equal(byDay.get('2026-11-20')?.requests, 2);
    approx(byDay.get('2026-11-21')?.usd, 0.0064);
    assert.equal(byDay.get('2026-11-21')?.unpricedRequests, 1);

    const byModel = ledger.totalsByModel();
    assert.equal(byModel.get('openai/gpt-4.1')?.inputTokens, 3000);
    approx(byModel.get('openai/gpt-4.1')?.usd, 0.0096);

    const byKey = ledger.totalsByKey();
    assert.deepEqual([...byKey.keys()].sort(), ['home', 'local', 'work']);
    assert.equal(byKey.get('work')?.outputTokens, 300);
  });

  it('totals since a date', () => {
    assert.equal(sample().total(day2).requests, 2);
  });

  it('round-trips through JSON', () => {
    const ledger = sample();
    const restored = UsageLedger.deserialize(JSON.parse(JSON.stringify(ledger.serialize())), { utc: true });
    assert.deepEqual(restored.entries, ledger.entries);
    assert.deepEqual(restored.total(), ledger.total());
    assert.equal(restored.entries[3]?.usd, undefined);
    assert.ok(restored.entries[0]?.at instanceof Date);
  });

  it('rejects malformed saved data with an error naming the field', () => {
    const good = sample().serialize();
    const badCount = JSON.parse(JSON.stringify(good)) as { entries: { usage: Record<string, unknown> }[] };
    if (badCount.entries[0]) badCount.entries[0].usage.inputTokens = '1000';
    assert.throws(() => UsageLedger.deserialize(badCount), (e: unknown) => {
      assert.ok(e instanceof LedgerFormatError);
      assert.match(e.message, /^Saved usage data is not readable \(entries\.0\.usage\.inputTokens: .*number/);
      return true;
    });
    assert.throws(() => UsageLedger.deserialize({ ...good, version: 2 }), /version/);
    assert.throws(() => UsageLedger.deserialize({ version: 1, entries: [{ ...good.entries[0], at: 'yesterday' }] }), /entries\.0\.at/);
    assert.throws(() => UsageLedger.deserialize({ version: 1, entries: [{ ...good.entries[0], usd: -1 }] }), /entries\.0\.usd/);
    assert.throws(() => UsageLedger.deserialize('[]'), /\(root\)/);
  });

  it('cleans bad numbers on record so the saved ledger always reads back', () => {
    const ledger = new UsageLedger({ utc: true });
    ledger.record({ at: day1, modelRef: 'openai/gpt-4o', keyId: 'k', usage: { inputTokens: -5, outputTokens: 12.7, reasoningTokens: Number.NaN }, usd: Number.NaN });
    assert.deepEqual(ledger.entries[0]?.usage, { inputTokens: 0, outputTokens: 12, reasoningTokens: 0 });
    assert.equal(ledger.entries[0]?.usd, undefined);
    assert.equal(UsageLedger.deserialize(ledger.serialize()).entries.length, 1);
    assert.throws(() => ledger.record({ at: new Date('nope'), modelRef: 'openai/gpt-4o', keyId: 'k', usage: { inputTokens: 1, outputTokens: 1 } }), /invalid date/);
  });

  it('keeps at most maxEntries, dropping the oldest, and prunes by date', () => {
    const ledger = new UsageLedger({ utc: true, maxEntries: 2 });
    for (const [i, at] of [day1, day1Late, day2].entries()) ledger.record({ at, modelRef: 'openai/gpt-4o', keyId: `k${i}`, usage: { inputTokens: 1, outputTokens: 1 } });
    assert.deepEqual(ledger.entries.map((e) => e.keyId), ['k1', 'k2']);
    assert.equal(ledger.prune(day2), 1);
    assert.deepEqual(ledger.entries.map((e) => e.keyId), ['k2']);
  });

  it('does not share mutable state with the caller', () => {
    const ledger = new UsageLedger();
    const usage = { inputTokens: 10, outputTokens: 1 };
    const at = new Date(day1);
    ledger.record({ at, modelRef: 'openai/gpt-4o', keyId: 'k', usage });
    usage.inputTokens = 999;
    at.setFullYear(2000);
    assert.equal(ledger.total().inputTokens, 10);
    assert.equal(ledger.entries[0]?.at.getUTCFullYear(), 2026);
  });
});
