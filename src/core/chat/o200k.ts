// The o200k tokenizer as the VSIX ships it: our own exact counter (o200k-count.ts, over gpt-tokenizer's rank table
// and pre-tokenizer regex) with the rank table read from a Brotli-compressed JSON file (test/support/rig/o200k-ranks.mjs
// writes it at build time) instead of the library's 2.77 MB JavaScript array. This file is the entry of the lazy
// chunk dist/sdk/tokenizer-o200k_base.js (esbuild.mjs): tokens.ts requires that chunk on the first exact count, so
// the decompression and the rank map are built then, never on activation. Its one export is countTokens, the
// only part of gpt-tokenizer's API that BYOK uses; gpt-tokenizer's own engine is not shipped.
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { o200kCounter, type Ranks } from './o200k-count';
import { sourceFromJson, type TokenSource } from './o200k-rank-table';

export type { Ranks } from './o200k-count';

/** o200k_base has 199,998 mergeable ranks; anything shorter is a damaged or foreign file. */
const MIN_RANKS = 199_000;

/**
 * The rank table from the compressed file, as gpt-tokenizer's array (the tests compare it entry by entry). The file
 * is ours (built from the library's array), so a shape check stands in for a zod schema, here and in
 * decodeRankSource: parsing 200,000 entries through zod would cost more than the decompression.
 */
export function decodeRanks(data: Uint8Array): Ranks {
  const parsed: unknown = JSON.parse(brotliDecompressSync(data).toString('utf8'));
  if (!Array.isArray(parsed) || parsed.length < MIN_RANKS) throw new Error('The o200k rank table is damaged');
  for (const entry of parsed as unknown[]) {
    if (typeof entry !== 'string' && !Array.isArray(entry)) throw new Error('The o200k rank table is damaged');
  }
  return parsed as Ranks;
}

/**
 * The rank file read for counting: its JSON text kept whole and indexed in place (o200k-rank-table.ts), which
 * makes none of the 200,000 strings decodeRanks would. Throws on a file that is not such a table.
 */
export function decodeRankSource(data: Uint8Array): TokenSource {
  const source = sourceFromJson(brotliDecompressSync(data).toString('utf8'), MIN_RANKS);
  if (!source) throw new Error('The o200k rank table is damaged');
  return source;
}

/** What the chunk exports: gpt-tokenizer's countTokens, counting special-token strings ('<|endoftext|>') as plain text. */
export interface O200kTokenizer {
  countTokens(text: string): number;
}

/** The tokenizer over a rank table (gpt-tokenizer's array, or the file's source). */
export function o200kTokenizer(ranks: Ranks | TokenSource): O200kTokenizer {
  return { countTokens: o200kCounter(ranks, O200K_TOKEN_SPLIT_REGEX) };
}

/** The chunk's export: the tokenizer over the ranks file beside the chunk (dist/sdk/). */
export function o200kFromDir(dir: string, file: string): O200kTokenizer {
  return o200kTokenizer(decodeRankSource(readFileSync(join(dir, file))));
}
