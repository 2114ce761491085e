import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

describe('chat/usage-journal: loading without blocking the extension host', () => {
  const many = (file: string, n: number): void => {
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(JSON.stringify({ id: `old-${i}`, at: new Date(Date.UTC(2026, 9, 1) + i * 1000).toISOString(), modelRef: 'openai/gpt-4.1', keyId: 'work', usage: { inputTokens: 10, outputTokens: 1 }, usd: 0.001 }));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${lines.join('\n')}\n`);
  };

  it('loading a large journal yields to the event loop between chunks and still reads every row once', async () => {
    const file = path();
    many(file, 20_000);
    const journal = new UsageJournal(file);
    let turns = 0;
    let ticking = true;
    const tick = (): void => { turns++; if (ticking) setImmediate(tick); };
    setImmediate(tick);
    const batches: number[] = [];
    const count = await journal.readNewAsync((entries) => batches.push(entries.length));
    ticking = false;
    assert.equal(count, 20_000);
    assert.equal(batches.reduce((a, b) => a + b, 0), 20_000);
    assert.ok(batches.length > 10, `read in chunks (${batches.length} batches)`);
    assert.ok(turns > 10, `other work ran while the journal was read (${turns} event-loop turns)`);
    assert.equal(await journal.readNewAsync(() => assert.fail('nothing new')), 0);
  });

  it('a request recorded (here or in another window) while the journal loads is counted exactly once', async () => {
    const file = path();
    many(file, 5_000);
    const here = new UsageJournal(file);
    const other = new UsageJournal(file);
    const seen: LedgerEntry[] = [];
    let appended: Promise<void> | undefined;
    await here.readNewAsync((entries) => {
      seen.push(...entries);
      appended ??= Promise.all([here.append(entry(1, 'mine')), other.append(entry(2, 'theirs'))]).then(() => undefined);
    });
    await appended;
    await here.readNewAsync((entries) => seen.push(...entries));
    assert.equal(seen.length, 5_001, 'every old row and the other window\'s row');
    assert.equal(seen.filter((e) => e.keyId === 'theirs').length, 1);
    assert.equal(seen.filter((e) => e.keyId === 'mine').length, 0, 'this window\'s own row is already counted where it was recorded');
    assert.equal(new UsageJournal(file).readNew().length, 5_002, 'nothing lost on disk');
  });

  it('a line still being written when a chunk ends is read whole, once it is complete', async () => {
    const file = path();
    const writer = new UsageJournal(file);
    await writer.append(entry(1));
    await writer.append(entry(2));
    const line = JSON.stringify({ id: 'late', at: '2026-11-20T10:00:00.000Z', modelRef: 'openai/gpt-4.1', keyId: 'work', usage: { inputTokens: 5, outputTokens: 5 } });
    appendFileSync(file, line.slice(0, 30));
    const reader = new UsageJournal(file);
    const got: LedgerEntry[] = [];
    await reader.readNewAsync((e) => got.push(...e), 16);
    assert.equal(got.length, 2, 'tiny chunks still make whole lines');
    appendFileSync(file, `${line.slice(30)}\n`);
    await reader.readNewAsync((e) => got.push(...e), 16);
    assert.deepEqual(got.map((e) => e.usage.outputTokens), [1, 2, 5]);
  });
});
