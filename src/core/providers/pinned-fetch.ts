// A key is sent only to the host it was saved for, with only the headers we chose. Every SDK gets this
// fetch, which refuses any request to another origin (a redirect, a misconfigured SDK, a model listing
// that points elsewhere) and drops any header that is not on the connection's allow-list (see
// header-allow-list.ts: SDKs add headers from environment variables to every request).
import { ProviderError } from '../errors';

export function pinnedFetch(baseUrl: string, provider: string, allowedHeaders: ReadonlySet<string>, inner: typeof fetch = globalThis.fetch): typeof fetch {
  const allowed = new URL(baseUrl).origin;
  const pinned = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url).origin !== allowed) {
      throw new ProviderError({ kind: 'bad-request', provider, message: `Refused to send the key to ${new URL(url).origin}: it belongs to ${allowed}` });
    }
    const headers = onlyAllowed(input instanceof Request ? input.headers : undefined, init?.headers, allowedHeaders);
    // redirect: 'manual' so a 3xx cannot carry the Authorization header to another host.
    const response = await inner(input, { ...init, headers, redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      const to = response.headers.get('location') ?? 'elsewhere';
      throw new ProviderError({ kind: 'unexpected-response', provider, status: response.status, message: `The host redirected to ${to}; the key was not forwarded` });
    }
    return response;
  };
  return pinned;
}

/** The request's headers (init over the Request's own, as fetch merges them) without the unlisted ones. */
function onlyAllowed(base: Headers | undefined, given: HeadersInit | undefined, allowed: ReadonlySet<string>): Headers {
  const merged = new Headers(base);
  new Headers(given).forEach((value, name) => merged.set(name, value));
  const out = new Headers();
  merged.forEach((value, name) => { if (allowed.has(name)) out.set(name, value); });
  return out;
}
