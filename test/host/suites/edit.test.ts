// Edit Selection and Ask About Selection in a real extension host, against the simulator.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage } from '../../../src/core/protocol';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { editReplies } from '../../support/simulator/edit-replies';
import { byok, eventually, sim, simRequests, simulatorUrl } from '../support';

const KEY = 'sk-editsecret-7Qp2';
const SOURCE = [
  'export function total(items: number[]) {',
  '  let t = 0;',
  '  for (const i of items) {',
  '    t += i;',
  '  }',
  '  return t;',
  '}',
  '',
  'export const answer = 42;',
  '',
].join('\n');
/** Lines 1-5 of SOURCE rewritten (the selection is lines 1-5). */
const BODY = ['  let sum = 0;', '  for (const i of items) {', '    sum += i;', '  }', '  return sum;'].join('\n');

interface SimRecord { id: number; path: string; body: unknown; closedEarly: boolean }

/** Runs Edit Selection as a user who types `instruction` into its box (an argument would only pre-fill it). */
async function runEdit(instruction: string): Promise<unknown> {
  const { app } = await byok();
  const prompts = app.edit.prompts;
  const typed = { ...prompts, instruction: (): Promise<string> => { app.edit.prompts = prompts; return Promise.resolve(instruction); } };
  app.edit.prompts = typed;
  try {
    return await vscode.commands.executeCommand('byok.editSelection');
  } finally {
    if (app.edit.prompts === typed) app.edit.prompts = prompts;
  }
}

