// Compare's buttons and listeners, and what other extensions may send through the Language Model API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CompareColumn, HostMessage } from '../../../src/core/protocol';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { byok, eventually, sim, simRequests, simulatorUrl } from '../support';

const COMPARE_TITLE = 'BYOK: Compare Models';

function compareTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label === COMPARE_TITLE);
}

async function closeCompare(): Promise<void> {
  await vscode.window.tabGroups.close(compareTabs());
  await eventually(() => compareTabs().length === 0, 'the compare panel to close');
}

/** Replaces a function on one of VS Code's API namespaces for the length of `body`, recording its calls. */
async function spying<T extends object, K extends keyof T>(target: T, name: K, fake: T[K], body: () => Promise<void>): Promise<void> {
  const original = target[name];
  Object.defineProperty(target, name, { value: fake, configurable: true, writable: true });
  try { await body(); } finally { Object.defineProperty(target, name, { value: original, configurable: true, writable: true }); }
}

/** Closes an untitled document without a save prompt (a prompt would block the suites after this one). */
async function discard(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('compare: every button does something', () => {
  const posted: HostMessage[] = [];
  const keys: AddKeyResult[] = [];
  let subscription: vscode.Disposable | undefined;

  suiteSetup(async () => {
    await sim('reset', {});
    // Two keys on two paths of the simulator, so a fault can hit one column only.
    keys.push(await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'compare a', apiKey: 'sk-compare-a-1234', baseUrl: `${simulatorUrl()}/v1` }));
    keys.push(await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'compare b', apiKey: 'sk-compare-b-1234', baseUrl: `${simulatorUrl()}/b/v1` }));
    const { app } = await byok();
    subscription = app.compare.onDidPost((m) => posted.push(m));
  });

  suiteTeardown(async () => {
    subscription?.dispose();
    await closeCompare();
    await vscode.workspace.getConfiguration('byok').update('organizationLabel', undefined, vscode.ConfigurationTarget.Global);
    const { app } = await byok();
    for (const key of keys) await app.keys.remove(key.keyId);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('code blocks in a compare column copy, insert and open their code', async () => {
    const { app } = await byok();
    const target = await vscode.workspace.openTextDocument({ content: 'before\n' });
    await vscode.window.showTextDocument(target, vscode.ViewColumn.Two);
    app.compare.show();
    await app.compare.receive({ type: 'copyCode', code: 'const copied = 1;' });
    assert.equal(await vscode.env.clipboard.readText(), 'const copied = 1;');
    await app.compare.receive({ type: 'insertCode', code: 'inserted();' });
    assert.match(target.getText(), /inserted\(\);/);
    await app.compare.receive({ type: 'openCodeInEditor', code: 'let opened = true;', language: 'ts' });
    const opened = vscode.window.activeTextEditor?.document;
    assert.ok(opened?.isUntitled && opened.getText() === 'let opened = true;' && opened.languageId === 'typescript', 'a new untitled TypeScript editor');
    await discard(opened);
    await discard(target);
  });

  test('links and error-card actions in compare reach VS Code', async () => {
    const { app } = await byok();
    app.compare.show();
    const opened: string[] = [];
    await spying(vscode.env, 'openExternal', (uri: vscode.Uri) => { opened.push(uri.toString()); return Promise.resolve(true); }, async () => {
      await app.compare.receive({ type: 'openLink', href: 'https://example.com/docs' });
      await app.compare.receive({ type: 'openLink', href: 'javascript:alert(1)' });
    });
    assert.deepEqual(opened, ['https://example.com/docs'], 'the safe link opened, the unsafe one did not');
    const ran: unknown[] = [];
    const executeCommand = vscode.commands.executeCommand;
    await spying(vscode.commands, 'executeCommand', (async (command: string, ...rest: unknown[]) => {
      if (command.startsWith('byok.')) { ran.push(command); return undefined; }
      return executeCommand(command, ...rest);
    }) as typeof vscode.commands.executeCommand, async () => {
      await app.compare.receive({ type: 'errorAction', action: 'updateKey', messageId: 'col1' });
      await app.compare.receive({ type: 'errorAction', action: 'addKey', messageId: 'col1' });
      await app.compare.receive({ type: 'runCommand', command: 'byok.manageKeys' });
    });
    assert.deepEqual(ran, ['byok.manageKeys', 'byok.addKey', 'byok.manageKeys']);
  });

  test('Retry on a failed column runs that column again and keeps the other answers', async () => {
    const { app } = await byok();
    const [a, b] = keys;
    app.compare.show();
    await sim('reply', { text: 'Answer from the simulator', usage: { input: 5, output: 4 } });
    await sim('fault', { kind: 'bad-request', pathIncludes: '/b/v1/chat', times: 1 });
    posted.length = 0;
    await app.compare.receive({ type: 'compareRun', text: 'compare me', modelIds: [`${a!.keyId}/sim-model-1`, `${b!.keyId}/sim-model-1`] });
    const lastColumns = (): CompareColumn[] => {
      const state = [...posted].reverse().find((m) => m.type === 'compareState');
      return state?.type === 'compareState' ? state.columns : [];
    };
    const [first, second] = lastColumns();
    assert.ok(first && second, 'two columns');
    assert.equal(first.status, 'complete');
    assert.equal(second.status, 'error');
    assert.ok(second.error?.actions.includes('retry'), 'the failed column offers Retry');
    const before = (await simRequests()).filter((r) => r.path.endsWith('/chat/completions')).length;
    posted.length = 0;
    await app.compare.receive({ type: 'errorAction', action: 'retry', messageId: second.id });
    const after = lastColumns();
    assert.deepEqual(after.map((c) => c.id), [first.id, second.id], 'the same columns, in place');
    assert.equal(after[1]?.status, 'complete');
    assert.equal(after[1]?.text, 'Answer from the simulator');
    assert.equal(after[0]?.text, first.text, 'the other answer is kept');
    const chats = (await simRequests()).filter((r) => r.path.endsWith('/chat/completions'));
    assert.equal(chats.length - before, 1, 'only the failed column was asked again');
    assert.ok(chats.at(-1)?.path.startsWith('/b/v1'), 'through the failed column\'s own key');
  });

  test('closing and reopening compare leaves one set of listeners', async () => {
    const { app } = await byok();
    for (let i = 0; i < 3; i++) {
      app.compare.show();
      await eventually(() => compareTabs().length === 1, 'the compare panel to open');
      await closeCompare();
    }
    posted.length = 0;
    app.compare.show();
    // Let the new webview finish its handshake before counting.
    await eventually(() => posted.some((m) => m.type === 'init'), 'the compare webview to be ready', 20_000);
    await new Promise((r) => setTimeout(r, 300));
    posted.length = 0;
    await vscode.workspace.getConfiguration('byok').update('organizationLabel', 'Listener count', vscode.ConfigurationTarget.Global);
    await eventually(() => posted.some((m) => m.type === 'compareState'), 'the compare state after a catalog change');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(posted.filter((m) => m.type === 'compareState').length, 1, 'one compareState per catalog change');
  });
});

