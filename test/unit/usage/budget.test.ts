// Budget thresholds with a fake clock: each notice once per month, the highest crossed one announced,
// a new month starting over; the action at 100 %; bad values fail closed.
import * as assert from 'node:assert/strict';
import { budgetRefusal, monthOf, nextNotice, parseBudget, type NoticeState } from '../../../src/core/usage/budget';

const at = (iso: string): Date => new Date(iso);

describe('usage/budget', () => {
  it('announces 50, 75, 90 and 100 % once each per month', () => {
    let state: NoticeState | undefined;
    const seen: (number | undefined)[] = [];
    for (const [when, spent] of [['2026-11-02T10:00', 10], ['2026-11-03T10:00', 51], ['2026-11-03T11:00', 60], ['2026-11-10T10:00', 76], ['2026-11-11T10:00', 91], ['2026-11-12T10:00', 100], ['2026-11-13T10:00', 130]] as const) {
      const r = nextNotice(state, at(when), 'total', spent, 100);
      state = r.state;
      seen.push(r.threshold);
    }
    assert.deepEqual(seen, [undefined, 50, undefined, 75, 90, 100, undefined]);
  });

  it('a jump past several thresholds announces only the highest, and a new month starts over', () => {
    let r = nextNotice(undefined, at('2026-11-02T10:00'), 'total', 95, 100);
    assert.equal(r.threshold, 90);
    r = nextNotice(r.state, at('2026-11-20T10:00'), 'total', 97, 100);
    assert.equal(r.threshold, undefined);
    r = nextNotice(r.state, at('2026-12-01T09:00'), 'total', 60, 100);
    assert.equal(r.threshold, 50);
    assert.equal(r.state.month, monthOf(at('2026-12-01T09:00')));
  });

  it('scopes are independent (the total and each key budget)', () => {
    let r = nextNotice(undefined, at('2026-11-02T10:00'), 'total', 50, 100);
    r = nextNotice(r.state, at('2026-11-02T10:00'), 'key:work', 5, 10);
    assert.equal(r.threshold, 50);
  });

  it('block refuses every request at 100 % and says how to raise the budget; pauseInline refuses only inline', () => {
    const block = parseBudget({ monthlyUsd: 20, action: 'block' });
    assert.equal(budgetRefusal(block, 'chat', 19.99), undefined);
    const refusal = budgetRefusal(block, 'chat', 20);
    assert.match(refusal!.message, /raised \(byok\.budget\.monthlyUsd\)/);
    const pause = parseBudget({ monthlyUsd: 20, action: 'pauseInline' });
    assert.equal(budgetRefusal(pause, 'chat', 25), undefined);
    assert.ok(budgetRefusal(pause, 'inline', 25));
    assert.equal(budgetRefusal(parseBudget({ monthlyUsd: 20 }), 'chat', 500), undefined, 'warn is the default');
  });

  it('a key over its own budget is refused while other keys go on', () => {
    const s = parseBudget({ action: 'block', perKey: { Work: 10 } });
    assert.ok(budgetRefusal(s, 'chat', 10, { name: 'work', spentUsd: 10 }));
    assert.equal(budgetRefusal(s, 'chat', 10, { name: 'personal', spentUsd: 50 }), undefined);
  });

  it('bad values fail closed: an unknown action blocks, an unreadable budget counts as $0', () => {
    const s = parseBudget({ monthlyUsd: 'ten', action: 'stop' });
    assert.equal(s.action, 'block');
    assert.equal(s.monthlyUsd, 0);
    assert.equal(s.problems.length, 2);
    assert.ok(budgetRefusal(s, 'chat', 0));
    assert.equal(parseBudget({ monthlyUsd: null }).monthlyUsd, undefined);
  });
});
