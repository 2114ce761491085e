import assert from 'node:assert/strict';
import { SerialMemento, type Memento } from '../../../src/core/state/serial-memento';

/** A Memento whose writes take a while and are recorded in the order they start. */
function slowMemento(delayMs: (key: string) => number) {
  const data = new Map<string, unknown>();
  const started: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const memento: Memento = {
    keys: () => [...data.keys()],
    get: <T>(key: string, d?: T) => (data.has(key) ? data.get(key) as T : d) as T,
    update: async (key: string, value: unknown) => {
      started.push(key);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, delayMs(key)));
      if (key === 'fails') { inFlight--; throw new Error('disk full'); }
      if (value === undefined) data.delete(key); else data.set(key, value);
      inFlight--;
    },
  };
  return { memento, data, started, maxInFlight: () => maxInFlight };
}

describe('state/serial-memento', () => {
  it('one write at a time, in the order they were made', async () => {
    const slow = slowMemento((k) => (k === 'a' ? 30 : 1));
    const s = new SerialMemento(slow.memento);
    await Promise.all([s.update('a', 1), s.update('b', 2), s.update('c', 3)]);
    assert.deepEqual(slow.started, ['a', 'b', 'c']);
    assert.equal(slow.maxInFlight(), 1);
  });

  it('a write is visible at once, before it reaches storage', async () => {
    const slow = slowMemento(() => 20);
    const s = new SerialMemento(slow.memento);
    const writing = s.update('choice', { keyId: 'k1' });
    assert.deepEqual(s.get('choice'), { keyId: 'k1' });
    assert.ok(s.keys().includes('choice'));
    void s.update('choice', undefined);
    assert.equal(s.get('choice', 'none'), 'none', 'a pending removal reads as removed');
    assert.ok(!s.keys().includes('choice'));
    await writing;
  });

  it('the last of several writes to one key wins, and a failed write does not block the next', async () => {
    const slow = slowMemento(() => 2);
    const s = new SerialMemento(slow.memento);
    const failed = s.update('fails', 1);
    const writes = [s.update('k', 1), s.update('k', 2), s.update('k', 3)];
    await assert.rejects(failed, /disk full/);
    await Promise.all(writes);
    assert.equal(slow.data.get('k'), 3);
    assert.equal(s.get('k'), 3);
  });
});
