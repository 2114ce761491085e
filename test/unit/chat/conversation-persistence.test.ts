// Conversation persistence under the failures a real machine has: a save that returns while the user
// keeps typing, files this window cannot read (permissions, a newer version's format), and a lock held
// by a slow window or left by a dead one.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newConversation, type Conversation, type StoredMessage } from '../../../src/core/chat/conversation';
import { adoptSaved, mergeConversation } from '../../../src/core/chat/conversation-merge';
import { ConversationStore } from '../../../src/core/chat/conversation-store';

const dir = (): string => mkdtempSync(join(tmpdir(), 'byok-persist-'));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const msg = (id: string, role: StoredMessage['role'] = 'user'): StoredMessage => ({ id, role, text: `text of ${id}`, createdAt: 1, ...(role === 'assistant' ? { status: 'complete' as const } : {}) });
const ids = (c: Pick<Conversation, 'messages'> | undefined): string[] => c?.messages.map((m) => m.id) ?? [];
const onDisk = (d: string, id: string): string[] => ids(JSON.parse(readFileSync(join(d, `${id}.json`), 'utf8')) as Conversation);

const pathOf = (p: unknown): string => (typeof p === 'string' ? p : '');

/** Replaces one fs/promises function for the length of `body` (the store calls them through the module). */
async function patched<K extends 'writeFile' | 'readFile' | 'stat'>(name: K, replacement: (real: (typeof fsp)[K]) => (typeof fsp)[K], body: () => Promise<void>): Promise<void> {
  const real = fsp[name];
  (fsp as unknown as Record<string, unknown>)[name] = replacement(real);
  try {
    await body();
  } finally {
    (fsp as unknown as Record<string, unknown>)[name] = real;
  }
}

/** writeFile of conversation files (not lock files) stalls `ms` for the next `count` calls. */
const stallWrites = (ms: number, count = 1) => (real: typeof fsp.writeFile): typeof fsp.writeFile => {
  let left = count;
  return (async (...args: Parameters<typeof fsp.writeFile>) => {
    if (left > 0 && pathOf(args[0]).includes('.json.tmp-')) {
      left -= 1;
      await sleep(ms);
    }
    return real(...args);
  }) as typeof fsp.writeFile;
};

describe('nothing the user wrote is lost when a save returns while they keep writing', () => {
  it('a question asked while a save was writing stays in the conversation after that save returns', () => {
    const live = [msg('u1'), msg('a1', 'assistant')];
    const given = new Set(live.map((m) => m.id));
    const saved = [live[0]!, live[1]!];
    live.push(msg('u2'), msg('a2', 'assistant')); // asked while the save was writing
    adoptSaved(live, given, saved);
    assert.deepEqual(ids({ messages: live }), ['u1', 'a1', 'u2', 'a2']);
  });

  it('another window\'s turn comes in after the message before it on disk, a message it removed goes, ours stay the same objects', () => {
    const mine = msg('a1', 'assistant');
    const live = [msg('u1'), mine, msg('u9'), msg('u2')];
    const given = new Set(['u1', 'a1', 'u9']);
    const finished = { ...msg('u1'), text: 'finished elsewhere' };
    adoptSaved(live, given, [finished, mine, msg('x1'), msg('x2', 'assistant')]);
    assert.deepEqual(ids({ messages: live }), ['u1', 'a1', 'x1', 'x2', 'u2'], 'u9 was removed by the other window; u2 was pushed after the save began');
    assert.equal(live[1], mine, 'the streaming answer keeps its object');
    assert.equal(live[0]?.text, 'finished elsewhere');
  });
});

