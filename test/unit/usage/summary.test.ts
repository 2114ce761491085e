import * as assert from 'node:assert/strict';
import type { LedgerEntry } from '../../../src/core/chat/usage-ledger';
import { summarize } from '../../../src/core/usage/summary';

const row = (at: string, modelRef: string, usd: number | undefined, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  at: new Date(at), modelRef, keyId: 'k1', keyName: 'work', origin: 'chat', outcome: 'ok', usage: { inputTokens: 100, outputTokens: 10, cachedInputTokens: 50 }, ...(usd === undefined ? {} : { usd }), ...over,
});

describe('usage/panel summary', () => {
  const now = new Date(2026, 10, 20, 12, 0, 0);
  const entries = [
    row(new Date(2026, 9, 30, 10).toISOString(), 'openai/gpt-4.1', 1),
    row(new Date(2026, 10, 19, 10).toISOString(), 'openai/gpt-4.1', 0.5),
    row(new Date(2026, 10, 20, 9).toISOString(), 'anthropic/claude-sonnet-4-5', 0.25, { keyName: 'team', origin: 'inline', requestId: 'req_1' }),
    row(new Date(2026, 10, 20, 10).toISOString(), 'openai-compatible/local', undefined, { outcome: 'network' }),
  ];

  it('totals today, this month and the range, with unpriced requests counted apart, never as $0', () => {
    const s = summarize(entries, { now });
    assert.deepEqual([s.today.requests, s.today.usd, s.today.unpricedRequests], [2, 0.25, 1]);
    assert.deepEqual([s.month.requests, s.month.usd], [3, 0.75]);
    assert.equal(s.range.requests, 4);
    assert.equal(s.range.errors, 1);
    assert.equal(s.cacheHitRate, 0.5);
  });

  it('groups by model, key, provider and origin, and a daily series per model for the stacked chart', () => {
    const s = summarize(entries, { now, from: '2026-11-19', to: '2026-11-20' });
    assert.deepEqual(s.byModel.map((r) => r.name), ['openai/gpt-4.1', 'anthropic/claude-sonnet-4-5', 'openai-compatible/local']);
    assert.deepEqual(s.byKey.map((r) => r.name), ['work', 'team']);
    assert.deepEqual(s.byOrigin.map((r) => r.name), ['chat', 'inline']);
    assert.deepEqual(s.byProvider.map((r) => r.name).sort(), ['anthropic', 'openai', 'openai-compatible']);
    assert.deepEqual(s.daily.days, ['2026-11-19', '2026-11-20']);
    assert.deepEqual(s.daily.series, [{ name: 'openai/gpt-4.1', usd: [0.5, 0] }, { name: 'anthropic/claude-sonnet-4-5', usd: [0, 0.25] }]);
  });

  it('lists recent requests newest first with their provider request id', () => {
    const s = summarize(entries, { now, recent: 2 });
    assert.deepEqual(s.recent.map((r) => [r.model, r.outcome]), [['openai-compatible/local', 'network'], ['anthropic/claude-sonnet-4-5', 'ok']]);
    assert.equal(s.recent[1]!.requestId, 'req_1');
    assert.equal(s.recent[0]!.usd, undefined);
  });
});
