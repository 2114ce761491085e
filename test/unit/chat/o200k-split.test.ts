// The hand-written o200k pre-tokenizer against the regex it replaces: the same pieces, always.
import assert from 'node:assert/strict';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { splitO200k } from '../../../src/core/chat/o200k-split';
import { fileTexts, HARD_TEXTS, randomTexts } from './o200k-corpus';

const byScanner = (text: string): string[] => {
  const pieces: string[] = [];
  splitO200k(text, O200K_TOKEN_SPLIT_REGEX, (start, end) => pieces.push(text.slice(start, end)));
  return pieces;
};
const byRegex = (text: string): string[] => Array.from(text.matchAll(new RegExp(O200K_TOKEN_SPLIT_REGEX)), (m) => m[0]);

/** The first piece that differs, with its neighbours, so a failure says where. */
function assertSamePieces(text: string, name: string): void {
  const ours = byScanner(text);
  const theirs = byRegex(text);
  const at = ours.findIndex((p, i) => p !== theirs[i]);
  if (at < 0 && ours.length === theirs.length) return;
  const i = at < 0 ? Math.min(ours.length, theirs.length) : at;
  assert.fail(`${name}: piece ${i} is ${JSON.stringify(ours.slice(i - 1, i + 2))}, the regex has ${JSON.stringify(theirs.slice(i - 1, i + 2))}`);
}

describe('chat/o200k-split (the o200k pre-tokenizer)', () => {
  it('splits every file of the repository, the README and large .d.ts files exactly as the o200k regex does', function () {
    this.timeout(60_000);
    for (const [name, text] of Object.entries(fileTexts())) assertSamePieces(text, name);
  });

  it('splits scripts, marks, emoji, lone surrogates, special tokens, whitespace and long runs exactly as the regex does', () => {
    for (const [name, text] of Object.entries(HARD_TEXTS)) assertSamePieces(text, name);
  });

  it('splits 100,000 random strings of ASCII and tricky characters exactly as the regex does', function () {
    this.timeout(60_000);
    for (const text of randomTexts(100_000, 15)) assertSamePieces(text, JSON.stringify(text));
  });

  it('covers the whole text, piece after piece', () => {
    for (const text of Object.values(HARD_TEXTS)) assert.equal(byScanner(text).join(''), text);
  });
});
