// Ledger rows carry every field through the shared journal; rows written before the fields existed still
// read; totals filter by origin, key and time (what the inline status item asks for).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageJournal } from '../../../src/core/chat/usage-journal';
import { UsageLedger, parseEntry, type LedgerEntry } from '../../../src/core/chat/usage-ledger';

const full: LedgerEntry = {
  at: new Date('2026-11-05T09:00:00.000Z'), modelRef: 'openrouter/anthropic/claude-sonnet-4.5', keyId: 'k1',
  usage: { inputTokens: 1000, outputTokens: 20, cachedInputTokens: 600, cacheWriteInputTokens: 300, cacheWrite1hInputTokens: 100, reasoningTokens: 5, providerCostUsd: 0.002 },
  usd: 0.0019, origin: 'inline', keyName: 'team', host: 'openrouter.ai', outcome: 'ok', latencyMs: 812, ttftMs: 140, requestId: 'gen-1762-abc', providerUsd: 0.002,
};

describe('usage/ledger rows', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'byok-ledger-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a row keeps every field through the journal another window reads', async () => {
    const path = join(dir, 'usage.jsonl');
    await new UsageJournal(path).append(full);
    const [read] = new UsageJournal(path).readNew();
    assert.deepEqual(read, full);
    assert.doesNotMatch(readFileSync(path, 'utf8'), /sk-/);
  });

  it('rows written before the new fields still read, and a bad optional field is dropped, not fatal', () => {
    const path = join(dir, 'usage.jsonl');
    writeFileSync(path, `${JSON.stringify({ id: 'old-1', at: '2026-10-01T00:00:00.000Z', modelRef: 'openai/gpt-4.1', keyId: 'k2', usage: { inputTokens: 5, outputTokens: 7 }, usd: 0.0001 })}\n`);
    const [old] = new UsageJournal(path).readNew();
    assert.deepEqual(old, { at: new Date('2026-10-01T00:00:00.000Z'), modelRef: 'openai/gpt-4.1', keyId: 'k2', usage: { inputTokens: 5, outputTokens: 7 }, usd: 0.0001 });
    const ledger = new UsageLedger();
    ledger.record({ ...full, latencyMs: Number.NaN, requestId: '' });
    assert.equal('latencyMs' in ledger.entries[0]!, false);
    assert.equal('requestId' in ledger.entries[0]!, false);
    assert.throws(() => parseEntry({ ...JSON.parse(JSON.stringify(full)), latencyMs: -1 }));
  });

  it('totals filter by origin, key and time, show the provider-reported cost, and count failures', () => {
    const ledger = new UsageLedger({ utc: true });
    ledger.record(full);
    ledger.record({ ...full, origin: 'chat', providerUsd: undefined, usd: 0.01 });
    ledger.record({ ...full, origin: 'inline', at: new Date('2026-11-04T09:00:00.000Z'), keyId: 'k2', outcome: 'rate-limit', usd: undefined, providerUsd: undefined });
    const inlineToday = ledger.totals({ since: new Date('2026-11-05T00:00:00.000Z'), origin: 'inline' });
    assert.equal(inlineToday.requests, 1);
    assert.equal(inlineToday.usd, 0.002, 'the provider\'s figure, not our estimate');
    const allInline = ledger.totals({ origin: 'inline' });
    assert.equal(allInline.requests, 2);
    assert.equal(allInline.unpricedRequests, 1);
    assert.equal(allInline.errors, 1);
    assert.equal(ledger.totals({ keyId: 'k2' }).requests, 1);
    assert.deepEqual([...ledger.totalsByOrigin().keys()].sort(), ['chat', 'inline']);
  });
});