suite('Language Model API: input from other extensions', () => {
  let key: AddKeyResult;
  let model: vscode.LanguageModelChat;

  async function drain(messages: vscode.LanguageModelChatMessage[], options: vscode.LanguageModelChatRequestOptions): Promise<string> {
    const response = await model.sendRequest(messages, options, new vscode.CancellationTokenSource().token);
    let text = '';
    for await (const chunk of response.text) text += chunk;
    return text;
  }

  async function chatRequests(): Promise<number> {
    return (await simRequests()).filter((r) => r.path.endsWith('/chat/completions')).length;
  }

  suiteSetup(async () => {
    await sim('reset', {});
    key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'lm input', apiKey: 'sk-lm-input-1234', baseUrl: `${simulatorUrl()}/v1` });
    model = await eventually(async () => (await vscode.lm.selectChatModels({ vendor: 'byok' })).find((m) => m.id === `${key.keyId}/sim-model-1`), 'the model in vscode.lm');
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    await app.keys.remove(key.keyId);
  });

  test('a bad max_tokens or temperature gets a clear error and nothing is sent', async () => {
    const sent = await chatRequests();
    const hi = [vscode.LanguageModelChatMessage.User('hi')];
    for (const [modelOptions, expected] of [
      [{ max_tokens: -5 }, /max_tokens must be at least 1/],
      [{ max_tokens: 12.5 }, /max_tokens must be a whole number/],
      [{ max_tokens: 'lots' }, /max_tokens must be a finite number/],
      [{ temperature: 7 }, /temperature must be from 0 to 2/],
    ] as const) {
      await assert.rejects(drain(hi, { modelOptions }), (e: Error) => expected.test(e.message), JSON.stringify(modelOptions));
    }
    assert.equal(await chatRequests(), sent, 'no request reached the provider');
  });

  test('a huge max_tokens is clamped to what the model can write', async () => {
    const { app } = await byok();
    const limit = app.catalog.find(model.id)!.info.maxOutputTokens;
    await sim('reply', { text: 'clamped' });
    assert.equal(await drain([vscode.LanguageModelChatMessage.User('hi')], { modelOptions: { max_tokens: 1e12 } }), 'clamped');
    const body = (await simRequests()).reverse().find((r) => r.path.endsWith('/chat/completions'))?.body as { max_tokens?: number; max_completion_tokens?: number };
    assert.equal(body.max_tokens ?? body.max_completion_tokens, limit);
  });

  test('bad tools, unknown tool results and an empty request get a clear error', async () => {
    const sent = await chatRequests();
    const hi = [vscode.LanguageModelChatMessage.User('hi')];
    const tool = (name: string, inputSchema?: object): vscode.LanguageModelChatTool => ({ name, description: 'a tool', ...(inputSchema ? { inputSchema } : {}) });
    await assert.rejects(drain(hi, { tools: [tool('bad name!')] }), /tool name "bad name!"/);
    await assert.rejects(drain(hi, { tools: [tool('search'), tool('search')] }), /two tools are named "search"/);
    await assert.rejects(drain(hi, { tools: [tool('search', { type: 'string' })] }), /must describe an object/);
    const orphanResult = vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart('ghost-call', [new vscode.LanguageModelTextPart('42')])]);
    await assert.rejects(drain([...hi, orphanResult], {}), /tool result refers to call "ghost-call"/);
    await assert.rejects(drain([], {}), /has no messages/);
    await assert.rejects(drain([vscode.LanguageModelChatMessage.User('')], {}), /has no messages/);
    assert.equal(await chatRequests(), sent, 'no request reached the provider');
  });

  test('a history tool call providers refuse, or an image for a model without vision, gets a clear error and nothing is sent', async () => {
    const { app } = await byok();
    assert.equal(app.catalog.find(model.id)!.info.vision, false, 'the simulator model has no vision');
    const sent = await chatRequests();
    const ask = vscode.LanguageModelChatMessage.User('list the files');
    const exchange = (name: string, input: unknown): vscode.LanguageModelChatMessage[] => [
      ask,
      vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelToolCallPart('hist-1', name, input as object)]),
      vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart('hist-1', [new vscode.LanguageModelTextPart('a.txt')])]),
    ];
    await assert.rejects(drain(exchange('bad name!', {}), {}), /tool call "hist-1" in the history names the tool "bad name!"/);
    await assert.rejects(drain(exchange('run', 'ls -la'), {}), /"hist-1" \(run\) in the history has input a string.*must be a JSON object/);
    await assert.rejects(drain(exchange('run', [1, 2]), {}), /"hist-1" \(run\) in the history has input an array/);
    // LanguageModelDataPart is in 1.104's runtime, not yet in its typings.
    const DataPart = (vscode as unknown as { LanguageModelDataPart: { image(data: Uint8Array, mime: string): unknown } }).LanguageModelDataPart;
    // A real 1x1 PNG: the workbench decodes (and may scale) an image before the provider sees it.
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
    const withImage = vscode.LanguageModelChatMessage.User([new vscode.LanguageModelTextPart('what is this?'), DataPart.image(png, 'image/png')] as vscode.LanguageModelTextPart[]);
    await assert.rejects(drain([withImage], {}), /contains an image, but this model does not take images/);
    assert.equal(await chatRequests(), sent, 'no request reached the provider');
  });

  test('a tool call whose arguments are not a JSON object ends the response with a clear error', async () => {
    await sim('reply', { text: 'Calling. ', toolCalls: [{ id: 'call_1', name: 'get_weather', argumentsJson: '[1,2]' }], finish: 'tool-calls' });
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('weather?')], {
      tools: [{ name: 'get_weather', description: 'weather', inputSchema: { type: 'object', properties: {} } }],
    }, new vscode.CancellationTokenSource().token);
    const parts: unknown[] = [];
    await assert.rejects((async () => { for await (const part of response.stream) parts.push(part); })(), /get_weather.*not a JSON object/);
    assert.ok(!parts.some((p) => p instanceof vscode.LanguageModelToolCallPart), 'no tool call with unusable input reached the caller');
  });
});
