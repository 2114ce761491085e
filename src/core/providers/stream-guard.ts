// Every adapter's stream passes through here, so these rules hold for all providers alike:
// - anything thrown becomes a ProviderError (never an unclassified exception);
// - an aborted signal ends the iteration with kind 'aborted' (what was yielded stays with the caller);
// - a stream that ends without the provider's terminal event is an error, not a silent truncation.
import { ProviderError } from '../errors';
import { toProviderError } from './classify';
import type { StreamPart } from './types';

export async function* guardStream(
  provider: string,
  signal: AbortSignal,
  source: () => AsyncIterable<StreamPart>,
  secrets: readonly string[] = [],
): AsyncGenerator<StreamPart> {
  if (signal.aborted) throw new ProviderError({ kind: 'aborted', provider, message: 'Request cancelled' });
  let finished = false;
  try {
    for await (const part of source()) {
      if (signal.aborted) break;
      if (part.type === 'finish') finished = true;
      yield part;
    }
  } catch (e) {
    throw toProviderError(e, provider, signal, secrets);
  }
  if (signal.aborted) throw new ProviderError({ kind: 'aborted', provider, message: 'Request cancelled' });
  if (!finished) {
    throw new ProviderError({ kind: 'network', provider, message: 'The stream ended before the provider said it was finished (connection dropped?)' });
  }
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
