// What Edit Selection rewrites when nothing is selected: the block around the cursor, found by indentation
// (it works the same for braces, Python and YAML): the nearest less-indented line above is the block's
// head, and the block runs while lines are deeper than the head, plus a closing line ("}", "end") at the
// head's depth. A top-level line with no block is taken alone.

const indentOf = (line: string): number => /^\s*/.exec(line)![0].replace(/\t/g, '    ').length;
const blank = (line: string): boolean => line.trim() === '';
const CLOSER = /^\s*([}\])]+[;,)]*|end\b.*|fi|done|esac)\s*$/;

/** Inclusive line range [start, end] of the block that holds `line`. */
export function enclosingBlock(lines: string[], line: number): { start: number; end: number } {
  if (line < 0 || line >= lines.length || blank(lines[line]!)) return { start: line, end: line };
  let head = line;
  const next = nextNonBlank(lines, line + 1);
  // The cursor on a head line (the next line is deeper) takes that head's block.
  if (!(next !== undefined && indentOf(lines[next]!) > indentOf(lines[line]!))) {
    const own = indentOf(lines[line]!);
    if (own === 0) return { start: line, end: line };
    head = -1;
    for (let i = line - 1; i >= 0; i--) if (!blank(lines[i]!) && indentOf(lines[i]!) < own) { head = i; break; }
    if (head < 0) return { start: line, end: line };
  }
  const depth = indentOf(lines[head]!);
  let end = head;
  for (let i = head + 1; i < lines.length; i++) {
    if (blank(lines[i]!)) continue;
    if (indentOf(lines[i]!) > depth) { end = i; continue; }
    if (indentOf(lines[i]!) === depth && CLOSER.test(lines[i]!)) end = i;
    break;
  }
  return { start: head, end };
}

function nextNonBlank(lines: string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) if (!blank(lines[i]!)) return i;
  return undefined;
}
