import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    const fresh = new ConversationStore(d);
    assert.deepEqual(await fresh.get('ca'), a);
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
