// Usage in the running product: a ledger row for every origin (chat, compare, LM API, inline) with the
// provider's request id (the chat answer shows the same one), the usage panel refreshing live, the CSV
// export, the budget's notices and its block, and the organization's host controls, none of which a
// workspace can loosen.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LedgerEntry } from '../../../src/core/chat/usage-ledger';
import type { HostMessage } from '../../../src/core/protocol';
import type { StreamPart } from '../../../src/core/providers/types';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { BudgetController } from '../../../src/vscode/usage/budget-controller';
import { renameKey } from '../../../src/vscode/keys/manage-keys';
import { byok, eventually, sim, simRequests, simulatorUrl, chatThroughSimulatorKey } from '../support';

const KEY = 'sk-usage-key-7Qp2';
const global = vscode.ConfigurationTarget.Global;
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('byok');
const hello = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }] };
// $1 and $2 per million tokens for the simulator's model, through byok.pricing.
const PRICING = { 'openai-compatible/sim-model-1': { input: 1, output: 2 } };
const SETTINGS = ['pricing', 'budget.monthlyUsd', 'budget.action', 'allowCustomHosts', 'allowedHosts'];

/** A refusal by the organization's policy naming `setting` (checked by shape: the error comes from the extension's own bundle). */
function refusedBy(setting: string, message?: RegExp): (e: unknown) => boolean {
  return (e: unknown) => {
    const x = e as { name?: string; kind?: string; code?: string; message?: string };
    return x.name === 'ProviderError' && x.kind === 'policy' && x.code === setting && (!message || message.test(x.message ?? ''));
  };
}

async function drain(stream: AsyncIterable<StreamPart>): Promise<void> {
  for await (const _ of stream) { /* read */ }
}

/** Replaces a function on one of VS Code's API namespaces for the length of `body`. */
async function spying<T extends object, K extends keyof T>(target: T, name: K, fake: T[K], body: () => Promise<void>): Promise<void> {
  const original = target[name];
  Object.defineProperty(target, name, { value: fake, configurable: true, writable: true });
  try { await body(); } finally { Object.defineProperty(target, name, { value: original, configurable: true, writable: true }); }
}

