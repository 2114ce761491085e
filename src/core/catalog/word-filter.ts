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
  return query.toLowerCase().split(/\s+/).map((w) => w.trim()).filter(Boolean);
}

function haystack(row: FilterableRow, extra: string): string {
  return [row.label.replace(/\$\([a-z-]+\)/g, ''), row.description ?? '', row.detail ?? '', extra].join(' ').toLowerCase();
}

/**
 * The rows to show for `query`: matching rows marked alwaysShow (so the quick pick's own per-field filter
 * cannot hide them again), rows already marked alwaysShow (actions such as "Add a key…"), and each
 * separator that still has a row under it. An empty query shows everything as it was.
 */
export function filterByWords<T extends FilterableRow>(rows: readonly T[], query: string, isSeparator: (row: T) => boolean, keywords: (row: T) => string = () => ''): T[] {
  const words = queryWords(query);
  if (!words.length) return rows.slice();
  const kept: T[] = [];
  let pendingSeparator: T | undefined;
  for (const row of rows) {
    if (isSeparator(row)) { pendingSeparator = row; continue; }
    const text = haystack(row, keywords(row));
    const match = words.every((w) => text.includes(w));
    if (!match && !row.alwaysShow) continue;
    if (pendingSeparator) { kept.push(pendingSeparator); pendingSeparator = undefined; }
    kept.push(match ? { ...row, alwaysShow: true } : row);
  }
  return kept;
}
