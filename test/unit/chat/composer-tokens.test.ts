// The composer's token count, as the host computes it for the chat view (src/vscode/chat/composer-tokens.ts).
import assert from 'node:assert/strict';
import { SYSTEM_PROMPT, type Attachment } from '../../../src/core/chat/conversation';
import { fitConversation } from '../../../src/core/chat/fit-context';
import { estimateTokens, loadTokenCounter } from '../../../src/core/chat/tokens';
import { parseChatMessage } from '../../../src/core/protocol';
import { ANSWER_RESERVE_CAP, composerTokenCount } from '../../../src/vscode/chat/composer-tokens';

const GPT = { modelId: 'gpt-4.1', contextWindow: 128_000, maxOutputTokens: 32_768 };
const CLAUDE = { modelId: 'claude-sonnet-4-5', contextWindow: 200_000, maxOutputTokens: 64_000 };
const attachment = (text: string): Attachment => ({ id: 'a1', kind: 'file', label: 'src/app.ts', text, tokens: estimateTokens(text), language: 'ts' });

describe('chat/composer token count (host)', () => {
  it('counts typed text with the chosen model\'s own tokenizer: exact o200k for an OpenAI model', async () => {
    const o200k = await import('gpt-tokenizer/encoding/o200k_base');
    const text = 'How do I debounce an input handler in TypeScript?';
    const count = await composerTokenCount(text, 7, GPT, []);
    assert.equal(count.type, 'tokenCount');
    assert.equal(count.seq, 7, 'answers with the request\'s seq, so the webview can drop stale answers');
    assert.equal(count.exact, true);
    assert.equal(count.tokens, o200k.countTokens(text));
  });

  it('uses the high-side estimate (and says so) for a model whose tokenizer is not shipped, or no model', async () => {
    const text = 'Explain the borrow checker in two sentences.';
    for (const model of [CLAUDE, undefined]) {
      const count = await composerTokenCount(text, 1, model, []);
      assert.equal(count.exact, false);
      assert.equal(count.tokens, estimateTokens(text));
    }
    assert.equal((await composerTokenCount(text, 1, undefined, [])).limit, undefined, 'no model: no limit to judge against');
  });

  it('the room is the request\'s own: window minus the answer reservation minus the system prompt', async () => {
    const counter = await loadTokenCounter(GPT.modelId);
    const count = await composerTokenCount('hi', 1, GPT, []);
    assert.equal(count.limit, GPT.contextWindow - Math.min(GPT.maxOutputTokens, ANSWER_RESERVE_CAP) - counter.preamble(SYSTEM_PROMPT));
  });

  it('counts the attachments with the question (contextTokens), not in the typed text\'s count', async () => {
    const file = 'export const x = 1;\n'.repeat(200);
    const bare = await composerTokenCount('Explain this', 1, GPT, []);
    const withFile = await composerTokenCount('Explain this', 1, GPT, [attachment(file)]);
    assert.equal(withFile.tokens, bare.tokens);
    assert.ok(withFile.contextTokens > bare.contextTokens + 1000, `${bare.contextTokens} -> ${withFile.contextTokens}`);
  });

  it('"too long" here agrees with the request: over the limit exactly when fit-context would refuse the question', async () => {
    const counter = await loadTokenCounter(GPT.modelId);
    const model = { ...GPT, contextWindow: 20_000 };
    const check = async (text: string): Promise<void> => {
      const c = await composerTokenCount(text, 1, model, []);
      const over = c.contextTokens > c.limit!;
      let refused = false;
      try {
        fitConversation({ system: SYSTEM_PROMPT, messages: [{ role: 'user', content: [{ type: 'text', text }] }], contextWindow: model.contextWindow, maxOutputTokens: Math.min(model.maxOutputTokens, ANSWER_RESERVE_CAP), count: counter });
      } catch {
        refused = true;
      }
      assert.equal(over, refused, `${c.contextTokens} of ${c.limit}`);
    };
    await check('word '.repeat(100));
    await check('word '.repeat(3000));
    await check('word '.repeat(5000));
  });

  it('the protocol accepts countTokens from the chat view and rejects a malformed one', () => {
    assert.equal(parseChatMessage({ type: 'countTokens', text: 'hi', seq: 3 }).ok, true);
    assert.equal(parseChatMessage({ type: 'countTokens', text: 'hi', seq: -1 }).ok, false);
    assert.equal(parseChatMessage({ type: 'countTokens', text: 'hi', seq: 1.5 }).ok, false);
    assert.equal(parseChatMessage({ type: 'countTokens', text: 'x'.repeat(1_000_001), seq: 1 }).ok, false);
  });
});
