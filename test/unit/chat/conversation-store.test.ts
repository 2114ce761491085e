import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newConversation, titleFrom, toChatMessages, totalsOf, type Conversation } from '../../../src/core/chat/conversation';
import { ConversationStore } from '../../../src/core/chat/conversation-store';

function sample(id: string): Conversation {
  const c = newConversation(id, 1000);
  c.title = 'Explain closures';
  c.messages.push(
    { id: 'u1', role: 'user', text: 'Explain closures', createdAt: 1, attachments: [{ id: 'a1', kind: 'selection', label: 'a.ts:1-2', language: 'ts', text: 'const f = () => x;', tokens: 8 }] },
    { id: 'm1', role: 'assistant', text: 'A closure captures…', status: 'complete', model: { id: 'k1/gpt-4.1', name: 'GPT-4.1', providerLabel: 'OpenAI', keyName: 'work' }, usage: { inputTokens: 100, outputTokens: 20 }, costUsd: 0.001, createdAt: 2 },
    { id: 'u2', role: 'user', text: 'And in Python?', createdAt: 3 },
    { id: 'm2', role: 'assistant', text: '', status: 'error', error: { kind: 'auth', title: 'Invalid key.', detail: '401' }, model: { id: 'k2/claude', name: 'Claude', providerLabel: 'Anthropic' }, createdAt: 4 },
  );
  return c;
}

describe('conversations', () => {
  it('turn into a provider-neutral history with attached context, leaving out empty failed answers', () => {
    const history = toChatMessages(sample('c1'));
    assert.deepEqual(history.map((m) => m.role), ['user', 'assistant', 'user']);
    const first = history[0]!;
    assert.ok(first.role === 'user' && first.content[0]?.type === 'text' && first.content[0].text.includes('Context from a.ts:1-2:\n```ts\nconst f = () => x;\n```'));
  });

  it('total tokens and cost per conversation, counting answers of unknown price', () => {
    const c = sample('c1');
    c.messages.push({ id: 'm3', role: 'assistant', text: 'ok', status: 'complete', usage: { inputTokens: 5, outputTokens: 5 }, createdAt: 5 });
    const t = totalsOf(c);
    assert.equal(t.inputTokens, 105);
    assert.equal(t.outputTokens, 25);
    assert.equal(t.costUsd, 0.001);
    assert.equal(t.unpricedAnswers, 1);
  });

  it('titles come from the first line of the first prompt', () => {
    assert.equal(titleFrom('  Fix this bug\nin foo.ts'), 'Fix this bug');
    assert.equal(titleFrom('x'.repeat(100)).length, 58);
  });
});

describe('ConversationStore', () => {
  const dir = (): string => mkdtempSync(join(tmpdir(), 'byok-conv-'));

  it('saves atomically and reads back, newest first, searchable', async () => {
    const d = dir();
    const store = new ConversationStore(d);
    const a = sample('ca');
    const b = { ...sample('cb'), title: 'Rust lifetimes', updatedAt: 5000 };
    await store.save(a);
    await store.save(b);
    assert.deepEqual(readdirSync(d).sort(), ['ca.json', 'cb.json'], 'no temporary files left behind');
    const fresh = new ConversationStore(d);
    assert.deepEqual((await fresh.list()).map((s) => s.id), ['cb', 'ca']);
    assert.deepEqual((await fresh.list('lifetimes')).map((s) => s.id), ['cb']);
    assert.deepEqual(await fresh.get('ca'), a);
  });

  it('survives a crash between write and rename: the previous version stays, the leftover is cleaned', async () => {
    const d = dir();
    const store = new ConversationStore(d);
    const a = sample('ca');
    await store.save(a);
    // What a crash after writeFile(tmp) and before rename(tmp, real) leaves on disk.
    writeFileSync(join(d, 'ca.json.tmp-dead'), '{"version":1,"id":"ca","title":"half wri');
    const crashedAt = new Date(Date.now() - 60 * 60_000);
    utimesSync(join(d, 'ca.json.tmp-dead'), crashedAt, crashedAt);
    const fresh = new ConversationStore(d);
    assert.deepEqual(await fresh.get('ca'), a);
    await fresh.list();
    assert.deepEqual(readdirSync(d), ['ca.json']);
  });

  it('sets a corrupt file aside with a notice and keeps working', async () => {
    const d = dir();
    await new ConversationStore(d).save(sample('good'));
    writeFileSync(join(d, 'bad.json'), '{ not json');
    writeFileSync(join(d, 'wrong.json'), JSON.stringify({ version: 2, id: 'wrong' }));
    const store = new ConversationStore(d);
    assert.deepEqual((await store.list()).map((s) => s.id), ['good']);
    assert.equal(store.problems.length, 2);
    assert.match(store.problems.join('\n'), /\(bad\.json\) could not be read and was set aside/);
    const files = readdirSync(d);
    assert.ok(files.some((f) => f.startsWith('bad.json.corrupt-')), files.join(','));
    assert.equal(readFileSync(join(d, files.find((f) => f.startsWith('bad.json.corrupt-'))!), 'utf8'), '{ not json', 'the corrupt content is kept, not lost');
    await store.save(sample('next'));
    assert.equal((await new ConversationStore(d).list()).length, 2);
  });
});

