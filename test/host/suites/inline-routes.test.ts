// Every inline route through the real VS Code API against the simulator: a key per provider, its model
// chosen for inline use, one completion for a real document, and the request at the route's own endpoint
// with the prefix and suffix around the cursor. Providers without FIM fill in through chat.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { byok, sim, simRequests, simulatorUrl } from '../support';

interface RouteCase { provider: string; base: string; model: string; path: string; reply: string; label: RegExp; apiKey: string }

const CASES: RouteCase[] = [
  { provider: 'mistral', base: '/v1', model: 'codestral-latest', path: '/v1/fim/completions', reply: 'a + b', label: /^Codestral FIM/, apiKey: 'sk-inline-mistral-1' },
  { provider: 'deepseek', base: '', model: 'deepseek-chat', path: '/beta/completions', reply: 'a + b', label: /^DeepSeek FIM/, apiKey: 'sk-inline-deepseek-1' },
  { provider: 'qwen', base: '/compatible-mode/v1', model: 'qwen2.5-coder-32b-instruct', path: '/compatible-mode/v1/completions', reply: 'a + b', label: /^Qwen coder FIM/, apiKey: 'sk-inline-qwen-1' },
  { provider: 'lmstudio', base: '/v1', model: 'local-coder', path: '/v1/completions', reply: 'a + b', label: /FIM/, apiKey: '' },
  { provider: 'openai-compatible', base: '/v1', model: 'local-coder', path: '/infill', reply: 'a + b', label: /FIM/, apiKey: 'sk-inline-llamacpp-1' },
  { provider: 'ollama', base: '', model: 'llama3.1:8b', path: '/v1/chat/completions', reply: '<COMPLETION>a + b</COMPLETION>', label: /^chat fill-in via llama3\.1:8b$/, apiKey: '' },
  { provider: 'anthropic-compatible', base: '/anthropic', model: 'sim-model-1', path: '/anthropic/v1/messages', reply: '<COMPLETION>a + b</COMPLETION>', label: /^chat fill-in via sim-model-1$/, apiKey: 'sk-inline-anthropic-1' },
];

suite('inline completions: every route', () => {
  const keys: string[] = [];
  const ctx = { triggerKind: vscode.InlineCompletionTriggerKind.Automatic, selectedCompletionInfo: undefined } as unknown as vscode.InlineCompletionContext;

  suiteSetup(async () => {
    await vscode.workspace.getConfiguration('byok.inlineCompletions').update('enabled', true, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    await vscode.workspace.getConfiguration('byok.inlineCompletions').update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('byok').update('inline.model', undefined, vscode.ConfigurationTarget.Global);
    for (const k of keys) await app.keys.remove(k);
    await sim('reset', {});
  });

  for (const c of CASES) {
    test(`${c.provider}/${c.model}: ghost text through ${c.path}`, async () => {
      await sim('reset', {});
      await sim('models', { models: ['codestral-latest', 'deepseek-chat', 'qwen2.5-coder-32b-instruct', 'local-coder', 'llama3.1:8b', 'sim-model-1'] });
      const key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: c.provider, name: `inline-${c.provider}`, apiKey: c.apiKey, baseUrl: simulatorUrl() + c.base });
      keys.push(key.keyId);
      const { app } = await byok();
      const model = app.catalog.models().find((m) => m.id === `${key.keyId}/${c.model}`);
      assert.ok(model, `${c.provider} lists ${c.model}`);
      await app.selection.choose('inline', { byok: model });
      app.inline.pause.resume();
      await sim('reply', { text: c.reply, usage: { input: 20, output: 3 } });
      const before = (await simRequests()).length;
      const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      const file = join(folder, `route_${c.provider.replace(/\W/g, '_')}.py`);
      writeFileSync(file, 'def add(a, b):\n    return \n');
      const doc = await vscode.workspace.openTextDocument(file);
      const items = await app.inline.provideInlineCompletionItems(doc, new vscode.Position(1, 11), ctx, new vscode.CancellationTokenSource().token);
      assert.deepEqual(items.map((i) => i.insertText), ['a + b']);
      // A probe (one non-streamed token, for hosts that must be asked) is not the completion request.
      const sent = (await simRequests()).slice(before).filter((r) => r.path === c.path && (r.body as { stream?: unknown }).stream === true);
      assert.equal(sent.length, 1, `one completion request to ${c.path}`);
      const body = JSON.stringify(sent[0]!.body);
      assert.ok(body.includes('def add(a, b):\\n    return '), 'the prefix was sent');
      const state = app.inline.status.state;
      assert.ok(state.kind === 'on' && c.label.test(state.route), `status names the route: ${state.kind === 'on' ? state.route : state.kind}`);
    });
  }
});
