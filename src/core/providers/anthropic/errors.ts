// The Anthropic SDK's errors as ProviderErrors. HTTP failures go to classifyHttpFailure with the
// body, status and headers the SDK kept; an in-stream `error` event has no status, so its error type
// stands in for one; connection trouble, aborts and timeouts go to toProviderError.
import { ProviderError } from '../../errors';
import { classifyHttpFailure, toProviderError, providerErrorInCauses } from '../classify';

/** The fields of the SDK's APIError we read (duck-typed so this file needs no SDK import). */
interface ApiErrorShape extends Error {
  status: number | undefined;
  error: unknown;
  headers: Headers | undefined;
}

function isApiError(e: unknown): e is ApiErrorShape {
  return e instanceof Error && 'status' in e && 'error' in e && 'headers' in e;
}

/** HTTP status an error type arrives with when it is an HTTP response (docs: "Errors"). */
const STATUS_OF_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

function errorType(body: unknown): string | undefined {
  const err = (body as { error?: { type?: unknown } } | undefined)?.error;
  return typeof err?.type === 'string' ? err.type : undefined;
}

/** A ProviderError somewhere in the cause chain (pinned fetch refusing a host, wrapped by the SDK). */

export function toAnthropicError(e: unknown, provider: string, signal: AbortSignal | undefined, secrets: readonly string[]): ProviderError {
  const wrapped = providerErrorInCauses(e);
  if (wrapped) return wrapped;
  if (signal?.aborted) return toProviderError(e, provider, signal, secrets);
  if (isApiError(e)) {
    if (typeof e.status === 'number') {
      // Non-JSON bodies (an HTML proxy page) are only in the message, after "<status> ".
      const body = e.error ?? e.message.replace(/^\d{3}\s+/, '');
      return classifyHttpFailure({ provider, status: e.status, body, headers: e.headers, secrets });
    }
    const type = errorType(e.error);
    if (type) {
      return classifyHttpFailure({ provider, status: STATUS_OF_TYPE[type] ?? 500, body: e.error, headers: e.headers, secrets });
    }
  }
  // A stream event that is not JSON. Decided here because toProviderError's network pattern
  // (/terminated/) also matches "Unterminated string in JSON".
  if (e instanceof SyntaxError) {
    return new ProviderError({ kind: 'unexpected-response', provider, message: `Malformed stream event: ${e.message}`, cause: e });
  }
  return toProviderError(e, provider, signal, secrets);
}
