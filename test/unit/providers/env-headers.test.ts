// Only headers we chose, with values we or the SDK chose, reach a provider. The openai and Anthropic SDKs
// add every header named in OPENAI_CUSTOM_HEADERS / ANTHROPIC_CUSTOM_HEADERS to every request, to whatever
// host the client points at, even over their own User-Agent; a corporate gateway token in the user's
// shell must not travel to DeepSeek or OpenRouter under any name.
// Real SDKs against the simulator, with the variables set in this process while the clients are built.
import * as assert from 'node:assert/strict';
import { findPreset } from '../../../src/core/providers/presets';
import { createAdapter } from '../../../src/core/providers/registry';
import type { Connection } from '../../../src/core/providers/types';
import { createSimulator, type RecordedRequest } from '../../support/simulator';
import { collect } from './stream-helpers';

const LEAK = 'x-env-leak';
// Names the SDKs send themselves, so they are on every allow-list: an env value under one must not ride along.
const ALLOWED_NAMES = `User-Agent: env-corp-gw-token\nidempotency-key: env-idempotency\nanthropic-beta: env-beta-token\n`
  + `anthropic-version: env-version\nAccept: env-accept\nContent-Type: env-content-type\n`
  + `x-stainless-lang: env-lang\nx-stainless-retry-count: env-retry\nx-stainless-helper: env-helper`;
const ENV: Record<string, string> = {
  // A made-up header, the auth headers of every family and the names the SDKs send themselves: none of
  // the values may arrive.
  OPENAI_CUSTOM_HEADERS: `X-Env-Leak: from-openai-env\nAuthorization: Bearer env-openai-token\napi-key: env-azure-key\nx-api-key: env-openai-x\n${ALLOWED_NAMES}`,
  ANTHROPIC_CUSTOM_HEADERS: `X-Env-Leak: from-anthropic-env\nx-api-key: env-anthropic-key\nAuthorization: Bearer env-anthropic-token\n${ALLOWED_NAMES}`,
  // The AWS SDK adds X-Amzn-Trace-Id from these when it believes it runs in Lambda.
  AWS_LAMBDA_FUNCTION_NAME: 'env-lambda',
  _X_AMZN_TRACE_ID: 'Root=1-env-trace',
};

interface Case { presetId: string; path: string; key: string; auth: [string, string] | undefined; over?: Partial<Connection> }

/** What the SDK itself sends under the names the environment tried to fill (Stainless SDKs only). */
const SDK_OWN: Record<string, { ua: RegExp; version?: boolean }> = {
  openai: { ua: /^OpenAI\/JS \d/ }, deepseek: { ua: /^OpenAI\/JS \d/ }, openrouter: { ua: /^OpenAI\/JS \d/ },
  azure: { ua: /^AzureOpenAI\/JS \d/ }, ollama: { ua: /^OpenAI\/JS \d/ },
  anthropic: { ua: /^Anthropic\/JS \d/, version: true }, 'anthropic-compatible': { ua: /^Anthropic\/JS \d/, version: true },
};

function cases(): Case[] {
  return [
    { presetId: 'openai', path: '/v1', key: 'sk-own-openai', auth: ['authorization', 'Bearer sk-own-openai'] },
    { presetId: 'deepseek', path: '', key: 'sk-own-deepseek', auth: ['authorization', 'Bearer sk-own-deepseek'] },
    { presetId: 'openrouter', path: '/api/v1', key: 'sk-or-own', auth: ['authorization', 'Bearer sk-or-own'], over: { headers: { ...findPreset('openrouter')!.headers } } },
    { presetId: 'azure', path: '', key: 'azure-own-key', auth: ['api-key', 'azure-own-key'], over: { azure: { apiVersion: '2024-10-21', deployments: ['sim-model-1'] } } },
    { presetId: 'ollama', path: '', key: '', auth: undefined },
    { presetId: 'anthropic', path: '/anthropic', key: 'sk-ant-own', auth: ['x-api-key', 'sk-ant-own'] },
    { presetId: 'anthropic-compatible', path: '/api/anthropic/v1', key: 'compat-own-key', auth: ['x-api-key', 'compat-own-key'] },
    { presetId: 'gemini', path: '', key: 'AIzaOwnKey01', auth: ['x-goog-api-key', 'AIzaOwnKey01'] },
    { presetId: 'bedrock', path: '', key: 'ABSKb3duLWtleQ', auth: ['authorization', 'Bearer ABSKb3duLWtleQ'], over: { bedrock: { region: 'us-east-1' } } },
  ].map((c) => ({ ...c, auth: c.auth as [string, string] | undefined }));
}