async function openFile(name: string, text: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host tests open a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

function select(editor: vscode.TextEditor, startLine: number, endLine: number): void {
  editor.selection = new vscode.Selection(startLine, 0, endLine, editor.document.lineAt(endLine).text.length);
}

async function proposalReady(): Promise<NonNullable<Awaited<ReturnType<typeof byok>>['app']['edit']['pending']>> {
  const { app } = await byok();
  return eventually(() => (app.edit.pending?.phase === 'review' ? app.edit.pending : undefined), 'the proposal to be ready');
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('edit selection', () => {
  let key: AddKeyResult;
  const shown: string[] = [];
  let restoreMessages: (() => void) | undefined;

  suiteSetup(async () => {
    await sim('reset', {});
    key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'editing', apiKey: KEY, baseUrl: `${simulatorUrl()}/v1` });
    const { app } = await byok();
    const model = app.catalog.models().find((m) => m.id === `${key.keyId}/sim-model-2`);
    assert.ok(model);
    await app.selection.choose('inline', { byok: model });
    // Messages are recorded instead of shown (a host test cannot click them away).
    const original = vscode.window.showInformationMessage;
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = (message: string) => { shown.push(message); return Promise.resolve(undefined); };
    restoreMessages = () => { (vscode.window as { showInformationMessage: unknown }).showInformationMessage = original; };
  });

  suiteTeardown(async () => {
    restoreMessages?.();
    const { app } = await byok();
    app.edit.reject();
    await app.keys.remove(key.keyId);
    await vscode.workspace.getConfiguration('byok').update('inline.model', undefined, vscode.ConfigurationTarget.Global);
    await app.ctx.context.globalState.update('byok.edit.recentInstructions', undefined);
    await closeAll();
  });

  setup(async () => {
    shown.length = 0;
    await sim('reset', {});
  });

  teardown(async () => {
    const { app } = await byok();
    app.edit.reject();
    await closeAll();
  });

  test('a proposal is not applied before Accept; Accept applies exactly the proposal in one undo step', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-accept.ts', SOURCE);
    select(editor, 1, 5);
    await sim('reply', editReplies.rewrite(BODY));
    const before = app.usage.today();
    // Every request goes through the router, marked as an edit.
    const origins: string[] = [];
    const stream = app.router.stream.bind(app.router);
    app.router.stream = (target, request, signal, origin) => { origins.push(origin); return stream(target, request, signal, origin); };
    try {
      await runEdit('rename t to sum');
      await proposalReady();
    } finally {
      app.router.stream = stream;
    }
    assert.deepEqual(origins, ['edit']);
    const pending = await proposalReady();
    assert.equal(editor.document.getText(), SOURCE, 'the document is untouched while the proposal is pending');
    assert.equal(editor.document.isDirty, false, 'nothing to save: the proposal is not in the document');
    assert.ok(pending.hunks.length >= 1);
    // The request went to the inline model through this key, with the selection and the instruction.
    const request = (await simRequests()).reverse().find((r) => r.path === '/v1/chat/completions');
    const body = JSON.stringify(request?.body);
    assert.equal(request?.headers.authorization, `Bearer ${KEY}`);
    assert.ok(body.includes('sim-model-2') && body.includes('rename t to sum') && body.includes('t += i;'));
    // Status line: model, key, tokens and cost; and the usage was metered.
    assert.match(pending.status, /sim-model-2.*key "editing".*321 in \/ 45 out tokens/);
    await eventually(() => app.usage.today().inputTokens >= before.inputTokens + 321 || undefined, 'the edit to be metered');

    assert.equal(await vscode.commands.executeCommand('byok.acceptEdit'), true);
    const expected = SOURCE.replace(/ {2}let t = 0;[\s\S]*?return t;/, BODY);
    assert.equal(editor.document.getText(), expected);
    assert.equal(app.edit.pending, undefined);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SOURCE, 'one undo step brings the original back');
  });

  test('Accept All with several hunks is one undo step', async () => {
    const editor = await openFile('edit-all.ts', SOURCE);
    select(editor, 0, 8);
    const rewritten = SOURCE.split('\n').slice(0, 9);
    rewritten[0] = 'export function total(items: readonly number[]) {';
    rewritten[5] = '  return t; // done';
    rewritten[8] = 'export const answer = 43;';
    await sim('reply', editReplies.rewrite(rewritten.join('\n')));
    await runEdit('three changes');
    const pending = await proposalReady();
    assert.equal(pending.hunks.length, 3);
    await vscode.commands.executeCommand('byok.acceptEdit');
    assert.equal(editor.document.getText(), [...rewritten, ''].join('\n'));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SOURCE, 'one undo step for all three hunks');
  });

  test('Reject restores the original byte for byte (CRLF, tabs, trailing spaces, no final newline)', async () => {
    const { app } = await byok();
    const original = 'a = 1  \r\n\tb = 2\r\nc = 3\t\r\nd = 4';
    const editor = await openFile('edit-reject.py', original);
    select(editor, 0, 3);
    await sim('reply', editReplies.rewrite('a = 10\nb = 20\nc = 3\nd = 40', 'py'));
    await runEdit('multiply by ten');
    await proposalReady();
    await vscode.commands.executeCommand('byok.rejectEdit');
    assert.equal(app.edit.pending, undefined);
    assert.equal(editor.document.getText(), original);
    assert.equal(editor.document.isDirty, false);
  });

  test('Accept keeps CRLF line endings and handles the last line of the file', async () => {
    const original = 'x = 1\r\ny = 2';
    const editor = await openFile('edit-crlf.py', original);
    select(editor, 0, 1);
    await sim('reply', editReplies.rewrite('x = 1\ny = 3\nz = 4', 'py'));
    await runEdit('change y, add z');
    await proposalReady();
    await vscode.commands.executeCommand('byok.acceptEdit');
    assert.equal(editor.document.getText(), 'x = 1\r\ny = 3\r\nz = 4');
  });

  test('per-hunk Accept applies only that hunk; undo once gets the original back', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-hunks.ts', SOURCE);
    select(editor, 0, 8);
    const rewritten = SOURCE.split('\n').slice(0, 9);
    rewritten[1] = '  let t = 0; // running total';
    rewritten[8] = 'export const answer = 43;';
    await sim('reply', editReplies.rambling(rewritten.join('\n')));
    await runEdit('two changes');
    const pending = await proposalReady();
    assert.equal(pending.hunks.length, 2, 'rambling prose around the block is dropped; two separate hunks');
    // The CodeLens offers Accept and Reject for each hunk.
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const hunkAccepts = lenses.filter((l) => l.command?.command === 'byok.acceptEditHunk');
    assert.equal(hunkAccepts.length, 2);
    assert.equal(lenses.filter((l) => l.command?.command === 'byok.rejectEditHunk').length, 2);
    const second = hunkAccepts.find((l) => l.range.start.line === 8);
    assert.ok(second?.command);
    await vscode.commands.executeCommand(second.command.command, ...((second.command.arguments ?? []) as unknown[]));
    assert.equal(editor.document.getText(), SOURCE.replace('answer = 42', 'answer = 43'));
    assert.equal(app.edit.pending?.hunks.length, 1, 'the other hunk is still pending');
    await vscode.commands.executeCommand('byok.rejectEdit');
    assert.equal(editor.document.getText(), SOURCE.replace('answer = 42', 'answer = 43'));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SOURCE);
  });

  test('a line typed above a pending proposal moves it; Accept lands on the right lines', async () => {
    const editor = await openFile('edit-moved.ts', SOURCE);
    select(editor, 1, 5);
    await sim('reply', editReplies.rewrite(BODY));
    await runEdit('rename t to sum');
    await proposalReady();
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// header 1\n// header 2\n'));
    const { app } = await byok();
    assert.ok(app.edit.pending, 'still pending after an edit above it');
    // A change below it too.
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount - 1, 0), '// footer\n'));
    await vscode.commands.executeCommand('byok.acceptEdit');
    const expected = `// header 1\n// header 2\n${SOURCE.replace(/ {2}let t = 0;[\s\S]*?return t;/, BODY)}`.replace(/\n$/, '\n// footer\n');
    assert.equal(editor.document.getText(), expected);
  });

  test('an edit on the lines of a pending hunk withdraws the proposal; nothing of it is applied', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-conflict.ts', SOURCE);
    select(editor, 1, 5);
    await sim('reply', editReplies.rewrite(BODY));
    await runEdit('rename t to sum');
    await proposalReady();
    await editor.edit((e) => e.insert(new vscode.Position(3, 4), 'x; '));
    assert.equal(app.edit.pending, undefined, 'withdrawn');
    assert.ok(shown.some((m) => /withdrawn/.test(m)), 'with a message');
    assert.equal(editor.document.getText(), SOURCE.replace('    t += i;', '    x; t += i;'), 'only the user\'s edit is in the document');
    assert.equal(await vscode.commands.executeCommand('byok.acceptEdit'), false, 'nothing left to accept');
  });

  test('Stop (Esc) cancels the request: the socket closes and nothing changes', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-cancel.ts', SOURCE);
    select(editor, 1, 5);
    await sim('reply', editReplies.slow(BODY));
    const running = runEdit('slowly');
    await eventually(() => app.edit.pending?.phase === 'streaming' || undefined, 'streaming');
    const request = await eventually(async () => (await simRequests() as unknown as SimRecord[]).reverse().find((r) => r.path === '/v1/chat/completions'), 'the request');
    await vscode.commands.executeCommand('byok.cancelEdit');
    await running;
    assert.equal(app.edit.pending, undefined);
    await eventually(async () => (await simRequests() as unknown as SimRecord[]).find((r) => r.id === request.id)?.closedEarly || undefined, 'the simulator to see the connection close');
    assert.equal(editor.document.getText(), SOURCE);
  });

  test('a second Edit Selection while one is pending asks: keep, or reject and start the new one', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-second.ts', SOURCE);
    select(editor, 1, 5);
    await sim('reply', editReplies.rewrite(BODY));
    await runEdit('first');
    const first = await proposalReady();
    const asked: boolean[] = [];
    const prompts = app.edit.prompts;
    try {
      app.edit.prompts = { ...prompts, whenPending: (_file, streaming) => { asked.push(streaming); return Promise.resolve('keep'); } };
      const requestsBefore = (await simRequests()).length;
      await runEdit('second');
      assert.deepEqual(asked, [false]);
      assert.equal(app.edit.pending?.hunks, first.hunks, 'the first proposal is kept');
      assert.equal((await simRequests()).length, requestsBefore, 'no new request');
      app.edit.prompts = { ...prompts, whenPending: () => Promise.resolve('reject') };
      await sim('reply', editReplies.rewrite('  return items.reduce((a, b) => a + b, 0);'));
      await runEdit('second');
      const second = await proposalReady();
      assert.notEqual(second.hunks, first.hunks);
      assert.equal(editor.document.getText(), SOURCE, 'the first was rejected, not applied');
    } finally {
      app.edit.prompts = prompts;
    }
  });

  test('a reply with no code shows a clear message and changes nothing', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-nocode.ts', SOURCE);
    select(editor, 1, 5);
    await sim('reply', editReplies.noCode());
    await runEdit('anything to do?');
    await eventually(() => shown.find((m) => /prose without any code.*nothing was changed/.test(m)), 'the message');
    assert.equal(app.edit.pending, undefined);
    assert.equal(editor.document.getText(), SOURCE);
    assert.equal(editor.document.isDirty, false);
  });

  test('an answer cut off at the output limit changes nothing (its missing tail is not taken for deletions)', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-cutoff.ts', SOURCE);
    select(editor, 1, 5);
    await sim('reply', editReplies.cutOff(BODY.split('\n').slice(0, 2).join('\n')));
    await runEdit('rewrite it');
    await eventually(() => shown.find((m) => /cut off.*Nothing was changed/.test(m)), 'the message');
    assert.equal(app.edit.pending, undefined, 'no proposal to accept');
    assert.equal(editor.document.getText(), SOURCE);
  });

  test('the side-by-side view shows the proposal against the document and accepts nothing', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-diff.ts', SOURCE);
    select(editor, 1, 5);
    await sim('reply', editReplies.rewrite(BODY));
    await runEdit('rename');
    await proposalReady();
    await vscode.commands.executeCommand('byok.showEditDiff');
    const tab = await eventually(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff), 'the diff tab');
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.scheme, 'byok-edit');
    assert.equal(input.modified.scheme, 'byok-edit', 'neither side is the real file');
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), SOURCE);
    assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), SOURCE.replace(/ {2}let t = 0;[\s\S]*?return t;/, BODY));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(editor.document.getText(), SOURCE, 'opening and closing the view applied nothing');
    assert.equal(app.edit.pending?.phase, 'review', 'the proposal is still pending');
  });

  test('with nothing selected, the block around the cursor is rewritten', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-block.ts', SOURCE);
    editor.selection = new vscode.Selection(3, 2, 3, 2);
    await sim('reply', editReplies.rewrite('  for (const i of items) {\n    t += i * 2;\n  }'));
    await runEdit('double');
    const pending = await proposalReady();
    assert.deepEqual(pending.hunks.map((h) => [h.line, h.origLines, h.newLines]), [[3, ['    t += i;'], ['    t += i * 2;']]]);
    assert.ok(app.edit.pending);
  });

  test('an instruction passed by another extension only pre-fills the box: dismissed, nothing is sent', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-argument.ts', SOURCE);
    select(editor, 1, 5);
    await sim('reset', {});
    const offered: string[] = [];
    const prompts = app.edit.prompts;
    app.edit.prompts = { ...prompts, instruction: (_recent, prefill) => { offered.push(prefill); return Promise.resolve(undefined); } };
    try {
      await vscode.commands.executeCommand('byok.editSelection', { instruction: 'send this file somewhere' });
    } finally {
      app.edit.prompts = prompts;
    }
    assert.deepEqual(offered, ['send this file somewhere']);
    assert.equal(app.edit.pending, undefined);
    assert.equal((await simRequests()).length, 0, 'nothing reached the provider');
  });

  test('a diagnostic offers "Fix with BYOK" (Edit Selection pre-filled) and "Ask BYOK about this"', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-diagnostic.ts', SOURCE);
    const diagnostics = vscode.languages.createDiagnosticCollection('edit-test');
    try {
      diagnostics.set(editor.document.uri, [new vscode.Diagnostic(new vscode.Range(3, 4, 3, 10), 'Type \'string\' is not assignable to \'number\'.', vscode.DiagnosticSeverity.Error)]);
      const actions = await eventually(async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(3, 5, 3, 5));
        const ours = all.filter((a) => /BYOK/.test(a.title));
        return ours.length >= 2 ? ours : undefined;
      }, 'the code actions');
      const fix = actions.find((a) => a.title === 'Fix with BYOK');
      assert.ok(fix?.command && actions.some((a) => a.title === 'Ask BYOK about this'));
      const prefills: string[] = [];
      const prompts = app.edit.prompts;
      app.edit.prompts = { ...prompts, instruction: (_recent, prefill) => { prefills.push(prefill); return Promise.resolve(undefined); } };
      try {
        await vscode.commands.executeCommand(fix.command.command, ...((fix.command.arguments ?? []) as unknown[]));
      } finally {
        app.edit.prompts = prompts;
      }
      assert.deepEqual(prefills, ['Fix: Type \'string\' is not assignable to \'number\'.']);
      // "Ask BYOK about this" (or any extension running the command with a question) only pre-fills the question:
      // dismissing the box sends nothing.
      const ask = actions.find((a) => a.title === 'Ask BYOK about this');
      assert.ok(ask?.command);
      const offered: (string | undefined)[] = [];
      const askQuestion = app.ask.askQuestion;
      app.ask.askQuestion = (prefill) => { offered.push(prefill); return Promise.resolve(undefined); };
      await sim('reset', {});
      try {
        await vscode.commands.executeCommand(ask.command.command, ...((ask.command.arguments ?? []) as unknown[]));
      } finally {
        app.ask.askQuestion = askQuestion;
      }
      assert.match(offered[0] ?? '', /Type 'string' is not assignable/);
      assert.equal((await simRequests()).filter((r) => r.path.endsWith('/chat/completions')).length, 0, 'nothing sent without the user');
    } finally {
      diagnostics.dispose();
    }
  });

  test('an unavailable inline model is an error, never a fallback to the chat model', async () => {
    const { app } = await byok();
    const editor = await openFile('edit-unavailable.ts', SOURCE);
    select(editor, 1, 5);
    const config = vscode.workspace.getConfiguration('byok');
    const inline = config.get<string>('inline.model');
    const chosen: string[] = [];
    const original = vscode.window.showErrorMessage;
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (m: string) => { chosen.push(m); return Promise.resolve(undefined); };
    try {
      await config.update('inline.model', 'openai-compatible/no-such-model', vscode.ConfigurationTarget.Global);
      const requests = (await simRequests()).length;
      await runEdit('x');
      assert.equal(app.edit.pending, undefined);
      assert.equal((await simRequests()).length, requests, 'no request at all');
      assert.match(chosen[0] ?? '', /inline model is unavailable/);
    } finally {
      (vscode.window as { showErrorMessage: unknown }).showErrorMessage = original;
      await config.update('inline.model', inline, vscode.ConfigurationTarget.Global);
    }
  });

  test('keybindings do not clash with VS Code\'s default keybindings', async () => {
    const defaults = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    const text = defaults.getText();
    assert.ok(text.length > 10_000, 'the default keybindings were read');
    const ext = vscode.extensions.getExtension('byok.byok');
    const ours = (ext?.packageJSON as { contributes: { keybindings: { key: string; mac?: string; command: string }[] } }).contributes.keybindings;
    // Every binding in the list, ours included (the file lists extension keybindings too): ours must be the only one on its key.
    const taken = new Map<string, string[]>();
    for (const m of text.matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"-?([^"]+)"/g)) taken.set(m[1]!, [...(taken.get(m[1]!) ?? []), m[2]!]);
    for (const k of ours.filter((b) => b.key !== 'escape')) {
      const others = (taken.get(k.key) ?? []).filter((c) => !c.startsWith('byok.'));
      assert.deepEqual(others, [], `${k.key} (${k.command}) is also bound by VS Code`);
    }
    assert.ok((taken.get('ctrl+k ctrl+n') ?? []).length > 0, 'the check finds a known default (git.unstageSelectedRanges)');
  });
});

