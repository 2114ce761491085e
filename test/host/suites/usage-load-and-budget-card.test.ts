// Usage, second round: the journal loads without blocking the extension host (totals arrive when it is read,
// a request recorded meanwhile counts once), and a request the budget refuses shows an error card whose
// button opens the budget settings.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ErrorView, HostMessage } from '../../../src/core/protocol';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { UsageStore } from '../../../src/vscode/usage/usage-store';
import { byok, eventually, sim, simRequests, chatThroughSimulatorKey } from '../support';

const global = vscode.ConfigurationTarget.Global;
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('byok');

/** Replaces a function on one of VS Code's API namespaces for the length of `body`. */
async function spying<T extends object, K extends keyof T>(target: T, name: K, fake: T[K], body: () => Promise<void>): Promise<void> {
  const original = target[name];
  Object.defineProperty(target, name, { value: fake, configurable: true, writable: true });
  try { await body(); } finally { Object.defineProperty(target, name, { value: original, configurable: true, writable: true }); }
}

suite('usage: loading the journal without blocking, and the budget refusal card', () => {
  test('the usage journal loads without blocking: totals arrive with onDidChange, a request recorded meanwhile counts once', async () => {
    const { app } = await byok();
    const dir = mkdtempSync(join(tmpdir(), 'byok-usage-load-'));
    mkdirSync(dir, { recursive: true });
    const ROWS = 20_000;
    const now = Date.now();
    const lines: string[] = [];
    for (let i = 0; i < ROWS; i++) lines.push(JSON.stringify({ id: `old-${i}`, at: new Date(now - (ROWS - i) * 10).toISOString(), modelRef: 'openai/gpt-4.1', keyId: 'old', usage: { inputTokens: 1, outputTokens: 1 } }));
    writeFileSync(join(dir, 'usage.jsonl'), `${lines.join('\n')}\n`);
    const store = new UsageStore(dir, app.ctx.log);
    try {
      let fired = 0;
      store.onDidChange(() => { fired += 1; });
      assert.equal(store.isLoaded, false, 'the constructor returns before the journal is read');
      assert.ok(store.entries.length < ROWS, 'not all read synchronously');
      await store.record({ at: new Date(), target: { keyId: 'new', presetId: 'openai', modelId: 'gpt-4.1' }, usage: { inputTokens: 5, outputTokens: 5 }, origin: 'chat' }, undefined);
      await store.ready;
      assert.equal(store.isLoaded, true);
      assert.ok(fired >= 2, 'onDidChange for the request and again once the journal is loaded');
      assert.equal(store.entries.length, ROWS + 1, 'every old row and the new one');
      assert.equal(store.totals({ keyId: 'new' }).requests, 1, 'the request recorded meanwhile counts once');
      assert.equal(store.entries[store.entries.length - 1]!.keyId, 'new', 'and stays the newest');
      await store.refresh();
      assert.equal(store.entries.length, ROWS + 1, 'reading again adds nothing');
    } finally {
      store.dispose();
    }
  });

  suite('the budget refusal card', () => {
    let key: AddKeyResult;
    const posted: HostMessage[] = [];

    suiteSetup(async () => {
      await sim('reset', {});
      key = await chatThroughSimulatorKey('budget card key', 'sk-budget-card-9Xr4', posted);
    });

    suiteTeardown(async () => {
      await config().update('budget.monthlyUsd', undefined, global);
      await config().update('budget.action', undefined, global);
      const { app } = await byok();
      await app.keys.remove(key.keyId);
    });

    test('a request refused by the budget shows an error card with Raise budget, which opens the budget settings', async () => {
      const { app } = await byok();
      await config().update('budget.monthlyUsd', 0, global);
      await config().update('budget.action', 'block', global);
      const opened: unknown[][] = [];
      const execute = vscode.commands.executeCommand;
      const spy = ((command: string, ...args: unknown[]) => {
        if (command === 'workbench.action.openSettings') { opened.push([command, ...args]); return Promise.resolve(undefined); }
        return execute(command, ...args);
      }) as typeof vscode.commands.executeCommand;
      const quiet = (() => Promise.resolve(undefined)) as typeof vscode.window.showErrorMessage;
      await spying(vscode.window, 'showErrorMessage', quiet, () => spying(vscode.commands, 'executeCommand', spy, async () => {
        posted.length = 0;
        await app.chat.send('over budget?');
        const end = await eventually(() => posted.find((m): m is Extract<HostMessage, { type: 'messageEnd' }> => m.type === 'messageEnd' && m.status === 'error'), 'the refused answer');
        const error = end.error as ErrorView;
        assert.equal(error.kind, 'policy');
        assert.match(error.title, /budget/i, 'says the budget refused it, not the model policy');
        assert.match(error.detail, /byok\.budget\.monthlyUsd/);
        assert.deepEqual(error.actions, ['raiseBudget', 'chooseModel']);
        assert.equal((await simRequests()).filter((r) => r.path.endsWith('/chat/completions')).length, 0, 'nothing was sent');
        // The card survives a reload: the stored answer keeps the setting that refused it.
        await app.chat.sendState();
        const state = [...posted].reverse().find((m) => m.type === 'state');
        const stored = state?.type === 'state' ? state.state.messages.find((m) => m.id === end.id) : undefined;
        assert.deepEqual(stored?.error?.actions, ['raiseBudget', 'chooseModel']);
        await app.chatView.receive({ type: 'errorAction', action: 'raiseBudget', messageId: end.id });
        assert.deepEqual(opened, [['workbench.action.openSettings', 'byok.budget']]);
      }));
    });
  });
});
