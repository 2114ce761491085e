import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ByokApi } from '../../../src/extension';

const SDK_PACKAGE = /[\\/]node_modules[\\/](openai|@anthropic-ai[\\/]sdk|@google[\\/]genai|@aws-sdk)[\\/]/;

suite('activation', () => {
  let api: ByokApi;
  let root: string;
  /** Modules of this extension (and provider SDKs anywhere) in the extension host's real module cache. */
  const loaded = (): { ours: string[]; sdks: string[] } => {
    const keys = Object.keys(require.cache);
    return {
      ours: keys.filter((k) => k.startsWith(join(root, 'dist'))).map((k) => k.slice(root.length + 1)).sort(),
      sdks: keys.filter((k) => SDK_PACKAGE.test(k) || k.startsWith(join(root, 'dist', 'sdk'))),
    };
  };

  test('the extension activates without loading any provider SDK or the app', async () => {
    const ext = vscode.extensions.getExtension<ByokApi>('byok.byok');
    assert.ok(ext, 'byok.byok is installed in the host');
    root = ext.extensionPath;
    api = await ext.activate();
    const { ours, sdks } = loaded();
    assert.deepEqual(sdks, [], 'no provider SDK in require.cache after activate');
    assert.deepEqual(ours, [join('dist', 'extension.js')], 'only the bootstrap is loaded at activation');
    console.log(`    activation took ${api.activationMs.toFixed(2)} ms (goal: 15 ms or less)`);
  });

  test('registers its commands and the chat view', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['byok.openChat', 'byok.chatView.focus']) assert.ok(commands.includes(id), `${id} is registered`);
  });

  test('opening the chat loads the app but still no provider SDK', async () => {
    await vscode.commands.executeCommand('byok.openChat');
    await api.app();
    const { ours, sdks } = loaded();
    assert.ok(ours.includes(join('dist', 'app.js')), `the app chunk is loaded once used (loaded: ${ours.join(', ')})`);
    assert.deepEqual(sdks, [], 'SDKs wait for the first request');
  });
});
