// Exact o200k token counts without gpt-tokenizer's engine: the same pre-tokenizer (o200k-split.ts: a scanner for
// ASCII, the library's regex for the rest) and the same byte-level BPE merge (tiktoken's: merge the lowest-ranked
// adjacent pair, the leftmost on a tie, until no pair is a token), over the library's own rank table. Why not the
// library: it runs the regex once per piece, and its bytePairMerge turns every candidate pair into bytes and back
// (TextEncoder, a UTF-8 validity scan, TextDecoder) before a Map lookup; a never-seen 10,000-character text cost
// ~1.5 ms at the median once warm. Here a range of a piece is looked up in place (o200k-rank-table.ts) whenever
// its bytes are whole characters, which is every range of an ASCII piece; only ranges that split a multi-byte
// character are looked up by their bytes, in the small map of tokens that are not UTF-8 (1,571 of 199,998).
// test/unit/chat/o200k-count.test.ts holds every count against gpt-tokenizer's countTokens.
//
// What the library does, and so what this does too (each point is checked by that test):
// - special-token strings such as '<|endoftext|>' are plain text (tokens.ts passes no allowed special tokens);
// - a piece that is a token as a whole string is 1 token, without merging;
// - otherwise the piece is merged over its UTF-8 bytes, where a lone surrogate is U+FFFD (TextEncoder's bytes).
import { LONG_PIECE_BYTES, mergeLong } from './o200k-long-merge';
import { RankTable, sourceFromArray, type TokenSource } from './o200k-rank-table';
import { forEachPiece } from './o200k-split';

/** gpt-tokenizer's rank table: index = rank; a string, or the bytes of a token that is not valid UTF-8. */
export type Ranks = readonly (string | readonly number[])[];

/**
 * Recent pieces whose counts are remembered, whole tokens too: most pieces of code recur ('\n', ' =', ' const'),
 * and a hit in this small map (it stays in the CPU's cache) costs less than a lookup in the 200,000-token table.
 * Kept small on purpose: over 160 never-seen texts after a warm-up, 2,048 and 32,768 were both slower than 8,192;
 * without this cache the median was ~1.5x higher.
 */
export const PIECE_CACHE_SIZE = 8_192;
/** Pieces that needed merging (~1% of the pieces of code, several µs each): remembered much longer. */
export const MERGE_CACHE_SIZE = 50_000;

const NO_RANK = Number.POSITIVE_INFINITY;
const UNSEEN = -2;
const NO_PAIR = -1;

/**
 * A counting function over a rank table and the o200k pre-tokenizer regex (gpt-tokenizer's O200K_TOKEN_SPLIT_REGEX,
 * passed in so this file needs nothing from the library): gpt-tokenizer's array, or a TokenSource.
 */
export function o200kCounter(ranks: Ranks | TokenSource, splitRegex: RegExp): (text: string) => number {
  const source = Array.isArray(ranks) ? sourceFromArray(ranks as Ranks) : ranks as TokenSource;
  const table = new RankTable(source);
  const sticky = new RegExp(splitRegex.source, `${splitRegex.flags.replace(/[gy]/g, '')}y`);
  const mergeCount = pieceMerger(table, source.bytes);
  const merged = new RecentCounts(MERGE_CACHE_SIZE);
  const pieces = new RecentCounts(PIECE_CACHE_SIZE);
  const countNew = (piece: string): number => (table.rank(piece, 0, piece.length) >= 0 ? 1 : merged.count(piece, mergeCount));
  return (text: string): number => {
    let total = 0;
    forEachPiece(text, sticky, (start, end) => {
      total += pieces.count(text.slice(start, end), countNew);
    });
    return total;
  };
}

/** A bounded map of recent counts: two generations instead of an LRU, so a hit costs one or two lookups and no reordering. */
class RecentCounts {
  private recent = new Map<string, number>();
  private older = new Map<string, number>();
  constructor(private readonly size: number) {}

  count(key: string, compute: (key: string) => number): number {
    let n = this.recent.get(key);
    if (n !== undefined) return n;
    n = this.older.get(key) ?? compute(key);
    if (this.recent.size >= this.size / 2) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(detached(key), n);
    return n;
  }
}

/**
 * The key as a string of its own. A piece is a slice of the text being counted, and V8 keeps a slice of 13 or
 * more characters as a view into that whole text: cached as it is, every never-seen piece would keep its whole
 * text (a 100 KB prompt) alive for as long as the cache holds it. Concatenating makes V8 copy the characters
 * into a new flat string when the result is sliced, so only the piece's own characters stay.
 */
