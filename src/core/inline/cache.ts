// Reuse: typing the characters a suggestion already shows must not make a request. Completions are kept
// in a small LRU keyed by where they were asked (prefix tail + suffix head); a later request whose prefix
// is the cached prefix plus characters that start the cached completion gets the rest of it.
const PREFIX_KEY_CHARS = 2_000;
const SUFFIX_KEY_CHARS = 200;

interface Entry { prefix: string; suffix: string; completion: string }

export class CompletionCache {
  readonly #entries: Entry[] = [];

  constructor(private readonly capacity = 50) {}

  put(prefix: string, suffix: string, completion: string): void {
    if (!completion) return;
    const entry = { prefix: prefix.slice(-PREFIX_KEY_CHARS), suffix: suffix.slice(0, SUFFIX_KEY_CHARS), completion };
    const i = this.#entries.findIndex((e) => e.prefix === entry.prefix && e.suffix === entry.suffix);
    if (i >= 0) this.#entries.splice(i, 1);
    this.#entries.push(entry);
    if (this.#entries.length > this.capacity) this.#entries.shift();
  }

  /** The rest of a cached completion the user has been typing along, or undefined. */
  get(prefix: string, suffix: string): string | undefined {
    const tail = prefix.slice(-PREFIX_KEY_CHARS);
    const head = suffix.slice(0, SUFFIX_KEY_CHARS);
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      const e = this.#entries[i]!;
      const rest = remainder(e, tail, head);
      if (rest !== undefined) {
        // Most recently used last.
        this.#entries.splice(i, 1);
        this.#entries.push(e);
        return rest;
      }
    }
    return undefined;
  }

  clear(): void { this.#entries.length = 0; }
}

/**
 * What is left of `e.completion` at `prefix`, when the user typed a start of the completion after `e.prefix`.
 * Both prefixes are tails cut at PREFIX_KEY_CHARS, so "cached + typed" is compared after the same cut.
 */
export function remainder(e: Entry, prefix: string, suffix: string): string | undefined {
  if (suffix !== e.suffix) return undefined;
  for (let k = 0; k < e.completion.length; k++) {
    const typed = e.completion.slice(0, k);
    if (!prefix.endsWith(typed)) continue;
    if ((e.prefix + typed).slice(-PREFIX_KEY_CHARS) === prefix) return e.completion.slice(k);
  }
  return undefined;
}
