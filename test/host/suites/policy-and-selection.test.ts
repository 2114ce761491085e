// The organization's policy holds (wrong types fail closed, a workspace cannot loosen it, a disabled provider
// is never called), the model choice never falls back to another key, and listings never loop.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostMessage } from '../../../src/core/protocol';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { organizationLabel } from '../../../src/vscode/policy/policy-settings';
import { byok, eventually, sim, simRequests, simulatorUrl } from '../support';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('byok');
const global = vscode.ConfigurationTarget.Global;
const hello = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }] };

async function addKey(name: string, apiKey: string): Promise<AddKeyResult> {
  return vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name, apiKey, baseUrl: `${simulatorUrl()}/v1` });
}

/** The test bundle has its own copy of ProviderError, so errors from the extension are matched by shape. */
function isProviderError(e: unknown): e is { kind: string; message: string; userMessage: string } {
  return typeof e === 'object' && e !== null && typeof (e as { kind?: unknown }).kind === 'string';
}

async function drain(stream: AsyncGenerator<unknown>): Promise<void> {
  for await (const _ of stream) { /* consume */ }
}

suite('policy and model selection', () => {
  const created: string[] = [];

  suiteSetup(async () => {
    await sim('reset', {});
    await sim('models', { models: ['sim-model-1', 'sim-model-2'] });
  });

  teardown(async () => {
    for (const setting of ['allowedModels', 'enabledProviders', 'organizationLabel']) await config().update(setting, undefined, global);
    await sim('reset', {});
    await sim('models', { models: ['sim-model-1', 'sim-model-2'] });
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    for (const id of created) if (app.keys.get(id)) await app.keys.remove(id);
    await config().update('chat.model', undefined, global);
  });

  test('when the chosen key is removed, the model is unavailable and no other key answers', async () => {
    const { app } = await byok();
    const first = await addKey('first pays', 'sk-first-key-0001');
    const second = await addKey('second', 'sk-second-key-0002');
    created.push(first.keyId, second.keyId);
    const viaFirst = app.catalog.models().find((m) => m.id === `${first.keyId}/sim-model-1`);
    assert.ok(viaFirst);
    await app.selection.choose('chat', { byok: viaFirst });
    await app.keys.remove(first.keyId);

    const current = app.selection.current('chat');
    assert.equal(current.kind, 'unavailable', 'not silently the second key');
    assert.match(current.kind === 'unavailable' ? current.reason : '', /"first pays".*removed.*choose a key/);

    const posted: HostMessage[] = [];
    app.chat.attach((m) => posted.push(m));
    await app.chat.newChat();
    const state = [...posted].reverse().find((m) => m.type === 'state');
    assert.match(state?.type === 'state' ? state.state.modelProblem ?? '' : '', /removed/, 'the chat says so');

    await sim('reset', {});
    await app.chat.send('who answers?');
    const end = posted.find((m) => m.type === 'messageEnd');
    assert.ok(end?.type === 'messageEnd' && end.status === 'error');
    assert.equal((await simRequests()).filter((r) => r.path.endsWith('/chat/completions')).length, 0, 'no request with the other key');
  });

  test('choosing a key for one model does not pick the key for another model', async () => {
    const { app } = await byok();
    const a = await addKey('alpha', 'sk-alpha-key-0003');
    const b = await addKey('beta', 'sk-beta-key-00004');
    created.push(a.keyId, b.keyId);
    const one = app.catalog.models().find((m) => m.id === `${b.keyId}/sim-model-1`);
    const two = app.catalog.models().find((m) => m.id === `${a.keyId}/sim-model-2`);
    assert.ok(one && two, `both keys offer both models (got ${app.catalog.models().map((m) => m.id).join(', ')})`);
    await app.selection.choose('chat', { byok: one });
    await app.selection.choose('inline', { byok: two });
    await app.selection.choose('chat', { byok: app.catalog.models().find((m) => m.id === `${b.keyId}/sim-model-1`)! });
    const chat = app.selection.current('chat');
    const inline = app.selection.current('inline');
    assert.equal(chat.kind === 'byok' ? chat.model.keyId : chat.kind, b.keyId);
    assert.equal(inline.kind === 'byok' ? inline.model.keyId : inline.kind, a.keyId);
    await config().update('inline.model', undefined, global);
  });

  test('one unreadable stored key choice neither loses the other choices nor picks a key by itself', async () => {
    const { app } = await byok();
    const k = await addKey('stored choice', 'sk-storedchoice-11');
    created.push(k.keyId);
    const model = app.catalog.models().find((m) => m.id === `${k.keyId}/sim-model-2`);
    assert.ok(model);
    await app.selection.choose('chat', { byok: model });
    const state = app.ctx.context.globalState;
    const choices = state.get<Record<string, unknown>>('byok.keyForModel') ?? {};
    await state.update('byok.keyForModel', { ...choices, 'openai-compatible/sim-model-1': 42 });
    const two = app.selection.current('chat');
    assert.equal(two.kind === 'byok' ? two.model.keyId : two.kind, k.keyId, 'the readable choice still holds');
    await config().update('chat.model', 'openai-compatible/sim-model-1', global);
    const one = app.selection.current('chat');
    assert.equal(one.kind, 'unavailable', 'the unreadable choice asks the user instead of picking a key');
    await state.update('byok.keyForModel', choices);
  });

  test('a policy setting of the wrong type allows no model', async () => {
    const { app } = await byok();
    const k = await addKey('typed', 'sk-typed-key-0005');
    created.push(k.keyId);
    for (const bad of [5, true, {}]) {
      await config().update('allowedModels', bad, global);
      await config().update('enabledProviders', ['openai-compatible'], global);
      assert.equal(app.catalog.models().length, 0, `allowedModels: ${JSON.stringify(bad)} must not allow every model`);
      const refused = app.router.stream({ keyId: k.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'test');
      await assert.rejects(drain(refused), (e: unknown) => isProviderError(e) && e.kind === 'policy');
    }
  });

  test('a policy refusal is its own kind and names the setting', async () => {
    const { app } = await byok();
    const k = await addKey('refused model', 'sk-refusedmodel-06');
    created.push(k.keyId);
    await config().update('allowedModels', ['openai-compatible/sim-model-2'], global);
    await sim('reset', {});
    const refused = app.router.stream({ keyId: k.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'test');
    await assert.rejects(drain(refused), (e: unknown) => isProviderError(e) && e.kind === 'policy' && /byok\.allowedModels/.test(e.message) && !/Invalid model name/.test(e.userMessage));
    assert.equal((await simRequests()).length, 0, 'nothing was sent');
  });

  test('a disabled provider is never called: no listing, no key check, no request', async () => {
    const { app } = await byok();
    const k = await addKey('disabled provider', 'sk-disabled-key-07');
    created.push(k.keyId);
    await config().update('enabledProviders', ['anthropic'], global);
    await sim('reset', {});
    await app.catalog.refreshAll();
    await assert.rejects(app.router.checkKey(k.keyId, 'openai-compatible', new AbortController().signal), (e: unknown) => isProviderError(e) && e.kind === 'policy' && /byok\.enabledProviders/.test(e.message));
    await assert.rejects(drain(app.router.stream({ keyId: k.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'test')), /enabledProviders/);
    // A caller naming another provider for the key does not get around the policy either.
    await assert.rejects(drain(app.router.stream({ keyId: k.keyId, presetId: 'anthropic', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'test')));
    assert.equal(app.catalog.models().filter((m) => m.keyId === k.keyId).length, 0);
    assert.equal((await simRequests()).length, 0, 'the disabled provider received nothing');
  });

  test("a repository's .vscode/settings.json cannot loosen the policy or relabel it", async () => {
    const { app } = await byok();
    const k = await addKey('workspace attack', 'sk-wsattack-key-08');
    created.push(k.keyId);
    await config().update('allowedModels', ['openai-compatible/sim-model-2'], global);
    await config().update('organizationLabel', 'Acme Corp', global);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the host tests run in a folder');
    const dir = join(folder, '.vscode');
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(join(dir, 'settings.json'), JSON.stringify({
        'byok.allowedModels': ['*'], 'byok.enabledProviders': [], 'byok.organizationLabel': 'Evil Repo',
        // A window-scoped setting in the same file tells us when VS Code has read it.
        'byok.inline.model': 'openai-compatible/sim-model-1',
      }));
      await eventually(() => config().inspect('inline.model')?.workspaceValue === 'openai-compatible/sim-model-1' || undefined, 'VS Code to read the workspace settings');
      assert.notEqual(app.selection.ref('inline'), 'openai-compatible/sim-model-1', 'a workspace does not choose where inline code goes');
      const mine = app.catalog.models().filter((m) => m.keyId === k.keyId).map((m) => m.info.id);
      assert.deepEqual(mine, ['sim-model-2'], 'the workspace did not widen allowedModels');
      assert.equal(organizationLabel(), 'Acme Corp', 'the workspace did not relabel');
      const refused = app.router.stream({ keyId: k.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'test');
      await assert.rejects(drain(refused), (e: unknown) => isProviderError(e) && e.kind === 'policy');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a failing key is listed once, not in a loop driven by change events', async () => {
    const { app } = await byok();
    await sim('fault', { kind: 'unauthorized', times: 0, pathIncludes: '/models' });
    const k = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'loops', apiKey: 'sk-loop-key-000009', baseUrl: `${simulatorUrl()}/v1`, options: { skipCheck: true } });
    created.push(k.keyId);
    await eventually(() => app.keys.get(k.keyId)?.lastCheck?.ok === false || undefined, 'the scheduled listing to fail');
    // Everything that used to trigger another listing: reads, LM API queries, change events.
    for (let i = 0; i < 20; i++) {
      app.catalog.models();
      await vscode.lm.selectChatModels({ vendor: 'byok' });
    }
    await new Promise((r) => setTimeout(r, 500));
    const listings = (await simRequests()).filter((r) => r.path === '/v1/models').length;
    assert.equal(listings, 1, `one listing for one bad key (got ${listings})`);
  });

  test("a key's check result does not rebuild its adapter (thinking signatures survive a tool loop)", async () => {
    const { app } = await byok();
    const k = await addKey('stable adapter', 'sk-stable-key-0010');
    created.push(k.keyId);
    await sim('reply', { text: 'one' });
    await drain(app.router.stream({ keyId: k.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'test'));
    const built = app.router.adaptersBuilt;
    await app.keys.recordCheck(k.keyId, { ok: false, at: Date.now(), kind: 'rate-limit', message: 'slow down' });
    await app.keys.recordCheck(k.keyId, { ok: true, at: Date.now(), modelCount: 2 });
    await app.catalog.refresh(k.keyId);
    await sim('reply', { text: 'two' });
    await drain(app.router.stream({ keyId: k.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'test'));
    assert.equal(app.router.adaptersBuilt, built, 'the same adapter served both requests');
  });
});