describe('a file this window cannot read never silently stops a conversation from saving', () => {
  it('an I/O error (permissions, a busy file) fails the save visibly and sets nothing aside; the next save works', async () => {
    const d = dir();
    const store = new ConversationStore(d);
    const c = newConversation('cio', 1);
    c.messages.push(msg('u1'));
    await store.save(c);
    c.messages.push(msg('u2'));
    await patched('readFile', (real) => (async (...args: Parameters<typeof fsp.readFile>) => {
      if (pathOf(args[0]).endsWith('cio.json')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return real(...args);
    }) as typeof fsp.readFile, async () => {
      await assert.rejects(store.save(c), /EACCES/);
    });
    assert.deepEqual(readdirSync(d).sort(), ['cio.json'], 'nothing set aside');
    c.messages.push(msg('u3'));
    assert.deepEqual(ids(await store.save(c)), ['u1', 'u2', 'u3'], 'saving works again once the file is readable');
    assert.deepEqual(onDisk(d, 'cio'), ['u1', 'u2', 'u3']);
  });

  it('a file a newer version wrote (a value this version does not know) is left untouched and reported, and a save over it fails visibly', async () => {
    const d = dir();
    const store = new ConversationStore(d);
    const c = newConversation('cnew', 1);
    c.messages.push(msg('u1'));
    await store.save(c);
    const newer = JSON.parse(readFileSync(join(d, 'cnew.json'), 'utf8')) as { messages: unknown[] };
    newer.messages.push({ id: 'a1', role: 'assistant', text: 'answer', status: 'refused', createdAt: 2 });
    writeFileSync(join(d, 'cnew.json'), JSON.stringify(newer));
    const before = readFileSync(join(d, 'cnew.json'), 'utf8');
    c.messages.push(msg('u2'));
    await assert.rejects(store.save(c), /does not understand/);
    assert.equal(readFileSync(join(d, 'cnew.json'), 'utf8'), before, 'the newer window\'s file is as it wrote it');
    assert.deepEqual(readdirSync(d), ['cnew.json'], 'not set aside');
    assert.match(store.problems.join('\n'), /cnew\.json.*does not understand/);
    c.messages.push(msg('u3'));
    await assert.rejects(store.save(c), /does not understand/, 'every later save keeps saying so, none returns "deleted"');
  });

  it('fields a newer version added are kept when this version saves the file again', async () => {
    const d = dir();
    const store = new ConversationStore(d);
    const c = newConversation('cfields', 1);
    c.messages.push(msg('u1'));
    await store.save(c);
    const newer = JSON.parse(readFileSync(join(d, 'cfields.json'), 'utf8')) as { pinned?: boolean; messages: Record<string, unknown>[] };
    newer.pinned = true;
    newer.messages[0]!.reactions = ['+1'];
    writeFileSync(join(d, 'cfields.json'), JSON.stringify(newer));
    const mine = (await store.get('cfields'))!;
    mine.messages.push(msg('u2'));
    await store.save(mine);
    const saved = JSON.parse(readFileSync(join(d, 'cfields.json'), 'utf8')) as { pinned?: boolean; messages: Record<string, unknown>[] };
    assert.equal(saved.pinned, true);
    assert.deepEqual(saved.messages[0]?.reactions, ['+1']);
  });

  it('a conversation whose file is missing without a tombstone is written again, not taken for deleted', async () => {
    const d = dir();
    const store = new ConversationStore(d);
    const c = newConversation('cmiss', 1);
    c.messages.push(msg('u1'));
    await store.save(c);
    rmSync(join(d, 'cmiss.json')); // set aside by an older version, or removed by hand
    c.messages.push(msg('u2'));
    assert.deepEqual(ids(await store.save(c)), ['u1', 'u2']);
    assert.deepEqual(onDisk(d, 'cmiss'), ['u1', 'u2']);
  });

  it('only JSON that does not parse is set aside', async () => {
    const d = dir();
    writeFileSync(join(d, 'broken.json'), '{ "version": 1, "id": "bro');
    const store = new ConversationStore(d);
    assert.deepEqual(await store.list(), []);
    assert.ok(readdirSync(d).some((f) => f.startsWith('broken.json.corrupt-')));
    assert.match(store.problems.join('\n'), /broken\.json.*set aside/);
  });
});

describe('the per-conversation lock is never stolen from a live window, and losing a race never drops a turn', () => {
  const twoWindows = async (d: string, options = {}): Promise<{ a: ConversationStore; b: ConversationStore; ca: Conversation; cb: Conversation }> => {
    const a = new ConversationStore(d, options);
    const b = new ConversationStore(d, options);
    const c = newConversation('c1', 1);
    c.messages.push(msg('u1'));
    await a.save(c);
    const ca = (await a.get('c1'))!;
    const cb = (await b.get('c1'))!;
    ca.messages.push(msg('uA'));
    cb.messages.push(msg('uB'));
    return { a, b, ca, cb };
  };

  it('a slow save keeps its lock past the stale age: the other window waits, and both turns are on disk', async () => {
    const d = dir();
    const { a, b, ca, cb } = await twoWindows(d, { staleLockMs: 100, lockWaitMs: 5_000 });
    await patched('writeFile', stallWrites(600), async () => {
      const pa = a.save(ca);
      await sleep(50);
      await Promise.all([pa, b.save(cb)]);
    });
    assert.deepEqual(onDisk(d, 'c1').sort(), ['u1', 'uA', 'uB']);
    assert.ok(!readdirSync(d).some((f) => f.includes('.lock')), 'no lock left behind');
  });

  it('a window releases the lock only while it is its own: a lock another window took over stays', async () => {
    const d = dir();
    const { a, ca } = await twoWindows(d);
    const lock = join(d, 'c1.lock');
    const theirs = JSON.stringify({ token: 'someone-else', pid: process.pid, host: hostname() });
    await patched('writeFile', (real) => (async (...args: Parameters<typeof fsp.writeFile>) => {
      if (pathOf(args[0]).includes('.json.tmp-')) writeFileSync(lock, theirs); // taken over mid-save
      return real(...args);
    }) as typeof fsp.writeFile, async () => {
      await a.save(ca);
    });
    assert.equal(existsSync(lock) && readFileSync(lock, 'utf8'), theirs, 'the other window\'s lock is still there');
  });

  it('a lock left by a window whose process is gone is taken over', async () => {
    const d = dir();
    const { a, ca } = await twoWindows(d, { staleLockMs: 100, lockWaitMs: 2_000 });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(d, 'c1.lock'), JSON.stringify({ token: 'dead', pid: dead, host: hostname() }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(d, 'c1.lock'), old, old);
    await a.save(ca);
    assert.deepEqual(onDisk(d, 'c1'), ['u1', 'uA']);
  });

  it('a lock this very process left behind (a failed release) is taken over, not waited on forever', async () => {
    const d = dir();
    const { a, ca } = await twoWindows(d, { staleLockMs: 100, lockWaitMs: 2_000 });
    writeFileSync(join(d, 'c1.lock'), JSON.stringify({ token: 'leaked', pid: process.pid, host: hostname() }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(d, 'c1.lock'), old, old);
    await a.save(ca);
    assert.deepEqual(onDisk(d, 'c1'), ['u1', 'uA']);
  });

  it('two windows that both find the same stale lock do not both get in: both turns are on disk', async () => {
    const d = dir();
    const { a, b, ca, cb } = await twoWindows(d, { staleLockMs: 100, lockWaitMs: 5_000 });
    writeFileSync(join(d, 'c1.lock'), 'left by a crash');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(d, 'c1.lock'), old, old);
    await patched('writeFile', stallWrites(300, 2), async () => {
      await Promise.all([a.save(ca), b.save(cb)]);
    });
    assert.deepEqual(onDisk(d, 'c1').sort(), ['u1', 'uA', 'uB']);
  });

  it('a message this window wrote but never saw on disk is written again after a racing write lost it', async () => {
    const d = dir();
    const { b, cb } = await twoWindows(d);
    await b.save(cb);
    // A window that did not wait for the lock wrote over B's save, without uB.
    const clobbered = JSON.parse(readFileSync(join(d, 'c1.json'), 'utf8')) as Conversation;
    clobbered.messages = clobbered.messages.filter((m) => m.id !== 'uB').concat(msg('uA'));
    writeFileSync(join(d, 'c1.json'), JSON.stringify(clobbered));
    cb.messages.push(msg('uB2'));
    await b.save(cb);
    assert.deepEqual(onDisk(d, 'c1'), ['u1', 'uA', 'uB', 'uB2']);
  });

  it('the merge drops only a message this window saw on disk and another window removed', () => {
    const ours = { ...newConversation('m', 1), messages: [msg('u1'), msg('mine'), msg('seen')] };
    const disk = { ...newConversation('m', 1), messages: [msg('u1')] };
    const merged = mergeConversation(ours, disk, new Set(['u1', 'mine', 'seen']), new Set(['u1', 'seen']));
    assert.deepEqual(ids(merged), ['u1', 'mine']);
  });
});
