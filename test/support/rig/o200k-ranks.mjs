// Build step: gpt-tokenizer's o200k ranks as JSON, Brotli-compressed at quality 11 with a 16 MB window.
// As a 2.77 MB JavaScript array the ranks took ~1.07 MB of the VSIX (its deflate finds little to share in
// 200,000 short strings); the same data as Brotli is ~0.75 MB. The array is the library's own, entry for
// entry (a string, or the bytes of a token that is not UTF-8), so counts cannot differ: the unit tests
// compare both the array and the counts. Quality 11 takes ~4 s, so the result is cached per gpt-tokenizer
// version (node_modules/.cache, the usual place for build caches).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

/** Where the chunk looks for its ranks, beside itself in dist/sdk/. */
export const O200K_RANKS_FILE = 'o200k_base.ranks.json.br';

/** The compressed ranks, from the cache when gpt-tokenizer has not changed. */
export function o200kRanksBrotli(root = process.cwd()) {
  const require = createRequire(join(root, 'package.json'));
  const { version } = require(join(root, 'node_modules/gpt-tokenizer/package.json'));
  const cache = join(root, 'node_modules/.cache/byok', `o200k_base-${version}.ranks.json.br`);
  if (existsSync(cache)) return readFileSync(cache);
  const ranks = require(join(root, 'node_modules/gpt-tokenizer/cjs/bpeRanks/o200k_base.js')).default;
  const data = compressRanks(ranks);
  mkdirSync(dirname(cache), { recursive: true });
  // Write then rename: several builds may share node_modules, and none may read half a file.
  const partial = `${cache}.${process.pid}.tmp`;
  writeFileSync(partial, data);
  renameSync(partial, cache);
  return data;
}

/** JSON, then Brotli at its best setting (the window covers the whole 2 MB text). */
export function compressRanks(ranks) {
  const json = Buffer.from(JSON.stringify(ranks), 'utf8');
  return brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
}
