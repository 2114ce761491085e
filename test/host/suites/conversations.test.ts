// Conversations and usage stay whole across reloads, switches and a second window.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ConversationStore } from '../../../src/core/chat/conversation-store';
import type { Conversation } from '../../../src/core/chat/conversation';
import type { ChatState, HostMessage } from '../../../src/core/protocol';
import { ChatSession } from '../../../src/vscode/chat/chat-session';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { UsageStore } from '../../../src/vscode/usage/usage-store';
import { byok, eventually, sim, simulatorUrl, chatThroughSimulatorKey } from '../support';

/** A window's own state, as a second window (or a test) has it. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] { return [...this.values.keys()]; }
  get<T>(key: string, defaultValue?: T): T | undefined { return (this.values.has(key) ? this.values.get(key) : defaultValue) as T | undefined; }
  update(key: string, value: unknown): Thenable<void> { this.values.set(key, value); return Promise.resolve(); }
}

type App = Awaited<ReturnType<typeof byok>>['app'];

/**
 * A chat session as a window builds it: its own store on the shared directory and the Mementos App gives
 * it. Both the window state and the global state are passed, so the test drives whichever the code uses.
 */
function windowSession(app: App, windowState: vscode.Memento, posted: HostMessage[]): { session: ChatSession; store: ConversationStore } {
  const store = new ConversationStore(conversationsDir(app));
  const deps = { store, router: app.router, selection: app.selection, keys: app.keys, log: app.ctx.log, windowState, state: app.ctx.context.globalState };
  const session = new ChatSession(deps);
  session.attach((m) => posted.push(m));
  return { session, store };
}

const conversationsDir = (app: App): string => join(app.ctx.context.globalStorageUri.fsPath, 'conversations');
const lastState = (posted: HostMessage[]): ChatState | undefined => {
  const m = [...posted].reverse().find((p) => p.type === 'state');
  return m?.type === 'state' ? m.state : undefined;
};
/** The conversation this window shows after a reload. */
async function currentAfterReload(app: App): Promise<string | undefined> {
  const posted: HostMessage[] = [];
  const { session } = windowSession(app, app.ctx.context.workspaceState, posted);
  await session.sendState();
  session.dispose();
  return lastState(posted)?.conversationId;
}
const slowReply = (): Promise<void> => sim('reply', { text: 'slow '.repeat(400), chunkChars: 5, frameDelayMs: 25 });

