// Keeping a pending hunk on its lines while the user types elsewhere. A change above a hunk moves it by the
// number of lines the change added or removed; a change below leaves it alone; a change that touches its
// lines means the proposal no longer describes the text there, so the caller withdraws it (never guesses).

/** A document change, in line terms: the replaced range's first and last line, and how many lines its text has. */
export interface LineChange {
  startLine: number;
  endLine: number;
  /** Line breaks in the inserted text. */
  insertedBreaks: number;
}

/**
 * Where a span that starts at `start` and covers `lineCount` lines (at least the line it starts on, so an
 * insertion is anchored to the line it goes before) lies after `change`; undefined when the change touches it.
 */
export function reanchor(start: number, lineCount: number, change: LineChange): number | undefined {
  const last = start + Math.max(lineCount, 1) - 1;
  if (change.startLine > last) return start;
  if (change.endLine < start) return start + change.insertedBreaks - (change.endLine - change.startLine);
  return undefined;
}

/** Counts line breaks the way VS Code does (\r\n, \n and a lone \r are each one). */
export function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}
