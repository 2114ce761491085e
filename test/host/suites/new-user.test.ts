// What a new user meets first (#15 items 10c, 10d, 10f, 10h): a question asked before any key exists, an
// error card's "Update key", a failed add that needs another host or key, the picker's filter, and the
// inline model's picker. The tests act as the webview (ChatViewProvider.receive) and as the user
// (VS Code's quick pick and input boxes, answered by stubs where a person would type).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage } from '../../../src/core/protocol';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { byok, eventually, sim, simRequests, simulatorUrl } from '../support';

const global = vscode.ConfigurationTarget.Global;
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('byok');

/** Replaces `target[name]` while `body` runs. */
async function spying<T extends object, K extends keyof T>(target: T, name: K, fake: T[K], body: () => Promise<void>): Promise<void> {
  const original = target[name];
  target[name] = fake;
  try {
    await body();
  } finally {
    target[name] = original;
  }
}

type InputOptions = vscode.InputBoxOptions | undefined;

suite('new user', () => {
  const added: string[] = [];
  let chatModel: string | undefined;

  suiteSetup(async () => {
    await sim('reset', {});
    chatModel = config().inspect<string>('chat.model')?.globalValue;
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    for (const id of added) if (app.keys.get(id)) await app.keys.remove(id);
    await config().update('chat.model', chatModel, global);
    await sim('reset', {});
  });

  async function addSimKey(name: string, apiKey: string): Promise<AddKeyResult> {
    const key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name, apiKey, baseUrl: `${simulatorUrl()}/v1` });
    added.push(key.keyId);
    return key;
  }

  const lastState = (posted: HostMessage[]): Extract<HostMessage, { type: 'state' }>['state'] => {
    const s = [...posted].reverse().find((m) => m.type === 'state');
    assert.ok(s?.type === 'state', 'a state was posted');
    return s.state;
  };

  test('a question asked before any key offers Add Key and Retry; after adding a key and choosing a model, Retry sends it, and only then is it the title', async () => {
    const { app } = await byok();
    await config().update('chat.model', undefined, global);
    const posted: HostMessage[] = [];
    app.chat.attach((m) => posted.push(m));
    await app.chat.newChat();
    const question = 'How do I reverse a linked list?';
    // No key at all (whatever other suites left behind is not this user's).
    await spying(app.keys, 'list', () => [], async () => { await app.chat.send(question); });
    const end = posted.find((m) => m.type === 'messageEnd');
    assert.ok(end?.type === 'messageEnd' && end.error, 'the answer failed with a card');
    assert.deepEqual(end.error.actions, ['addKey', 'retry'], 'Add Key (not "Choose another model", with nothing to choose) and Retry');
    assert.match(end.error.title, /Add an API key/);
    assert.equal(lastState(posted).title, 'New chat', 'an unanswered question is not the title');
    const conversationId = lastState(posted).conversationId;
    assert.equal((await app.conversations.get(conversationId))?.title, 'New chat', 'nor on disk');
    const failedId = end.id;

    // The card's Add Key: the key is added (typed by the user: here its argument form), then the picker opens.
    let key: AddKeyResult | undefined;
    const realExecute = vscode.commands.executeCommand.bind(vscode.commands);
    const execute = (async (command: string, ...rest: unknown[]) => {
      if (command === 'byok.addKey' && rest.length === 0) {
        key = await realExecute<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'first key', apiKey: 'sk-newuser-first-0001', baseUrl: `${simulatorUrl()}/v1` });
        added.push(key.keyId);
        return key;
      }
      return realExecute(command, ...rest);
    }) as typeof vscode.commands.executeCommand;
    let pickerOpened = 0;
    const pick = (async () => {
      pickerOpened++;
      const model = app.catalog.models().find((m) => m.id === `${key!.keyId}/sim-model-1`);
      assert.ok(model, 'the new key offers sim-model-1');
      await app.selection.choose('chat', { byok: model });
      return model.info.name;
    }) as typeof app.picker.pick;
    await spying(vscode.commands, 'executeCommand', execute, () => spying(app.picker, 'pick', pick, async () => {
      await app.chatView.receive({ type: 'errorAction', action: 'addKey', messageId: failedId });
    }));
    assert.ok(key, 'Add Key ran');
    assert.equal(pickerOpened, 1, 'with no chat model yet, the picker followed the new key');

    // One click on Retry sends the same question.
    await sim('reply', { text: 'Walk it with three pointers.', usage: { input: 10, output: 6 } });
    posted.length = 0;
    await app.chatView.receive({ type: 'errorAction', action: 'retry', messageId: failedId });
    const request = (await simRequests()).reverse().find((r) => r.path === '/v1/chat/completions');
    const messages = (request?.body as { messages?: { role: string; content: unknown }[] } | undefined)?.messages ?? [];
    assert.match(JSON.stringify(messages.at(-1)), /reverse a linked list/, 'the failed question was sent');
    const state = lastState(posted);
    assert.deepEqual(state.messages.map((m) => [m.role, m.status ?? '']), [['user', ''], ['assistant', 'complete']], 'the error answer was replaced by the real one');
    assert.equal(state.title, question, 'answered now: the question names the conversation');
  });

  test('with keys but no model, the card offers Choose a model and Retry', async () => {
    const { app } = await byok();
    const key = await addSimKey('no-model', 'sk-newuser-nomodel-02');
    await config().update('chat.model', undefined, global);
    const posted: HostMessage[] = [];
    app.chat.attach((m) => posted.push(m));
    await app.chat.newChat();
    await app.chat.send('hello?');
    const end = posted.find((m) => m.type === 'messageEnd');
    assert.ok(end?.type === 'messageEnd' && end.error);
    assert.deepEqual(end.error.actions, ['chooseModel', 'retry']);
    assert.ok(app.keys.get(key.keyId));
  });

  test('Update key on an auth error replaces exactly the failing key, which Manage Keys now shows as failing', async () => {
    const { app } = await byok();
    await sim('reset', {});
    const key = await addSimKey('update me', 'sk-newuser-revoked-03');
    const model = app.catalog.models().find((m) => m.id === `${key.keyId}/sim-model-1`);
    assert.ok(model);
    await app.selection.choose('chat', { byok: model });
    assert.equal(app.keys.get(key.keyId)?.lastCheck?.ok, true, 'valid when added');
    const posted: HostMessage[] = [];
    app.chat.attach((m) => posted.push(m));
    await app.chat.newChat();
    await sim('fault', { kind: 'unauthorized', pathIncludes: '/chat/completions' });
    await app.chat.send('still there?');
    const end = posted.find((m) => m.type === 'messageEnd');
    assert.ok(end?.type === 'messageEnd' && end.error?.kind === 'auth');
    assert.deepEqual(end.error.actions.slice(0, 1), ['updateKey']);

    // Manage Keys marks it as failing now.
    const lists: string[][] = [];
    const quickPick = ((items: readonly vscode.QuickPickItem[]) => { lists.push(items.map((i) => i.label)); return Promise.resolve(undefined); }) as unknown as typeof vscode.window.showQuickPick;
    await spying(vscode.window, 'showQuickPick', quickPick, async () => { await vscode.commands.executeCommand('byok.manageKeys'); });
    assert.ok(lists[0]?.includes('$(warning) update me'), `the failing key has the warning mark: ${JSON.stringify(lists[0])}`);
    assert.equal(app.keys.get(key.keyId)?.lastCheck?.ok, false);

    // The card's Update key asks for this key's new secret at its own host: no list, no other key.
    lists.length = 0;
    const boxes: InputOptions[] = [];
    const inputBox = ((options: InputOptions) => { boxes.push(options); return Promise.resolve('sk-newuser-rotated-04'); }) as typeof vscode.window.showInputBox;
    const info = (() => Promise.resolve(undefined)) as typeof vscode.window.showInformationMessage;
    await spying(vscode.window, 'showQuickPick', quickPick, () => spying(vscode.window, 'showInputBox', inputBox, () => spying(vscode.window, 'showInformationMessage', info, async () => {
      await app.chatView.receive({ type: 'errorAction', action: 'updateKey', messageId: end.id });
    })));
    assert.equal(lists.length, 0, 'the general Manage Keys list did not open');
    assert.equal(boxes.length, 1);
    assert.equal(boxes[0]?.title, `New key for "update me" at ${simulatorUrl()}/v1`);
    assert.equal(boxes[0]?.password, true);
    const check = (await simRequests()).reverse().find((r) => r.path === '/v1/models');
    assert.equal(check?.headers.authorization, 'Bearer sk-newuser-rotated-04', 'the new key was checked at the key\'s own host');
    assert.equal(app.keys.get(key.keyId)?.lastCheck?.ok, true, 'replaced and valid again');
  });

  test('Manage Keys takes a key id only as a lookup: an unknown id opens the list, never a prompt for a secret', async () => {
    let lists = 0;
    let boxes = 0;
    const quickPick = (() => { lists++; return Promise.resolve(undefined); }) as typeof vscode.window.showQuickPick;
    const inputBox = (() => { boxes++; return Promise.resolve(undefined); }) as typeof vscode.window.showInputBox;
    await spying(vscode.window, 'showQuickPick', quickPick, () => spying(vscode.window, 'showInputBox', inputBox, async () => {
      await vscode.commands.executeCommand('byok.manageKeys', { replaceKeyId: 'no-such-key' });
      await vscode.commands.executeCommand('byok.manageKeys', { replaceKeyId: 42 });
    }));
    assert.equal(lists, 2);
    assert.equal(boxes, 0);
  });

  test('a failed add can edit the host and the key, pre-filled, instead of re-checking the same ones', async () => {
    const { app } = await byok();
    const unreachable = 'http://127.0.0.1:9/v1';
    const demoHost = `${simulatorUrl()}/demo/v1`;
    const boxes: InputOptions[] = [];
    // What the user types at each box: the first attempt has a dead host and a wrong key, then each is fixed in turn.
    const answers = ['edit flow', 'demo-key-wrong', unreachable, /* edit 1 */ demoHost, 'demo-key-wrong', /* edit 2 */ demoHost, 'demo-key-that-works'];
    const errors: string[] = [];
    const inputBox = ((options: InputOptions) => { boxes.push(options); return Promise.resolve(answers.shift()); }) as typeof vscode.window.showInputBox;
    const quickPick = ((items: readonly (vscode.QuickPickItem & { preset?: { id: string } })[]) => Promise.resolve(items.find((i) => i.preset?.id === 'openai-compatible'))) as unknown as typeof vscode.window.showQuickPick;
    const error = ((message: string, ...actions: string[]) => { errors.push(message); return Promise.resolve(actions.includes('Edit Host or Key') ? 'Edit Host or Key' : undefined); }) as unknown as typeof vscode.window.showErrorMessage;
    const info = (() => Promise.resolve(undefined)) as typeof vscode.window.showInformationMessage;
    // Add Key's key box is a created input box (it has a least-privilege guide button): typed into the same way.
    const keyBox = (() => {
      const accept = new vscode.EventEmitter<void>();
      const hide = new vscode.EventEmitter<void>();
      const change = new vscode.EventEmitter<string>();
      const box = {
        value: '', title: undefined as string | undefined, password: false, prompt: undefined as string | undefined, placeholder: undefined, buttons: [], validationMessage: undefined, ignoreFocusOut: false,
        onDidAccept: accept.event, onDidHide: hide.event, onDidChangeValue: change.event, onDidTriggerButton: new vscode.EventEmitter<void>().event,
        show(): void {
          boxes.push({ title: box.title, password: box.password, prompt: box.prompt, value: box.value });
          const answer = answers.shift();
          if (answer === undefined) { hide.fire(); return; }
          box.value = answer;
          change.fire(answer);
          accept.fire();
        },
        hide: (): void => hide.fire(),
        dispose: (): void => undefined,
      };
      return box;
    }) as unknown as typeof vscode.window.createInputBox;
    let result: AddKeyResult | undefined;
    await spying(vscode.window, 'showInputBox', inputBox, () => spying(vscode.window, 'createInputBox', keyBox, () => spying(vscode.window, 'showQuickPick', quickPick, () => spying(vscode.window, 'showErrorMessage', error, () => spying(vscode.window, 'showInformationMessage', info, async () => {
      result = await vscode.commands.executeCommand<AddKeyResult | undefined>('byok.addKey');
    })))));
    assert.match(boxes[1]?.prompt ?? '', /API key/, 'the second box asks for the key');
    assert.equal(boxes[1]?.password, true);
    assert.ok(result, `saved after two edits (errors: ${errors.join(' | ')})`);
    added.push(result.keyId);
    assert.equal(errors.length, 2, 'the dead host, then the wrong key');
    assert.match(errors[1]!, /Incorrect API key/);
    // Boxes 3 and 5 are the edits' host boxes, 4 and 6 their key boxes: each pre-filled with the attempt that failed.
    assert.equal(boxes[3]?.value, unreachable);
    assert.equal(boxes[4]?.value, 'demo-key-wrong');
    assert.equal(boxes[4]?.password, true, 'the key stays masked');
    assert.equal(boxes[5]?.value, demoHost);
    const saved = app.keys.get(result.keyId);
    assert.equal(saved?.baseUrl, demoHost);
    assert.equal(saved?.lastCheck?.ok, true);
    assert.equal(result.modelCount, 3);
  });

  /** Opens the picker and returns its quick pick once the items are in. */
  async function openPicker(purpose: 'chat' | 'inline', run: (qp: vscode.QuickPick<vscode.QuickPickItem>, done: Promise<string | undefined>) => Promise<void>): Promise<void> {
    const { app } = await byok();
    const real = vscode.window.createQuickPick.bind(vscode.window);
    let qp: vscode.QuickPick<vscode.QuickPickItem> | undefined;
    const create = (() => { qp = real(); return qp; }) as typeof vscode.window.createQuickPick;
    await spying(vscode.window, 'createQuickPick', create, async () => {
      const done = app.picker.pick(purpose);
      const picker = await eventually(() => (qp && !qp.busy && qp.items.length ? qp : undefined), 'the picker\'s items');
      await run(picker, done);
      picker.hide();
      await done;
    });
  }

  /** The rows of these keys; `shown`: only those marked to show whatever VS Code's own per-field filter says. */
  const byokRows = (qp: vscode.QuickPick<vscode.QuickPickItem>, keyNames: string[], shown = true): string[] =>
    qp.items.filter((i) => keyNames.some((k) => i.description?.endsWith(`· ${k}`)) && (!shown || i.alwaysShow))
      .map((i) => `${i.description?.split(' · ')[1]}: ${i.label.replace(/^\$\([a-z-]+\)\s*/, '')}`).sort();

  test('the picker matches every typed word across key name, provider and model ("work mini", "gpt mini")', async () => {
    const { app } = await byok();
    await sim('models', { models: ['gpt-4o', 'gpt-4o-mini'] });
    const work = await addSimKey('work', 'sk-newuser-work-05');
    await addSimKey('personal', 'sk-newuser-personal-06');
    const names = ['work', 'personal'];
    const settle = async (qp: vscode.QuickPick<vscode.QuickPickItem>, value: string, expected: string[]): Promise<void> => {
      qp.value = value;
      // The filter runs on VS Code's onDidChangeValue, which comes back from the workbench.
      await eventually(() => JSON.stringify(byokRows(qp, names)) === JSON.stringify(expected) || undefined, `"${value}" to show ${JSON.stringify(expected)} (shows ${JSON.stringify(byokRows(qp, names))})`, 5_000);
    };
    await openPicker('chat', async (qp) => {
      assert.equal(byokRows(qp, names, false).length, 4, 'two keys, two models each');
      const order = qp.items.map((i) => `${i.label} ${i.description ?? ''}`);
      await settle(qp, 'work mini', ['work: gpt-4o-mini']);
      assert.deepEqual(qp.items.map((i) => `${i.label} ${i.description ?? ''}`), order, 'no row removed or moved: the quick pick picks by position');
      await settle(qp, 'gpt mini', ['personal: gpt-4o-mini', 'work: gpt-4o-mini']);
      await settle(qp, 'personal   GPT-4O', ['personal: gpt-4o', 'personal: gpt-4o-mini']);
      await settle(qp, 'work gpt-4o-mini', ['work: gpt-4o-mini']);
      // Enter takes the first match: the user's chosen key and model.
      qp.activeItems = qp.items.filter((i) => i.description?.endsWith('· work') && i.label.endsWith('gpt-4o-mini'));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await eventually(() => { const s = app.selection.current('chat'); return s.kind === 'byok' && s.model.id === `${work.keyId}/gpt-4o-mini`; }, 'the chosen model');
    });
  });

  test('Select Inline Model offers only BYOK models (other extensions\' models cannot serve inline completions or edits)', async () => {
    const fake = { id: 'other-gpt', vendor: 'someone-else', name: 'Someone Else GPT', family: 'gpt', version: '1', maxInputTokens: 100_000 } as unknown as vscode.LanguageModelChat;
    const select = (() => Promise.resolve([fake])) as typeof vscode.lm.selectChatModels;
    const labels: Record<string, string[]> = {};
    await spying(vscode.lm, 'selectChatModels', select, async () => {
      await openPicker('chat', (qp) => { labels.chat = qp.items.map((i) => i.label); return Promise.resolve(); });
      await openPicker('inline', (qp) => { labels.inline = qp.items.map((i) => i.label); assert.match(qp.title ?? '', /inline completions and Edit Selection/); return Promise.resolve(); });
    });
    assert.ok(labels.chat?.includes('Someone Else GPT'), 'the chat picker offers it');
    assert.ok(!labels.inline?.some((l) => l.includes('Someone Else GPT')), 'the inline picker does not');
  });
});