suite('conversations: reloads, switches and two windows', () => {
  const posted: HostMessage[] = [];
  let key: AddKeyResult;
  const sessions: ChatSession[] = [];

  suiteSetup(async () => {
    await sim('reset', {});
    key = await chatThroughSimulatorKey('convo', 'sk-convo-5521', posted);
  });

  teardown(async () => {
    const { app } = await byok();
    app.chat.stop();
    for (const s of sessions.splice(0)) s.dispose();
    await app.chat.newChat();
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    await app.keys.remove(key.keyId);
  });

  test('a question is on disk and restored after a reload while its answer is still streaming', async () => {
    const { app } = await byok();
    await slowReply();
    posted.length = 0;
    const sending = app.chat.send('remember this question');
    await eventually(() => posted.some((m) => m.type === 'delta'), 'the first delta');
    // The window reloads: a new session and store on the same directory and the same window state.
    const afterReload: HostMessage[] = [];
    const reloaded = windowSession(app, app.ctx.context.workspaceState, afterReload);
    sessions.push(reloaded.session);
    await reloaded.session.sendState();
    const state = lastState(afterReload);
    assert.equal(state?.messages[0]?.text, 'remember this question');
    assert.equal(state?.messages[1]?.status, 'interrupted', 'the answer cut off by the reload');
    app.chat.stop();
    await sending;
  });

  test('a conversation deleted while its answer streams does not come back', async () => {
    const { app } = await byok();
    await slowReply();
    posted.length = 0;
    const sending = app.chat.send('something sensitive');
    await eventually(() => posted.some((m) => m.type === 'delta'), 'the first delta');
    const id = lastState(posted)?.conversationId;
    assert.ok(id);
    await app.chat.listConversations('');
    await app.chat.delete(id);
    await sending;
    assert.equal(existsSync(join(conversationsDir(app), `${id}.json`)), false, 'not written again by the stopped answer');
    assert.ok(!(await new ConversationStore(conversationsDir(app)).list()).some((c) => c.id === id), 'not in the history');
    assert.notEqual(lastState(posted)?.conversationId, id, 'not current again');
    assert.notEqual(await currentAfterReload(app), id, 'not current after a reload either');
  });

  test('opening another conversation mid-answer keeps the partial answer in its own file and does not take the current pointer back', async () => {
    const { app } = await byok();
    await sim('reply', { text: 'short answer' });
    await app.chat.send('the other conversation');
    const other = lastState(posted)?.conversationId;
    assert.ok(other);
    await app.chat.newChat();
    await slowReply();
    posted.length = 0;
    const sending = app.chat.send('long question');
    await eventually(() => posted.some((m) => m.type === 'delta'), 'the first delta');
    const streaming = lastState(posted)?.conversationId;
    assert.ok(streaming && streaming !== other);
    await app.chat.open(other);
    await sending;
    await app.chat.sendState();
    assert.equal(lastState(posted)?.conversationId, other, 'the opened conversation stays current');
    assert.equal(await currentAfterReload(app), other, 'nor after a reload');
    const saved = JSON.parse(readFileSync(join(conversationsDir(app), `${streaming}.json`), 'utf8')) as { messages: { text: string; status?: string }[] };
    assert.equal(saved.messages[0]?.text, 'long question');
    assert.equal(saved.messages[1]?.status, 'interrupted');
    assert.ok(saved.messages[1]?.text.startsWith('slow'), 'the partial answer is kept in its own file');
  });

  test('each window keeps its own current conversation', async () => {
    const { app } = await byok();
    await sim('reply', { text: 'window one' });
    await app.chat.send('asked in window one');
    const mine = lastState(posted)?.conversationId;
    const secondPosted: HostMessage[] = [];
    const second = windowSession(app, new MemoryMemento(), secondPosted);
    sessions.push(second.session);
    await second.session.newChat();
    await sim('reply', { text: 'window two' });
    await second.session.send('asked in window two');
    assert.notEqual(lastState(secondPosted)?.conversationId, mine);
    // Window one reloads: it comes back to its own conversation, not the other window's.
    const reloadedPosted: HostMessage[] = [];
    const reloaded = windowSession(app, app.ctx.context.workspaceState, reloadedPosted);
    sessions.push(reloaded.session);
    await reloaded.session.sendState();
    assert.equal(lastState(reloadedPosted)?.conversationId, mine);
  });

  test('a second question sent while an answer runs comes back to the composer', async () => {
    const { app } = await byok();
    await slowReply();
    posted.length = 0;
    const sending = app.chat.send('first question');
    await app.chat.send('second question, typed fast');
    assert.ok(posted.some((m) => m.type === 'returnDraft' && m.text === 'second question, typed fast'), 'handed back, not dropped');
    app.chat.stop();
    await sending;
    const texts = lastState(posted)?.messages.map((m) => m.text) ?? [];
    assert.ok(!texts.includes('second question, typed fast'), 'and not half-sent either');
  });
});

/** A store whose next save returns only after a delay, as a big file, an antivirus scan or a network home makes it. */
class SlowReturnStore extends ConversationStore {
  slowNext = 0;
  override async save(conversation: Conversation): Promise<Conversation | undefined> {
    const slow = this.slowNext;
    this.slowNext = 0;
    const saved = await super.save(conversation);
    if (slow) await new Promise((resolve) => setTimeout(resolve, slow));
    return saved;
  }
}

/** A log that keeps what it was told, to see what reached the user. */
function recordingLog(): { log: vscode.LogOutputChannel; warnings: string[]; errors: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  const log = { warn: (m: string) => warnings.push(m), error: (m: string) => errors.push(m), info: () => undefined, debug: () => undefined, trace: () => undefined } as unknown as vscode.LogOutputChannel;
  return { log, warnings, errors };
}

