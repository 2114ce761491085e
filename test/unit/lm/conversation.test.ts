import * as assert from 'node:assert/strict';
import { LmApiError } from '../../../src/core/lm/errors';
import { validateConversation } from '../../../src/core/lm/conversation';
import type { ChatMessage } from '../../../src/core/providers/types';

const user = (text: string): ChatMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const callsTool = (...ids: string[]): ChatMessage => ({ role: 'assistant', content: [], toolCalls: ids.map((id) => ({ id, name: 'search', argumentsJson: '{}' })) });
const result = (id: string): ChatMessage => ({ role: 'tool', toolCallId: id, toolName: 'search', content: 'found' });

function rejects(conversation: { system?: string; messages: ChatMessage[] }, pattern: RegExp): void {
  assert.throws(() => validateConversation(conversation, { vision: true }), (e: unknown) => e instanceof LmApiError && pattern.test(e.message), JSON.stringify(conversation));
}

describe('LM API conversation', () => {
  it('accepts a conversation with answered tool calls', () => {
    validateConversation({ system: 'be brief', messages: [user('find x'), callsTool('c1', 'c2'), result('c1'), result('c2'), user('thanks')] }, { vision: false });
    validateConversation({ messages: [user('hi')] }, { vision: false });
  });

  it('refuses an empty request, and one that is only system text', () => {
    rejects({ messages: [] }, /has no messages/);
    rejects({ system: 'You are helpful.', messages: [] }, /only system text/);
  });

  it('refuses a tool result for a call nobody made', () => {
    rejects({ messages: [user('x'), result('ghost')] }, /tool result refers to call "ghost"/);
    rejects({ messages: [user('x'), callsTool('c1'), result('c1'), result('c1')] }, /tool result refers to call "c1"/);
  });

  it('refuses a tool call left without its result', () => {
    rejects({ messages: [user('x'), callsTool('c1', 'c2'), result('c1'), user('next')] }, /tool call "c2" \(search\) has no result/);
    rejects({ messages: [user('x'), callsTool('c1')] }, /tool call "c1" \(search\) has no result/);
  });

  it('refuses two tool calls with the same id', () => {
    rejects({ messages: [user('x'), callsTool('c1'), result('c1'), callsTool('c1'), result('c1')] }, /used twice/);
  });
});
