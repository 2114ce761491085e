// ChatRouter.complete is the one path for fill-in-the-middle: the policy is checked before the key is read,
// only the key's own adapter is used, a key without a FIM endpoint is refused (never sent elsewhere), and
// usage is metered once with the caller's origin.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import type { Connection, ProviderAdapter, StreamPart } from '../../../src/core/providers/types';
import { ChatRouter, type MeterRecord } from '../../../src/core/routing/chat-router';

const USAGE = { inputTokens: 9, outputTokens: 2 };
const FIM = { route: 'mistral-fim' as const, prefix: 'a', suffix: 'b', maxOutputTokens: 8, temperature: 0 };

function adapter(presetId: string, withFim: boolean, seen: string[]): ProviderAdapter {
  return {
    presetId,
    listModels: () => Promise.resolve([]),
    checkKey: () => Promise.resolve({ ok: true, modelCount: 0 }),
    stream: () => { throw new Error('not used'); },
    ...(withFim ? {
      async *fim(r: { model: string }): AsyncIterable<StreamPart> {
        seen.push(`${presetId}:${r.model}`);
        await Promise.resolve();
        yield { type: 'text', delta: 'x' };
        yield { type: 'finish', reason: 'stop', usage: USAGE };
      },
      probeFim: () => Promise.resolve(true),
    } : {}),
  };
}

function rig(opts: { refuse?: boolean } = {}) {
  const keysRead: string[] = [];
  const meter: MeterRecord[] = [];
  const seen: string[] = [];
  const connections: Record<string, Connection> = {
    mistral: { presetId: 'mistral', baseUrl: 'https://m.example/v1', apiKey: 'k1' },
    openai: { presetId: 'openai', baseUrl: 'https://o.example/v1', apiKey: 'k2' },
  };
  const router = new ChatRouter({
    connectionFor: (keyId) => { keysRead.push(keyId); return Promise.resolve(connections[keyId]!); },
    refusal: () => (opts.refuse ? { setting: 'byok.allowedModels', message: 'no' } : undefined),
    providerEnabled: () => true,
    meter: (r) => meter.push(r),
    createAdapter: (c) => adapter(c.presetId, c.presetId === 'mistral', seen),
  });
  return { router, keysRead, meter, seen };
}

async function drain(parts: AsyncIterable<StreamPart>): Promise<void> {
  for await (const p of parts) void p;
}

describe('inline: ChatRouter.complete (fill-in-the-middle)', () => {
  it('a FIM probe is a request like any other: policy-checked and recorded in the ledger', async () => {
    const { router, meter } = rig();
    assert.equal(await router.probeFim({ keyId: 'mistral', presetId: 'mistral', modelId: 'codestral-latest' }, 'mistral-fim', new AbortController().signal), true);
    assert.deepEqual(meter.map((m) => [m.origin, m.outcome, m.target.keyId, m.host]), [['inline-probe', 'ok', 'mistral', 'm.example']]);
    const refused = rig({ refuse: true });
    await assert.rejects(refused.router.probeFim({ keyId: 'mistral', presetId: 'mistral', modelId: 'codestral-latest' }, 'mistral-fim', new AbortController().signal));
    assert.deepEqual(refused.keysRead, []);
  });

  it('a refused model is refused before its key is read', async () => {
    const { router, keysRead } = rig({ refuse: true });
    await assert.rejects(drain(router.complete({ keyId: 'mistral', presetId: 'mistral', modelId: 'codestral-latest' }, FIM, new AbortController().signal, 'inline')),
      (e: unknown) => e instanceof ProviderError && e.kind === 'policy');
    assert.deepEqual(keysRead, []);
  });

  it('uses the key\'s own adapter and meters once with origin inline', async () => {
    const { router, meter, seen } = rig();
    await drain(router.complete({ keyId: 'mistral', presetId: 'mistral', modelId: 'codestral-latest' }, FIM, new AbortController().signal, 'inline'));
    assert.deepEqual(seen, ['mistral:codestral-latest']);
    assert.deepEqual(meter.map((m) => [m.origin, m.usage]), [['inline', USAGE]]);
  });

  it('a key whose provider has no FIM endpoint is refused, and nothing goes to another key', async () => {
    const { router, seen, keysRead } = rig();
    await assert.rejects(drain(router.complete({ keyId: 'openai', presetId: 'openai', modelId: 'gpt-4.1' }, FIM, new AbortController().signal, 'inline')),
      (e: unknown) => e instanceof ProviderError && e.kind === 'bad-request');
    assert.deepEqual(seen, []);
    assert.deepEqual(keysRead, ['openai']);
  });

  it('a target naming another provider than the key\'s is refused', async () => {
    const { router, seen } = rig();
    await assert.rejects(drain(router.complete({ keyId: 'openai', presetId: 'mistral', modelId: 'codestral-latest' }, FIM, new AbortController().signal, 'inline')),
      (e: unknown) => e instanceof ProviderError && e.kind === 'bad-request');
    assert.deepEqual(seen, []);
  });
});
