// OpenRouter's OAuth PKCE flow as data and pure functions: where the sign-in page and the key exchange
// are (derived from the preset's host, so policy sees the same host the key will be used with), the
// page's URL, and the exchange of a code for a key.
import * as z from 'zod';
import { redactSecrets } from '../errors';

/** The callback path of the URI handler and the loopback server; the state follows it. */
export const CALLBACK_PATH = '/openrouter/callback';

/** OpenRouter's API lives under /api/v1; its sign-in page at the site's root (`https://openrouter.ai/auth`). */
export function openRouterEndpoints(baseUrl: string): { authPage: string; keyExchange: string } {
  const url = new URL(baseUrl);
  const apiPath = url.pathname.replace(/\/+$/, '');
  const siteRoot = apiPath.replace(/\/api\/v1$/, '');
  return {
    authPage: `${url.origin}${siteRoot}/auth`,
    keyExchange: `${url.origin}${apiPath}/auth/keys`,
  };
}

/** The page the browser opens: OpenRouter redirects to `callbackUrl` with `?code=…` once the user allows it. */
export function authPageUrl(baseUrl: string, callbackUrl: string, challenge: string): string {
  const url = new URL(openRouterEndpoints(baseUrl).authPage);
  url.searchParams.set('callback_url', callbackUrl);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

const KeyExchangeResponse = z.object({ key: z.string().min(1) }).passthrough();

export class KeyExchangeError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'KeyExchangeError';
  }
}

/**
 * POST {code, code_verifier, code_challenge_method: 'S256'} to the key exchange and returns the new key.
 * Errors say what happened in words; they never carry the code, the verifier or the key.
 */
export async function exchangeCodeForKey(
  baseUrl: string,
  input: { code: string; verifier: string },
  signal: AbortSignal,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const secrets = [input.code, input.verifier];
  const { keyExchange } = openRouterEndpoints(baseUrl);
  let response: Response;
  try {
    response = await fetchImpl(keyExchange, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code: input.code, code_verifier: input.verifier, code_challenge_method: 'S256' }),
      signal,
      redirect: 'error',
    });
  } catch (e) {
    if (signal.aborted) throw new KeyExchangeError('The sign-in was cancelled before OpenRouter answered.');
    throw new KeyExchangeError(`OpenRouter could not be reached to finish the sign-in (${redactSecrets(String((e as Error).message ?? e), secrets)}).`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    const detail = providerMessage(text);
    const said = detail ? `: ${redactSecrets(detail, secrets).slice(0, 200)}` : '';
    const why = response.status === 400 || response.status === 403 || response.status === 401
      ? 'OpenRouter refused the sign-in code (it may have been used already, or the sign-in did not match)'
      : `OpenRouter answered ${response.status} to the key exchange`;
    throw new KeyExchangeError(`${why}${said}. Nothing was saved.`, response.status);
  }
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  const parsed = KeyExchangeResponse.safeParse(json);
  if (!parsed.success) throw new KeyExchangeError('OpenRouter answered the key exchange without a key. Nothing was saved.', response.status);
  return parsed.data.key;
}

function providerMessage(text: string): string | undefined {
  try {
    const j = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof j.error === 'string' ? j.error : j.error?.message ?? j.message;
    return typeof m === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}
