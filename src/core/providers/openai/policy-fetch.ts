// Sits between the openai SDK and the network. Successful responses pass through untouched; error
// responses are adjusted so the SDK's own retry and error parsing do the right thing:
// - the SDK retries every 429, but OpenAI's "out of money" 429 (insufficient_quota) never clears
//   by waiting, so it gets `x-should-retry: false` (a header the SDK obeys);
// - the SDK sleeps for whatever Retry-After says (an hour, for a daily limit) without listening to
//   the abort signal, so a wait longer than maxRetryAfterMs is not retried: the user sees it at once;
// - the SDK keeps only the `error` member of a JSON error body, so bodies without one (Mistral's
//   {"message": …}, FastAPI's {"detail": …}) are wrapped in one and keep their message.
import { retryAfterMs } from '../classify';

const NOT_RETRYABLE_429 = /insufficient_quota|billing|credit balance|plan and billing/i;

export function policyFetch(inner: typeof fetch, maxRetryAfterMs = 60_000): typeof fetch {
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await inner(input, init);
    if (response.status < 400) return response;
    return adjustErrorResponse(response, maxRetryAfterMs);
  };
  return wrapped;
}

async function adjustErrorResponse(response: Response, maxRetryAfterMs: number): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  // The body is already decoded and may be rewritten: its old length and encoding no longer apply.
  headers.delete('content-length');
  headers.delete('content-encoding');
  let body = text;
  const parsed = parseJson(text);
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && !('error' in parsed)) {
    const obj = parsed as Record<string, unknown>;
    const message = obj.message ?? obj.detail ?? obj.error_msg ?? obj.msg;
    body = JSON.stringify({ error: { ...obj, ...(typeof message === 'string' ? { message } : {}) } });
  }
  if (response.status === 429 && NOT_RETRYABLE_429.test(text)) headers.set('x-should-retry', 'false');
  const wait = retryAfterMs(headers);
  if (wait !== undefined && wait > maxRetryAfterMs) headers.set('x-should-retry', 'false');
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

function parseJson(text: string): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{')) return undefined;
  try { return JSON.parse(t) as unknown; } catch { return undefined; }
}