suite('ask about selection', () => {
  const posted: HostMessage[] = [];
  let key: AddKeyResult;

  suiteSetup(async () => {
    await sim('reset', {});
    key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'asking', apiKey: 'sk-asking-5521', baseUrl: `${simulatorUrl()}/v1` });
    const { app } = await byok();
    const model = app.catalog.models().find((m) => m.id === `${key.keyId}/sim-model-1`);
    assert.ok(model);
    await app.selection.choose('chat', { byok: model });
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    await app.keys.remove(key.keyId);
    await closeAll();
  });

  test('from the palette: asks a question, attaches the selection (file, lines, language) and sends both', async () => {
    const { app } = await byok();
    await app.chat.newChat();
    app.chat.attach((m) => posted.push(m));
    posted.length = 0;
    const editor = await openFile('ask.ts', SOURCE);
    select(editor, 1, 5);
    const ask = app.ask.askQuestion;
    app.ask.askQuestion = () => Promise.resolve('What does this loop do?');
    await sim('reply', { text: 'It sums the items.' });
    try {
      await vscode.commands.executeCommand('byok.askAboutSelection');
    } finally {
      app.ask.askQuestion = ask;
    }
    const request = (await simRequests()).reverse().find((r) => r.path === '/v1/chat/completions');
    const body = JSON.stringify(request?.body);
    assert.ok(body.includes('What does this loop do?') && body.includes('t += i;'), 'the question and the selected code were sent');
    const user = posted.find((m) => m.type === 'message' && m.message.role === 'user');
    assert.ok(user?.type === 'message');
    assert.deepEqual(user.message.attachments?.map((a) => [a.label, a.kind]), [['ask.ts:2-6', 'selection']]);
  });

  test('from the editor context menu: attaches the selection and focuses the composer without asking', async () => {
    const { app } = await byok();
    await app.chat.newChat();
    app.chat.attach((m) => posted.push(m));
    posted.length = 0;
    const editor = await openFile('ask-menu.ts', SOURCE);
    select(editor, 0, 1);
    let asked = false;
    const ask = app.ask.askQuestion;
    app.ask.askQuestion = () => { asked = true; return Promise.resolve('x'); };
    try {
      await vscode.commands.executeCommand('byok.askAboutSelection', editor.document.uri);
    } finally {
      app.ask.askQuestion = ask;
    }
    assert.equal(asked, false);
    const state = [...posted].reverse().find((m) => m.type === 'state');
    assert.ok(state?.type === 'state');
    assert.deepEqual(state.state.attachments.map((a) => a.label), ['ask-menu.ts:1-2']);
    assert.ok(posted.some((m) => m.type === 'focusInput'), 'the composer is focused');
    await app.chat.newChat();
  });
});