const AUTH_NAMES = ['authorization', 'x-api-key', 'api-key', 'x-goog-api-key'];

function assertOnlyChosenHeaders(c: Case, requests: RecordedRequest[]): void {
  assert.ok(requests.length >= 2, `${c.presetId}: expected the listing and the chat request, got ${requests.length}`);
  for (const r of requests) {
    const where = `${c.presetId} ${r.method} ${r.path}`;
    assert.equal(r.headers[LEAK], undefined, `${where}: a header from the environment arrived`);
    assert.equal(r.headers['x-amzn-trace-id'], undefined, `${where}: a trace id from the environment arrived`);
    for (const name of AUTH_NAMES) {
      if (c.auth?.[0] === name) assert.equal(r.headers[name], c.auth[1], `${where}: ${name} is not the key's own`);
      else assert.equal(r.headers[name], undefined, `${where}: ${name} is not this family's auth header`);
    }
    for (const value of Object.values(r.headers)) assert.ok(!/env-/.test(value), `${where}: a value from the environment arrived: ${value}`);
    const own = SDK_OWN[c.presetId];
    if (own) {
      assert.match(r.headers['user-agent'] ?? '', own.ua, `${where}: the SDK's own user-agent did not arrive`);
      assert.equal(r.headers['anthropic-beta'], undefined, `${where}: an anthropic-beta we did not choose arrived`);
      if (own.version) assert.match(r.headers['anthropic-version'] ?? '', /^\d{4}-\d{2}-\d{2}$/, `${where}: the SDK's own anthropic-version did not arrive`);
      assert.match(r.headers['x-stainless-lang'] ?? '', /^js$/, `${where}: the SDK's own x-stainless-lang did not arrive`);
    }
  }
}

describe('provider headers: only headers we chose reach the host', () => {
  const sim = createSimulator();
  const saved: Record<string, string | undefined> = {};
  before(async () => {
    await sim.start();
    for (const [k, v] of Object.entries(ENV)) { saved[k] = process.env[k]; process.env[k] = v; }
  });
  after(async () => {
    for (const k of Object.keys(ENV)) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
    await sim.stop();
  });
  beforeEach(() => sim.reset());

  for (const c of cases()) {
    it(`${c.presetId}: a header set in the environment (OPENAI_/ANTHROPIC_CUSTOM_HEADERS, AWS Lambda trace) never arrives, not even under a name the SDK sends itself`, async () => {
      const conn: Connection = { presetId: c.presetId, baseUrl: sim.url + c.path, apiKey: c.key, maxRetries: 0, ...c.over };
      const adapter = createAdapter(conn);
      // checkKey, not listModels: Azure lists its deployments from the connection without a request.
      const check = await adapter.checkKey(new AbortController().signal);
      assert.ok(check.ok, check.ok ? '' : check.error.message);
      const out = await collect(adapter.stream({ model: 'sim-model-1', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, new AbortController().signal));
      assert.equal(out.error, undefined, out.error?.message);
      assert.ok(out.text.length > 0);
      assertOnlyChosenHeaders(c, sim.requests);
    });
  }

  it('the environment variables are hidden from the SDK only while it is built: other code still sees them', async () => {
    const anthropic = createAdapter({ presetId: 'anthropic', baseUrl: `${sim.url}/anthropic`, apiKey: 'sk-ant-own', maxRetries: 0 });
    await anthropic.listModels(new AbortController().signal);
    const openai = createAdapter({ presetId: 'openai', baseUrl: `${sim.url}/v1`, apiKey: 'sk-own-openai', maxRetries: 0 });
    await openai.listModels(new AbortController().signal);
    assert.equal(process.env.OPENAI_CUSTOM_HEADERS, ENV.OPENAI_CUSTOM_HEADERS);
    assert.equal(process.env.ANTHROPIC_CUSTOM_HEADERS, ENV.ANTHROPIC_CUSTOM_HEADERS);
  });

  it('openrouter: the preset\'s own attribution headers still arrive', async () => {
    const p = findPreset('openrouter')!;
    const adapter = createAdapter({ presetId: p.id, baseUrl: `${sim.url}/api/v1`, apiKey: 'sk-or-own', maxRetries: 0, headers: { ...p.headers } });
    await adapter.listModels(new AbortController().signal);
    const r = sim.lastRequest('/models')!;
    assert.equal(r.headers['http-referer'], p.headers!['HTTP-Referer']);
    assert.equal(r.headers['x-title'], p.headers!['X-Title']);
  });
});
