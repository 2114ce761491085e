// A key is sent only to the host it was saved for. Every SDK gets this fetch, which refuses any
// request to another origin (a redirect, a misconfigured SDK, a model listing that points elsewhere).
import { ProviderError } from '../errors';

export function pinnedFetch(baseUrl: string, provider: string, inner: typeof fetch = globalThis.fetch): typeof fetch {
  const allowed = new URL(baseUrl).origin;
  const pinned = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url).origin !== allowed) {
      throw new ProviderError({ kind: 'bad-request', provider, message: `Refused to send the key to ${new URL(url).origin}: it belongs to ${allowed}` });
    }
    // redirect: 'manual' so a 3xx cannot carry the Authorization header to another host.
    const response = await inner(input, { ...init, redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      const to = response.headers.get('location') ?? 'elsewhere';
      throw new ProviderError({ kind: 'unexpected-response', provider, status: response.status, message: `The host redirected to ${to}; the key was not forwarded` });
    }
    return response;
  };
  return pinned;
}
