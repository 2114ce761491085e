// The exact o200k counter the VSIX ships (o200k-count.ts) against gpt-tokenizer's countTokens: one difference fails.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ranks from 'gpt-tokenizer/bpeRanks/o200k_base';
import * as library from 'gpt-tokenizer/encoding/o200k_base';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { o200kCounter, PIECE_CACHE_SIZE } from '../../../src/core/chat/o200k-count';
import { fileTexts, HARD_TEXTS, randomTexts } from './o200k-corpus';

// tokens.ts counts special-token strings as the plain text they are.
const plain = { disallowedSpecial: new Set<string>() };
const expected = (text: string): number => library.countTokens(text, plain);

function assertSameCounts(count: (text: string) => number, texts: Record<string, string>): void {
  const wrong = Object.entries(texts).filter(([, text]) => count(text) !== expected(text));
  assert.deepEqual(wrong.map(([name, text]) => `${name}: ${count(text)} tokens, gpt-tokenizer ${expected(text)}`), []);
}

describe('chat/o200k-count (exact o200k counts)', () => {
  let count: (text: string) => number;
  before(function () {
    this.timeout(30_000);
    count = o200kCounter(ranks, O200K_TOKEN_SPLIT_REGEX);
  });

  it('counts every file of the repository, the README and large .d.ts files exactly as gpt-tokenizer does', function () {
    this.timeout(120_000);
    const files = fileTexts();
    assert.ok(Object.keys(files).length > 300, 'the corpus holds the repository');
    assertSameCounts(count, files);
    // Again, now answered largely from the piece caches.
    assertSameCounts(count, files);
  });

  it('counts CJK, Cyrillic, Arabic, emoji, ZWJ, combining marks, lone surrogates, special tokens, whitespace, long words, base64 and hex exactly', () => {
    assertSameCounts(count, HARD_TEXTS);
    // Every hard text also inside code, so pieces meet their neighbours.
    assertSameCounts(count, Object.fromEntries(Object.entries(HARD_TEXTS).map(([k, v]) => [`${k} in code`, `const s = "${v}";\n  return s;\n`])));
  });

  it('counts special-token strings as plain text (gpt-tokenizer with no special tokens allowed)', () => {
    assert.equal(count('<|endoftext|>'), 7);
    assert.equal(count('hello world'), 2);
    assert.equal(count(''), 0);
  });

  it('counts 20,000 random strings of ASCII and tricky characters exactly as gpt-tokenizer does', function () {
    this.timeout(60_000);
    const texts = randomTexts(20_000, 7);
    assertSameCounts(count, Object.fromEntries(texts.map((t, i) => [`${i} ${JSON.stringify(t)}`, t])));
  });

  it('stays exact when its piece caches turn over (more distinct pieces than they hold)', () => {
    const fresh = o200kCounter(ranks, O200K_TOKEN_SPLIT_REGEX);
    const words = Array.from({ length: PIECE_CACHE_SIZE * 3 }, (_, i) => ` w${i.toString(36)}x${(i * 7919).toString(36)}é`);
    const text = words.join('');
    assert.equal(fresh(text), expected(text));
    assert.equal(fresh(text), expected(text));
  });

  it('its caches keep only the pieces, never the texts they came from (VS Code counts large prompts, any extension can too)', function () {
    this.timeout(60_000);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const filler = 'const value = compute(input) + 1;\n'.repeat(3000); // ~100 KB
    const word = (n: number): string => `zq${n.toString(26).replace(/\d/g, (d) => String.fromCharCode(103 + Number(d)))}xqzvkjwpq`;
    count(filler);
    gc();
    const before = process.memoryUsage().heapUsed;
    // 600 texts of ~100 KB, each with one long piece never seen before: cached as slices, they would keep ~60 MB.
    for (let i = 0; i < 600; i++) count(`${word(i)} ${filler}`);
    gc();
    const grewMb = (process.memoryUsage().heapUsed - before) / 1e6;
    assert.ok(grewMb < 15, `the heap grew ${grewMb.toFixed(1)} MB after counting 60 MB of distinct texts`);
  });
});
