// The router is the one path every model request takes. Its promises: the policy is checked before a
// key is read, a request only ever uses its own key's adapter, usage is metered exactly once however
// the stream ends, and an adapter lives as long as its connection.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import type { ChatRequest, Connection, ProviderAdapter, StreamPart } from '../../../src/core/providers/types';
import { ChatRouter, type ChatRouterDeps, type MeterRecord, type RouteTarget } from '../../../src/core/routing/chat-router';

const USAGE = { inputTokens: 5, outputTokens: 7 };
const request: Omit<ChatRequest, 'model'> = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] };

/** An adapter that yields the given parts, then optionally throws or waits for the abort. */
function fakeAdapter(presetId: string, script: { parts?: StreamPart[]; throwAfter?: boolean; hangAfter?: boolean } = {}): ProviderAdapter & { calls: string[] } {
  const calls: string[] = [];
  return {
    presetId,
    calls,
    listModels: () => Promise.resolve([]),
    checkKey: () => Promise.resolve({ ok: true, modelCount: 0 }),
    async *stream(req, signal) {
      calls.push(req.model);
      for (const p of script.parts ?? [{ type: 'text', delta: 'hello' }, { type: 'finish', reason: 'stop', usage: USAGE }]) yield p;
      if (script.throwAfter) throw new ProviderError({ kind: 'server', provider: presetId, message: 'broke' });
      if (script.hangAfter) {
        const stopped = (): ProviderError => new ProviderError({ kind: 'aborted', provider: presetId, message: 'stopped' });
        if (signal.aborted) throw stopped();
        await new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(stopped()), { once: true }));
      }
    },
  };
}

interface Harness {
  router: ChatRouter;
  keysRead: string[];
  built: Connection[];
  meter: MeterRecord[];
  connections: Map<string, Connection>;
}

function harness(over: Partial<ChatRouterDeps> & { adapters?: (c: Connection) => ProviderAdapter } = {}): Harness {
  const keysRead: string[] = [];
  const built: Connection[] = [];
  const meter: MeterRecord[] = [];
  const connections = new Map<string, Connection>([
    ['key-a', { presetId: 'openai', baseUrl: 'https://a.example/v1', apiKey: 'sk-a' }],
    ['key-b', { presetId: 'openai', baseUrl: 'https://b.example/v1', apiKey: 'sk-b' }],
  ]);
  const router = new ChatRouter({
    connectionFor: (keyId) => {
      keysRead.push(keyId);
      const c = connections.get(keyId);
      return c ? Promise.resolve({ ...c }) : Promise.reject(new ProviderError({ kind: 'auth', provider: 'openai', message: 'gone' }));
    },
    refusal: () => undefined,
    providerEnabled: () => true,
    meter: (r) => meter.push(r),
    createAdapter: (c) => { built.push(c); return (over.adapters ?? ((x: Connection) => fakeAdapter(x.presetId)))(c); },
    ...over,
  });
  return { router, keysRead, built, meter, connections };
}

const target = (keyId = 'key-a', modelId = 'gpt-4.1'): RouteTarget => ({ keyId, presetId: 'openai', modelId });

async function drain(stream: AsyncIterable<StreamPart>, onPart?: (p: StreamPart) => void): Promise<{ parts: StreamPart[]; error?: unknown }> {
  const parts: StreamPart[] = [];
  try {
    for await (const p of stream) { parts.push(p); onPart?.(p); }
  } catch (error) {
    return { parts, error };
  }
  return { parts };
}

