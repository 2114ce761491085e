// ListFoundationModels as a signed fetch (control-plane.ts), in place of the control-plane SDK client:
// the signature verifies, it goes only to the control-plane host for the region, and every fault is
// classified as the SDK's exceptions were.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import type { ErrorKind } from '../../../../src/core/errors';
import { ProviderError } from '../../../../src/core/errors';
import { createSimulator, type FaultKind } from '../../../support/simulator';
import type { RecordedRequest } from '../../../support/simulator/types';
import { ACCESS_KEY_ID, adapter, API_KEY, connection, SECRET_KEY } from './helpers';

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
const hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** AWS's documented SigV4 algorithm, written out independently of the signer under test. */
function verifySigV4(req: RecordedRequest, secret: string): { region: string; service: string } {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  assert.ok(m, `not a SigV4 authorization: ${req.headers.authorization}`);
  const [, , date, region, service, signedHeaders, signature] = m as unknown as string[];
  const names = signedHeaders!.split(';');
  assert.ok(names.includes('host') && names.includes('x-amz-date'), 'host and date are signed');
  const query = Object.entries(req.query).map(([k, v]) => [enc(k), enc(v)]).sort(([a], [b]) => (a! < b! ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&');
  const path = req.path.split('/').map((seg) => enc(enc(decodeURIComponent(seg)))).join('/');
  const payload = req.headers['x-amz-content-sha256'] ?? hex('');
  const canonical = ['GET', path, query, ...names.map((n) => `${n}:${(req.headers[n] ?? '').trim()}`), '', signedHeaders, payload].join('\n');
  const amzDate = req.headers['x-amz-date']!;
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region!), service!), 'aws4_request');
  assert.equal(signature, createHmac('sha256', key).update(toSign, 'utf8').digest('hex'), 'the signature verifies with the secret');
  return { region: region!, service: service! };
}