suite('conversations: nothing the user wrote is lost to persistence', () => {
  let key: AddKeyResult;
  const sessions: ChatSession[] = [];

  suiteSetup(async () => {
    await sim('reset', {});
    key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'persist', apiKey: 'sk-persist-7731', baseUrl: `${simulatorUrl()}/v1` });
    const { app } = await byok();
    const model = app.catalog.models().find((m) => m.id === `${key.keyId}/sim-model-1`);
    assert.ok(model);
    await app.selection.choose('chat', { byok: model });
  });

  teardown(() => {
    for (const s of sessions.splice(0)) s.dispose();
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    await app.keys.remove(key.keyId);
  });

  const session = async (store: ConversationStore, log: vscode.LogOutputChannel, posted: HostMessage[]): Promise<ChatSession> => {
    const { app } = await byok();
    const s = new ChatSession({ store, router: app.router, selection: app.selection, keys: app.keys, log, windowState: new MemoryMemento() });
    sessions.push(s);
    s.attach((m) => posted.push(m));
    return s;
  };
  const fileOf = (dir: string, id: string): Conversation => JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as Conversation;

  test('a question sent right after an answer ends is kept, with its answer, in the window and on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-persist-host-'));
    const store = new SlowReturnStore(dir);
    const posted: HostMessage[] = [];
    const chat = await session(store, recordingLog().log, posted);
    let second: Promise<void> | undefined;
    let ends = 0;
    chat.attach((m) => {
      posted.push(m);
      if (m.type === 'messageEnd' && ++ends === 1) {
        store.slowNext = 400; // the first answer's final save is slow to return
        setTimeout(() => { second = chat.send('asked right after the first answer'); }, 50);
      }
    });
    await sim('reply', { text: 'quick answer' });
    await chat.newChat();
    await chat.send('first question');
    await eventually(() => (second ? true : undefined), 'the second question sent');
    await second;
    await chat.sendState();
    const state = lastState(posted);
    const expected = ['first question', 'quick answer', 'asked right after the first answer', 'quick answer'];
    assert.deepEqual(state?.messages.map((m) => m.text), expected, 'in the window');
    assert.ok(state?.conversationId);
    assert.deepEqual(fileOf(dir, state.conversationId).messages.map((m) => m.text), expected, 'on disk');
  });

  test('a conversation a newer version rewrote is not saved over, and the failed save is shown, the question kept in the window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-persist-host-'));
    const { log, warnings, errors } = recordingLog();
    const posted: HostMessage[] = [];
    const chat = await session(new ConversationStore(dir), log, posted);
    await sim('reply', { text: 'an answer' });
    await chat.newChat();
    await chat.send('first question');
    const id = lastState(posted)?.conversationId;
    assert.ok(id);
    const newer = fileOf(dir, id) as unknown as { messages: Record<string, unknown>[] };
    newer.messages.push({ id: 'anew', role: 'assistant', text: 'from a newer version', status: 'refused', createdAt: Date.now() });
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(newer));
    const before = readFileSync(join(dir, `${id}.json`), 'utf8');
    await chat.send('second question');
    assert.match(errors.join('\n'), /Saving the conversation failed: .*does not understand/, 'the save failed visibly');
    assert.match(warnings.join('\n'), /does not understand/, 'the store\'s problem reached the user after the save, not only at startup');
    assert.equal(readFileSync(join(dir, `${id}.json`), 'utf8'), before, 'the newer window\'s file is untouched');
    assert.ok(lastState(posted)?.messages.some((m) => m.text === 'second question'), 'the question stays in the window');
  });

  test('a file that breaks after startup is reported when the history is listed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-persist-host-'));
    const { log, warnings } = recordingLog();
    const chat = await session(new ConversationStore(dir), log, []);
    await chat.sendState();
    writeFileSync(join(dir, 'broken.json'), '{ "version": 1, "id": "bro');
    await chat.listConversations('');
    assert.match(warnings.join('\n'), /broken\.json.*set aside/);
  });
});

suite('usage: two windows', () => {
  test('two windows recording usage into one directory both keep every request, and each hears of the other\'s', async () => {
    const { app } = await byok();
    const dir = mkdtempSync(join(tmpdir(), 'byok-usage-host-'));
    const one = new UsageStore(dir, app.ctx.log);
    const two = new UsageStore(dir, app.ctx.log);
    try {
      let heardInOne = 0;
      one.onDidChange(() => { heardInOne += 1; });
      const record = (keyId: string) => ({ at: new Date(), target: { keyId, presetId: 'openai', modelId: 'gpt-4.1' }, usage: { inputTokens: 10, outputTokens: 2 }, origin: 'chat' });
      await one.record(record('k1'), undefined);
      assert.equal(heardInOne, 1, 'fired after its own record');
      await two.record(record('k2'), undefined);
      await eventually(() => one.today().requests === 2, 'the first window sees the second window\'s request');
      assert.ok(heardInOne >= 2, 'and fires for it');
      const fresh = new UsageStore(dir, app.ctx.log);
      await fresh.ready; // a window reads the journal without blocking, and has every row once it is ready
      assert.equal(fresh.today().requests, 2);
      fresh.dispose();
    } finally {
      one.dispose();
      two.dispose();
    }
  });
});
