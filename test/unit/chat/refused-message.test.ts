// A message refused before sending (too long for the model's context window) must not cost the next one its context.
import assert from 'node:assert/strict';
import { newConversation, refusedMessageIds, toChatMessages, type StoredMessage } from '../../../src/core/chat/conversation';
import { fitConversation } from '../../../src/core/chat/fit-context';
import { makeCounter } from '../../../src/core/chat/tokens';

const count = makeCounter('estimate', false, (s) => s.length);
const refusal = { kind: 'context-too-long', title: 'Too long for the context window.', detail: 'The last message needs about 5005 tokens…' };

function conversationWithRefusal(): StoredMessage[] {
  const messages: StoredMessage[] = [];
  for (let n = 1; n <= 3; n++) {
    messages.push({ id: `u${n}`, role: 'user', text: `question ${n}`, createdAt: n * 10 });
    messages.push({ id: `a${n}`, role: 'assistant', text: `answer ${n}`, status: 'complete', createdAt: n * 10 + 1 });
  }
  messages.push({ id: 'huge', role: 'user', text: 'x'.repeat(5000), createdAt: 100 });
  messages.push({ id: 'refused', role: 'assistant', text: '', status: 'error', error: refusal, createdAt: 101 });
  messages.push({ id: 'short', role: 'user', text: 'and now a short one', createdAt: 110 });
  return messages;
}

describe('chat/refused messages', () => {
  it('a message refused as too long does not count towards the context of the next one', () => {
    const c = newConversation('c1');
    c.messages.push(...conversationWithRefusal());
    const fit = fitConversation({ system: 'sys', messages: toChatMessages(c), contextWindow: 1000, maxOutputTokens: 100, count });
    assert.equal(fit.droppedCount, 0, fit.notice);
    assert.equal(fit.notice, undefined);
    const texts = fit.messages.map((m) => (m.role === 'user' || m.role === 'assistant') && m.content[0]?.type === 'text' ? m.content[0].text : '');
    assert.deepEqual(texts, ['question 1', 'answer 1', 'question 2', 'answer 2', 'question 3', 'answer 3', 'and now a short one']);
  });

  it('a refused message answered again (after choosing a larger model) is sent', () => {
    const c = newConversation('c1');
    c.messages.push(...conversationWithRefusal().slice(0, 7));
    assert.equal(toChatMessages(c).at(-1)?.role, 'user');
    assert.equal(toChatMessages(c).length, 7);
  });

  it('the refused message is known, so the chat can show it collapsed', () => {
    assert.deepEqual([...refusedMessageIds(conversationWithRefusal())], ['huge']);
  });
});
