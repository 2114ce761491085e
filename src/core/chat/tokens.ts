// Token counts for context fitting: exact for OpenAI's o200k models, a deliberately high estimate elsewhere.
//
// The tokenizer is loaded with `await import('gpt-tokenizer/encoding/o200k_base')`, which the build turns into its
// own lazy chunk (esbuild.mjs `lazySdks`): o200k.ts, our exact counter over gpt-tokenizer's rank table, with the
// library's countTokens API (unit tests, unbundled, get the library itself). cl100k models (gpt-4, gpt-4-turbo,
// gpt-3.5) are not worth another 1.2 MB chunk: they use the estimate, which is above their real cl100k count (see tests).
//
// The estimate (estimateTokens) costs text piece by piece, the way BPE and SentencePiece tokenizers split it:
//   lower-case or Capitalized word: 1 token per 4 letters   ALL-CAPS word: 1 per 3   digit: 1 each
//   ASCII punctuation: 1 each        whitespace: a single space is free (it joins the next word), other runs 1 + len/8
//   non-ASCII by UTF-8 length: 2 bytes (Cyrillic, Greek…) 1, 3 bytes (CJK…) 1.5, 4 bytes (emoji) 4
//   any run of 40+ characters without whitespace (base64, hex, minified code): at least 1 token per 1.25 chars
// Measured against gpt-tokenizer on prose, TypeScript, Python, Markdown, JSON, CJK, Cyrillic, emoji, hex and
// base64: 1.4-1.7x the o200k count on English text and code (Claude's and Gemini's tokenizers spend up to
// ~1.35x what o200k does), and 1.1-1.9x the cl100k count on every sample. Too high costs some old turns;
// too low overflows the window, so it errs high on purpose.
import type { ChatMessage, ToolDefinition } from '../providers/types';

export type TokenizerKind = 'o200k' | 'cl100k' | 'estimate';

/** Chat formats wrap each message in role markers (OpenAI: <|im_start|>role … <|im_end|>, 3-4 tokens). */
export const MESSAGE_OVERHEAD = 5;
/** The reply is primed with an assistant header. */
export const REPLY_PRIMING = 3;
/**
 * One image, whatever its size. It covers the largest cases we know: OpenAI's patch-based minis at their
 * 1536-patch cap (x1.62 = 2,488), Claude at its 1.15-megapixel limit (~1,600), gpt-4o's high-detail
 * ceiling (1,105), Gemini's 258 per tile. Images are few, so overcounting small ones costs little.
 */
export const IMAGE_TOKENS = 2_500;
/** Per tool call and per tool result: ids, names and JSON framing around the arguments. */
export const TOOL_CALL_OVERHEAD = 10;
/** Providers wrap tool definitions in a hidden system prompt (Anthropic documents 300-500 tokens). */
export const TOOLS_OVERHEAD = 500;

/** Which tokenizer a model uses, from a model reference ('openai/gpt-4.1'), a model id or an OpenRouter id. */
export function tokenizerFor(model: string): TokenizerKind {
  const id = (model.split('/').pop() ?? model).toLowerCase();
  if (/^(gpt-4o|gpt-4\.[1-9]|gpt-[5-9]|o[1-9](?:-|$)|chatgpt-4o|codex-mini|gpt-oss)/.test(id)) return 'o200k';
  if (/^(gpt-4|gpt-3\.5)/.test(id)) return 'cl100k';
  return 'estimate';
}

interface Encoder {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}

let o200k: Promise<Encoder | undefined> | undefined;

/** Loads the o200k encoder once; undefined when it cannot be loaded (then the estimate is used). */
function loadO200k(): Promise<Encoder | undefined> {
  o200k ??= import('gpt-tokenizer/encoding/o200k_base').then(encoderFrom, () => undefined);
  return o200k;
}

/**
 * The encoder in what import() returned: the names are on the namespace when the bundler turns import() into
 * require() (esbuild.mjs does), but a real import() of a CommonJS chunk whose export names Node cannot detect
 * gives only `default`. Accept both, so a build change degrades to nothing worse than a missing tokenizer.
 */
export function encoderFrom(mod: unknown): Encoder | undefined {
  const isEncoder = (m: unknown): m is Encoder => typeof (m as Partial<Encoder> | undefined)?.countTokens === 'function';
  if (isEncoder(mod)) return mod;
  const fallback = (mod as { default?: unknown } | undefined)?.default;
  return isEncoder(fallback) ? fallback : undefined;
}

/** A loaded counter: every method is synchronous, so context fitting can call it in a loop. */
export interface TokenCounter {
  readonly kind: TokenizerKind;
  /** True when text counts are the model's real tokenizer (overheads are still estimates). */
  readonly exact: boolean;
  text(text: string): number;
  message(message: ChatMessage): number;
  /** System prompt, tool definitions and the reply priming: what every request spends before the messages. */
  preamble(system: string | undefined, tools?: readonly ToolDefinition[]): number;
}

/** The token counter for a model, with the real tokenizer loaded when the model has one we ship. */
export function loadTokenCounter(model: string): Promise<TokenCounter> {
  const kind = tokenizerFor(model);
  // One counter (and one count cache) per tokenizer: VS Code's provideTokenCount and context fitting call
  // this for every message of every request, mostly with texts they counted a moment ago.
  let counter = counters.get(kind);
  if (!counter) {
    counter = buildCounter(kind);
    counters.set(kind, counter);
  }
  return counter;
}

