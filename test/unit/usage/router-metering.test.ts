// What the router records for each request (outcome, latency, time to first token, request id, key name,
// host: never the key), and the organization's host and budget checks on the one request path.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import type { Connection, ProviderAdapter, StreamPart } from '../../../src/core/providers/types';
import { ChatRouter, type ChatRouterDeps, type MeterRecord } from '../../../src/core/routing/chat-router';
import { hostRefusal, parseHostPolicy } from '../../../src/core/usage/host-policy';

const KEY = 'sk-secret-value-123';
function router(parts: StreamPart[] | (() => AsyncGenerator<StreamPart>), over: Partial<ChatRouterDeps> = {}): { router: ChatRouter; meter: MeterRecord[]; keysRead: string[]; built: number } {
  const meter: MeterRecord[] = [];
  const keysRead: string[] = [];
  const state = { router: undefined as unknown as ChatRouter, meter, keysRead, built: 0 };
  const adapter = (c: Connection): ProviderAdapter => ({
    presetId: c.presetId, listModels: () => Promise.resolve([]), checkKey: () => Promise.resolve({ ok: true, modelCount: 0 }),
    stream: typeof parts === 'function' ? parts : async function* () { for (const p of parts) yield await Promise.resolve(p); },
  });
  state.router = new ChatRouter({
    connectionFor: (keyId) => { keysRead.push(keyId); return Promise.resolve({ presetId: 'openai-compatible', baseUrl: 'https://gateway.corp.example:8443/v1', apiKey: KEY }); },
    refusal: () => undefined, providerEnabled: () => true, meter: (r) => meter.push(r), keyName: () => 'team key',
    createAdapter: (c) => { state.built++; return adapter(c); }, ...over,
  });
  return state;
}
const target = { keyId: 'k1', presetId: 'openai-compatible', modelId: 'm' };
const request = { messages: [] };
async function drain(s: AsyncIterable<StreamPart>): Promise<unknown> {
  try { for await (const _ of s) { /* read */ } } catch (e) { return e; }
  return undefined;
}

describe('usage/router metering', () => {
  it('records outcome, latency, time to first token, the provider request id, key name and host, and never the key', async () => {
    const h = router([{ type: 'request-id', id: 'req_abc' }, { type: 'text', delta: 'hi' }, { type: 'finish', reason: 'stop', usage: { inputTokens: 3, outputTokens: 1 } }]);
    await drain(h.router.stream(target, request, new AbortController().signal, 'compare'));
    const r = h.meter[0]!;
    assert.equal(h.meter.length, 1);
    assert.deepEqual([r.outcome, r.requestId, r.keyName, r.host, r.origin], ['ok', 'req_abc', 'team key', 'gateway.corp.example:8443', 'compare']);
    assert.ok(typeof r.latencyMs === 'number' && r.latencyMs >= 0 && r.ttftMs !== undefined && r.ttftMs <= r.latencyMs);
    assert.doesNotMatch(JSON.stringify(r), new RegExp(KEY));
  });

  it('a failed request is recorded with its error kind, a stopped one as stopped', async () => {
    const failing = router(async function* () { yield await Promise.resolve<StreamPart>({ type: 'request-id', id: 'req_x' }); throw new ProviderError({ kind: 'rate-limit', provider: 'openai-compatible', message: 'slow down' }); });
    const error = await drain(failing.router.stream(target, request, new AbortController().signal, 'chat'));
    assert.ok(error instanceof ProviderError);
    assert.deepEqual([failing.meter[0]!.outcome, failing.meter[0]!.requestId, failing.meter[0]!.usage], ['rate-limit', 'req_x', undefined]);

    const stopped = router([{ type: 'text', delta: 'a' }, { type: 'text', delta: 'b' }, { type: 'finish', reason: 'stop' }]);
    for await (const p of stopped.router.stream(target, request, new AbortController().signal, 'chat')) if (p.type === 'text') break;
    assert.equal(stopped.meter[0]!.outcome, 'stopped');
  });

  it('the budget refuses a request before any key is read, naming the setting; inline only under pauseInline', async () => {
    const h = router([{ type: 'finish', reason: 'stop' }], { budgetRefusal: (_t, origin) => (origin === 'inline' ? { setting: 'byok.budget.monthlyUsd', message: 'budget reached: raise it' } : undefined) });
    const error = await drain(h.router.stream(target, request, new AbortController().signal, 'inline'));
    assert.ok(error instanceof ProviderError && error.kind === 'policy' && error.code === 'byok.budget.monthlyUsd');
    assert.deepEqual(h.keysRead, []);
    assert.equal(await drain(h.router.stream(target, request, new AbortController().signal, 'chat')), undefined);
  });

  it('a host the organization refuses is never called: no adapter, for requests, listings and key checks alike', async () => {
    const policy = parseHostPolicy({ allowCustomHosts: false });
    const h = router([{ type: 'finish', reason: 'stop' }], { hostRefusal: (presetId, baseUrl) => hostRefusal(presetId, baseUrl, policy) });
    const error = await drain(h.router.stream(target, request, new AbortController().signal, 'chat'));
    assert.ok(error instanceof ProviderError && error.kind === 'policy' && error.code === 'byok.allowCustomHosts');
    await assert.rejects(h.router.listModels('k1', 'openai-compatible', new AbortController().signal), (e: unknown) => e instanceof ProviderError && e.kind === 'policy');
    await assert.rejects(h.router.checkKey('k1', 'openai-compatible', new AbortController().signal), (e: unknown) => e instanceof ProviderError && e.kind === 'policy');
    assert.equal(h.built, 0);
    assert.equal(h.meter.length, 0);
  });
});
