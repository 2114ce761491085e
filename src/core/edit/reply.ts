// Strict reading of a model's answer to an edit request. The answer must be one fenced code block, or
// plain code with no fence at all; anything else (two blocks, prose only) is refused, because guessing
// which part of an essay is "the code" is how an edit lands prose in a source file.

export type ParsedReply = { ok: true; code: string } | { ok: false; reason: string };

interface Fence { char: string; length: number; start: number; contentStart: number; contentEnd?: number; end?: number }

const OPEN = /^ {0,3}(`{3,}|~{3,})[^`]*$/;

/** Every fenced block in the text (CommonMark rules: same character, at least as long to close). */
function fences(lines: string[]): Fence[] {
  const found: Fence[] = [];
  let open: Fence | undefined;
  lines.forEach((line, i) => {
    if (!open) {
      const m = OPEN.exec(line);
      if (m) open = { char: m[1]![0]!, length: m[1]!.length, start: i, contentStart: i + 1 };
      return;
    }
    const close = new RegExp(`^ {0,3}\\${open.char}{${open.length},}\\s*$`);
    if (close.test(line)) {
      found.push({ ...open, contentEnd: i, end: i });
      open = undefined;
    }
  });
  if (open) found.push(open);
  return found;
}

/**
 * A line of English prose rather than code: several words of letters, ending like a sentence, with none
 * of the characters code is made of. Indented lines are never prose (docstrings, comments in blocks).
 */
export function looksLikeProse(line: string): boolean {
  if (/^\s/.test(line) || line.trim() === '') return false;
  if (/[{}();=<>[\]`#/*]|^\s*(\/\/|#|--|%)/.test(line)) return false;
  const words = line.trim().split(/\s+/);
  return words.length >= 4 && /^[A-Z]/.test(line) && /[.:!?]$/.test(line.trim());
}

export function parseEditReply(reply: string): ParsedReply {
  const lines = reply.replace(/\r\n/g, '\n').split('\n');
  const blocks = fences(lines);
  if (blocks.length > 1) return { ok: false, reason: `The model answered with ${blocks.length} code blocks instead of one rewrite: nothing was changed.` };
  if (blocks.length === 1) {
    const b = blocks[0]!;
    if (b.end === undefined) return { ok: false, reason: 'The model\'s code block was cut off before it ended: nothing was changed.' };
    return { ok: true, code: lines.slice(b.contentStart, b.contentEnd).join('\n') };
  }
  if (reply.trim() === '') return { ok: false, reason: 'The model returned an empty answer: nothing was changed.' };
  if (lines.some(looksLikeProse)) return { ok: false, reason: 'The model answered in prose without any code: nothing was changed.' };
  return { ok: true, code: trimBlankEdges(lines).join('\n') };
}

/**
 * The code lines a partial answer holds so far, for the live preview: inside the first fence once it has
 * opened, the text itself while it still looks like plain code, nothing while it is prose. Only complete
 * lines count (the last line may still grow).
 */
export function streamingCode(partial: string): string[] {
  const all = partial.replace(/\r\n/g, '\n').split('\n');
  const complete = all.slice(0, -1);
  const blocks = fences(complete);
  if (blocks.length > 0) {
    const b = blocks[0]!;
    return complete.slice(b.contentStart, b.contentEnd ?? complete.length);
  }
  // A fence may still be coming after a preamble: show nothing while the answer reads as prose.
  if (complete.some(looksLikeProse) || complete.some((l) => /^ {0,3}(`{1,2}|~{1,2})$/.test(l))) return [];
  return trimBlankEdges(complete, 'start');
}

function trimBlankEdges(lines: string[], which: 'both' | 'start' = 'both'): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  if (which === 'both') while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

/**
 * Why an answer that ended with this finish reason cannot be used as an edit, or undefined when it can.
 * A cut-off plain-code answer parses fine but is missing its tail: applied, it would delete those lines.
 */
export function editCutOff(finishReason: string | undefined): string | undefined {
  switch (finishReason) {
    case 'stop': return undefined;
    case 'length': return 'the model\'s answer was cut off at its output limit.';
    case 'content-filter': return 'the provider\'s content filter stopped the answer.';
    case 'tool-calls': return 'the model asked to call a tool instead of answering with code.';
    case undefined: return 'the answer ended without saying it was complete.';
    default: return `the answer ended with "${finishReason}".`;
  }
}
