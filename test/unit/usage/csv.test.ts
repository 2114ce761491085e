import * as assert from 'node:assert/strict';
import { CSV_COLUMNS, csvCell, toCsv } from '../../../src/core/usage/csv';
import type { LedgerEntry } from '../../../src/core/chat/usage-ledger';

describe('usage/csv export', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(0.5), '0.5');
  });

  it('a key name that looks like a formula cannot run as one in a spreadsheet', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  });

  it('writes one row per request with every field and non-overlapping token columns', () => {
    const e: LedgerEntry = {
      at: new Date('2026-11-01T10:00:00.000Z'), modelRef: 'anthropic/claude-sonnet-4-5', keyId: 'k1', keyName: 'work, main', host: 'api.anthropic.com',
      origin: 'chat', outcome: 'ok', latencyMs: 1234, ttftMs: 321, requestId: 'req_011CU',
      usage: { inputTokens: 11_250, outputTokens: 503, cachedInputTokens: 10_000, cacheWriteInputTokens: 1200, cacheWrite1hInputTokens: 1000, reasoningTokens: 100 },
      usd: 0.01734,
    };
    const old: LedgerEntry = { at: new Date('2026-10-01T00:00:00.000Z'), modelRef: 'openai/gpt-4.1', keyId: 'k2', usage: { inputTokens: 5, outputTokens: 7 } };
    const lines = toCsv([e, old]).split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    const row = lines[1]!;
    assert.equal(row, '2026-11-01T10:00:00.000Z,chat,anthropic,claude-sonnet-4-5,"work, main",k1,api.anthropic.com,ok,1234,321,req_011CU,50,10000,200,1000,503,100,0.01734,,0.01734');
    // A row from before the extra fields: empty cells, not made-up values; unknown price stays empty.
    assert.equal(lines[2], '2026-10-01T00:00:00.000Z,,openai,gpt-4.1,,k2,,ok,,,,5,0,0,0,7,0,,,');
    assert.equal(lines[3], '');
  });
});
