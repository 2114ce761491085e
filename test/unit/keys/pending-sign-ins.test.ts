// Pending sign-ins: one callback per state, before it expires, and only for a state this window made.
import * as assert from 'node:assert/strict';
import { PendingSignIns, REFUSAL_MESSAGES, SIGN_IN_EXPIRY_MS } from '../../../src/core/keys/pending-sign-ins';
import { challengeFor } from '../../../src/core/keys/pkce';

describe('keys/pending-sign-ins', () => {
  let now = 1_000_000;
  const clock = (): number => now;
  beforeEach(() => { now = 1_000_000; });

  it('a sign-in carries a fresh state, verifier and its S256 challenge', () => {
    const signIns = new PendingSignIns(clock);
    const a = signIns.start();
    const b = signIns.start();
    assert.notEqual(a.state, b.state);
    assert.notEqual(a.verifier, b.verifier);
    assert.equal(a.challenge, challengeFor(a.verifier));
  });

  it('the pending login expires after 5 minutes', () => {
    assert.equal(SIGN_IN_EXPIRY_MS, 300_000);
    const signIns = new PendingSignIns(clock);
    const s = signIns.start();
    assert.equal(signIns.remainingMs(s.state), 300_000);
    now += 300_000;
    assert.deepEqual(signIns.take(s.state), { ok: false, reason: 'expired' });
    assert.deepEqual(signIns.take(s.state), { ok: false, reason: 'expired' }, 'and stays refused');
  });

  it('a callback just before expiry is accepted', () => {
    const signIns = new PendingSignIns(clock);
    const s = signIns.start();
    now += 299_999;
    assert.equal(signIns.take(s.state).ok, true);
  });

  it('a reused callback is refused: each state answers once', () => {
    const signIns = new PendingSignIns(clock);
    const s = signIns.start();
    const first = signIns.take(s.state);
    assert.ok(first.ok && first.signIn.verifier === s.verifier);
    assert.deepEqual(signIns.take(s.state), { ok: false, reason: 'used' });
  });

  it('a wrong state is refused and leaves the real sign-in waiting', () => {
    const signIns = new PendingSignIns(clock);
    const s = signIns.start();
    assert.deepEqual(signIns.take('not-a-state-this-window-made'), { ok: false, reason: 'unknown-state' });
    assert.deepEqual(signIns.take(undefined), { ok: false, reason: 'unknown-state' });
    assert.equal(signIns.isPending(s.state), true);
    assert.equal(signIns.take(s.state).ok, true);
  });

  it('a cancelled sign-in refuses its callback', () => {
    const signIns = new PendingSignIns(clock);
    const s = signIns.start();
    signIns.end(s.state, 'cancelled');
    assert.deepEqual(signIns.take(s.state), { ok: false, reason: 'cancelled' });
  });

  it('every refusal says what happened and that nothing was saved, without the state', () => {
    for (const message of Object.values(REFUSAL_MESSAGES)) assert.match(message, /nothing (more )?was saved/);
  });
});