describe('ChatRouter', () => {
  it('a model outside the policy is refused before any key is read or adapter is built', async () => {
    const h = harness({ refusal: (presetId, modelId) => (presetId === 'openai' && modelId === 'gpt-4.1' ? { setting: 'byok.allowedModels', message: 'not allowed' } : undefined) });
    const { error, parts } = await drain(h.router.stream(target(), request, new AbortController().signal, 'chat'));
    assert.ok(error instanceof ProviderError, 'the refusal is a ProviderError');
    assert.equal(error.kind, 'policy', 'a refusal is its own kind, not "model not found"');
    assert.equal(error.code, 'byok.allowedModels', 'it names the setting');
    assert.deepEqual(parts, []);
    assert.deepEqual(h.keysRead, [], 'no key was read');
    assert.deepEqual(h.built, [], 'no adapter was built');
    assert.deepEqual(h.meter, []);
  });

  it('a provider the policy disables is never called: no key read, no adapter, for listings, checks and streams', async () => {
    const h = harness({ providerEnabled: (presetId) => presetId !== 'openai' });
    const signal = new AbortController().signal;
    await assert.rejects(h.router.listModels('key-a', 'openai', signal), (e: unknown) => e instanceof ProviderError && e.kind === 'policy');
    await assert.rejects(h.router.checkKey('key-a', 'openai', signal), (e: unknown) => e instanceof ProviderError && e.kind === 'policy');
    const { error } = await drain(h.router.stream(target(), request, signal, 'chat'));
    assert.ok(error instanceof ProviderError && error.kind === 'policy' && error.code === 'byok.enabledProviders');
    assert.deepEqual(h.keysRead, []);
    assert.deepEqual(h.built, []);
  });

  it('a target naming another provider than its key\'s own is refused (the policy was checked for that provider)', async () => {
    const h = harness({ refusal: (presetId) => (presetId === 'openai' ? { setting: 'byok.allowedModels', message: 'no' } : undefined) });
    const { error } = await drain(h.router.stream({ keyId: 'key-a', presetId: 'anthropic', modelId: 'gpt-4.1' }, request, new AbortController().signal, 'chat'));
    assert.ok(error instanceof ProviderError);
    assert.deepEqual(h.built, [], 'the openai key never served a request filed under anthropic');
  });

  it('a request uses its own key\'s adapter, never another key\'s', async () => {
    const byKey = new Map<string, ReturnType<typeof fakeAdapter>>();
    const h = harness({ adapters: (c) => { const a = fakeAdapter(c.presetId); byKey.set(c.apiKey, a); return a; } });
    await drain(h.router.stream(target('key-a', 'm-a'), request, new AbortController().signal, 'chat'));
    await drain(h.router.stream(target('key-b', 'm-b'), request, new AbortController().signal, 'chat'));
    assert.deepEqual(h.built.map((c) => c.apiKey), ['sk-a', 'sk-b']);
    assert.deepEqual(byKey.get('sk-a')!.calls, ['m-a']);
    assert.deepEqual(byKey.get('sk-b')!.calls, ['m-b']);
  });

  it('a key that is gone fails the request; no other key is tried', async () => {
    const h = harness();
    const { error } = await drain(h.router.stream(target('key-gone'), request, new AbortController().signal, 'chat'));
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, 'auth');
    assert.deepEqual(h.keysRead, ['key-gone']);
    assert.deepEqual(h.built, []);
  });

  it('usage is metered once for a stream that finishes', async () => {
    const h = harness();
    await drain(h.router.stream(target(), request, new AbortController().signal, 'chat'));
    assert.equal(h.meter.length, 1);
    assert.deepEqual(h.meter[0]!.usage, USAGE);
    assert.equal(h.meter[0]!.origin, 'chat');
    assert.deepEqual(h.meter[0]!.target, target());
  });

  it('usage is metered once when the stream throws after reporting it', async () => {
    const h = harness({ adapters: (c) => fakeAdapter(c.presetId, { parts: [{ type: 'usage', usage: USAGE }, { type: 'text', delta: 'x' }], throwAfter: true }) });
    const { error } = await drain(h.router.stream(target(), request, new AbortController().signal, 'chat'));
    assert.ok(error instanceof ProviderError && error.kind === 'server');
    assert.equal(h.meter.length, 1);
    assert.deepEqual(h.meter[0]!.usage, USAGE);
  });

  it('usage is metered once when the stream is aborted, and when the consumer stops early', async () => {
    const h = harness({ adapters: (c) => fakeAdapter(c.presetId, { parts: [{ type: 'usage', usage: USAGE }, { type: 'text', delta: 'x' }], hangAfter: true }) });
    const abort = new AbortController();
    const { error } = await drain(h.router.stream(target(), request, abort.signal, 'chat'), (p) => { if (p.type === 'text') abort.abort(); });
    assert.ok(error instanceof ProviderError && error.kind === 'aborted');
    assert.equal(h.meter.length, 1);

    // The consumer breaks out of the loop (the chat view closed): the generator's finally still meters.
    for await (const p of h.router.stream(target(), request, new AbortController().signal, 'inline')) if (p.type === 'text') break;
    assert.equal(h.meter.length, 2);
    assert.equal(h.meter[1]!.origin, 'inline');
  });

  it('a stream that reports no usage is still one row of the request log, without usage', async () => {
    const h = harness({ adapters: (c) => fakeAdapter(c.presetId, { parts: [{ type: 'text', delta: 'x' }, { type: 'finish', reason: 'stop' }] }) });
    await drain(h.router.stream(target(), request, new AbortController().signal, 'chat'));
    assert.equal(h.meter.length, 1);
    assert.equal(h.meter[0]!.usage, undefined);
    assert.equal(h.meter[0]!.outcome, 'ok');
  });

  it('an adapter is reused while the connection is the same and rebuilt when its secret or host changes', async () => {
    const h = harness();
    const list = (): Promise<unknown> => h.router.listModels('key-a', 'openai', new AbortController().signal);
    await list();
    await list();
    assert.equal(h.built.length, 1);
    assert.equal(h.router.adaptersBuilt, 1);

    h.connections.set('key-a', { ...h.connections.get('key-a')!, apiKey: 'sk-a-replaced' });
    await list();
    assert.equal(h.built.length, 2);
    assert.equal(h.built.at(-1)!.apiKey, 'sk-a-replaced');

    h.connections.set('key-a', { ...h.connections.get('key-a')!, baseUrl: 'https://a2.example/v1' });
    await list();
    assert.equal(h.built.at(-1)!.baseUrl, 'https://a2.example/v1');
    assert.equal(h.built.length, 3);

    h.router.invalidate('key-a');
    await list();
    assert.equal(h.built.length, 4);
  });
});
