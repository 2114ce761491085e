// The first use in the real extension host: services created on first access, the V8 code cache of
// dist/app.js (where it lives, what it holds, what a damaged one does), and what a user's first command costs.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { loadWithCodeCache } from '../../../src/core/code-cache';
import type { ByokApi } from '../../../src/extension';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { byok, eventually, sim, simulatorUrl } from '../support';

const LAZY = ['usagePanel', 'addKey', 'manageKeys', 'openRouterSignIn', 'lmProvider', 'picker', 'conversations', 'chat', 'chatView', 'compare', 'edit', 'ask'] as const;
const SECRET = 'first-use-cache-secret-7f3a9c';
const load = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' ');

suite('first use: lazy services, the code cache, and the first command', () => {
  let key: AddKeyResult | undefined;

  suiteTeardown(async () => {
    const { app } = await byok();
    if (key) await app.keys.remove(key.keyId);
    await sim('reset', {});
  });

  test('the first command a user runs, whole: Add Key up to its (cancelled) provider list, then the chat view until its webview is ready', async () => {
    const ext = vscode.extensions.getExtension<ByokApi>('byok.byok')!;
    const api = await ext.activate();
    const original = vscode.window.showQuickPick;
    let listed = 0;
    (vscode.window as { showQuickPick: unknown }).showQuickPick = (items: readonly vscode.QuickPickItem[]) => { listed = items.length; return Promise.resolve(undefined); };
    const t = performance.now();
    try {
      await vscode.commands.executeCommand('byok.addKey');
    } finally {
      (vscode.window as { showQuickPick: unknown }).showQuickPick = original;
    }
    const addKeyMs = performance.now() - t;
    assert.ok(listed > 5, 'Add Key showed its provider list');
    const first = api.firstUse?.();
    const cold = first !== undefined && first.at >= t;
    // The chat view from closed to its webview saying ready (the app is loaded by now).
    const app = await api.app();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    let ready = 0;
    const chat = app.chat;
    const viewReady = chat.viewReady.bind(chat);
    chat.viewReady = () => { ready = performance.now(); viewReady(); };
    const opened = performance.now();
    try {
      await vscode.commands.executeCommand('byok.openChat');
      await eventually(() => ready || undefined, 'the chat webview to say ready', 20_000);
    } finally {
      chat.viewReady = viewReady;
    }
    console.log(`    first command, whole: byok.addKey to its provider list ${addKeyMs.toFixed(1)} ms (${cold ? `the first use in this host: app ready after ${first?.totalMs.toFixed(1)} ms, code cache ${first?.cache}` : 'the app was already loaded by an earlier suite'}); `
      + `opening the chat view until its webview is ready ${(ready - opened).toFixed(1)} ms; load ${load()}`);
  });

  test('the pre-build in a worker thread: with no code cache after activation, one is written without loading the app; the first use takes it and replaces it once with its own', async () => {
    const { api } = await byok();
    // Recorded when the worker's pre-build finished, right after activation (the suite index waits for it, as a
    // window open for a moment would), before anything asked for the app.
    const prebuilt = api.codeCache?.().prebuilt;
    assert.ok(prebuilt, 'the pre-build ran after activation');
    assert.equal(prebuilt.outcome, 'written', `a fresh profile has no cache: one was written (${prebuilt.error ?? prebuilt.outcome})`);
    assert.equal(prebuilt.appLoaded, false, 'the app was not loaded: no first use, no service');
    console.log(`    pre-build of the code cache in a worker thread: ${prebuilt.outcome} ${prebuilt.ms.toFixed(1)} ms after activation (compiled, not run; none of it on the host's thread); load ${load()}`);
    const first = api.firstUse?.();
    assert.ok(first && first.cache === 'prebuilt', `the first use loaded dist/app.js from the pre-built cache (code cache: ${first?.cache})`);
    const saved = await eventually(() => api.codeCache?.().saved, 'the post-run cache to be written', 15_000);
    assert.deepEqual(saved, { written: true }, 'the first use replaced the pre-built cache with its own');
    const files = readdirSync(api.codeCache!().dir!);
    assert.equal(files.length, 1, `one cache file (found ${files.join(', ')})`);
    assert.match(files[0]!, /^v8-[0-9a-f]{16}-[0-9a-f]{16}\.bin$/, 'the post-run cache, no longer the pre-built one');
  });

  test('the first paint after createApp (status items, walkthrough context keys, policy check) still happens, right after the command that loaded the app', async () => {
    const { app } = await byok();
    const ms = await eventually(() => app.firstPaintMs, 'the first paint');
    const values = app.walkthrough.values();
    assert.equal(typeof values['byok.hasKeys'], 'boolean', 'the walkthrough context keys are set');
    assert.equal(typeof values['byok.hasChatModel'], 'boolean');
    console.log(`    first paint after the app was ready: ${ms.toFixed(1)} ms (status bar, inline status item, walkthrough keys, policy check); load ${load()}`);
  });

  test('lazy services: none is created with the app; each is created on its first access, once', async () => {
    const { api, app } = await byok();
    assert.deepEqual(api.firstUse?.()?.services, [], 'createApp created no feature service');
    for (const name of LAZY) {
      const service = app[name];
      assert.ok(service, `${name} exists on first access`);
      assert.equal(app[name], service, `${name} is created once`);
      assert.ok(app.created().includes(name), `${name} is listed as created`);
    }
  });

  test('the code cache: one file of V8 data in the extension\'s global storage, no key in it, and V8 accepts it', async () => {
    const { api } = await byok();
    key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'first-use cache', apiKey: SECRET, baseUrl: `${simulatorUrl()}/v1` });
    const dir = api.codeCache?.().dir;
    assert.ok(dir, 'a local global storage holds the cache');
    const saved = await eventually(() => api.codeCache?.().saved ?? (api.firstUse?.()?.cache === 'used' ? { written: false } : undefined), 'the code cache to be written', 15_000);
    assert.ok(!saved.error, saved.error);
    const files = readdirSync(dir);
    assert.equal(files.length, 1, `one cache file (found ${files.join(', ')})`);
    assert.match(files[0]!, /^v8-[0-9a-f]{16}-[0-9a-f]{16}\.bin$/);
    const data = readFileSync(join(dir, files[0]!));
    for (const needle of [SECRET, 'first-use cache', simulatorUrl(), files[0]!.slice(3, 19)]) {
      assert.ok(!data.includes(needle), `the cache does not contain ${needle === SECRET ? 'the secret' : needle}`);
    }
    const ext = vscode.extensions.getExtension<ByokApi>('byok.byok')!;
    const appPath = join(ext.extensionPath, 'dist', 'app.js');
    const original = require.cache[appPath];
    try {
      const loaded = loadWithCodeCache<{ createApp: unknown }>(appPath, { dir, version: String((ext.packageJSON as { version: string }).version), scriptName: `${appPath}#first-use-accepted` });
      assert.equal(loaded.outcome, 'used', 'V8 takes the cache the first use wrote');
      assert.equal(typeof loaded.exports.createApp, 'function');
    } finally {
      if (original) require.cache[appPath] = original;
    }
  });

  test('a damaged code cache in global storage: dist/app.js still loads (compiled), and a good cache replaces it', async () => {
    const { api } = await byok();
    const dir = api.codeCache?.().dir;
    assert.ok(dir);
    const [name] = readdirSync(dir);
    assert.ok(name, 'the cache written by the first use');
    const good = readFileSync(join(dir, name));
    const ext = vscode.extensions.getExtension<ByokApi>('byok.byok')!;
    const appPath = join(ext.extensionPath, 'dist', 'app.js');
    const version = String((ext.packageJSON as { version: string }).version);
    const original = require.cache[appPath];
    try {
      writeFileSync(join(dir, name), Buffer.concat([good.subarray(0, 64), Buffer.alloc(good.length - 64, 0x41)]));
      const damaged = loadWithCodeCache<{ createApp: unknown }>(appPath, { dir, version, scriptName: `${appPath}#first-use-damaged` });
      assert.equal(damaged.outcome, 'damaged');
      assert.equal(typeof damaged.exports.createApp, 'function', 'the app loads all the same');
      assert.deepEqual(damaged.save(), { written: true });
      const again = loadWithCodeCache<{ createApp: unknown }>(appPath, { dir, version, scriptName: `${appPath}#first-use-rewritten` });
      assert.equal(again.outcome, 'used', 'the rewritten cache is taken');
    } finally {
      if (original) require.cache[appPath] = original;
      // Leave the cache as the first use wrote it for any later suite.
      for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
      writeFileSync(join(dir, name), good);
    }
  });
});
