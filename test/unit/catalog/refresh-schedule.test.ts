import assert from 'node:assert/strict';
import { BACKOFF_BASE_MS, MIN_GAP_MS, RefreshSchedule } from '../../../src/core/catalog/refresh-schedule';

/** A fake clock with timers, so backoff is tested in virtual time. */
function clock() {
  let now = 1_000_000;
  const timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 0;
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => { const id = ++nextId; timers.push({ at: now + ms, run, id }); return id; },
    clearTimer: (id: unknown) => { const i = timers.findIndex((t) => t.id === id); if (i >= 0) timers.splice(i, 1); },
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers[0];
        if (!t || t.at > until) break;
        timers.shift();
        now = t.at;
        t.run();
        await flush();
      }
      now = until;
    },
  };
}
const flush = async (): Promise<void> => { for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r)); };

describe('catalog/refresh-schedule', () => {
  it('a failing key is listed once per backoff step, however often it is kicked (no refresh loop)', async () => {
    const c = clock();
    let calls = 0;
    const schedule: RefreshSchedule = new RefreshSchedule({
      ...c,
      due: () => [{ keyId: 'k1', dueAt: -Infinity }],
      refresh: () => { calls++; schedule.failed('k1'); return Promise.resolve(); },
    });
    schedule.kick();
    await flush();
    for (let i = 0; i < 100; i++) schedule.kick(); // change events of every kind
    await flush();
    assert.equal(calls, 1, 'one listing for one bad key, not one per event');
    await c.advance(BACKOFF_BASE_MS - 1);
    assert.equal(calls, 1);
    await c.advance(1);
    assert.equal(calls, 2, 'retried after the first backoff step');
    await c.advance(BACKOFF_BASE_MS * 2);
    assert.equal(calls, 3, 'then after twice as long');
    assert.equal(schedule.backoffOf('k1')?.count, 3);
    schedule.dispose();
  });

  it('a key with a fresh listing is not listed until it goes stale', async () => {
    const c = clock();
    let calls = 0;
    const staleAt = c.now() + 5 * 60_000;
    const schedule = new RefreshSchedule({ ...c, due: () => [{ keyId: 'k1', dueAt: staleAt }], refresh: () => { calls++; return Promise.resolve(); } });
    schedule.kick();
    await c.advance(5 * 60_000 - 1);
    assert.equal(calls, 0);
    await c.advance(1);
    assert.equal(calls, 1);
    schedule.dispose();
  });

  it('a refresh that neither succeeds nor fails still waits MIN_GAP_MS before the next try', async () => {
    const c = clock();
    let calls = 0;
    const schedule = new RefreshSchedule({ ...c, due: () => [{ keyId: 'k1', dueAt: -Infinity }], refresh: () => { calls++; return Promise.resolve(); } });
    schedule.kick();
    await flush();
    schedule.kick();
    await flush();
    assert.equal(calls, 1);
    await c.advance(MIN_GAP_MS);
    assert.equal(calls, 2);
    schedule.dispose();
  });

  it('a new secret (reset) gets a fresh try at once; success clears the backoff', async () => {
    const c = clock();
    let fail = true;
    let calls = 0;
    let listedAt = -Infinity;
    const schedule: RefreshSchedule = new RefreshSchedule({
      ...c, due: () => [{ keyId: 'k1', dueAt: listedAt + 86_400_000 }],
      refresh: () => { calls++; if (fail) schedule.failed('k1'); else { listedAt = c.now(); schedule.succeeded('k1'); } return Promise.resolve(); },
    });
    schedule.kick();
    await flush();
    assert.equal(calls, 1);
    fail = false;
    schedule.reset('k1');
    schedule.kick();
    await flush();
    assert.equal(calls, 2);
    assert.equal(schedule.backoffOf('k1'), undefined);
    schedule.dispose();
  });

  it('nothing runs after dispose', async () => {
    const c = clock();
    let calls = 0;
    const schedule = new RefreshSchedule({ ...c, due: () => [{ keyId: 'k1', dueAt: c.now() + 1000 }], refresh: () => { calls++; return Promise.resolve(); } });
    schedule.kick();
    schedule.dispose();
    await c.advance(10_000);
    assert.equal(calls, 0);
  });
});
