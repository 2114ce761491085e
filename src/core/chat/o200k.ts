// The o200k tokenizer as the VSIX ships it: gpt-tokenizer's BPE engine with its rank table read from a
// Brotli-compressed JSON file (test/support/rig/o200k-ranks.mjs writes it at build time) instead of the
// library's 2.77 MB JavaScript array. This file is the entry of the lazy chunk dist/sdk/tokenizer-o200k_base.js
// (esbuild.mjs): tokens.ts requires that chunk on the first exact count, so the decompression (~20 ms)
// happens then, never on activation. The API is gpt-tokenizer's own (countTokens and the rest).
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

export type Ranks = (string | number[])[];

/** o200k_base has 199,998 mergeable ranks; anything shorter is a damaged or foreign file. */
const MIN_RANKS = 199_000;

/**
 * The rank table from the compressed file. The file is ours (built from the library's array), so a shape
 * check stands in for a zod schema: parsing 200,000 entries through zod would cost more than the decompression.
 */
export function decodeRanks(data: Uint8Array): Ranks {
  const parsed: unknown = JSON.parse(brotliDecompressSync(data).toString('utf8'));
  if (!Array.isArray(parsed) || parsed.length < MIN_RANKS) throw new Error('The o200k rank table is damaged');
  for (const entry of parsed as unknown[]) {
    if (typeof entry !== 'string' && !Array.isArray(entry)) throw new Error('The o200k rank table is damaged');
  }
  return parsed as Ranks;
}

/** gpt-tokenizer's o200k_base API over a rank table read on first use. */
export function o200kEncoding(readRanks: () => Ranks): GptEncoding {
  return GptEncoding.getEncodingApi('o200k_base', readRanks);
}

/** The chunk's export: the encoding over the ranks file beside the chunk (dist/sdk/). */
export function o200kFromDir(dir: string, file: string): GptEncoding {
  return o200kEncoding(() => decodeRanks(readFileSync(join(dir, file))));
}
