// Byte-pair merging for long pieces in O(n log n). The plain merge (o200k-count.ts, as gpt-tokenizer's and
// tiktoken's) scans every pair for the lowest rank after each merge: O(n²), so one 20,000-character word (a
// minified line, a data URI's run of letters) took ~0.5 s and 100,000 characters would hold the extension host
// for ~12 s. This does the same merges in the same order: a heap ordered by (rank, position) yields the lowest
// rank, and among equal ranks the leftmost pair, which is exactly the pair the scan picks; entries for pairs that
// a merge changed are recognised as stale by a per-part version and skipped.

/** Pieces with more bytes than this are merged here; shorter ones cost less with the plain scan. */
export const LONG_PIECE_BYTES = 128;

/** Ranks are below 2^18 and positions below 2^32, so rank * 2^32 + position is an exact double and orders both. */
const POSITION = 2 ** 32;

/**
 * The number of parts byte-pair merging leaves of `length` bytes, where `rankOf(from, to)` is the rank of the
 * bytes from..to as one token, or Infinity when they are not one.
 */
export function mergeLong(length: number, rankOf: (from: number, to: number) => number): number {
  // Parts as a linked list over their first byte: next[p] is where the part after p starts (length at the end).
  const next = new Int32Array(length + 1);
  const prev = new Int32Array(length + 1);
  const version = new Int32Array(length + 1);
  for (let p = 0; p <= length; p++) {
    next[p] = p + 1;
    prev[p] = p - 1;
  }
  const heap = new MinHeap(length);
  const push = (p: number): void => {
    const q = next[p]!;
    if (q >= length) return;
    const rank = rankOf(p, next[q]!);
    if (rank !== Number.POSITIVE_INFINITY) heap.push(rank * POSITION + p, version[p]!);
  };
  for (let p = 0; p < length; p++) push(p);

  let parts = length;
  while (heap.size > 0) {
    const [key, v] = heap.pop();
    const p = key % POSITION;
    if (v !== version[p]) continue; // the pair starting at p changed since this entry was pushed
    // Merge the part at p with the one after it.
    const q = next[p]!;
    const after = next[q]!;
    next[p] = after;
    if (after <= length) prev[after] = p;
    parts--;
    version[q]!++; // q is gone: its own pair's entry is stale
    version[p]++;
    push(p);
    const before = prev[p]!;
    if (before >= 0) {
      version[before]!++;
      push(before);
    }
  }
  return parts;
}

/** A binary min-heap of (key, version) in two flat arrays. */
class MinHeap {
  private keys: Float64Array;
  private versions: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.versions = new Int32Array(Math.max(16, capacity));
  }

  push(key: number, version: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const versions = new Int32Array(this.size * 2);
      versions.set(this.versions);
      this.versions = versions;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.versions[i] = this.versions[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.versions[i] = version;
  }

  pop(): [number, number] {
    const top: [number, number] = [this.keys[0]!, this.versions[0]!];
    const key = this.keys[--this.size]!;
    const version = this.versions[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!;
      this.versions[i] = this.versions[child]!;
      i = child;
    }
    if (this.size > 0) {
      this.keys[i] = key;
      this.versions[i] = version;
    }
    return top;
  }
}
