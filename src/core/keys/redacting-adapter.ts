// The one boundary where a key's own secret is known and every provider error passes: whatever an adapter
// throws or reports (chat, compare, the LM API, the key check, model listing) leaves it with every run of
// the key scrubbed from its message and code. Adapters build errors from SDK errors that may echo the key
// in any form; the generic patterns in errors.ts cannot know a key without a vendor prefix.
import { isProviderError, ProviderError, redactSecrets } from '../errors';
import { toProviderError } from '../providers/classify';
import type { Connection, FimRequest, FimRoute, KeyCheck, ProviderAdapter, StreamPart } from '../providers/types';

/** Everything secret a connection holds. */
export function connectionSecrets(connection: Connection): string[] {
  const b = connection.bedrock;
  return [connection.apiKey, b?.secretAccessKey, b?.sessionToken].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/**
 * The same error with the secrets scrubbed from its message and code. The cause is dropped: it is the
 * SDK's error, which may hold the request and its headers, and nothing past the adapter reads it.
 */
export function redactError(e: unknown, provider: string, secrets: readonly string[]): ProviderError {
  const error = isProviderError(e) ? e : toProviderError(e, provider, undefined, secrets);
  return new ProviderError({
    kind: error.kind,
    provider: error.provider,
    message: redactSecrets(error.message, secrets),
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.code !== undefined ? { code: redactSecrets(error.code, secrets) } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
  });
}

/** The adapter, with every error it throws or reports redacted against `secrets`. */
export function withRedaction(adapter: ProviderAdapter, secrets: readonly string[]): ProviderAdapter {
  if (secrets.length === 0) return adapter;
  const provider = adapter.presetId;
  const redact = (e: unknown): never => { throw redactError(e, provider, secrets); };
  return {
    ...adapter,
    listModels: (signal) => adapter.listModels(signal).catch(redact),
    checkKey: async (signal): Promise<KeyCheck> => {
      const check = await adapter.checkKey(signal).catch(redact);
      return check.ok ? check : { ok: false, error: redactError(check.error, provider, secrets) };
    },
    stream: (request, signal) => redactedStream(() => adapter.stream(request, signal), redact),
    // Fill-in-the-middle (inline completions) passes the same boundary as chat.
    ...(adapter.fim ? { fim: (request: FimRequest, signal: AbortSignal) => redactedStream(() => adapter.fim!(request, signal), redact) } : {}),
    ...(adapter.probeFim ? { probeFim: (route: FimRoute, model: string, signal: AbortSignal) => adapter.probeFim!(route, model, signal).catch(redact) } : {}),
  };
}

function redactedStream(open: () => AsyncIterable<StreamPart>, redact: (e: unknown) => never): AsyncIterable<StreamPart> {
  return {
    // A plain iterator, not an async generator: one extra promise per part, no generator machinery.
    [Symbol.asyncIterator]: (): AsyncIterator<StreamPart> => {
      const inner = open()[Symbol.asyncIterator]();
      return {
        next: () => inner.next().catch(redact),
        return: async (value?: unknown) => (inner.return ? inner.return(value).catch(redact) : { done: true as const, value: undefined }),
      };
    },
  };
}
