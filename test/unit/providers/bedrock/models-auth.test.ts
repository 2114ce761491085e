// Model listing, the key check, and which credential goes on the wire (and to which host).
import assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import { pinOrigin } from '../../../../src/core/providers/bedrock/client';
import { controlPlaneUrl, resolveAuth, resolveRegion } from '../../../../src/core/providers/bedrock/credentials';
import { createSimulator } from '../../../support/simulator';
import { ACCESS_KEY_ID, adapter, API_KEY, ask, collect, connection, SECRET_KEY } from './helpers';

describe('bedrock models and key check', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('lists text models, with inference-profile ids where on-demand is not offered', async () => {
    const models = await adapter(connection(sim)).listModels(new AbortController().signal);
    assert.deepEqual(models.map((m) => m.id).sort(), [
      'anthropic.claude-3-haiku-20240307-v1:0',
      'sim-model-1',
      'sim-model-2',
      'us.anthropic.claude-sonnet-4-20250514-v1:0',
    ]);
    const sonnet = models.find((m) => m.id.startsWith('us.'))!;
    assert.equal(sonnet.vision, true);
    assert.equal(sonnet.toolCalling, true);
    assert.equal(sonnet.reasoning, true);
    assert.equal(sonnet.source, 'live');
    const req = sim.lastRequest('foundation-models')!;
    assert.equal(req.method, 'GET');
    assert.equal(req.query.byOutputModality, 'TEXT');
    assert.equal(req.headers.authorization, `Bearer ${API_KEY}`);
  });

  it('uses the region\'s profile prefix (eu-west-1 -> eu.)', async () => {
    const models = await adapter(connection(sim, { bedrock: { region: 'eu-west-1' } })).listModels(new AbortController().signal);
    assert.ok(models.some((m) => m.id === 'eu.anthropic.claude-sonnet-4-20250514-v1:0'));
    assert.match(sim.lastRequest()!.headers.authorization ?? '', /^Bearer /);
  });

  it('a listed profile id streams', async () => {
    const a = adapter(connection(sim));
    const [model] = (await a.listModels(new AbortController().signal)).filter((m) => m.id.startsWith('us.'));
    const got = await collect(a.stream(ask('hi', { model: model!.id }), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.ok(got.text.length > 0);
  });

  it('checkKey: valid -> ok with the model count', async () => {
    assert.deepEqual(await adapter(connection(sim)).checkKey(new AbortController().signal), { ok: true, modelCount: 4 });
  });

  it('checkKey: invalid key -> auth, without the key in the message', async () => {
    sim.inject({ kind: 'unauthorized' });
    const res = await adapter(connection(sim)).checkKey(new AbortController().signal);
    assert.equal(res.ok, false);
    if (res.ok) return;
    assert.equal(res.error.kind, 'auth');
    assert.equal(res.error.status, 403);
    assert.ok(!res.error.userMessage.includes(API_KEY));
  });

  it('checkKey: quota -> quota', async () => {
    sim.inject({ kind: 'quota' });
    const res = await adapter(connection(sim)).checkKey(new AbortController().signal);
    assert.equal(!res.ok && res.error.kind, 'quota');
  });

  it('checkKey: model access not enabled (403 AccessDenied) -> auth, keeping the service\'s words', async () => {
    sim.inject({ kind: 'forbidden' });
    const res = await adapter(connection(sim)).checkKey(new AbortController().signal);
    assert.equal(!res.ok && res.error.kind, 'auth');
    assert.match(!res.ok ? res.error.message : '', /don't have access to the model/);
  });

  it('checkKey: host down -> network', async () => {
    const res = await adapter({ presetId: 'bedrock', baseUrl: 'http://127.0.0.1:9', apiKey: API_KEY, bedrock: { region: 'us-east-1' }, maxRetries: 0 })
      .checkKey(new AbortController().signal);
    assert.equal(!res.ok && res.error.kind, 'network');
  });
});

describe('bedrock auth on the wire', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('a Bedrock API key goes as a bearer token, to the configured host only', async () => {
    await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    assert.equal(sim.requests.length, 1);
    const req = sim.requests[0]!;
    assert.equal(req.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(req.headers.host, new URL(sim.url).host);
    assert.equal(req.headers['x-amz-date'], undefined, 'not SigV4-signed as well');
  });

  it('an access key pair signs with SigV4 for the region, and the secret never travels', async () => {
    const conn = connection(sim, { apiKey: '', bedrock: { region: 'eu-central-1', accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY, sessionToken: 'simSessionTok1' } });
    await collect(adapter(conn).stream(ask('hi'), new AbortController().signal));
    await adapter(conn).listModels(new AbortController().signal);
    assert.equal(sim.requests.length, 2);
    for (const req of sim.requests) {
      assert.match(req.headers.authorization ?? '', new RegExp(`^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/\\d{8}/eu-central-1/bedrock/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$`));
      assert.equal(req.headers['x-amz-security-token'], 'simSessionTok1');
      for (const value of Object.values(req.headers)) assert.ok(!value.includes(SECRET_KEY), 'secret in a header');
      assert.ok(!JSON.stringify(req.body ?? '').includes(SECRET_KEY));
    }
  });

  it('"ACCESS_KEY_ID:SECRET" in the key field is an access key pair', async () => {
    await collect(adapter(connection(sim, { apiKey: `${ACCESS_KEY_ID}:${SECRET_KEY}` })).stream(ask('hi'), new AbortController().signal));
    assert.match(sim.lastRequest()!.headers.authorization ?? '', new RegExp(`^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/`));
  });

  it('a base URL with a path prefix (a proxy) keeps the prefix', async () => {
    await collect(adapter(connection(sim, { baseUrl: `${sim.url}/bedrock-proxy` })).stream(ask('hi'), new AbortController().signal));
    assert.equal(sim.lastRequest()!.path, '/bedrock-proxy/model/sim-model-1/converse-stream');
  });

  it('the origin pin refuses, after signing, a request to any other host', async () => {
    const { BedrockRuntimeClient, ConverseStreamCommand } = await import('@aws-sdk/client-bedrock-runtime');
    const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: sim.url, token: { token: API_KEY }, authSchemePreference: ['httpBearerAuth'], maxAttempts: 1 });
    pinOrigin(client, 'http://127.0.0.1:1', 'AWS Bedrock');
    await assert.rejects(client.send(new ConverseStreamCommand({ modelId: 'sim-model-1', messages: [] })),
      (e: unknown) => e instanceof ProviderError && /Refused to send the key/.test(e.message));
    assert.equal(sim.requests.length, 0);
    client.destroy();
  });

  it('no key at all -> auth, and nothing is sent', async () => {
    const got = await collect(adapter(connection(sim, { apiKey: '' })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error?.kind, 'auth');
    assert.equal(sim.requests.length, 0);
  });

  it('resolves credentials, region and the control-plane host', () => {
    assert.deepEqual(resolveAuth({ presetId: 'bedrock', baseUrl: 'https://x', apiKey: API_KEY }, 'p'), { kind: 'bearer', token: API_KEY });
    const aws = { presetId: 'bedrock', baseUrl: 'https://bedrock-runtime.eu-west-3.amazonaws.com', apiKey: API_KEY, bedrock: { region: 'us-east-1' } };
    // The AWS host names the region a signature must be for.
    assert.equal(resolveRegion(aws), 'eu-west-3');
    assert.equal(controlPlaneUrl(aws, 'eu-west-3'), 'https://bedrock.eu-west-3.amazonaws.com');
    const proxy = { presetId: 'bedrock', baseUrl: 'http://127.0.0.1:8080/aws', apiKey: API_KEY, bedrock: { region: 'ap-south-1' } };
    assert.equal(resolveRegion(proxy), 'ap-south-1');
    assert.equal(controlPlaneUrl(proxy, 'ap-south-1'), 'http://127.0.0.1:8080/aws');
  });
});
