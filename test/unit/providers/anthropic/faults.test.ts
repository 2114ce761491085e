// Every simulator fault, through the real SDK, ends as a ProviderError of the right kind, without the
// key in anything the user sees; retryable ones are retried by the SDK before the first token.
import assert from 'node:assert/strict';
import type { ErrorKind } from '../../../../src/core/errors';
import type { FaultKind } from '../../../support/simulator';
import { createSimulator } from '../../../support/simulator';
import { DEFAULT_REPLY } from '../../../support/simulator/server';
import { adapter, API_KEY, ask, collect, compatConnection, connection, type Collected } from './helpers';

function assertNoKey(got: Collected): void {
  const e = got.error!;
  assert.ok(!e.message.includes(API_KEY), `key in message: ${e.message}`);
  assert.ok(!e.userMessage.includes(API_KEY), `key in userMessage: ${e.userMessage}`);
  assert.ok(!String(e.stack).includes(API_KEY));
}

describe('anthropic faults', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  const cases: [FaultKind, ErrorKind, RegExp][] = [
    ['unauthorized', 'auth', /invalid x-api-key/],
    ['forbidden', 'auth', /permission/],
    ['quota', 'quota', /credit balance/],
    ['not-found', 'model-not-found', /model: sim-model-1/],
    ['rate-limit', 'rate-limit', /rate limit/],
    ['server-error', 'server', /Internal server error/],
    ['unavailable', 'server', /Service Unavailable/],
    ['overloaded', 'server', /Overloaded/],
    ['html-proxy', 'server', /HTML page.*502 Bad Gateway/],
    ['context-too-long', 'context-too-long', /prompt is too long/],
    ['bad-request', 'bad-request', /temperature/],
    ['reset-mid-stream', 'network', /./],
    ['malformed-chunk', 'unexpected-response', /./],
    ['no-finish', 'network', /ended before/],
    ['stream-error', 'server', /Overloaded/],
  ];
  for (const [fault, kind, message] of cases) {
    for (const host of ['anthropic', 'anthropic-compatible'] as const) {
      it(`${fault} -> ${kind} (${host})`, async () => {
        sim.inject({ kind: fault, times: 0, retryAfterSec: 0.01 });
        const conn = host === 'anthropic' ? connection(sim) : compatConnection(sim);
        const got = await collect(adapter(conn).stream(ask('hi'), new AbortController().signal));
        assert.equal(got.error?.kind, kind, got.error ? `${got.error.kind}: ${got.error.message}` : 'no error');
        assert.match(got.error.message, message);
        assert.equal(got.error.provider, host);
        assertNoKey(got);
        assert.equal(got.parts.some((p) => p.type === 'finish'), false, 'no finish after an error');
      });
    }
  }

  it('a rate limit carries retry-after', async () => {
    sim.inject({ kind: 'rate-limit', times: 0, retryAfterSec: 7 });
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'rate-limit');
    assert.equal(got.error?.retryAfterMs, 7000);
    assert.equal(got.error?.retryable, true);
  });

  it('a rate limit once is retried by the SDK (honoring retry-after) and then succeeds', async () => {
    sim.inject({ kind: 'rate-limit', times: 1, retryAfterSec: 0.05 });
    const got = await collect(adapter(connection(sim, { maxRetries: 2 })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, DEFAULT_REPLY.text);
    assert.equal(sim.requests.filter((r) => r.path.endsWith('/v1/messages')).length, 2);
  });

  it('a rate limit that never ends is retried maxRetries times, then reported', async () => {
    sim.inject({ kind: 'rate-limit', times: 0, retryAfterSec: 0.02 });
    const got = await collect(adapter(connection(sim, { maxRetries: 2 })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'rate-limit');
    assert.equal(sim.requests.filter((r) => r.path.endsWith('/v1/messages')).length, 3);
  });

  it('an overloaded API (529) once is retried and succeeds', async () => {
    sim.inject({ kind: 'overloaded', times: 1 });
    const got = await collect(adapter(connection(sim, { maxRetries: 1 })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, DEFAULT_REPLY.text);
  });

  it('a stream error after text has streamed is not retried (no duplicated text)', async () => {
    sim.inject({ kind: 'reset-mid-stream', times: 1 });
    sim.setReply({ chunkChars: 2 });
    const got = await collect(adapter(connection(sim, { maxRetries: 2 })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'network');
    assert.equal(sim.requests.length, 1);
  });

  it('a stalled stream ends as aborted when the user stops it, and the socket closes', async () => {
    sim.inject({ kind: 'stall' });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 150);
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), ctrl.signal));
    assert.equal(got.error?.kind, 'aborted');
    const req = sim.lastRequest('/v1/messages')!;
    await sim.waitForClose(req.id);
    assert.equal(req.closedEarly, true);
  });

  it('an already aborted signal throws aborted without a request', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), ctrl.signal));
    assert.equal(got.error?.kind, 'aborted');
    assert.equal(sim.requests.length, 0);
  });

  it('an unreachable host is a network error', async () => {
    const got = await collect(adapter(connection(sim, { baseUrl: 'http://127.0.0.1:9/anthropic' })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'network');
  });
});