suite('usage: ledger, panel, export, budget and organization controls', () => {
  let key: AddKeyResult;
  const posted: HostMessage[] = [];

  suiteSetup(async () => {
    await sim('reset', {});
    await config().update('pricing', PRICING, global);
    key = await chatThroughSimulatorKey('usage key', KEY, posted);
  });

  suiteTeardown(async () => {
    for (const s of SETTINGS) await config().update(s, undefined, global);
    const { app } = await byok();
    await app.keys.remove(key.keyId);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const rowsOf = async (origin: string): Promise<readonly LedgerEntry[]> => {
    const { app } = await byok();
    return app.usage.entries.filter((e) => e.keyId === key.keyId && e.origin === origin);
  };

  test('chat, compare, LM API and inline requests each leave a full row; the chat answer shows the same request id', async () => {
    const { app } = await byok();
    await sim('reply', { text: 'Answer', usage: { input: 1000, output: 500, cached: 200 } });
    posted.length = 0;
    await app.chat.send('how much?');
    const end = posted.find((m) => m.type === 'messageEnd');
    assert.ok(end?.type === 'messageEnd');
    const [chat] = await rowsOf('chat');
    assert.ok(chat, 'a chat row');
    assert.equal(chat.keyName, 'usage key');
    assert.equal(chat.host, new URL(simulatorUrl()).host);
    assert.equal(chat.outcome, 'ok');
    assert.match(chat.requestId ?? '', /^req_chatcmpl-sim/);
    assert.equal(end.usage?.requestId, chat.requestId, 'the answer details show the ledger\'s request id');
    assert.deepEqual(chat.usage, { inputTokens: 1000, outputTokens: 500, cachedInputTokens: 200 });
    // byok.pricing: 1000 in at $1/M (no cached price: input price) + 500 out at $2/M, exactly as the simulator reported.
    assert.ok(Math.abs((chat.usd ?? -1) - 0.002) < 1e-12);
    assert.ok(Math.abs((end.usage?.costUsd ?? -1) - 0.002) < 1e-12, 'the chat shows the same cost');
    assert.ok((chat.latencyMs ?? -1) >= 0 && chat.ttftMs !== undefined);

    await app.compare.receive({ type: 'compareRun', text: 'compare', modelIds: [`${key.keyId}/sim-model-1`, `${key.keyId}/sim-model-2`] });
    await eventually(async () => ((await rowsOf('compare')).length === 2) || undefined, 'two compare rows');

    const model = await eventually(async () => (await vscode.lm.selectChatModels({ vendor: 'byok' })).find((m) => m.id === `${key.keyId}/sim-model-1`), 'the model in vscode.lm');
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('hi')], {}, new vscode.CancellationTokenSource().token);
    for await (const _ of response.text) { /* read */ }
    await eventually(async () => ((await rowsOf('lm-api')).length === 1) || undefined, 'an LM API row');

    // Inline completions meter under their own origin through the same router (another feature builds them).
    await drain(app.router.stream({ keyId: key.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'inline'));
    const [inline] = await rowsOf('inline');
    assert.ok(inline?.requestId);
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    assert.ok(app.usage.totals({ since: start, origin: 'inline' }).requests >= 1, 'totals by origin for the inline status item');

    // What is on disk for other windows carries no key.
    const journal = readFileSync(join(app.ctx.context.globalStorageUri.fsPath, 'usage', 'usage.jsonl'), 'utf8');
    assert.ok(!journal.includes(KEY));
  });

  test('the usage panel opens with the totals and refreshes while open', async () => {
    const { app } = await byok();
    await vscode.commands.executeCommand('byok.showUsage');
    const first = await eventually(() => app.usagePanel.lastPosted, 'the panel to receive its summary', 20_000);
    assert.ok(first.type === 'summary');
    const before = first.summary.today.requests;
    assert.ok(first.summary.byKey.some((r) => r.name === 'usage key'));
    await sim('reply', { text: 'More', usage: { input: 10, output: 10 } });
    await drain(app.router.stream({ keyId: key.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'chat'));
    await eventually(() => { const m = app.usagePanel.lastPosted; return m?.type === 'summary' && m.summary.today.requests === before + 1 ? true : undefined; }, 'the panel to refresh');
    await vscode.commands.executeCommand('byok.showRequestLog');
    assert.equal(app.usagePanel.lastPosted?.type === 'summary' && app.usagePanel.lastPosted.tab, 'log');
  });

  test('Export Usage writes a CSV with one row per request and every field', async () => {
    const { app } = await byok();
    const dir = mkdtempSync(join(tmpdir(), 'byok-export-'));
    try {
      const target = vscode.Uri.file(join(dir, 'usage.csv'));
      await vscode.commands.executeCommand('byok.exportUsage', target);
      const lines = readFileSync(target.fsPath, 'utf8').trim().split('\r\n');
      assert.match(lines[0]!, /^time,origin,provider,model,key_name,key_id,host,outcome,latency_ms,time_to_first_token_ms,request_id,input_uncached_tokens,cache_read_tokens/);
      assert.equal(lines.length - 1, app.usage.entries.length);
      assert.ok(lines.some((l) => l.includes(',usage key,') && l.includes('req_chatcmpl-sim')));
      assert.ok(!lines.join('\n').includes(KEY));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the budget notice appears once a threshold is crossed', async () => {
    const { app } = await byok();
    await app.ctx.context.globalState.update('byok.budget.notices', undefined);
    const spent = app.usage.month().usd;
    assert.ok(spent > 0);
    const shown: string[] = [];
    const record = (message: string): Promise<undefined> => { shown.push(message); return Promise.resolve(undefined); };
    try {
      await spying(vscode.window, 'showInformationMessage', record as typeof vscode.window.showInformationMessage, () => spying(vscode.window, 'showWarningMessage', record as typeof vscode.window.showWarningMessage, async () => {
        // Setting the budget is enough: the notice comes from the settings change, without another request.
        await config().update('budget.monthlyUsd', spent / 0.8, global); // 80 % spent
        await eventually(() => shown.some((m) => /75 % of your monthly budget/.test(m)) || undefined, 'the 75 % notice');
        assert.deepEqual(await app.budget.check(), [], 'once per month');
      }));
      assert.equal(shown.filter((m) => /monthly budget/.test(m)).length, 1, 'one notice for a jump past 50 and 75 %');
      assert.match(app.budget.tooltipLine(), /This month: .* budget \(80 %\)/);
    } finally {
      await config().update('budget.monthlyUsd', undefined, global);
    }
  });

  test("renaming a key keeps its per-key budget (the setting follows the key's new name)", async () => {
    const { app } = await byok();
    const k = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'budgeted', apiKey: 'sk-budgeted-key-77', baseUrl: `${simulatorUrl()}/v1` });
    try {
      await config().update('budget.perKey', { Budgeted: 5, other: 2 }, global);
      await renameKey(app.keys, app.keys.get(k.keyId)!, 'team budget');
      assert.deepEqual(config().inspect('budget.perKey')?.globalValue, { other: 2, 'team budget': 5 });
      assert.equal(app.keys.get(k.keyId)?.name, 'team budget');
    } finally {
      await config().update('budget.perKey', undefined, global);
      await app.keys.remove(k.keyId);
    }
  });

  test('two windows crossing a budget threshold together show its notice once between them', async () => {
    const { app } = await byok();
    const spent = app.usage.month().usd;
    const noticeDir = mkdtempSync(join(tmpdir(), 'byok-notices-'));
    // Two windows: the same usage and notice folder, each its own (not yet synced) globalState.
    const windowState = (): vscode.Memento => {
      const data = new Map<string, unknown>();
      return { keys: () => [...data.keys()], get: <T>(k: string, d?: T) => (data.has(k) ? data.get(k) as T : d) as T, update: (k: string, v: unknown) => { data.set(k, v); return Promise.resolve(); } };
    };
    const silent = (() => Promise.resolve(undefined)) as typeof vscode.window.showInformationMessage;
    const controllers: BudgetController[] = [];
    try {
      await spying(vscode.window, 'showInformationMessage', silent, () => spying(vscode.window, 'showWarningMessage', silent, async () => {
        await config().update('budget.monthlyUsd', spent / 0.8, global);
        for (let i = 0; i < 2; i++) controllers.push(new BudgetController({ usage: app.usage, state: windowState(), keyName: () => undefined, log: app.ctx.log, noticeDir }));
        const shown = await Promise.all(controllers.map((c) => c.check()));
        assert.equal(shown.flat().length, 1, `one window shows the notice, not both (got ${JSON.stringify(shown)})`);
      }));
    } finally {
      for (const c of controllers) c.dispose();
      await config().update('budget.monthlyUsd', undefined, global);
    }
  });

  test('block refuses every request at 100 % with a clear error and nothing is sent; pauseInline stops inline only', async () => {
    const { app } = await byok();
    const t = { keyId: key.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' };
    const quiet = (() => Promise.resolve(undefined)) as typeof vscode.window.showErrorMessage;
    try {
      await config().update('budget.monthlyUsd', 0, global);
      await config().update('budget.action', 'block', global);
      await sim('reset', {});
      await spying(vscode.window, 'showErrorMessage', quiet, async () => {
        await assert.rejects(drain(app.router.stream(t, hello, new AbortController().signal, 'chat')), refusedBy('byok.budget.monthlyUsd', /raised/));
        assert.equal((await simRequests()).filter((r) => r.path.endsWith('/chat/completions')).length, 0, 'nothing was sent');
        await config().update('budget.action', 'pauseInline', global);
        await assert.rejects(drain(app.router.stream(t, hello, new AbortController().signal, 'inline')), refusedBy('byok.budget.monthlyUsd'));
        await drain(app.router.stream(t, hello, new AbortController().signal, 'chat'));
      });
    } finally {
      await config().update('budget.monthlyUsd', undefined, global);
      await config().update('budget.action', undefined, global);
    }
  });

  test('allowCustomHosts: false refuses a custom host for requests and new keys, and a workspace cannot turn it back on', async () => {
    const { app } = await byok();
    await config().update('allowCustomHosts', false, global);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    const dir = join(folder, '.vscode');
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(join(dir, 'settings.json'), JSON.stringify({ 'byok.allowCustomHosts': true, 'byok.allowedHosts': ['*'], 'byok.budget.action': 'warn', 'byok.inline.model': 'openai-compatible/sim-model-2' }));
      await eventually(() => config().inspect('inline.model')?.workspaceValue === 'openai-compatible/sim-model-2' || undefined, 'VS Code to read the workspace settings');
      await sim('reset', {});
      await assert.rejects(drain(app.router.stream({ keyId: key.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'chat')),
        refusedBy('byok.allowCustomHosts'));
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('byok.addKey', { provider: 'openai-compatible', name: 'refused host', apiKey: 'sk-refused-0001', baseUrl: `${simulatorUrl()}/v1` })), /custom host/);
      assert.equal((await simRequests()).length, 0, 'the refused host received nothing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await config().update('allowCustomHosts', undefined, global);
    }
    // allowedHosts naming the team gateway lets it through again.
    await config().update('allowCustomHosts', false, global);
    await config().update('allowedHosts', [new URL(simulatorUrl()).host], global);
    await drain(app.router.stream({ keyId: key.keyId, presetId: 'openai-compatible', modelId: 'sim-model-1' }, hello, new AbortController().signal, 'chat'));
    await config().update('allowedHosts', undefined, global);
    await config().update('allowCustomHosts', undefined, global);
  });
});