const counters = new Map<TokenizerKind, Promise<TokenCounter>>();
/** The same counters once loaded, so a count needs no await on the counter (one microtask less per call). */
const ready = new Map<TokenizerKind, TokenCounter>();

async function buildCounter(kind: TokenizerKind): Promise<TokenCounter> {
  const encoder = kind === 'o200k' ? await loadO200k() : undefined;
  // User text may contain '<|endoftext|>' and the like: count it as the plain text it is, never throw.
  const plain = { disallowedSpecial: new Set<string>() };
  const count = encoder ? (s: string) => encoder.countTokens(s, plain) : estimateTokens;
  const text = cachedCount(count);
  const counter = makeCounter(encoder ? kind : kind === 'o200k' ? 'estimate' : kind, encoder !== undefined, (s) => (s ? text(s) : 0));
  ready.set(kind, counter);
  return counter;
}

/** Texts shorter than this are counted afresh: it costs less than the cache's bookkeeping would save. */
export const CACHE_MIN_CHARS = 64;

/**
 * A counting function that remembers its recent texts (least recently used first out), bounded by entries and
 * by total characters so a few huge texts cannot pin megabytes. VS Code asks provideTokenCount for the same
 * texts again and again, and even the fast o200k counter costs ~0.5-1 ms per 10,000 new characters of code: a
 * repeat costs a map lookup.
 */
export function cachedCount(count: (text: string) => number, maxEntries = 256, maxChars = 2_000_000): (text: string) => number {
  const cache = new Map<string, number>();
  let chars = 0;
  return (text: string): number => {
    if (text.length < CACHE_MIN_CHARS || text.length > maxChars) return count(text);
    const hit = cache.get(text);
    if (hit !== undefined) {
      cache.delete(text);
      cache.set(text, hit); // now the most recently used
      return hit;
    }
    const n = count(text);
    cache.set(text, n);
    chars += text.length;
    for (const oldest of cache.keys()) {
      if (cache.size <= maxEntries && chars <= maxChars) break;
      cache.delete(oldest);
      chars -= oldest.length;
    }
    return n;
  };
}

/** A counter over any text-counting function (tests and callers with their own tokenizer). */
export function makeCounter(kind: TokenizerKind, exact: boolean, text: (s: string) => number): TokenCounter {
  const message = (m: ChatMessage): number => {
    if (m.role === 'tool') return MESSAGE_OVERHEAD + TOOL_CALL_OVERHEAD + text(m.toolName) + text(m.content) + IMAGE_TOKENS * (m.images?.length ?? 0);
    let n = MESSAGE_OVERHEAD;
    for (const part of m.content) n += part.type === 'text' ? text(part.text) : IMAGE_TOKENS;
    if (m.role === 'assistant') {
      for (const call of m.toolCalls ?? []) n += TOOL_CALL_OVERHEAD + text(call.name) + text(call.argumentsJson);
    }
    return n;
  };
  const preamble = (system: string | undefined, tools?: readonly ToolDefinition[]): number => {
    let n = REPLY_PRIMING;
    if (system) n += MESSAGE_OVERHEAD + text(system);
    if (tools && tools.length > 0) {
      n += TOOLS_OVERHEAD;
      for (const t of tools) n += text(t.name) + text(t.description) + text(JSON.stringify(t.inputSchema));
    }
    return n;
  };
  return { kind, exact, text, message, preamble };
}

/** Tokens in a text for a model (model reference, model id, or a tokenizer kind such as 'o200k'). */
export async function countTokens(text: string, model: string): Promise<number> {
  return (ready.get(tokenizerFor(model)) ?? await loadTokenCounter(model)).text(text);
}

/** Tokens a list of messages takes in a request, with per-message overhead and a fixed cost per image. */
export async function countMessageTokens(messages: readonly ChatMessage[], model: string): Promise<number> {
  const counter = await loadTokenCounter(model);
  return messages.reduce((sum, m) => sum + counter.message(m), 0);
}

const PIECE = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\P{ASCII}|[\s\S]/gu;

/** A high-side token estimate for any tokenizer; see the top of this file for the rules and how they were measured. */
export function estimateTokens(text: string): number {
  let total = 0;
  for (const run of text.split(/(\s+)/)) {
    if (!run) continue;
    if (/^\s/.test(run)) {
      total += run === ' ' ? 0 : 1 + Math.floor(run.length / 8);
      continue;
    }
    let n = 0;
    for (const [piece] of run.matchAll(PIECE)) n += pieceCost(piece);
    total += run.length >= 40 ? Math.max(n, run.length / 1.25) : n;
  }
  return Math.ceil(total);
}

function pieceCost(piece: string): number {
  const code = piece.codePointAt(0) ?? 0;
  if (piece.length > 1 && code < 0x80) return Math.ceil(piece.length / (/[a-z]/.test(piece) ? 4 : 3)); // word
  if (code < 0x80) return 1; // letter, digit, punctuation
  if (code < 0x800) return 1;
  if (code < 0x10000) return 1.5;
  return 4;
}
