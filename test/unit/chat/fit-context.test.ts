import assert from 'node:assert/strict';
import { fitConversation, splitTurns } from '../../../src/core/chat/fit-context';
import { makeCounter, MESSAGE_OVERHEAD, REPLY_PRIMING } from '../../../src/core/chat/tokens';
import { isProviderError, type ProviderError } from '../../../src/core/errors';
import type { ChatMessage } from '../../../src/core/providers/types';

// One token per character keeps the arithmetic visible: a message costs MESSAGE_OVERHEAD (5) + its characters.
const count = makeCounter('estimate', false, (s) => s.length);
const user = (text: string): ChatMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): ChatMessage => ({ role: 'assistant', content: [{ type: 'text', text }] });

// Turns: [u1 a1] = 210, [u2 call result reply] = 160, [u3] = 35; system 'sys' makes the preamble 11.
const u1 = user('a'.repeat(100));
const a1 = assistant('b'.repeat(100));
const u2 = user('c'.repeat(50));
const call: ChatMessage = { role: 'assistant', content: [], toolCalls: [{ id: 't1', name: 'grep', argumentsJson: '{}' }] };
const result: ChatMessage = { role: 'tool', toolCallId: 't1', toolName: 'grep', content: 'x'.repeat(40) };
const reply = assistant('d'.repeat(20));
const u3 = user('e'.repeat(30));
const conversation = [u1, a1, u2, call, result, reply, u3];

function catchError(fn: () => unknown): ProviderError {
  try {
    fn();
  } catch (e) {
    if (isProviderError(e)) return e;
    throw e;
  }
  assert.fail('expected a ProviderError');
}

describe('chat/fit-context', () => {
  it('checks the arithmetic of the fake counter', () => {
    assert.equal(count.preamble('sys'), REPLY_PRIMING + MESSAGE_OVERHEAD + 3);
    assert.deepEqual(splitTurns(conversation).map((t) => t.reduce((s, m) => s + count.message(m), 0)), [210, 160, 35]);
  });

  it('keeps everything when it fits', () => {
    const fit = fitConversation({ system: 'sys', messages: conversation, contextWindow: 1000, maxOutputTokens: 100, count });
    assert.deepEqual(fit.messages, conversation);
    assert.equal(fit.droppedCount, 0);
    assert.equal(fit.notice, undefined);
    assert.equal(fit.inputTokens, 11 + 405);
  });

  it('drops the oldest whole turn and says so', () => {
    // budget 300 - 50 - 11 = 239: the newest two turns (195) fit, the first (210) does not
    const fit = fitConversation({ system: 'sys', messages: conversation, contextWindow: 300, maxOutputTokens: 50, count, modelName: 'GPT-4.1' });
    assert.deepEqual(fit.messages, [u2, call, result, reply, u3]);
    assert.equal(fit.droppedCount, 2);
    assert.equal(fit.notice, "Dropped the 2 oldest messages (1 turn) to fit GPT-4.1's context window of 300 tokens.");
    assert.equal(fit.inputTokens, 11 + 195);
  });

  it('reserves room for the answer: a larger reservation drops more', () => {
    // budget 300 - 100 - 11 = 189: the tool-loop turn (160) no longer fits beside the last (35)
    const fit = fitConversation({ system: 'sys', messages: conversation, contextWindow: 300, maxOutputTokens: 100, count });
    assert.deepEqual(fit.messages, [u3]);
    assert.equal(fit.droppedCount, 6);
  });

  it('never keeps a tool result without the call, nor starts with an assistant reply', () => {
    for (let window = 60; window <= 500; window += 7) {
      const fit = fitConversation({ system: 'sys', messages: conversation, contextWindow: window, maxOutputTokens: 10, count });
      assert.equal(fit.messages[0]?.role, 'user', `window ${window}`);
      const called = new Set<string>();
      for (const m of fit.messages) {
        if (m.role === 'assistant') for (const c of m.toolCalls ?? []) called.add(c.id);
        if (m.role === 'tool') assert.ok(called.has(m.toolCallId), `orphan tool result at window ${window}`);
      }
    }
  });

  it('keeps a contiguous run of newest turns (no gap to keep a small old turn)', () => {
    const tiny = [user('q'), assistant('r')]; // 12 tokens
    const fit = fitConversation({ messages: [...tiny, u1, a1, u3], contextWindow: 100, maxOutputTokens: 10, count });
    assert.deepEqual(fit.messages, [u3]);
    assert.equal(fit.droppedCount, 4);
  });

  it('drops an opening assistant message before the first user turn', () => {
    const greeting = assistant('Hello! How can I help?');
    const all = fitConversation({ messages: [greeting, u3], contextWindow: 1000, maxOutputTokens: 10, count });
    assert.equal(all.droppedCount, 0);
    const tight = fitConversation({ messages: [greeting, u3], contextWindow: 60, maxOutputTokens: 10, count });
    assert.deepEqual(tight.messages, [u3]);
    assert.match(tight.notice ?? '', /Dropped the 1 oldest message \(1 turn\)/);
  });

  it('throws context-too-long when the last message alone does not fit', () => {
    const err = catchError(() => fitConversation({ system: 'sys', messages: [u1, user('z'.repeat(1000))], contextWindow: 800, maxOutputTokens: 100, count, provider: 'openai', modelName: 'GPT-4o' }));
    assert.equal(err.kind, 'context-too-long');
    assert.equal(err.provider, 'openai');
    assert.match(err.message, /last message needs about 1005 tokens, but only 689 of GPT-4o's 800-token context window/);
    assert.match(err.userMessage, /longer than the model accepts/);
  });

  it('throws context-too-long when the system prompt and the reservation alone fill the window', () => {
    const err = catchError(() => fitConversation({ system: 'x'.repeat(500), messages: [u3], contextWindow: 600, maxOutputTokens: 200, count }));
    assert.equal(err.kind, 'context-too-long');
    assert.match(err.message, /system prompt and tool definitions \(about 508 tokens\) and the 200 tokens reserved/);
  });

  it('counts tool definitions against the window', () => {
    const tools = [{ name: 'grep', description: 'Search files', inputSchema: { type: 'object' } }];
    const without = fitConversation({ messages: conversation, contextWindow: 1000, maxOutputTokens: 100, count });
    assert.equal(without.droppedCount, 0);
    const withTools = fitConversation({ messages: conversation, contextWindow: 1000, maxOutputTokens: 100, count, tools });
    assert.ok(withTools.droppedCount > 0, 'the 500-token tool overhead must push old turns out');
  });
});
