// The model picker's filter: every typed word must appear somewhere in the row (key name, provider,
// model name or id), in any order. VS Code's quick pick matches the whole query against one field at a
// time, so "work gpt-4o" (a key name and a model) or "gpt mini" (two parts of a name) finds nothing there.

export interface FilterableRow {
  label: string;
  description?: string;
  detail?: string;
  alwaysShow?: boolean;
}

/** The query's words, lower-cased ("gpt-4o" stays one word). */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

function haystack(row: FilterableRow, extra: string): string {
  return [row.label.replace(/\$\([a-z-]+\)/g, ''), row.description ?? '', row.detail ?? '', extra].join(' ').toLowerCase();
}

export function matchesWords(row: FilterableRow, words: readonly string[], extra = ''): boolean {
  const text = haystack(row, extra);
  return words.every((w) => text.includes(w));
}

/**
 * The same rows in the same order, each one that has every word marked alwaysShow so the quick pick's own
 * per-field filter cannot hide it. Rows are never removed or reordered: the quick pick identifies a row by
 * its position, and a list that changed under a click or an Enter would pick another model (and key).
 * Rows already marked alwaysShow (actions such as "Add a key…") stay so.
 */
export function markMatches<T extends FilterableRow>(rows: readonly T[], query: string, isSeparator: (row: T) => boolean, keywords: (row: T) => string = () => ''): T[] {
  const words = queryWords(query);
  return rows.map((row) => {
    if (isSeparator(row) || !words.length) return row;
    return matchesWords(row, words, keywords(row)) ? { ...row, alwaysShow: true } : row;
  });
}

/** The first row with every word (Enter pressed before the marked rows reached the screen). */
export function firstMatch<T extends FilterableRow>(rows: readonly T[], query: string, isSeparator: (row: T) => boolean, keywords: (row: T) => string = () => ''): T | undefined {
  const words = queryWords(query);
  if (!words.length) return undefined;
  return rows.find((row) => !isSeparator(row) && matchesWords(row, words, keywords(row)));
}
