// Turns whatever the openai SDK threw into a ProviderError. The SDK's APIError keeps the status,
// the body's `error` member and the headers; classifyHttpFailure decides the kind from those.
import type * as OpenAISdk from 'openai';
import { ProviderError } from '../../errors';
import { classifyHttpFailure, toProviderError } from '../classify';

export interface ErrorContext {
  provider: string;
  signal?: AbortSignal;
  secrets: readonly string[];
}

/** The first ProviderError in the cause chain: our pinned fetch throws one, and the SDK wraps it. */
function providerErrorIn(e: unknown): ProviderError | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 8; depth++) {
    if (cur instanceof ProviderError) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The parts of the SDK's APIError we read (its generic parameters are `any`). */
interface ApiErrorFacts { status: number | undefined; error: unknown; headers: Headers | undefined; message: string }

/** The body as the host sent it: the JSON `error` member when there was one, else the raw text. */
function bodyOf(e: ApiErrorFacts): unknown {
  if (e.error !== undefined && e.error !== null) return { error: e.error };
  // With no JSON body the SDK's message is "<status> <text>" or "<status> status code (no body)".
  const text = e.message.replace(/^\d{3} /, '');
  return text === 'status code (no body)' ? '' : text;
}

export function fromOpenAIError(e: unknown, sdk: typeof OpenAISdk, ctx: ErrorContext): ProviderError {
  const found = providerErrorIn(e);
  if (found) return found;
  const { provider, signal, secrets } = ctx;
  if (signal?.aborted || e instanceof sdk.APIUserAbortError) {
    return new ProviderError({ kind: 'aborted', provider, message: 'Request cancelled', cause: e });
  }
  if (e instanceof sdk.APIConnectionTimeoutError) {
    return new ProviderError({ kind: 'timeout', provider, message: 'No answer before the timeout', cause: e });
  }
  if (e instanceof sdk.APIConnectionError) {
    const inner = toProviderError(e.cause ?? e, provider, signal, secrets);
    // "Connection error." with no recognizable code is still the network, not a bad response.
    return inner.kind === 'unexpected-response'
      ? new ProviderError({ kind: 'network', provider, message: inner.message, cause: e })
      : inner;
  }
  if (e instanceof sdk.APIError) {
    const api = e as unknown as ApiErrorFacts;
    if (typeof api.status === 'number') {
      return refine(classifyHttpFailure({ provider, status: api.status, body: bodyOf(api), ...(api.headers ? { headers: api.headers } : {}), secrets }));
    }
    return classifyStreamError(api, provider, secrets);
  }
  return toProviderError(e, provider, signal, secrets);
}

/** Azure names a missing deployment without the word "model"; it is the model-not-found case. */
function refine(err: ProviderError): ProviderError {
  if (err.code === 'DeploymentNotFound' && err.kind !== 'model-not-found') {
    return new ProviderError({ kind: 'model-not-found', provider: err.provider, message: err.message, code: err.code, ...(err.status ? { status: err.status } : {}) });
  }
  return err;
}

/**
 * An `{"error": …}` event inside a 200 stream has no HTTP status. OpenRouter puts one in `code`;
 * otherwise the message decides (context, quota…), and anything unrecognized is a server fault.
 */
function classifyStreamError(e: ApiErrorFacts, provider: string, secrets: readonly string[]): ProviderError {
  const body = bodyOf(e);
  const code = (e.error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'number' && code >= 400 && code < 600) return classifyHttpFailure({ provider, status: code, body, secrets });
  if (typeof code === 'string' && /rate_limit/i.test(code)) return classifyHttpFailure({ provider, status: 429, body, secrets });
  const asClientError = classifyHttpFailure({ provider, status: 400, body, secrets });
  return asClientError.kind !== 'bad-request' ? asClientError : classifyHttpFailure({ provider, status: 500, body, secrets });
}
