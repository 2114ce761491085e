// Keys and secrets: what another extension can reach, how a key and its host change, what a key may be,
// and what the key store tells its listeners. Assertions never print a key.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ByokApi } from '../../../src/extension';
import type { App } from '../../../src/vscode/app';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { apiFor } from '../../../src/vscode/keys/exported-api';
import type { KeyChangeEvent } from '../../../src/vscode/keys/key-store';
import { byok, eventually, sim, simRequests, simulatorUrl, filesUnder } from '../support';

// Fake keys, distinctive enough to search for everywhere they must not be.
const KEY = 'graphwalk-test-key-0001';
const OLD_KEY = 'sk-oldhost-key-Hw27Tn5';
const NEW_KEY = 'sk-newhost-key-Rb93Vc6';

/** Every method name a reader of secrets would have. */
const READER = /secretOf|connectionFor|connectionResolver|readSecret|getSecret|^secrets?$/i;

interface Finding { path: string; what: string }

/**
 * Walks everything reachable from `root` through own properties (getters included), Map and Set entries
 * and prototype method names, and reports secret readers, SecretStorage objects and strings holding `secret`.
 */
function walk(root: unknown, secret: string): { findings: Finding[]; visited: number } {
  const findings: Finding[] = [];
  const seen = new Set<unknown>();
  const queue: { value: unknown; path: string }[] = [{ value: root, path: 'exports' }];
  const isSecretStorage = (o: Record<string, unknown>): boolean =>
    ['get', 'store', 'delete', 'onDidChange'].every((k) => { try { return typeof o[k] === 'function'; } catch { return false; } });
  while (queue.length && seen.size < 200_000) {
    const { value, path } = queue.shift()!;
    if (typeof value === 'string') {
      if (value.includes(secret)) findings.push({ path, what: 'a string holding the key' });
      continue;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    const o = value as Record<string | symbol, unknown>;
    if (isSecretStorage(o)) findings.push({ path, what: 'a SecretStorage' });
    for (let proto = Object.getPrototypeOf(o) as object | null; proto && proto !== Object.prototype && proto !== Function.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
      for (const name of Object.getOwnPropertyNames(proto)) if (READER.test(name)) findings.push({ path: `${path}.${name}()`, what: 'a method that reads secrets' });
    }
    if (o instanceof Map) for (const [k, v] of o) queue.push({ value: k, path: `${path}<key>` }, { value: v, path: `${path}<${String(k)}>` });
    if (o instanceof Set) for (const v of o) queue.push({ value: v, path: `${path}<item>` });
    for (const key of Reflect.ownKeys(o)) {
      const name = String(key);
      if (READER.test(name)) findings.push({ path: `${path}.${name}`, what: 'a property that reads secrets' });
      const d = Object.getOwnPropertyDescriptor(o, key);
      let v: unknown;
      try { v = d && 'value' in d ? d.value : d?.get ? d.get.call(o) : undefined; } catch { continue; }
      queue.push({ value: v, path: `${path}.${name}` });
    }
  }
  return { findings, visited: seen.size };
}


suite('keys: secrets and security', () => {
  let app: App;
  const created: string[] = [];
  const add = async (args: Record<string, unknown>): Promise<AddKeyResult> => {
    const r = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', args);
    created.push(r.keyId);
    return r;
  };

  suiteSetup(async () => {
    ({ app } = await byok());
    await sim('reset', {});
    await sim('models', { models: ['sim-model-1'] });
  });

  suiteTeardown(async () => {
    for (const id of created) if (app.keys.get(id)) await app.keys.remove(id);
    await vscode.workspace.getConfiguration('byok').update('enabledProviders', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the extension exports nothing outside the test host', () => {
    const api = { activationMs: 0, app: () => Promise.reject(new Error('unused')) } satisfies ByokApi;
    assert.equal(apiFor(vscode.ExtensionMode.Production, api), undefined, 'Production: no exports');
    assert.equal(apiFor(vscode.ExtensionMode.Development, api), undefined, 'Development: no exports');
    assert.equal(apiFor(vscode.ExtensionMode.Test, api), api, 'the test host gets the API');
  });

  test("a key cannot be read through the extension's exports", async () => {
    const saved = await add({ provider: 'openai-compatible', name: 'graph walk', apiKey: KEY, baseUrl: `${simulatorUrl()}/v1` });
    // Fill every cache a key could end up in: an adapter in the router, a listing, a chat answer.
    await app.catalog.refresh(saved.keyId);
    await sim('reply', { text: 'ok' });
    for await (const _part of app.router.stream({ keyId: saved.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, new AbortController().signal, 'test')) { /* drain */ }
    const exported = vscode.extensions.getExtension<ByokApi>('byok.byok')?.exports;
    assert.ok(exported, 'the test host gets the exports');
    const { findings, visited } = walk({ exported, app: await exported.app() }, KEY);
    assert.ok(visited > 100, `the walk reached the app (${visited} objects)`);
    const found = findings.map((f) => `${f.what} at ${f.path}`);
    assert.ok(found.length === 0, `nothing reachable reads or holds a secret; found: ${found.slice(0, 10).join('; ')}`);
    assert.equal(await app.keys.hasSecret(app.keys.get(saved.keyId)!), true, 'the key is still stored');
  });

  test('a key and its host change together: the new key never goes to the old host', async () => {
    const oldHost = `${simulatorUrl()}/old/v1`;
    const newHost = `${simulatorUrl()}/new/v1`;
    const saved = await add({ provider: 'openai-compatible', name: 'moving', apiKey: OLD_KEY, baseUrl: oldHost, options: { skipCheck: true } });
    const before = app.keys.get(saved.keyId)!;
    await sim('reset', {});
    await sim('models', { models: ['sim-model-1'] });
    // Ask for the key's models as fast as possible while it changes, and on every change event.
    const list = async (): Promise<void> => {
      try { await app.router.listModels(saved.keyId, 'openai-compatible', AbortSignal.timeout(5_000)); } catch { /* a key in the middle of a change may be missing */ }
    };
    const onChange = app.keys.onDidChange(() => void list());
    let changing = true;
    const hammer = (async () => { while (changing) await list(); })();
    try {
      await new Promise((r) => setTimeout(r, 50));
      await app.keys.replace(saved.keyId, { secret: NEW_KEY, baseUrl: newHost });
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      changing = false;
      await hammer;
      onChange.dispose();
    }
    const requests = (await simRequests()).filter((r) => r.path.endsWith('/models'));
    const at = (prefix: string): string[] => requests.filter((r) => r.path.startsWith(prefix)).map((r) => r.headers.authorization ?? '');
    assert.ok(at('/old/').length > 0 && at('/new/').length > 0, `requests went to both hosts (${at('/old/').length} old, ${at('/new/').length} new)`);
    assert.ok(at('/old/').every((a) => a === `Bearer ${OLD_KEY}`), 'the old host only ever got the old key');
    assert.ok(at('/new/').every((a) => a === `Bearer ${NEW_KEY}`), 'the new host only ever got the new key');
    assert.equal(app.keys.get(saved.keyId)?.baseUrl, newHost);
    // The new secret settles under the key's own name, which every version of BYOK reads (an older window, a downgrade).
    assert.equal(app.keys.get(saved.keyId)?.secretId, undefined, 'no temporary secret id is left in the metadata');
    assert.equal(await app.keys.hasSecret(before), true, 'the key\'s own secret name holds a secret');
    await sim('reset', {});
    await app.router.listModels(saved.keyId, 'openai-compatible', AbortSignal.timeout(5_000));
    const last = (await simRequests()).filter((r) => r.path.endsWith('/models'));
    assert.deepEqual(last.map((r) => [r.path.startsWith('/new/'), r.headers.authorization]), [[true, `Bearer ${NEW_KEY}`]], 'it is the new key, for the new host');
  });

  test('byok.addKey refuses a key with an invisible or non-ASCII character, saying so', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('byok.addKey', { provider: 'openai-compatible', apiKey: 'sk-abc\u200bdef12345', baseUrl: `${simulatorUrl()}/v1` })),
      (e: Error) => /invisible or non-ASCII/.test(e.message));
  });

  test('byok.addKey arguments: a Bedrock region must be a region, never part of another host', async () => {
    await sim('reset', {});
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('byok.addKey', { provider: 'bedrock', apiKey: 'ABSKc2ltLWtleS0xabcd', options: { region: 'us-east-1.evil.example#' } })),
      (e: Error) => /options\.region/.test(e.message));
  });

  test('a key for a provider the policy disables is refused before anything is sent, naming the setting', async () => {
    await vscode.workspace.getConfiguration('byok').update('enabledProviders', ['anthropic'], vscode.ConfigurationTarget.Global);
    try {
      await sim('reset', {});
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('byok.addKey', { provider: 'openai-compatible', name: 'disabled', apiKey: 'sk-disabled-12345678', baseUrl: `${simulatorUrl()}/v1` })),
        (e: Error) => /byok\.enabledProviders/.test(e.message));
      assert.equal((await simRequests()).length, 0, 'nothing was sent');
      assert.equal(app.keys.list().some((k) => k.name === 'disabled'), false, 'nothing was saved');
    } finally {
      await vscode.workspace.getConfiguration('byok').update('enabledProviders', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('the key store says what changed, and a check only when what it shows changed', async () => {
    const events: KeyChangeEvent[] = [];
    const sub = app.keys.onDidChange((e) => events.push(e));
    try {
      const saved = await add({ provider: 'openai-compatible', name: 'events', apiKey: 'sk-events-key-123456', baseUrl: `${simulatorUrl()}/v1`, options: { skipCheck: true } });
      const id = saved.keyId;
      assert.deepEqual(events.filter((e) => e.keyId === id).map((e) => e.change).slice(0, 1), ['added']);
      // Let the catalog list the new key now, so no background refresh records a check in the middle.
      await app.catalog.refresh(id);
      events.length = 0;
      await app.keys.recordCheck(id, { ok: true, at: 1, modelCount: 3 });
      await app.keys.recordCheck(id, { ok: true, at: 2, modelCount: 3 });
      await app.keys.recordCheck(id, { ok: true, at: 3, modelCount: 3 });
      await app.keys.recordCheck(id, { ok: false, at: 4, kind: 'auth', message: 'Invalid key.' });
      await app.keys.rename(id, 'events renamed');
      await app.keys.replace(id, { secret: 'sk-events-key-654321' });
      await app.keys.replace(id, { secret: 'sk-events-key-987654', baseUrl: `${simulatorUrl()}/elsewhere/v1` });
      await app.keys.remove(id);
      await new Promise((r) => setTimeout(r, 200));
      const mine = events.filter((e) => e.keyId === id).map((e) => e.change);
      assert.deepEqual(mine, ['check', 'check', 'renamed', 'secret', 'host', 'removed'], 'one event per visible change, named; a check that only changes its time fires nothing');
    } finally {
      sub.dispose();
    }
  });

  test('a malformed saved key is reported once, not on every read', async () => {
    const state = app.ctx.context.globalState;
    const original = state.get<unknown[]>('byok.keys') ?? [];
    const marker = `malformed-${Date.now()}`;
    try {
      await state.update('byok.keys', [...original, { id: marker }]);
      for (let i = 0; i < 5; i++) app.keys.list();
      const logged = (): number => filesUnder(app.ctx.context.logUri.fsPath).map((f) => readFileSync(f, 'utf8')).join('\n')
        .split('\n').filter((l) => l.includes(`Saved key #${original.length + 1} is malformed`)).length;
      await eventually(() => logged() > 0 || undefined, 'the problem in the log');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(logged(), 1, 'logged once');
    } finally {
      await state.update('byok.keys', original);
    }
  });
});
