import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostMessage } from '../../../src/core/protocol';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { byok, eventually, sim, simRequests, simulatorUrl, chatThroughSimulatorKey } from '../support';

const KEY = 'sk-chatsecret-9Kd3';

suite('chat session', () => {
  const posted: HostMessage[] = [];
  let key: AddKeyResult;

  suiteSetup(async () => {
    await sim('reset', {});
    key = await chatThroughSimulatorKey('chat', KEY, posted);
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    await app.keys.remove(key.keyId);
  });

  test('a prompt streams an answer through the chosen key and is saved', async () => {
    const { app } = await byok();
    await sim('reply', { text: 'Streamed through the router ✓', chunkChars: 4, usage: { input: 20, output: 8 } });
    posted.length = 0;
    await app.chat.send('hello?');
    const deltas = posted.filter((m) => m.type === 'delta').map((m) => (m.type === 'delta' ? m.text ?? '' : '')).join('');
    assert.equal(deltas, 'Streamed through the router ✓');
    const end = posted.find((m) => m.type === 'messageEnd');
    assert.ok(end?.type === 'messageEnd' && end.status === 'complete' && end.usage?.inputTokens === 20 && end.usage.outputTokens === 8);
    const request = (await simRequests()).reverse().find((r) => r.path === '/v1/chat/completions');
    assert.equal(request?.headers.authorization, `Bearer ${KEY}`);
    const state = [...posted].reverse().find((m) => m.type === 'state');
    assert.ok(state?.type === 'state');
    assert.equal(state.state.messages.length, 2);
    assert.equal(state.state.messages[1]?.model?.keyName, 'chat', 'the answer names the key that paid for it');
  });

  test('stop aborts the HTTP stream and keeps the partial answer as interrupted', async () => {
    const { app } = await byok();
    await sim('reply', { text: 'slow '.repeat(300), chunkChars: 5, frameDelayMs: 30 });
    posted.length = 0;
    const sending = app.chat.send('long please');
    await eventually(() => posted.some((m) => m.type === 'delta'), 'the first delta');
    app.chat.stop();
    await sending;
    const end = posted.find((m) => m.type === 'messageEnd');
    assert.ok(end?.type === 'messageEnd');
    assert.equal(end.status, 'interrupted');
    const state = [...posted].reverse().find((m) => m.type === 'state');
    const last = state?.type === 'state' ? state.state.messages.at(-1) : undefined;
    assert.ok(last && last.text.startsWith('slow') && last.text.length < 1500, 'partial text kept');
  });

  test('no key in anything posted to the webview or saved to disk', async () => {
    const { app } = await byok();
    assert.ok(posted.length > 0);
    assert.ok(!JSON.stringify(posted).includes(KEY), 'not in webview messages');
    const dir = join(app.ctx.context.globalStorageUri.fsPath, 'conversations');
    const files = readdirSync(dir);
    assert.ok(files.length > 0, 'conversations are saved');
    for (const f of files) assert.ok(!readFileSync(join(dir, f), 'utf8').includes(KEY), `not in ${f}`);
  });
});

suite('chat session: a stream that breaks', () => {
  test('keeps the partial answer and shows the classified error, with no retry on another key', async () => {
    const { app } = await byok();
    await sim('reset', {});
    const key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'breaks', apiKey: 'sk-breaks-1234', baseUrl: `${simulatorUrl()}/v1` });
    const model = app.catalog.models().find((m) => m.id === `${key.keyId}/sim-model-1`);
    assert.ok(model);
    await app.selection.choose('chat', { byok: model });
    const posted: HostMessage[] = [];
    app.chat.attach((m) => posted.push(m));
    await app.chat.newChat();
    await sim('reply', { text: 'The first half arrives, then the connection drops…', chunkChars: 6 });
    await sim('fault', { kind: 'reset-mid-stream', pathIncludes: '/chat/completions' });
    const before = (await simRequests()).length;
    await app.chat.send('tell me');
    const end = posted.find((m) => m.type === 'messageEnd');
    assert.ok(end?.type === 'messageEnd');
    assert.equal(end.status, 'error');
    assert.equal(end.error?.kind, 'network');
    assert.ok(end.error?.actions.includes('retry'));
    const state = [...posted].reverse().find((m) => m.type === 'state');
    const last = state?.type === 'state' ? state.state.messages.at(-1) : undefined;
    assert.ok(last && last.text.length > 0 && 'The first half arrives, then the connection drops…'.startsWith(last.text), `partial text kept: ${last?.text}`);
    const after = (await simRequests()).slice(before).filter((r) => r.path.endsWith('/chat/completions'));
    assert.equal(after.length, 1, 'a stream that broke after the first token is not replayed');
    await app.keys.remove(key.keyId);
  });
});
