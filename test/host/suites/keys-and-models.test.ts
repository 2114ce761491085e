import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { byok, eventually, sim, simRequests, simulatorUrl, filesUnder } from '../support';

// A fake key, distinctive enough to search for everywhere it must not be.
const KEY = 'sk-hostsecret-7Qx2';
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('byok');


suite('keys, models and the Language Model API', () => {
  let added: AddKeyResult;

  suiteSetup(async () => {
    await sim('reset', {});
    await sim('models', { models: ['sim-model-1', 'sim-model-2'] });
  });

  suiteTeardown(async () => {
    await config().update('allowedModels', undefined, vscode.ConfigurationTarget.Global);
  });

  test('byok.addKey with arguments checks the key against the provider and saves it', async () => {
    const result = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', {
      provider: 'openai-compatible', name: 'host test', apiKey: KEY, baseUrl: `${simulatorUrl()}/v1`,
    });
    assert.equal(result.provider, 'openai-compatible');
    assert.equal(result.checked, true);
    assert.equal(result.modelCount, 2);
    assert.ok(!JSON.stringify(result).includes(KEY), 'the command never returns the key');
    const listing = (await simRequests()).find((r) => r.path === '/v1/models');
    assert.equal(listing?.headers.authorization, `Bearer ${KEY}`, 'the key went to its own host as a bearer token');
    added = result;
  });

  test('a key the provider refuses is not saved, and the error says why', async () => {
    await sim('fault', { kind: 'unauthorized', times: 0 });
    try {
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('byok.addKey', { provider: 'openai-compatible', name: 'refused', apiKey: 'sk-wrong-key-1234', baseUrl: `${simulatorUrl()}/v1` })),
        (e: Error) => /not saved/.test(e.message) && /Invalid key/.test(e.message) && !e.message.includes('sk-wrong-key-1234'),
      );
    } finally {
      await sim('reset', {});
      await sim('models', { models: ['sim-model-1', 'sim-model-2'] });
    }
    const { app } = await byok();
    assert.equal(app.keys.list().filter((k) => k.name === 'refused').length, 0);
  });

  test('bad input gets a clear error before anything is sent', async () => {
    const cases: [unknown, RegExp][] = [
      [{ provider: 'nope', apiKey: 'sk-abcdefgh12' }, /Unknown provider "nope"/],
      [{ provider: 'openai', apiKey: '' }, /key is empty/],
      [{ provider: 'openai', apiKey: 'sk-abc def123' }, /space/],
      [{ provider: 'openai', apiKey: 'sk-abc\ndef123' }, /line break/],
      [{ provider: 'openai-compatible', apiKey: 'sk-abcdefgh12', baseUrl: 'example.com/v1' }, /no scheme/],
      [{ provider: 'openai-compatible', apiKey: 'sk-abcdefgh12', baseUrl: 'http://example.com/v1' }, /unencrypted http/],
      [{ provider: 'openai-compatible', name: 'HOST TEST', apiKey: 'sk-abcdefgh12', baseUrl: `${simulatorUrl()}/v1` }, /already exists/],
      [{ provider: 'openai', apiKey: 'sk-abcdefgh12', extra: true }, /Unrecognized key|extra/],
    ];
    for (const [args, expected] of cases) {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('byok.addKey', args)), (e: Error) => expected.test(e.message), `rejects ${JSON.stringify(args)}`);
    }
  });

  test('another extension sees the BYOK models and gets answers from the provider', async () => {
    const models = await eventually(async () => {
      const found = await vscode.lm.selectChatModels({ vendor: 'byok' });
      return found.length >= 2 ? found : undefined;
    }, 'the BYOK models in vscode.lm');
    const model = models.find((m) => m.id === `${added.keyId}/sim-model-1`);
    assert.ok(model, `sim-model-1 is offered (got ${models.map((m) => m.id).join(', ')})`);
    assert.match(model.name, /sim-model-1/);
    await sim('reply', { text: 'Hello from the Language Model API ✓' });
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Say hello')], {}, new vscode.CancellationTokenSource().token);
    let text = '';
    for await (const chunk of response.text) text += chunk;
    assert.equal(text, 'Hello from the Language Model API ✓');
    const chat = (await simRequests()).reverse().find((r) => r.path === '/v1/chat/completions');
    assert.equal((chat?.body as { model?: string }).model, 'sim-model-1');
    assert.equal(chat?.headers.authorization, `Bearer ${KEY}`);
    const tokens = await model.countTokens('hello world');
    assert.ok(tokens >= 2 && tokens < 10, `a sane token count (${tokens})`);
  });

  test('the organization policy hides a model and refuses to use it', async () => {
    await config().update('allowedModels', ['openai-compatible/sim-model-2'], vscode.ConfigurationTarget.Global);
    const models = await eventually(async () => {
      const found = (await vscode.lm.selectChatModels({ vendor: 'byok' })).filter((m) => m.id.startsWith(added.keyId));
      return found.length === 1 ? found : undefined;
    }, 'the policy to apply');
    assert.equal(models[0]?.id, `${added.keyId}/sim-model-2`);
    const { app } = await byok();
    const refused = app.router.stream({ keyId: added.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, new AbortController().signal, 'test');
    await assert.rejects(refused.next(), /not allowed by your organization's model policy/);
    await config().update('allowedModels', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the chat model choice is a shareable setting; the key choice stays private', async () => {
    const { app } = await byok();
    const model = app.catalog.models().find((m) => m.id === `${added.keyId}/sim-model-1`);
    assert.ok(model);
    await app.selection.choose('chat', { byok: model });
    assert.equal(config().get('chat.model'), 'openai-compatible/sim-model-1');
    const current = app.selection.current('chat');
    assert.equal(current.kind === 'byok' ? current.model.id : current.kind, model.id);
  });

  test('no key in settings, globalState, logs or the Output channel', async () => {
    const { app } = await byok();
    const ctx = app.ctx.context;
    const settings = JSON.stringify(config());
    const state = JSON.stringify(ctx.globalState.keys().map((k) => ctx.globalState.get(k)));
    assert.ok(state.includes('host test'), 'globalState holds the key metadata (so the check can fail)');
    assert.ok(!settings.includes(KEY), 'not in settings');
    assert.ok(!state.includes(KEY), 'not in globalState');
    const logs = filesUnder(ctx.logUri.fsPath);
    const logText = logs.map((f) => readFileSync(f, 'utf8')).join('\n');
    assert.ok(logText.includes('Saved key "host test"'), `the BYOK log was found and read (${logs.length} files)`);
    assert.ok(!logText.includes(KEY), 'not in logs or the Output channel');
    assert.equal(await app.keys.hasSecret(app.keys.get(added.keyId)!), true, 'the key is in SecretStorage');
  });

  test('removing a key deletes its secret and its models', async () => {
    const { app } = await byok();
    const saved = app.keys.get(added.keyId);
    assert.ok(saved);
    await app.keys.remove(added.keyId);
    assert.equal(await app.keys.hasSecret(saved), false);
    assert.equal(app.keys.get(added.keyId), undefined);
    await eventually(async () => ((await vscode.lm.selectChatModels({ vendor: 'byok' })).some((m) => m.id.startsWith(added.keyId)) ? undefined : true), 'the models to disappear');
  });
});
