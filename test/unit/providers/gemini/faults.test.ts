// Every simulator fault, through the real SDK, ends as a ProviderError of the right kind, without the
// key in anything the user sees; retryable ones are retried (openWithRetry) before the first token.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ErrorKind } from '../../../../src/core/errors';
import type { FaultKind } from '../../../support/simulator';
import { createSimulator } from '../../../support/simulator';
import { DEFAULT_REPLY } from '../../../support/simulator/server';
import { adapter, API_KEY, ask, collect, connection, type Collected } from './helpers';

function assertNoKey(got: Collected): void {
  const e = got.error!;
  assert.ok(!e.message.includes(API_KEY), `key in message: ${e.message}`);
  assert.ok(!e.userMessage.includes(API_KEY), `key in userMessage: ${e.userMessage}`);
  assert.ok(!String(e.stack).includes(API_KEY));
}

const streams = (sim: { requests: { path: string }[] }): number => sim.requests.filter((r) => r.path.endsWith(':streamGenerateContent')).length;

describe('gemini faults', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  const cases: [FaultKind, ErrorKind, RegExp][] = [
    ['unauthorized', 'auth', /API key not valid/],
    ['forbidden', 'auth', /Permission denied/],
    ['quota', 'quota', /exceeded your current quota/],
    ['not-found', 'model-not-found', /models\/sim-model-1 is not found/],
    ['rate-limit', 'rate-limit', /Resource has been exhausted/],
    ['server-error', 'server', /internal error/],
    ['unavailable', 'server', /overloaded/],
    ['overloaded', 'server', /overloaded/],
    ['html-proxy', 'server', /HTML page.*502 Bad Gateway/],
    ['context-too-long', 'context-too-long', /exceeds the maximum number of tokens/],
    ['bad-request', 'bad-request', /Invalid JSON payload/],
    ['reset-mid-stream', 'network', /./],
    ['malformed-chunk', 'unexpected-response', /Malformed/],
    ['no-finish', 'network', /ended before/],
    ['stream-error', 'server', /overloaded/],
  ];
  for (const [fault, kind, message] of cases) {
    it(`${fault} -> ${kind}`, async () => {
      sim.inject({ kind: fault, times: 0, retryAfterSec: 0.01 });
      const got = await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
      assert.equal(got.error?.kind, kind, got.error ? `${got.error.kind}: ${got.error.message}` : 'no error');
      assert.match(got.error.message, message);
      assert.equal(got.error.provider, 'gemini');
      assertNoKey(got);
      assert.equal(got.parts.some((p) => p.type === 'finish'), false, 'no finish after an error');
    });
  }

  it('a rate limit carries the retry delay', async () => {
    sim.inject({ kind: 'rate-limit', times: 0, retryAfterSec: 7 });
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'rate-limit');
    assert.equal(got.error?.retryAfterMs, 7000);
    assert.equal(got.error?.retryable, true);
  });

  it('a rate limit once is retried (honoring Retry-After) and then succeeds', async () => {
    sim.inject({ kind: 'rate-limit', times: 1, retryAfterSec: 0.05 });
    const got = await collect(adapter(connection(sim, { maxRetries: 2 })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, DEFAULT_REPLY.text);
    assert.equal(streams(sim), 2);
  });

  it('a rate limit that never ends is retried maxRetries times, then reported', async () => {
    sim.inject({ kind: 'rate-limit', times: 0, retryAfterSec: 0.02 });
    const got = await collect(adapter(connection(sim, { maxRetries: 2 })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'rate-limit');
    assert.equal(streams(sim), 3);
  });

  it('a quota error is never retried', async () => {
    sim.inject({ kind: 'quota', times: 0 });
    const got = await collect(adapter(connection(sim, { maxRetries: 2 })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'quota');
    assert.equal(streams(sim), 1);
  });

  it('an overloaded model (503) once is retried and succeeds', async () => {
    sim.inject({ kind: 'unavailable', times: 1 });
    const got = await collect(adapter(connection(sim, { maxRetries: 1 })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, DEFAULT_REPLY.text);
    assert.equal(streams(sim), 2);
  });

  it('a stream cut after text has streamed is not retried (no duplicated text)', async () => {
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
    const req = sim.lastRequest(':streamGenerateContent')!;
    await sim.waitForClose(req.id);
    assert.equal(req.closedEarly, true);
  });

  it('a host that accepts the connection but never answers is a timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => { sockets.push(s); }); // accepts, then says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const got = await collect(adapter(connection(sim, { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 100 })).stream(ask('hi'), new AbortController().signal));
      assert.equal(got.error?.kind, 'timeout');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('an unreachable host is a network error', async () => {
    const got = await collect(adapter(connection(sim, { baseUrl: 'http://127.0.0.1:9' })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'network');
  });
});
