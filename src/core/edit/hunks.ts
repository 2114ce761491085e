// Hunks of a proposed rewrite, line by line. While the answer streams, a cheap greedy alignment gives a
// provisional picture of the part written so far; when it ends, Myers' diff (the `diff` package) gives the
// final hunks, so what the user accepts is a minimal, stable diff and not an artefact of the stream.
import { diffArrays } from 'diff';

export interface Hunk {
  /** Where the hunk starts, as a line index into the original lines. */
  origStart: number;
  /** The original lines it replaces (empty for a pure insertion before origStart). */
  origLines: string[];
  /** The lines that replace them (empty for a pure deletion). */
  newLines: string[];
}

const leading = (line: string): string => /^\s*/.exec(line)![0];

function minIndent(lines: string[]): string | undefined {
  let min: string | undefined;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const ind = leading(l);
    if (min === undefined || ind.length < min.length) min = ind;
  }
  return min;
}

/**
 * Indentation tolerance: models often return an indented selection flush left. When the proposal sits less
 * deep than the original and its indentation is a prefix of the original's, the difference is put back on
 * every non-blank line, so an unchanged line stays unchanged instead of showing as a whitespace rewrite.
 */
export function reindent(original: string[], proposed: string[]): string[] {
  const o = minIndent(original);
  const p = minIndent(proposed);
  if (o === undefined || p === undefined || p.length >= o.length || !o.startsWith(p)) return proposed;
  const extra = o.slice(p.length);
  return proposed.map((l) => (l.trim() === '' ? l : extra + l));
}

/**
 * Myers' diff costs O(N·D): cheap for the few changes an edit usually makes, but a rewrite of every line
 * of 2,000 takes over a second. Past this budget the diff gives up (the `diff` package's own timeout) and
 * the cheaper alignment below is used, so the proposal is ready within the issue's 50 ms either way.
 */
export const DIFF_BUDGET_MS = 30;

/** The final hunks: Myers' line diff of the original and the (re-indented) proposal. */
export function finalHunks(original: string[], proposed: string[], budgetMs = DIFF_BUDGET_MS): Hunk[] {
  const changes = diffArrays(original, proposed, { timeout: budgetMs });
  if (!changes) return alignedHunks(original, proposed);
  const hunks: Hunk[] = [];
  let orig = 0;
  let open: Hunk | undefined;
  for (const change of changes) {
    if (!change.added && !change.removed) {
      if (open) hunks.push(open);
      open = undefined;
      orig += change.count;
      continue;
    }
    open ??= { origStart: orig, origLines: [], newLines: [] };
    if (change.removed) { open.origLines.push(...change.value); orig += change.count; }
    else open.newLines.push(...change.value);
  }
  if (open) hunks.push(open);
  return hunks;
}

/**
 * The fallback for rewrites too large to diff in time: the common first and last lines are kept; when the
 * middle has as many lines on both sides (a line-for-line rewrite) each run of differing lines is a hunk,
 * otherwise the middle is one hunk. Always exact: applying the hunks gives the proposal.
 */
export function alignedHunks(original: string[], proposed: string[]): Hunk[] {
  let head = 0;
  while (head < original.length && head < proposed.length && original[head] === proposed[head]) head++;
  let tail = 0;
  while (tail < original.length - head && tail < proposed.length - head && original[original.length - 1 - tail] === proposed[proposed.length - 1 - tail]) tail++;
  const oMid = original.slice(head, original.length - tail);
  const pMid = proposed.slice(head, proposed.length - tail);
  if (oMid.length === 0 && pMid.length === 0) return [];
  if (oMid.length !== pMid.length) return [{ origStart: head, origLines: oMid, newLines: pMid }];
  const hunks: Hunk[] = [];
  let open: Hunk | undefined;
  oMid.forEach((line, i) => {
    if (line === pMid[i]) { if (open) hunks.push(open); open = undefined; return; }
    open ??= { origStart: head + i, origLines: [], newLines: [] };
    open.origLines.push(line);
    open.newLines.push(pMid[i]!);
  });
  if (open) hunks.push(open);
  return hunks;
}

/** How far a short, common line ("}", "", "end") may be looked for ahead: it would match almost anywhere. */
const SHORT_LOOKAHEAD = 1;
const LOOKAHEAD = 64;

/**
 * A provisional diff of the lines streamed so far against the original. Lines are matched greedily,
 * ignoring indentation (the final diff does not), within a bounded look-ahead, so each update is linear in
 * the stream. `reached` is how many original lines the stream has accounted for; the rest is not yet known.
 */
export function streamingHunks(original: string[], partial: string[]): { hunks: Hunk[]; reached: number } {
  const hunks: Hunk[] = [];
  let o = 0;
  let open: Hunk | undefined;
  for (const line of partial) {
    const key = line.trim();
    const limit = Math.min(original.length, o + (key.length < 3 ? SHORT_LOOKAHEAD : LOOKAHEAD));
    let match = -1;
    for (let j = o; j < limit; j++) if (original[j]!.trim() === key) { match = j; break; }
    if (match < 0) {
      open ??= { origStart: o, origLines: [], newLines: [] };
      open.newLines.push(line);
      continue;
    }
    if (match > o) {
      open ??= { origStart: o, origLines: [], newLines: [] };
      open.origLines.push(...original.slice(o, match));
    }
    if (open) hunks.push(open);
    open = undefined;
    o = match + 1;
  }
  if (open) hunks.push(open);
  return { hunks, reached: o };
}

/** The original with the given hunks applied (hunks sorted by origStart, not overlapping). */
export function applyHunks(original: string[], hunks: readonly Hunk[]): string[] {
  const out: string[] = [];
  let o = 0;
  for (const h of hunks) {
    out.push(...original.slice(o, h.origStart), ...h.newLines);
    o = h.origStart + h.origLines.length;
  }
  out.push(...original.slice(o));
  return out;
}
