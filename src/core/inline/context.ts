// What the model sees, within a token budget (default ~1,500 tokens): mostly the code before the cursor
// (which predicts the next line best), some after it, and if time allows short snippets from other files
// of the same language. Tokens are estimated (4 characters each) instead of counted: a tokenizer on a
// 5,000-line file on every keystroke would cost more than the request it shapes.

export const DEFAULT_BUDGET_TOKENS = 1_500;
const CHARS_PER_TOKEN = 4;
/** Share of the budget for the prefix; the suffix gets most of the rest, snippets what is left. */
const PREFIX_SHARE = 0.7;
const SUFFIX_SHARE = 0.2;
/** Each snippet source gets this long; a late one is skipped, never waited for. */
export const SOURCE_BUDGET_MS = 20;
const SNIPPET_MAX_CHARS = 600;

export interface Snippet { fileName: string; text: string }
export type SnippetSource = () => Snippet[] | Promise<Snippet[]>;

export interface InlineContext {
  prefix: string;
  suffix: string;
  snippets: Snippet[];
}

/**
 * The prefix and suffix windows around `offset`, cut at line starts/ends so the model never sees half a
 * line at the window's edge. `text` may be the whole document; only the windows are copied.
 */
export function windows(text: string, offset: number, budgetTokens = DEFAULT_BUDGET_TOKENS): { prefix: string; suffix: string } {
  const budget = budgetTokens * CHARS_PER_TOKEN;
  const prefixChars = Math.floor(budget * PREFIX_SHARE);
  const suffixChars = Math.floor(budget * SUFFIX_SHARE);
  let start = Math.max(0, offset - prefixChars);
  if (start > 0) {
    const nl = text.indexOf('\n', start);
    start = nl >= 0 && nl < offset ? nl + 1 : start;
  }
  let end = Math.min(text.length, offset + suffixChars);
  if (end < text.length) {
    const nl = text.lastIndexOf('\n', end);
    end = nl > offset ? nl : end;
  }
  return { prefix: text.slice(start, offset), suffix: text.slice(offset, end) };
}

/** Snippets from every source that answers in time, trimmed to what the budget leaves. */
export async function gatherSnippets(sources: SnippetSource[], budgetTokens = DEFAULT_BUDGET_TOKENS, perSourceMs = SOURCE_BUDGET_MS): Promise<Snippet[]> {
  let room = Math.floor(budgetTokens * CHARS_PER_TOKEN * (1 - PREFIX_SHARE - SUFFIX_SHARE));
  const late = Symbol('late');
  const results = await Promise.all(sources.map(async (source) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        Promise.resolve().then(source),
        new Promise<typeof late>((resolve) => { timer = setTimeout(() => resolve(late), perSourceMs); }),
      ]);
    } catch {
      return late; // a failing source is skipped like a late one
    } finally {
      clearTimeout(timer);
    }
  }));
  const out: Snippet[] = [];
  for (const r of results) {
    if (r === late) continue;
    for (const s of r) {
      const text = s.text.slice(0, Math.min(SNIPPET_MAX_CHARS, room));
      if (text.trim().length < 20) continue;
      out.push({ fileName: s.fileName, text });
      room -= text.length;
      if (room <= 0) return out;
    }
  }
  return out;
}

/** Line comment syntax by language, so FIM models get snippets as comments above the code. */
const HASH = new Set(['python', 'ruby', 'shellscript', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'elixir', 'julia', 'coffeescript']);
const DASH = new Set(['sql', 'lua', 'haskell']);

export function commentSnippets(snippets: Snippet[], languageId: string): string {
  if (snippets.length === 0) return '';
  const c = HASH.has(languageId) ? '#' : DASH.has(languageId) ? '--' : '//';
  return snippets.map((s) => [`${c} From ${s.fileName}:`, ...s.text.split('\n').map((l) => `${c} ${l}`)].join('\n')).join('\n') + '\n';
}

/** Multi-line at an empty line, single-line mid-line or after code on the line (Copilot's rule of thumb). */
export function wantsMultiline(prefix: string, suffix: string): boolean {
  const lineStart = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const lineEnd = suffix.split('\n', 1)[0]!;
  return lineStart.trim() === '' && lineEnd.trim() === '';
}

/**
 * No request while the cursor is inside a word: nothing can be inserted before a letter or digit that
 * directly follows the cursor. After a word character with only closers or nothing after, a request is fine.
 */
export function midWord(_prefix: string, suffix: string): boolean {
  const next = suffix.charAt(0);
  return /[\p{L}\p{N}_]/u.test(next);
}
