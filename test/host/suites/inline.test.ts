// Inline completions inside a real extension host: the provider answers for real documents through the
// Ollama FIM route on the simulator, excluded files and disabled languages send nothing, the status item
// names the route and today's inline requests, and an auth error pauses completions instead of retrying.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { byok, eventually, sim, simRequests, simulatorUrl } from '../support';

const MODELS = ['qwen2.5-coder:7b', 'llama3.1:8b'];

suite('inline completions', () => {
  let key: AddKeyResult;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('byok.inlineCompletions');
  const fimRequests = async (): Promise<{ path: string; fim?: { prefix: string; suffix: string } }[]> =>
    ((await simRequests()) as { path: string; fim?: { prefix: string; suffix: string } }[]).filter((r) => r.fim);
  const token = (): vscode.CancellationToken => new vscode.CancellationTokenSource().token;
  const ctx: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Automatic, selectedCompletionInfo: undefined, requestUuid: 'test' } as unknown as vscode.InlineCompletionContext;

  async function provide(doc: vscode.TextDocument, pos: vscode.Position): Promise<string[]> {
    const { app } = await byok();
    const items = await app.inline.provideInlineCompletionItems(doc, pos, ctx, token());
    return items.map((i) => (typeof i.insertText === 'string' ? i.insertText : i.insertText.value));
  }

  async function fileDoc(name: string, content: string): Promise<vscode.TextDocument> {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const path = join(folder, name);
    writeFileSync(path, content);
    return vscode.workspace.openTextDocument(path);
  }

  suiteSetup(async () => {
    await sim('reset', {});
    await sim('models', { models: MODELS });
    key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'ollama', name: 'inline-ollama', apiKey: '', baseUrl: simulatorUrl() });
    const { app } = await byok();
    const model = app.catalog.models().find((m) => m.id === `${key.keyId}/qwen2.5-coder:7b`);
    assert.ok(model, 'the simulator lists the coder model');
    await app.selection.choose('inline', { byok: model });
    await config().update('enabled', true, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    await config().update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('byok').update('inline.model', undefined, vscode.ConfigurationTarget.Global);
    await app.keys.remove(key.keyId);
    await sim('reset', {});
  });

  setup(async () => {
    const { app } = await byok();
    app.inline.pause.resume();
    app.inline.engine.cancelAll();
    await sim('reset', {});
    await sim('models', { models: MODELS });
  });

  test('the provider returns a completion for a document through the Ollama FIM route, with prefix and suffix', async () => {
    await sim('reply', { text: 'a + b\n', usage: { input: 30, output: 4 } });
    const doc = await fileDoc('calc.py', 'def add(a, b):\n    return \n\nprint(add(1, 2))\n');
    assert.deepEqual(await provide(doc, new vscode.Position(1, 11)), ['a + b']);
    const fim = await fimRequests();
    assert.equal(fim.length, 1);
    assert.equal(fim[0]!.path, '/api/generate');
    assert.deepEqual(fim[0]!.fim, { prefix: 'def add(a, b):\n    return ', suffix: '\n\nprint(add(1, 2))\n' });
  });

  test('the status item names the route and counts today\'s inline requests', async () => {
    const { app } = await byok();
    const before = app.inline.status.state.kind === 'on' ? app.inline.status.state.today.requests : 0;
    await sim('reply', { text: 'total', usage: { input: 10, output: 1 } });
    const doc = await fileDoc('status.py', 'x = \n');
    await provide(doc, new vscode.Position(0, 4));
    const state = app.inline.status.state;
    assert.equal(state.kind, 'on');
    assert.ok(state.kind === 'on');
    assert.match(state.route, /^Ollama FIM \(qwen2\.5-coder:7b\)$/);
    assert.equal(state.today.requests, before + 1);
    assert.equal(state.busy, false);
  });

  test('an excluded file (.env, *.pem) sends nothing', async () => {
    for (const name of ['.env.local', 'server.pem', 'secrets.py']) {
      const doc = await fileDoc(name, 'API_TOKEN=\n');
      assert.deepEqual(await provide(doc, new vscode.Position(0, 10)), [], name);
    }
    assert.deepEqual(await simRequests(), [], 'the simulator received no request at all');
  });

  test('a workspace cannot empty the exclusion list: .env stays excluded', async () => {
    await config().update('excludeFiles', [], vscode.ConfigurationTarget.Workspace);
    try {
      const doc = await fileDoc('.env.production', 'DB_PASSWORD=\n');
      assert.deepEqual(await provide(doc, new vscode.Position(0, 12)), []);
      assert.deepEqual(await simRequests(), []);
    } finally {
      await config().update('excludeFiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a workspace cannot turn a language back on that the user turned off (plaintext, yaml)', async () => {
    await config().update('languages', { '*': true, plaintext: false, markdown: false, scminput: false, yaml: false }, vscode.ConfigurationTarget.Global);
    await config().update('languages', { plaintext: true, yaml: true }, vscode.ConfigurationTarget.Workspace);
    try {
      await sim('reply', { text: 'value\n' });
      const text = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Dear diary, today \n' });
      assert.deepEqual(await provide(text, new vscode.Position(0, 18)), []);
      const yaml = await fileDoc('deploy.yaml', 'image: \n');
      assert.deepEqual(await provide(yaml, new vscode.Position(0, 7)), []);
      assert.deepEqual(await simRequests(), []);
    } finally {
      await config().update('languages', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('languages', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('relative exclude patterns (*.env, secrets/**, config/prod.yaml) exclude the files they name', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    mkdirSync(join(folder, 'secrets'), { recursive: true });
    mkdirSync(join(folder, 'config'), { recursive: true });
    await config().update('excludeFiles', ['*.env', 'secrets/**', 'config/prod.yaml'], vscode.ConfigurationTarget.Global);
    try {
      await sim('reply', { text: 'value\n' });
      for (const name of ['app.env', 'secrets/db.py', 'config/prod.yaml']) {
        const doc = await fileDoc(name, 'password = \n');
        assert.deepEqual(await provide(doc, new vscode.Position(0, 11)), [], name);
      }
      assert.deepEqual(await simRequests(), [], 'the simulator received no request at all');
    } finally {
      await config().update('excludeFiles', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a file excluded while the call waits in the debounce sends nothing', async () => {
    await config().update('debounceMs', 3000, vscode.ConfigurationTarget.Global);
    try {
      await sim('reply', { text: 'value\n' });
      const doc = await fileDoc('late.py', 'token = \n');
      const pending = provide(doc, new vscode.Position(0, 8));
      await config().update('excludeFiles', ['**/late.py'], vscode.ConfigurationTarget.Workspace);
      assert.deepEqual(await pending, []);
      assert.deepEqual(await simRequests(), []);
    } finally {
      await config().update('excludeFiles', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('debounceMs', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('no snippet comes from a document outside file/untitled/vscode-remote (a virtual or settings document)', async () => {
    const secret = 'SNIPPET_SECRET = "do-not-send-this-value-anywhere"\n'.repeat(3);
    const registration = vscode.workspace.registerTextDocumentContentProvider('byok-test-virtual', { provideTextDocumentContent: () => secret });
    try {
      const virtual = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(vscode.Uri.parse('byok-test-virtual:/settings.py')), 'python');
      await vscode.window.showTextDocument(virtual, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === virtual), 'the virtual document is visible');
      await sim('reply', { text: 'a + b\n' });
      const doc = await fileDoc('uses.py', 'def add(a, b):\n    return \n');
      assert.deepEqual(await provide(doc, new vscode.Position(1, 11)), ['a + b']);
      const fim = await fimRequests();
      assert.equal(fim.length, 1);
      assert.ok(!fim[0]!.fim!.prefix.includes('SNIPPET_SECRET'), 'the virtual document was not sent as a snippet');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      registration.dispose();
    }
  });

  test('a disabled language sends nothing', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Dear diary, today \n' });
    assert.deepEqual(await provide(doc, new vscode.Position(0, 18)), []);
    assert.deepEqual(await simRequests(), []);
  });

  test('turned off, nothing is sent', async () => {
    await config().update('enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const doc = await fileDoc('off.py', 'y = \n');
      assert.deepEqual(await provide(doc, new vscode.Position(0, 4)), []);
      assert.deepEqual(await simRequests(), []);
    } finally {
      await config().update('enabled', true, vscode.ConfigurationTarget.Global);
    }
  });

  test('a spinner shows while a request is in flight', async () => {
    const { app } = await byok();
    await sim('reply', { text: 'slow_value', chunkChars: 1, frameDelayMs: 80 });
    const doc = await fileDoc('busy.py', 'w = \n');
    const pending = provide(doc, new vscode.Position(0, 4));
    await eventually(() => app.inline.status.state.kind === 'on' && app.inline.status.state.busy, 'the busy state');
    assert.deepEqual(await pending, ['slow_value']);
    assert.ok(app.inline.status.state.kind === 'on' && !app.inline.status.state.busy);
  });

  test('no inline model chosen: off with a hint, nothing sent; an unknown model: unavailable, nothing sent', async () => {
    const { app } = await byok();
    const byokConfig = vscode.workspace.getConfiguration('byok');
    const saved = byokConfig.inspect<string>('inline.model')?.globalValue;
    try {
      await byokConfig.update('inline.model', '', vscode.ConfigurationTarget.Global);
      await eventually(() => app.inline.status.state.kind === 'no-model', 'the no-model state');
      const doc = await fileDoc('none.py', 'v = \n');
      assert.deepEqual(await provide(doc, new vscode.Position(0, 4)), []);
      await byokConfig.update('inline.model', 'ollama/not-a-model', vscode.ConfigurationTarget.Global);
      await eventually(() => app.inline.status.state.kind === 'unavailable', 'the unavailable state');
      assert.deepEqual(await provide(doc, new vscode.Position(0, 4)), []);
      assert.deepEqual(await simRequests(), []);
    } finally {
      await byokConfig.update('inline.model', saved, vscode.ConfigurationTarget.Global);
    }
  });

  test('an auth error pauses completions (no retry, no other key) until the key or model changes', async () => {
    const { app } = await byok();
    await sim('fault', { kind: 'unauthorized', pathIncludes: '/api/generate', times: 0 });
    const doc = await fileDoc('auth.py', 'z = \n');
    assert.deepEqual(await provide(doc, new vscode.Position(0, 4)), []);
    assert.equal(app.inline.pause.state.kind, 'stopped');
    assert.deepEqual(await provide(doc, new vscode.Position(0, 4)), [], 'paused: no second request');
    assert.equal((await fimRequests()).length, 1);
    const state = app.inline.status.state;
    assert.ok(state.kind === 'on' && state.paused !== undefined, 'the status item says completions are paused');
  });
});