describe('bedrock listing (signed fetch)', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  const pair = { apiKey: '', bedrock: { region: 'eu-central-1', accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY, sessionToken: 'simSessionTok1' } };

  it('an access key pair signs the listing with a SigV4 signature that verifies, for service bedrock in the region', async () => {
    const models = await adapter(connection(sim, pair)).listModels(new AbortController().signal);
    assert.ok(models.some((m) => m.id === 'eu.anthropic.claude-sonnet-4-20250514-v1:0'));
    const req = sim.lastRequest('foundation-models')!;
    assert.equal(req.method, 'GET');
    assert.deepEqual(req.query, { byOutputModality: 'TEXT' });
    assert.deepEqual(verifySigV4(req, SECRET_KEY), { region: 'eu-central-1', service: 'bedrock' });
    assert.ok(req.headers.authorization!.split('SignedHeaders=')[1]!.includes('x-amz-security-token'), 'the session token is signed');
  });

  it('a proxy path prefix is kept, and signed as sent', async () => {
    await adapter(connection(sim, { ...pair, baseUrl: `${sim.url}/bedrock-proxy` })).listModels(new AbortController().signal);
    const req = sim.lastRequest('foundation-models')!;
    assert.equal(req.path, '/bedrock-proxy/foundation-models');
    verifySigV4(req, SECRET_KEY);
  });

  it('carries only the headers it chose: no SDK or environment extras, no secret', async () => {
    await adapter(connection(sim, pair)).listModels(new AbortController().signal);
    const req = sim.lastRequest('foundation-models')!;
    const unexpected = Object.keys(req.headers).filter((h) => !['host', 'accept', 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token',
      // what Node's fetch adds on its own
      'connection', 'user-agent', 'accept-encoding', 'accept-language', 'sec-fetch-mode'].includes(h));
    assert.deepEqual(unexpected, []);
    for (const v of Object.values(req.headers)) assert.ok(!v.includes(SECRET_KEY));
  });

  it('on AWS, the listing goes to bedrock.<region>.amazonaws.com (the region the runtime host names), and nowhere else', async () => {
    const seen: string[] = [];
    const fetchStub: typeof fetch = (input, init) => {
      seen.push(`${String(input instanceof Request ? input.url : input)} ${new Headers(init?.headers).get('authorization') ?? ''}`);
      return Promise.resolve(Response.json({ modelSummaries: [] }));
    };
    const conn = { presetId: 'bedrock', baseUrl: 'https://bedrock-runtime.eu-west-3.amazonaws.com', apiKey: `${ACCESS_KEY_ID}:${SECRET_KEY}`, bedrock: { region: 'us-east-1' }, maxRetries: 0, fetch: fetchStub };
    assert.deepEqual(await adapter(conn).listModels(new AbortController().signal), []);
    assert.equal(seen.length, 1);
    assert.match(seen[0]!, /^https:\/\/bedrock\.eu-west-3\.amazonaws\.com\/foundation-models\?byOutputModality=TEXT AWS4-HMAC-SHA256 Credential=AKIASIMULATOR0001\/\d{8}\/eu-west-3\/bedrock\//);
  });

  it('a redirect is refused and the key is not forwarded', async () => {
    const seen: string[] = [];
    const fetchStub: typeof fetch = (input) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return Promise.resolve(new Response(null, { status: 307, headers: { location: 'https://evil.example/foundation-models' } }));
    };
    const res = await adapter({ ...connection(sim), fetch: fetchStub }).checkKey(new AbortController().signal);
    assert.equal(res.ok, false);
    assert.equal(seen.length, 1);
    assert.match(!res.ok ? res.error.message : '', /redirected/);
  });

  const faults: [FaultKind, ErrorKind, number | undefined, RegExp][] = [
    ['unauthorized', 'auth', 403, /security token included in the request is invalid/],
    ['forbidden', 'auth', 403, /don't have access to the model/],
    ['quota', 'quota', 400, /exceeds the service quota/],
    ['rate-limit', 'rate-limit', 429, /Too many requests/],
    ['server-error', 'server', 500, /internal error/],
    ['unavailable', 'server', 503, /temporarily unable/],
    ['html-proxy', 'server', undefined, /HTML page instead of an API response/],
    ['bad-request', 'bad-request', 400, /Malformed input request/],
  ];
  for (const [fault, kind, status, message] of faults) {
    for (const [label, over] of [['api key', {}], ['access key pair', pair]] as const) {
      it(`listing: ${fault} -> ${kind} (${label}), the AWS error type kept, no secret in the message`, async () => {
        sim.inject({ kind: fault, pathIncludes: 'foundation-models' });
        const err = await adapter(connection(sim, over)).listModels(new AbortController().signal).then(() => undefined, (e: unknown) => e);
        assert.ok(err instanceof ProviderError, String(err));
        assert.equal(err.kind, kind);
        if (status) assert.equal(err.status, status);
        assert.match(err.message, message);
        for (const s of [API_KEY, SECRET_KEY]) assert.ok(!err.message.includes(s) && !err.userMessage.includes(s));
      });
    }
  }

  it('a 429 carries Retry-After; with a retry allowed it waits and lists', async () => {
    sim.inject({ kind: 'rate-limit', pathIncludes: 'foundation-models', retryAfterSec: 0 });
    const err = await adapter(connection(sim)).listModels(new AbortController().signal).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderError && err.kind === 'rate-limit' && err.code === 'ThrottlingException');
    sim.inject({ kind: 'server-error', pathIncludes: 'foundation-models' });
    const models = await adapter(connection(sim, { maxRetries: 1 })).listModels(new AbortController().signal);
    assert.equal(models.length, 4);
    assert.equal(sim.requests.filter((r) => r.path.endsWith('foundation-models')).length, 3);
  });

  it('an answer in an unknown shape -> unexpected-response', async () => {
    const fetchStub: typeof fetch = () => Promise.resolve(Response.json({ modelSummaries: 'nope' }));
    const err = await adapter({ ...connection(sim), fetch: fetchStub }).listModels(new AbortController().signal).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderError && err.kind === 'unexpected-response');
  });
});
