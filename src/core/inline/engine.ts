// The inline completion pipeline, free of VS Code: cache and in-flight reuse first (no request for
// characters a suggestion already shows), then the adaptive debounce, then one request with hard limits
// through the caller's backend (ChatRouter), then post-processing. The VS Code provider feeds it
// documents and cancellation; the bench and the unit tests feed it a simulator.
import { isProviderError, ProviderError } from '../errors';
import type { ChatRequest, FimRequest, FimRoute, StreamPart } from '../providers/types';
import { CompletionCache } from './cache';
import { commentSnippets, type Snippet } from './context';
import type { AdaptiveDebounce } from './debounce';
import { holeFillerClosed, holeFillerRequest, parseHoleFiller } from './hole-filler';
import { postProcess } from './post-process';

export const MAX_TOKENS_SINGLE = 128;
export const MAX_TOKENS_MULTI = 256;
export const TEMPERATURE = 0;
/** After this long the suggestion is dropped: a late ghost text is worse than none. */
export const HARD_TIMEOUT_MS = 5_000;
/** An in-flight request nobody waits for any more is kept this long for the next keystroke to adopt. */
export const ADOPT_GRACE_MS = 250;
const KEY_PREFIX = 2_000;
const KEY_SUFFIX = 200;

/** Where a request goes: both run through ChatRouter with origin 'inline'. */
export interface InlineBackend {
  fim(request: Omit<FimRequest, 'model'>, signal: AbortSignal): AsyncIterable<StreamPart>;
  chat(request: Omit<ChatRequest, 'model'>, signal: AbortSignal): AsyncIterable<StreamPart>;
}

export interface CompletionInput {
  prefix: string;
  suffix: string;
  multiline: boolean;
  languageId: string;
  fileName: string;
  snippets: Snippet[];
  route: { kind: 'fim'; route: FimRoute } | { kind: 'chat' };
  backend: InlineBackend;
  /**
   * Whether the settings still allow this request (completions on, the document's language and exclusions,
   * no pause), asked again after the debounce: the user may have changed them while the call waited.
   */
  stillAllowed(): boolean;
}

export interface EngineEvents {
  busy(inFlight: boolean): void;
  failed(error: ProviderError): void;
  succeeded(): void;
}

interface InFlight {
  keyPrefix: string;
  keySuffix: string;
  /** Raw text so far (for deciding whether a keystroke still matches). */
  text: string;
  /** A chat fill-in answer: its text starts after the opening tag. */
  chat: boolean;
  done: Promise<string | undefined>;
  controller: AbortController;
  waiters: number;
  graceTimer?: ReturnType<typeof setTimeout>;
}

export const keyOf = (prefix: string, suffix: string): { keyPrefix: string; keySuffix: string } =>
  ({ keyPrefix: prefix.slice(-KEY_PREFIX), keySuffix: suffix.slice(0, KEY_SUFFIX) });

/** The characters typed since `thenPrefix`, when `nowPrefix` is it plus up to 200 more; else undefined. */
export function typedSince(thenPrefix: string, nowPrefix: string): string | undefined {
  for (let k = 0; k <= Math.min(200, nowPrefix.length); k++) {
    const typed = nowPrefix.slice(nowPrefix.length - k);
    if ((thenPrefix + typed).slice(-KEY_PREFIX) === nowPrefix) return typed;
  }
  return undefined;
}

export class InlineEngine {
  readonly cache = new CompletionCache();
  #inFlight: InFlight | undefined;
  /** Requests sent to the backend (the bench and tests count them). */
  requests = 0;

  constructor(private readonly debounce: AdaptiveDebounce, private readonly events: EngineEvents) {}

  /** The suggestion for this position, or undefined. Never throws; failures go to events.failed. */
  async complete(input: CompletionInput, signal: AbortSignal): Promise<string | undefined> {
    const { keyPrefix, keySuffix } = keyOf(input.prefix, input.suffix);
    const cached = this.cache.get(keyPrefix, keySuffix);
    if (cached !== undefined) return cached;
    const adopted = this.#adopt(keyPrefix, keySuffix, signal);
    if (adopted) return adopted;
    if (!(await sleep(this.debounce.delayMs, signal))) return undefined;
    if (!input.stillAllowed()) return undefined;
    return this.#start(input, keyPrefix, keySuffix, signal);
  }

