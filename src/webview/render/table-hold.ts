// A streamed GFM table is a paragraph of raw "| a | b |" text until its separator line ("|---|---|")
// arrives, and then jumps into a table. While an answer streams, the lines that could still become a
// table's header are held back from the open block instead, so a person never sees the raw rows.
// Only lines that start with "|" are held (how models write tables): a prose line with a pipe in it
// streams as usual. A held line is shown as soon as the next line shows it is not a table, and at the
// end of the answer whatever is held is rendered as it is.

const STARTS_LIKE_ROW = /^[ \t]{0,3}\|/;
/** A separator line, complete or still arriving: only pipes, colons, dashes and spaces (and a CRLF's CR). */
const SEPARATOR_SO_FAR = /^[ \t]*[|:-][ \t|:-]*\r?$/;

/**
 * How much of a streaming block's text to render now: all of it, or up to the line where a table
 * header that has not got its separator yet begins.
 */
export function shownWhileStreaming(open: string): string {
  const lastBreak = open.lastIndexOf('\n');
  const partial = open.slice(lastBreak + 1);
  const complete = lastBreak < 0 ? '' : open.slice(0, lastBreak);
  const prevStart = complete.lastIndexOf('\n') + 1;
  const prev = lastBreak < 0 ? undefined : complete.slice(prevStart);
  const beforePrev = prevStart > 0 ? complete.slice(complete.lastIndexOf('\n', prevStart - 2) + 1, prevStart - 1) : undefined;
  const rowLike = (line: string | undefined): boolean => line !== undefined && STARTS_LIKE_ROW.test(line);
  // A header still arriving, not a row of a table above it.
  if (rowLike(partial) && !rowLike(prev)) return open.slice(0, lastBreak + 1);
  // A whole header line, its separator not complete yet (or not started).
  if (rowLike(prev) && !rowLike(beforePrev) && (partial === '' || SEPARATOR_SO_FAR.test(partial))) return open.slice(0, prevStart);
  return open;
}
