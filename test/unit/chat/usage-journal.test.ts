import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageJournal } from '../../../src/core/chat/usage-journal';
import type { LedgerEntry } from '../../../src/core/chat/usage-ledger';

const entry = (n: number, keyId = 'work'): LedgerEntry => ({ at: new Date(Date.UTC(2026, 10, 20, 9, n)), modelRef: 'openai/gpt-4.1', keyId, usage: { inputTokens: 100 * n, outputTokens: n }, usd: n / 1000 });
const path = (): string => join(mkdtempSync(join(tmpdir(), 'byok-usage-')), 'usage', 'usage.jsonl');

describe('chat/usage-journal', () => {
  it('two windows recording usage into one directory both keep every request', async () => {
    const file = path();
    const one = new UsageJournal(file);
    const two = new UsageJournal(file);
    assert.deepEqual(one.readNew(), []);
    assert.deepEqual(two.readNew(), []);
    await Promise.all([one.append(entry(1)), two.append(entry(2, 'home')), one.append(entry(3))]);
    assert.deepEqual(one.readNew(), [entry(2, 'home')], 'the first window sees the second window\'s request, not its own again');
    assert.deepEqual(two.readNew().map((e) => e.usage.inputTokens).sort(), [100, 300]);
    const fresh = new UsageJournal(file).readNew();
    assert.equal(fresh.length, 3);
    assert.deepEqual(fresh.map((e) => e.keyId).sort(), ['home', 'work', 'work']);
  });

  it('a line another window is still writing is read once it is complete; a bad line is skipped and reported', async () => {
    const file = path();
    const problems: string[] = [];
    const reader = new UsageJournal(file, (p) => problems.push(p));
    await new UsageJournal(file).append(entry(1));
    const line = readFileSync(file, 'utf8');
    appendFileSync(file, 'not json\n');
    appendFileSync(file, line.replace('"id":"', '"id":"x').slice(0, 20));
    assert.equal(reader.readNew().length, 1);
    assert.equal(problems.length, 1);
    appendFileSync(file, line.replace('"id":"', '"id":"x').slice(20));
    assert.equal(reader.readNew().length, 1, 'the completed line');
  });

  it('a line a crashed window left half-written does not swallow the next request', async () => {
    const file = path();
    await new UsageJournal(file).append(entry(1));
    appendFileSync(file, '{"id":"crashed-1","at":"2026-11-20T09:0');
    await new UsageJournal(file).append(entry(2));
    const all = new UsageJournal(file).readNew();
    assert.deepEqual(all.map((e) => e.usage.outputTokens), [1, 2]);
  });

  it('one failed write does not stop the requests recorded after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-usage-'));
    const blocker = join(dir, 'usage');
    writeFileSync(blocker, 'a file where the usage folder should be');
    const journal = new UsageJournal(join(blocker, 'usage.jsonl'));
    await assert.rejects(journal.append(entry(1)));
    rmSync(blocker);
    await journal.append(entry(2));
    await journal.append(entry(3));
    assert.deepEqual(new UsageJournal(join(blocker, 'usage.jsonl')).readNew().map((e) => e.usage.outputTokens), [2, 3]);
  });

  it('older data seeds the journal once, whichever window comes first', () => {
    const file = path();
    assert.equal(new UsageJournal(file).seedIfAbsent([entry(1), entry(2)]), true);
    assert.equal(new UsageJournal(file).seedIfAbsent([entry(1), entry(2)]), false);
    assert.equal(new UsageJournal(file).readNew().length, 2);
  });
});