function detached(piece: string): string {
  return piece.length < 13 ? piece : `${piece} `.slice(0, -1);
}

/** The number of tokens byte-level BPE makes of one piece that is not a token as a whole. */
function pieceMerger(table: RankTable, bytes: ReadonlyMap<string, number>): (piece: string) => number {
  // The rank of every byte pair, filled in as pairs are met (UNSEEN until then, NO_PAIR when not a token): the
  // first round of every merge looks up one pair per byte, and this 256 KB array answers without a lookup in the
  // 200,000-token table. A pair's rank depends only on its two bytes, so the array is exact.
  const pairs = new Int32Array(65_536).fill(UNSEEN);
  // Reused across calls (pieces are short); grown when a longer one comes.
  let starts = new Int32Array(64);
  let ranks = new Float64Array(64);
  let charAt = new Int32Array(64);

  return (piece: string): number => {
    const text = wellFormed(piece);
    const ascii = isAscii(text);
    // For a non-ASCII piece: its UTF-8 bytes as char codes, and for each byte offset the index in `text` that
    // starts there (-1 inside a character), so a range of whole characters is looked up in place in `text`.
    const encoded = ascii ? text : utf8Chars(text);
    const length = encoded.length;
    if (length === 1) return 1; // every single byte is a token
    if (starts.length <= length) {
      starts = new Int32Array(length + 1);
      ranks = new Float64Array(length + 1);
      charAt = new Int32Array(length + 1);
    }
    if (!ascii) mapCharStarts(text, charAt);
    const rankOf = (from: number, to: number): number => {
      const a = ascii ? from : charAt[from]!;
      const b = ascii ? to : charAt[to]!;
      const rank = a >= 0 && b >= 0 ? table.rank(text, a, b) : bytes.get(encoded.slice(from, to)) ?? -1;
      return rank < 0 ? NO_RANK : rank;
    };
    if (length > LONG_PIECE_BYTES) return mergeLong(length, rankOf);

    // parts = count - 1 boundaries after the first; ranks[i] is the rank of parts i and i+1 joined.
    let count = length + 1;
    for (let i = 0; i < count; i++) starts[i] = i;
    for (let i = 0; i < count - 2; i++) {
      const pair = (encoded.charCodeAt(i) << 8) | encoded.charCodeAt(i + 1);
      let rank = pairs[pair]!;
      if (rank === UNSEEN) {
        const r = rankOf(i, i + 2);
        rank = pairs[pair] = r === NO_RANK ? NO_PAIR : r;
      }
      ranks[i] = rank === NO_PAIR ? NO_RANK : rank;
    }
    ranks[count - 2] = NO_RANK;
    ranks[count - 1] = NO_RANK;
    while (count > 2) {
      let lowest = NO_RANK;
      let at = -1;
      for (let i = 0; i < count - 2; i++) {
        const r = ranks[i]!;
        if (r < lowest) {
          lowest = r;
          at = i;
        }
      }
      if (at < 0) break;
      // Drop the boundary between parts `at` and `at + 1`, then re-rank the pairs that now include the merged part.
      starts.copyWithin(at + 1, at + 2, count);
      ranks.copyWithin(at, at + 1, count);
      count--;
      ranks[at] = at + 2 < count ? rankOf(starts[at]!, starts[at + 2]!) : NO_RANK;
      if (at > 0) ranks[at - 1] = rankOf(starts[at - 1]!, starts[at + 1]!);
    }
    return count - 1;
  };
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The string with every lone surrogate replaced by U+FFFD, which is what TextEncoder encodes it as. */
export function wellFormed(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    return replaceLoneSurrogates(s);
  }
  return s;
}

function replaceLoneSurrogates(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : s[i]!;
  }
  return out;
}

/** The UTF-8 bytes of a well-formed string, one char (code 0-255) per byte. */
function utf8Chars(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out += s[i]!;
    } else if (c < 0x800) {
      out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    } else if (c >= 0xd800 && c <= 0xdbff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    } else {
      out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }
  return out;
}

/** For each UTF-8 byte offset of `s` (and its end), the index in `s` of the character starting there, or -1. */
function mapCharStarts(s: string, charAt: Int32Array): void {
  let b = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3;
    charAt[b] = i;
    for (let k = 1; k < size; k++) charAt[b + k] = -1;
    b += size;
    if (size === 4) i++;
  }
  charAt[b] = s.length;
}
