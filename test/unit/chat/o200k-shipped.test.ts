// The o200k tokenizer the VSIX ships (ranks as Brotli JSON, src/core/chat/o200k.ts) against gpt-tokenizer's own.
// o200k-count.test.ts holds the counter itself against the library on a large corpus; this file checks the shipped path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeRankSource, decodeRanks, o200kTokenizer, type O200kTokenizer } from '../../../src/core/chat/o200k';
import type * as Library from 'gpt-tokenizer/encoding/o200k_base';
import { compressRanks } from '../../support/rig/o200k-ranks.mjs';
import { HARD_TEXTS } from './o200k-corpus';

const plain = { disallowedSpecial: new Set<string>() };

/** Every kind of text an editor sends: code, prose, CJK, emoji (ZWJ and skin tones), bytes that are not whole UTF-8 tokens. */
function corpus(): Record<string, string> {
  const code = readFileSync('src/core/chat/tokens.ts', 'utf8');
  return {
    typescript: code,
    python: 'def fib(n: int) -> int:\n    """Return the n-th number."""\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\n\tprint(fib(30))\r\n',
    json: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')), null, 2),
    english: 'The quick brown fox jumps over the lazy dog. Tokenizers split text into pieces; counts must match exactly. ',
    chinese: '我们在这里讨论模型的上下文窗口以及如何计算令牌数量。这个扩展让开发者使用自己的密钥。',
    japanese: 'トークナイザーは日本語のテキストを分割します。ひらがな、カタカナ、漢字。',
    korean: '안녕하세요, 토큰 수를 정확하게 세어야 합니다.',
    cyrillicArabicHindi: 'Быстрая лиса — مرحبا بالعالم — नमस्ते दुनिया — Ελληνικά',
    emoji: '🎉🚀👍🏽👨‍👩‍👧‍👦🤖✨🏳️‍🌈 mixed with text 😀😃😄',
    rareBytes: '\u0000\u0001\u007f\u0085\u00a0\u2028\u{10FFFF}\u{1D400}\uFFFD 𓀀𓀁 ꙮ',
    specialMarkers: '<|endoftext|> <|im_start|>user<|im_end|> <|fim_prefix|>',
    whitespace: '    \n\n\t\t  \r\n   x   \n',
    longText: ('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ' + code.slice(0, 2000) + ' 漢字かな交じり文 🎉 ').repeat(20),
    base64: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)).toString('base64'),
  };
}

describe('chat/o200k (the shipped tokenizer)', () => {
  let library: typeof Library;
  let ranks: (string | number[])[];
  let data: Buffer;
  let shipped: O200kTokenizer;
  before(async function () {
    this.timeout(60_000);
    library = await import('gpt-tokenizer/encoding/o200k_base');
    ranks = (await import('gpt-tokenizer/bpeRanks/o200k_base')).default;
    // The same compression the build uses (quality 11), decoded the way the chunk decodes it.
    data = compressRanks(ranks);
    shipped = o200kTokenizer(decodeRankSource(data));
  });

  it('the shipped rank table is the library\'s, entry for entry', () => {
    assert.deepEqual(decodeRanks(data), ranks);
    assert.ok(data.length < 800 * 1024, `ranks file is ${data.length} bytes`);
  });

  it('o200k counts are identical to gpt-tokenizer\'s for code, CJK, emoji and long text', () => {
    for (const [name, text] of Object.entries({ ...corpus(), ...HARD_TEXTS })) {
      assert.equal(shipped.countTokens(text), library.countTokens(text, plain), name);
    }
  });

  it('the rank file read in place (as the chunk reads it) holds every rank\'s token where the library has it', () => {
    const source = decodeRankSource(data);
    assert.equal(source.starts.length, ranks.length);
    ranks.forEach((token, rank) => {
      if (typeof token === 'string') assert.equal(source.text.slice(source.starts[rank], source.ends[rank]), token, `rank ${rank}`);
      else assert.equal(source.bytes.get(String.fromCharCode(...token)), rank, `rank ${rank} (bytes)`);
    });
    assert.equal(source.bytes.size, ranks.filter((t) => typeof t !== 'string').length);
  });

  it('a damaged rank file is refused, not used', () => {
    assert.throws(() => decodeRanks(compressRanks(['a', 'b'])), /damaged/);
    assert.throws(() => decodeRanks(new Uint8Array([1, 2, 3])));
    assert.throws(() => decodeRankSource(compressRanks(['a', 'b'])), /damaged/);
    assert.throws(() => decodeRankSource(compressRanks([...ranks.slice(0, 199_500), 7 as unknown as string])), /damaged/);
    assert.throws(() => decodeRankSource(new Uint8Array([1, 2, 3])));
  });
});
