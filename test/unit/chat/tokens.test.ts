import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  countMessageTokens, countTokens, encoderFrom, estimateTokens, IMAGE_TOKENS, loadTokenCounter, MESSAGE_OVERHEAD, tokenizerFor, TOOLS_OVERHEAD,
} from '../../../src/core/chat/tokens';
import type { ChatMessage } from '../../../src/core/providers/types';

/** Real counts straight from gpt-tokenizer, to hold the estimate against. */
async function reference() {
  const o200k = await import('gpt-tokenizer/encoding/o200k_base');
  const cl100k = await import('gpt-tokenizer/encoding/cl100k_base');
  const opts = { disallowedSpecial: new Set<string>() };
  return { o200k: (s: string) => o200k.countTokens(s, opts), cl100k: (s: string) => cl100k.countTokens(s, opts) };
}

const SAMPLES: Record<string, string> = {
  prose: 'The quick brown fox jumps over the lazy dog. Developers now ask models to read documentation for them, line by line. '.repeat(30),
  typescript: readFileSync('src/core/errors.ts', 'utf8'),
  json: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')), null, 2),
  chinese: '我们在这里讨论模型的上下文窗口以及如何计算令牌数量。这个扩展让开发者使用自己的密钥。'.repeat(10),
  russian: 'Быстрая коричневая лиса прыгает через ленивую собаку. Разработчики пишут код.'.repeat(10),
  emoji: '🎉🚀👍🏽👨‍👩‍👧‍👦🤖✨'.repeat(20),
  base64: Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7919 + 13) % 256)).toString('base64'),
  digits: '3141592653589793238462643383279502884197169399375105820974944592'.repeat(4),
  allCaps: 'THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG AND HTTPSERVER URLPARSER '.repeat(20),
};

describe('chat/tokens', () => {
  it('picks the tokenizer from a model reference or id', () => {
    const cases: [string, string][] = [
      ['openai/gpt-4.1', 'o200k'], ['gpt-4o-mini', 'o200k'], ['openai/gpt-5.6-sol', 'o200k'], ['o3-mini', 'o200k'], ['o1', 'o200k'],
      ['openrouter/openai/gpt-4o', 'o200k'], ['groq/openai/gpt-oss-120b', 'o200k'], ['chatgpt-4o-latest', 'o200k'],
      ['openai/gpt-4', 'cl100k'], ['gpt-4-turbo', 'cl100k'], ['gpt-3.5-turbo', 'cl100k'],
      ['anthropic/claude-sonnet-4-5', 'estimate'], ['ollama/llama3.1', 'estimate'], ['openai/omni-moderation-latest', 'estimate'],
    ];
    for (const [model, kind] of cases) assert.equal(tokenizerFor(model), kind, model);
  });

  it('counts o200k models with the real tokenizer', async () => {
    assert.equal(await countTokens('hello world', 'openai/gpt-4o'), 2);
    assert.equal(await countTokens('The quick brown fox jumps over the lazy dog.', 'gpt-4.1'), 10);
    assert.equal(await countTokens('', 'gpt-4.1'), 0);
    const counter = await loadTokenCounter('openai/gpt-5');
    assert.equal(counter.kind, 'o200k');
    assert.equal(counter.exact, true);
  });

  it('counts text that contains special-token markers as plain text instead of throwing', async () => {
    assert.equal(await countTokens('<|endoftext|>', 'gpt-4o'), 7);
  });

  it('estimates above both OpenAI tokenizers on every kind of text', async () => {
    const ref = await reference();
    for (const [name, text] of Object.entries(SAMPLES)) {
      const est = estimateTokens(text);
      assert.ok(est >= ref.cl100k(text), `${name}: estimate ${est} < cl100k ${ref.cl100k(text)}`);
      assert.ok(est >= ref.o200k(text), `${name}: estimate ${est} < o200k ${ref.o200k(text)}`);
    }
  });

  it('estimates English and code with room for less efficient tokenizers (>= 1.3x o200k), but not absurdly (< 2.5x)', async () => {
    const ref = await reference();
    for (const name of ['prose', 'typescript', 'json']) {
      const text = SAMPLES[name] ?? '';
      const ratio = estimateTokens(text) / ref.o200k(text);
      assert.ok(ratio >= 1.3 && ratio < 2.5, `${name}: ratio ${ratio.toFixed(2)}`);
    }
  });

  it('counts cl100k models (gpt-4, gpt-3.5) with the estimate, which stays above their real count', async () => {
    const ref = await reference();
    const counter = await loadTokenCounter('openai/gpt-4');
    assert.equal(counter.exact, false);
    assert.ok(counter.text(SAMPLES.chinese ?? '') >= ref.cl100k(SAMPLES.chinese ?? ''));
  });

  it('adds per-message overhead, a fixed cost per image, and tool calls and results', async () => {
    const text: ChatMessage = { role: 'user', content: [{ type: 'text', text: 'hello world' }] };
    const withImage: ChatMessage = { role: 'user', content: [{ type: 'text', text: 'hello world' }, { type: 'image', mimeType: 'image/png', dataBase64: 'iVBORw0KGgo='.repeat(1000) }] };
    const call: ChatMessage = { role: 'assistant', content: [], toolCalls: [{ id: 'c1', name: 'read_file', argumentsJson: '{"path":"src/core/errors.ts"}' }] };
    const result: ChatMessage = { role: 'tool', toolCallId: 'c1', toolName: 'read_file', content: 'export class ProviderError extends Error {}' };
    assert.equal(await countMessageTokens([text], 'gpt-4o'), MESSAGE_OVERHEAD + 2);
    assert.equal(await countMessageTokens([withImage], 'gpt-4o'), MESSAGE_OVERHEAD + 2 + IMAGE_TOKENS, 'the image costs a fixed amount, not its base64 length');
    const counter = await loadTokenCounter('gpt-4o');
    assert.ok(counter.message(call) > MESSAGE_OVERHEAD + counter.text('{"path":"src/core/errors.ts"}'));
    assert.ok(counter.message(result) > counter.text('export class ProviderError extends Error {}'));
    assert.equal(await countMessageTokens([text, call, result], 'gpt-4o'), counter.message(text) + counter.message(call) + counter.message(result));
  });

  it('counts the system prompt and tool definitions in the preamble', async () => {
    const counter = await loadTokenCounter('anthropic/claude-haiku-4-5');
    assert.equal(counter.kind, 'estimate');
    const bare = counter.preamble(undefined);
    const withSystem = counter.preamble('You are a careful assistant.');
    const withTools = counter.preamble('You are a careful assistant.', [{ name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }]);
    assert.ok(withSystem > bare);
    assert.ok(withTools >= withSystem + TOOLS_OVERHEAD);
  });

  it('finds the encoder when import() gives only `default` (the built dist/sdk chunk) and on a plain namespace', async () => {
    // Node's import() of a CommonJS bundle whose export names it cannot detect yields { default: module.exports }.
    const namespace = await import('gpt-tokenizer/encoding/o200k_base');
    assert.equal(encoderFrom({ default: { ...namespace } })?.countTokens('hello world'), 2);
    assert.equal(encoderFrom(namespace)?.countTokens('hello world'), 2);
    assert.equal(encoderFrom({ default: {} }), undefined);
    assert.equal(encoderFrom(undefined), undefined);
  });
});