describe('ConversationStore with two windows on one directory', () => {
  const dir = (): string => mkdtempSync(join(tmpdir(), 'byok-conv2-'));
  const turn = (n: number, at: number): Conversation['messages'] => [
    { id: `u${n}`, role: 'user', text: `question ${n}`, createdAt: at },
    { id: `a${n}`, role: 'assistant', text: `answer ${n}`, status: 'complete', createdAt: at + 1 },
  ];

  it('a save in one window keeps the turns another window saved to the same conversation', async () => {
    const d = dir();
    const one = new ConversationStore(d);
    const two = new ConversationStore(d);
    const c = newConversation('cshared', 1);
    c.messages.push(...turn(1, 10));
    await one.save(c);
    const inOne = (await one.get('cshared'))!;
    const inTwo = (await two.get('cshared'))!;
    inOne.messages.push(...turn(2, 20));
    await one.save(inOne);
    inTwo.messages.push(...turn(3, 30));
    await two.save(inTwo);
    const onDisk = (await new ConversationStore(d).get('cshared'))!;
    assert.deepEqual(onDisk.messages.map((m) => m.id).sort(), ['a1', 'a2', 'a3', 'u1', 'u2', 'u3']);
    // Turns stay whole: every answer directly follows its question.
    for (const n of [1, 2, 3]) {
      const i = onDisk.messages.findIndex((m) => m.id === `u${n}`);
      assert.equal(onDisk.messages[i + 1]?.id, `a${n}`, onDisk.messages.map((m) => m.id).join(','));
    }
  });

  it('a message this window removed (regenerate, edit) is not brought back from disk', async () => {
    const d = dir();
    const store = new ConversationStore(d);
    const c = newConversation('cedit', 1);
    c.messages.push(...turn(1, 10), ...turn(2, 20));
    await store.save(c);
    c.messages.splice(3);
    c.messages.push({ id: 'a2b', role: 'assistant', text: 'again', status: 'complete', createdAt: 40 });
    await store.save(c);
    assert.deepEqual((await new ConversationStore(d).get('cedit'))!.messages.map((m) => m.id), ['u1', 'a1', 'u2', 'a2b']);
  });

  it('a conversation another window saved appears in the list without a reload', async () => {
    const d = dir();
    const one = new ConversationStore(d);
    const two = new ConversationStore(d);
    assert.deepEqual(await two.list(), []);
    const c = newConversation('cnew', 1);
    c.messages.push(...turn(1, 10));
    await one.save(c);
    assert.deepEqual((await two.list()).map((s) => s.id), ['cnew']);
  });

  it('a deleted conversation is never written again, by this window or another', async () => {
    const d = dir();
    const one = new ConversationStore(d);
    const two = new ConversationStore(d);
    const c = newConversation('cgone', 1);
    c.messages.push(...turn(1, 10));
    await one.save(c);
    const inTwo = (await two.get('cgone'))!;
    await one.delete('cgone');
    assert.equal(await one.save(c), undefined, 'this window does not bring it back');
    inTwo.messages.push(...turn(2, 20));
    assert.equal(await two.save(inTwo), undefined, 'nor does a window that had it open');
    assert.deepEqual(readdirSync(d).filter((f) => f.endsWith('.json')), []);
  });

  it('loading does not delete a temporary file another window is writing right now', async () => {
    const d = dir();
    await new ConversationStore(d).save(sample('ca'));
    writeFileSync(join(d, 'cb.json.tmp-live'), '{"version":1,"id":"cb"');
    writeFileSync(join(d, 'cc.json.tmp-dead'), '{"version":1,"id":"cc"');
    const old = new Date(Date.now() - 60 * 60_000);
    utimesSync(join(d, 'cc.json.tmp-dead'), old, old);
    await new ConversationStore(d).list();
    assert.deepEqual(readdirSync(d).sort(), ['ca.json', 'cb.json.tmp-live']);
  });
});

describe('ConversationStore: an answer finished in another window', () => {
  it('is not overwritten by a window that loaded it while it was streaming', async () => {
    const d = mkdtempSync(join(tmpdir(), 'byok-conv3-'));
    const one = new ConversationStore(d);
    const two = new ConversationStore(d);
    const c = newConversation('clive', 1);
    c.messages.push({ id: 'u1', role: 'user', text: 'q', createdAt: 1 }, { id: 'a1', role: 'assistant', text: '', status: 'streaming', createdAt: 2 });
    await one.save(c);
    const inTwo = (await two.get('clive'))!;
    inTwo.messages[1]!.status = 'interrupted';
    c.messages[1] = { ...c.messages[1]!, text: 'the whole answer', status: 'complete' };
    await one.save(c);
    inTwo.messages.push({ id: 'u2', role: 'user', text: 'next', createdAt: 3 });
    const saved = await two.save(inTwo);
    assert.equal(saved?.messages[1]?.text, 'the whole answer');
    assert.equal((await new ConversationStore(d).get('clive'))?.messages[1]?.status, 'complete');
  });
});
