// What a model writes is cleaned before it becomes ghost text. Each rule answers a complaint users of
// other completion extensions keep filing: the suggestion repeats the code after the cursor, closes a
// bracket the file already closes, loops on one line, leaks `<think>`, fences or tags, or runs past the
// end of the block into unrelated code.

export interface PostContext {
  /** Text before the cursor (the current line's start is its last line). */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  /** Multi-line allowed (the cursor is on an empty line); otherwise the suggestion ends at the line end. */
  multiline: boolean;
}

const MAX_REPEATS = 2;

/** The cleaned suggestion, or undefined when nothing useful is left. */
export function postProcess(raw: string, ctx: PostContext): string | undefined {
  let text = stripWrappers(raw);
  text = stopAtSuffix(text, ctx.suffix);
  if (!ctx.multiline) text = firstLine(text, ctx.prefix);
  else text = endOfBlock(text, ctx.prefix);
  text = stopRepetition(text);
  text = balanceBrackets(text, ctx.suffix);
  text = text.replace(/[ \t]+$/gm, '');
  if (!ctx.multiline) text = text.replace(/\s+$/, '');
  else text = text.replace(/\n+$/, '');
  if (text.trim() === '' || repeatsLineEnd(text, ctx.prefix)) return undefined;
  return text;
}

/** A suggestion that only repeats what the line already ends with (the model echoed the code before the cursor). */
export function repeatsLineEnd(text: string, prefix: string): boolean {
  const line = prefix.slice(prefix.lastIndexOf('\n') + 1).trimEnd();
  const said = text.trim();
  return !text.includes('\n') && said.length >= 3 && line.endsWith(said);
}

/** `<think>…</think>`, a Markdown fence around the whole answer, and stray FIM or completion tags. */
export function stripWrappers(raw: string): string {
  let text = raw.replace(/<think>[\s\S]*?(<\/think>|$)/g, '');
  if (/^\s*```[\w+#.-]*[^\S\n]*(\n|$)/.test(text)) {
    text = text.replace(/^\s*```[^\n]*\n?/, '').replace(/\n?```\s*$/, '');
  }
  return text.replace(/<\/?COMPLETION>|<\|fim_(prefix|suffix|middle|pad)\|>|<\|(file_sep|endoftext|EOT|cursor|CURSOR)\|>|<(PRE|SUF|MID|EOT)>/g, '');
}

/**
 * Cuts the suggestion where it starts repeating what follows the cursor: at the first line equal to the
 * suffix's first non-empty line, or (single line) where its tail equals the rest of the current line.
 */
export function stopAtSuffix(text: string, suffix: string): string {
  const restOfLine = suffix.split('\n', 1)[0]!;
  const nextLines = suffix.split('\n').slice(restOfLine.trim() ? 0 : 1);
  const anchor = nextLines.find((l) => l.trim() !== '')?.trim();
  if (anchor && anchor.length >= 2) {
    const lines = text.split('\n');
    // Line 0 continues the cursor's line; later lines stand alone.
    const hit = lines.findIndex((l, i) => i > 0 && l.trim() === anchor);
    if (hit > 0) text = lines.slice(0, hit).join('\n');
  }
  const tail = restOfLine.trim();
  if (tail) {
    const firstNl = text.indexOf('\n');
    const line = firstNl < 0 ? text : text.slice(0, firstNl);
    if (line.endsWith(tail)) text = line.slice(0, line.length - tail.length) + (firstNl < 0 ? '' : text.slice(firstNl));
  }
  return text;
}

/** A single-line suggestion: what continues the cursor's line (a leading newline means "nothing here"). */
function firstLine(text: string, _prefix: string): string {
  return text.split('\n', 1)[0]!;
}

/**
 * A multi-line suggestion ends with its block: at the first non-empty line indented less than the
 * line the cursor is on (the enclosing block continues there, and the file already has it).
 */
export function endOfBlock(text: string, prefix: string): string {
  const cursorLine = prefix.slice(prefix.lastIndexOf('\n') + 1);
  // The cursor's own indentation says which block the user is in; on an unindented empty line, the code above does.
  const baseIndent = cursorLine === '' ? indentOf(lastCodeLine(prefix) ?? '') : indentOf(cursorLine);
  const lines = text.split('\n');
  const out: string[] = [lines[0]!];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() !== '' && indentOf(line) < baseIndent) break;
    out.push(line);
  }
  return out.join('\n');
}

function lastCodeLine(prefix: string): string | undefined {
  const lines = prefix.split('\n');
  lines.pop();
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.trim() !== '') return lines[i];
  return undefined;
}

const indentOf = (line: string): number => /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;

/** Stops at the third time one non-trivial line comes back (models in a loop), keeping the first two. */
export function stopRepetition(text: string): string {
  const lines = text.split('\n');
  const seen = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const key = lines[i]!.trim();
    if (key.length < 4) continue;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > MAX_REPEATS) return lines.slice(0, i).join('\n');
  }
  return text;
}

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set(Object.values(PAIRS));

/**
 * Drops closing brackets the suggestion adds when the code after the cursor already closes them:
 * a suggestion `foo(a, b))` before a suffix `)` becomes `foo(a, b)`. A closer with no opener in the
 * suggestion that the suffix supplies is cut off with everything after it.
 */
export function balanceBrackets(text: string, suffix: string): string {
  const restOfLine = suffix.split('\n', 1)[0]!.trim();
  const stack: string[] = [];
  let unmatched = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (PAIRS[ch]) stack.push(PAIRS[ch]);
    else if (CLOSERS.has(ch)) {
      if (stack[stack.length - 1] === ch) stack.pop();
      else { unmatched = i; break; }
    }
  }
  // A closer the suggestion did not open belongs to the code around it: if the suffix closes it, stop before it.
  if (unmatched >= 0 && restOfLine.startsWith(text[unmatched]!)) return text.slice(0, unmatched);
  // The suggestion ends with closers the rest of the line already has: drop them.
  let out = text;
  while (restOfLine && out.length > 0 && CLOSERS.has(out[out.length - 1]!) && restOfLine.startsWith(out[out.length - 1]!) && !closesOwn(out)) {
    out = out.slice(0, -1);
  }
  return out;
}

/** Whether the last character of `text` closes an opener inside `text` itself. */
function closesOwn(text: string): boolean {
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (PAIRS[ch]) stack.push(PAIRS[ch]);
    else if (CLOSERS.has(ch)) {
      if (stack[stack.length - 1] !== ch) return false;
      stack.pop();
      if (i === text.length - 1) return true;
    }
  }
  return false;
}
