// Every simulator fault, through the real SDK, must end as a ProviderError of the right kind, with
// neither the API key nor the secret access key in what the user sees.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorKind } from '../../../../src/core/errors';
import type { FaultKind } from '../../../support/simulator';
import { createSimulator } from '../../../support/simulator';
import { eventFrame, exceptionFrame } from '../../../support/simulator/formats/aws-event-stream';
import { ACCESS_KEY_ID, adapter, API_KEY, ask, collect, connection, SECRET_KEY, type Collected } from './helpers';

function assertNoSecrets(got: Collected): void {
  const e = got.error!;
  for (const s of [API_KEY, SECRET_KEY]) {
    assert.ok(!e.message.includes(s), `secret in message: ${e.message}`);
    assert.ok(!e.userMessage.includes(s), `secret in userMessage: ${e.userMessage}`);
    assert.ok(!String(e).includes(s));
  }
}

describe('bedrock faults', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  const cases: [FaultKind, ErrorKind, RegExp][] = [
    ['unauthorized', 'auth', /security token included in the request is invalid/],
    ['forbidden', 'auth', /don't have access to the model/],
    ['quota', 'quota', /exceeds the service quota/],
    ['not-found', 'model-not-found', /Could not resolve the foundation model/],
    ['server-error', 'server', /internal error/],
    ['unavailable', 'server', /temporarily unable/],
    ['overloaded', 'server', /overloaded/],
    ['html-proxy', 'server', /HTML page instead of an API response/],
    ['context-too-long', 'context-too-long', /Input is too long/],
    ['bad-request', 'bad-request', /Malformed input request/],
    ['reset-mid-stream', 'network', /ECONNRESET/],
    ['malformed-chunk', 'unexpected-response', /checksum/],
    ['no-finish', 'network', /ended before/],
    ['stream-error', 'server', /model stream error/],
  ];
  for (const [fault, kind, message] of cases) {
    for (const auth of ['api key', 'access key pair'] as const) {
      it(`${fault} -> ${kind} (${auth})`, async () => {
        sim.inject({ kind: fault });
        const conn = auth === 'api key'
          ? connection(sim)
          : connection(sim, { apiKey: SECRET_KEY, bedrock: { region: 'us-east-1', accessKeyId: ACCESS_KEY_ID } });
        const got = await collect(adapter(conn).stream(ask('hi'), new AbortController().signal));
        assert.equal(got.error?.kind, kind, `got ${got.error?.kind}: ${got.error?.message}`);
        assert.match(got.error.message, message);
        assert.equal(got.parts.some((p) => p.type === 'finish'), false);
        assertNoSecrets(got);
      });
    }
  }

  it('HTTP faults carry the status and the AWS error name', async () => {
    sim.inject({ kind: 'unauthorized' });
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.status, 403);
    assert.equal(got.error?.code, 'UnrecognizedClientException');
  });

  it('a mid-stream fault keeps the text that already arrived', async () => {
    sim.inject({ kind: 'reset-mid-stream' });
    sim.setReply({ text: 'abcdefghijklmnop', chunkChars: 4 });
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'network');
    assert.equal(got.text, 'abcd');
  });

  it('rate-limit once: the SDK waits for Retry-After, retries, and the answer streams', async () => {
    sim.inject({ kind: 'rate-limit', retryAfterSec: 0.2 });
    const got = await collect(adapter(connection(sim, { maxRetries: 2 })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text.length > 0, true);
    assert.equal(sim.requests.filter((r) => r.path.endsWith('/converse-stream')).length, 2);
  });

  it('rate-limit with no retries left -> rate-limit with retryAfterMs', async () => {
    sim.inject({ kind: 'rate-limit', retryAfterSec: 3 });
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'rate-limit');
    assert.equal(got.error?.retryAfterMs, 3000);
    assert.equal(got.error?.retryable, true);
  });

  it('a 500 once is retried by the SDK when retries are allowed', async () => {
    sim.inject({ kind: 'server-error' });
    const got = await collect(adapter(connection(sim, { maxRetries: 1 })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(sim.requests.length, 2);
  });

  it('stall, then abort -> aborted, and the connection is closed', async () => {
    sim.inject({ kind: 'stall' });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 200);
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), ctrl.signal));
    assert.equal(got.error?.kind, 'aborted');
    const req = sim.lastRequest('converse-stream')!;
    await sim.waitForClose(req.id);
    assert.equal(req.closedEarly, true);
  });

  it('an unknown model -> model-not-found', async () => {
    const got = await collect(adapter(connection(sim)).stream(ask('hi', { model: 'no-such-model' }), new AbortController().signal));
    assert.equal(got.error?.kind, 'model-not-found');
    assert.equal(got.error?.status, 404);
  });

  it('an already aborted signal sends nothing', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), ctrl.signal));
    assert.equal(got.error?.kind, 'aborted');
    assert.equal(sim.requests.length, 0);
  });
});

describe('bedrock timeouts', () => {
  let server: Server;
  before(async () => {
    // Accepts the request and never answers: no status line, no headers.
    server = createServer((req) => { req.resume(); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  after(() => { server.closeAllConnections(); server.close(); });

  it('no response headers within timeoutMs -> timeout', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const started = Date.now();
    const got = await collect(adapter({ presetId: 'bedrock', baseUrl: url, apiKey: API_KEY, bedrock: { region: 'us-east-1' }, maxRetries: 0, timeoutMs: 300 })
      .stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'timeout', got.error?.message);
    assert.ok(Date.now() - started < 3000);
  });
});

// Exceptions the service sends inside the stream, after HTTP 200, decoded by the SDK's own codec.
describe('bedrock in-stream exceptions', () => {
  let server: Server;
  let next: Buffer[] = [];
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
        for (const f of next) res.write(f);
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  after(() => { server.close(); });

  const cases: [string, Record<string, unknown>, ErrorKind][] = [
    ['throttlingException', { message: 'Too many tokens, please wait before trying again.' }, 'rate-limit'],
    ['validationException', { message: 'Input is too long for requested model.' }, 'context-too-long'],
    ['validationException', { message: 'messages.1.content: tool_use ids must be unique' }, 'bad-request'],
    ['internalServerException', { message: 'Internal failure' }, 'server'],
    ['serviceUnavailableException', { message: 'Service unavailable' }, 'server'],
    ['modelStreamErrorException', { message: 'stream broke', originalStatusCode: 500 }, 'server'],
  ];
  for (const [type, payload, kind] of cases) {
    it(`${type} "${String(payload.message)}" -> ${kind}`, async () => {
      next = [
        eventFrame('messageStart', { role: 'assistant', p: 'abc' }),
        eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'partial' }, p: 'xyz' }),
        exceptionFrame(type, payload),
      ];
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const got = await collect(adapter({ presetId: 'bedrock', baseUrl: url, apiKey: API_KEY, bedrock: { region: 'us-east-1' }, maxRetries: 0 })
        .stream(ask('hi'), new AbortController().signal));
      assert.equal(got.text, 'partial');
      assert.equal(got.error?.kind, kind, got.error?.message);
      assert.equal(got.error?.message, String(payload.message));
    });
  }
});