  /**
   * The cursor moved or the document changed: an in-flight request that no longer matches what is in
   * front of the cursor is aborted at once (its socket closes), instead of waiting for VS Code's cancel.
   */
  cursorMoved(prefix: string, suffix: string): void {
    const f = this.#inFlight;
    if (!f) return;
    const { keyPrefix, keySuffix } = keyOf(prefix, suffix);
    if (!this.#matches(f, keyPrefix, keySuffix)) this.#abort(f);
  }

  /** Stops whatever is in flight (disabled, model changed). */
  cancelAll(): void {
    if (this.#inFlight) this.#abort(this.#inFlight);
    this.cache.clear();
  }

  #matches(f: InFlight, keyPrefix: string, keySuffix: string): boolean {
    if (keySuffix !== f.keySuffix) return false;
    const typed = typedSince(f.keyPrefix, keyPrefix);
    if (typed === undefined) return false;
    // Still useful while the typed characters agree with the text so far (or run ahead of a text still coming).
    const shown = f.chat ? (/<COMPLETION>([\s\S]*)/.exec(f.text)?.[1] ?? '') : f.text;
    return shown.startsWith(typed) || typed.startsWith(shown);
  }

  #adopt(keyPrefix: string, keySuffix: string, signal: AbortSignal): Promise<string | undefined> | undefined {
    const f = this.#inFlight;
    if (!f || !this.#matches(f, keyPrefix, keySuffix)) return undefined;
    const typed = typedSince(f.keyPrefix, keyPrefix)!;
    this.#wait(f, signal);
    return f.done.then((text) => {
      if (text === undefined || !text.startsWith(typed)) return undefined;
      const rest = text.slice(typed.length);
      return rest || undefined;
    });
  }

  #wait(f: InFlight, signal: AbortSignal): void {
    f.waiters++;
    clearTimeout(f.graceTimer);
    const leave = (): void => {
      f.waiters--;
      // Nobody waits: keep it briefly for the next keystroke to adopt, then close its socket.
      if (f.waiters === 0) f.graceTimer = setTimeout(() => this.#abort(f), ADOPT_GRACE_MS);
    };
    if (signal.aborted) leave();
    else signal.addEventListener('abort', leave, { once: true });
    void f.done.finally(() => signal.removeEventListener('abort', leave));
  }

  #abort(f: InFlight): void {
    clearTimeout(f.graceTimer);
    f.controller.abort();
    if (this.#inFlight === f) this.#inFlight = undefined;
  }

  #start(input: CompletionInput, keyPrefix: string, keySuffix: string, signal: AbortSignal): Promise<string | undefined> {
    if (this.#inFlight) this.#abort(this.#inFlight);
    const controller = new AbortController();
    const f: InFlight = { keyPrefix, keySuffix, text: '', chat: input.route.kind === 'chat', controller, waiters: 0, done: Promise.resolve(undefined) };
    this.#inFlight = f;
    this.requests++;
    this.events.busy(true);
    const timer = setTimeout(() => controller.abort(), HARD_TIMEOUT_MS);
    f.done = this.#run(input, f).finally(() => {
      clearTimeout(timer);
      if (this.#inFlight === f) { this.#inFlight = undefined; this.events.busy(false); }
      else if (!this.#inFlight) this.events.busy(false);
    });
    this.#wait(f, signal);
    return f.done.then((text) => (signal.aborted ? undefined : text));
  }

  async #run(input: CompletionInput, f: InFlight): Promise<string | undefined> {
    const maxOutputTokens = input.multiline ? MAX_TOKENS_MULTI : MAX_TOKENS_SINGLE;
    const signal = f.controller.signal;
    let parts: AsyncIterable<StreamPart>;
    let isChat = false;
    if (input.route.kind === 'fim') {
      const prefix = commentSnippets(input.snippets, input.languageId) + input.prefix;
      parts = input.backend.fim({ route: input.route.route, prefix, suffix: input.suffix, maxOutputTokens, temperature: TEMPERATURE }, signal);
    } else {
      isChat = true;
      const snippets = input.snippets.map((s) => `--- ${s.fileName}\n${s.text}`).join('\n');
      parts = input.backend.chat(holeFillerRequest({ ...input, snippets, maxOutputTokens }), signal);
    }
    try {
      for await (const part of parts) {
        if (part.type !== 'text') continue;
        f.text += part.delta;
        // Enough read: a single line is complete at its newline, a chat answer at its closing tag.
        // Leaving the loop closes the stream and its socket, so the host stops generating (and billing).
        if (!isChat && !input.multiline && /\S[^\n]*\n/.test(f.text)) break;
        if (isChat && holeFillerClosed(f.text)) break;
      }
    } catch (e) {
      if (signal.aborted) return undefined; // a keystroke, a time-out or a newer request: not an error
      this.events.failed(isProviderError(e) ? e : new ProviderError({ kind: 'unexpected-response', provider: 'inline', message: String(e) }));
      return undefined;
    }
    if (signal.aborted) return undefined;
    this.events.succeeded();
    const raw = isChat ? parseHoleFiller(f.text) : f.text;
    if (raw === undefined) return undefined;
    const text = postProcess(raw, input);
    if (text) this.cache.put(f.keyPrefix, f.keySuffix, text);
    return text;
  }
}

/** Resolves true after ms, or false as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(true); }, ms);
    const onAbort = (): void => { clearTimeout(timer); resolve(false); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
