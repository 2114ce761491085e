// Every adapter's stream passes through here, so these rules hold for all providers alike:
// - anything thrown becomes a ProviderError (never an unclassified exception);
// - an aborted signal ends the iteration with kind 'aborted' (what was yielded stays with the caller);
// - a stream that ends without the provider's terminal event is an error, not a silent truncation.
import { ProviderError } from '../errors';
import { toProviderError } from './classify';
import type { StreamPart } from './types';

export function guardStream(
  provider: string,
  signal: AbortSignal,
  source: () => AsyncIterable<StreamPart>,
  secrets: readonly string[] = [],
): AsyncIterableIterator<StreamPart> {
  // A plain iterator rather than an async generator: a generator layer costs several promise hops
  // per part, and a long answer has tens of thousands of parts (see test/bench/stream-overhead.ts).
  let inner: AsyncIterator<StreamPart> | undefined;
  let finished = false;
  let closed = false;
  const aborted = (): ProviderError => new ProviderError({ kind: 'aborted', provider, message: 'Request cancelled' });
  const close = (): void => {
    if (closed) return;
    closed = true;
    void inner?.return?.()?.catch(() => undefined);
  };
  const onResult = (r: IteratorResult<StreamPart>): IteratorResult<StreamPart> => {
    if (signal.aborted) { close(); throw aborted(); }
    if (r.done) {
      closed = true;
      if (!finished) throw new ProviderError({ kind: 'network', provider, message: 'The stream ended before the provider said it was finished (connection dropped?)' });
      return r;
    }
    if (r.value.type === 'finish') finished = true;
    return r;
  };
  const onError = (e: unknown): never => {
    closed = true;
    throw toProviderError(e, provider, signal, secrets);
  };
  const iterator: AsyncIterableIterator<StreamPart> = {
    next(): Promise<IteratorResult<StreamPart>> {
      if (closed) return Promise.resolve({ value: undefined, done: true });
      if (signal.aborted) { close(); return Promise.reject(aborted()); }
      try {
        inner ??= source()[Symbol.asyncIterator]();
        return inner.next().then(onResult, onError);
      } catch (e) {
        return Promise.reject(toProviderError(e, provider, signal, secrets));
      }
    },
    // The caller stopped reading (break, or an error of its own): close the provider's stream too.
    return(): Promise<IteratorResult<StreamPart>> {
      close();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() { return iterator; },
  };
  return iterator;
}

/** Resolves after ms, or rejects at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = (): void => { clearTimeout(t); reject(new DOMException('Aborted', 'AbortError')); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Retries opening a stream on retryable errors (429 rate limit, 5xx, network), honoring Retry-After,
 * with exponential backoff. Only for SDKs without their own retry; only *before* the first token,
 * because replaying a half-streamed answer would duplicate text. Quota errors are never retried.
 */
export async function openWithRetry<T>(
  open: () => Promise<T>,
  opts: { provider: string; signal: AbortSignal; maxRetries: number; secrets?: readonly string[]; baseDelayMs?: number },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await open();
    } catch (e) {
      const err = toProviderError(e, opts.provider, opts.signal, opts.secrets);
      if (!err.retryable || attempt >= opts.maxRetries || opts.signal.aborted) throw err;
      const backoff = (opts.baseDelayMs ?? 500) * 2 ** attempt;
      await sleep(Math.min(err.retryAfterMs ?? backoff, 60_000), opts.signal);
    }
  }
}
