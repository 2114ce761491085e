// Host validation: every host a user types goes through here before a key is sent anywhere.
import { ProviderError } from '../errors';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * The input as an error message may repeat it: without a user name/password or a query, where people
 * paste keys ("https://user:key@host", "…?api_key=…"), because error messages reach the UI and logs.
 */
function shown(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1…@').replace(/[?#].*$/s, '');
}

/** Trims, requires http(s), drops a trailing slash, query and fragment. Throws a bad-request ProviderError. */
export function normalizeBaseUrl(input: string, provider: string): string {
  const text = input.trim();
  if (!text) throw new ProviderError({ kind: 'bad-request', provider, message: 'The host is empty: enter a URL such as https://api.example.com/v1' });
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new ProviderError({ kind: 'bad-request', provider, message: `The host "${shown(text)}" has no scheme: start it with https://` });
  }
  let url: URL;
  try { url = new URL(text); } catch {
    throw new ProviderError({ kind: 'bad-request', provider, message: `The host "${shown(text)}" is not a valid URL` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ProviderError({ kind: 'bad-request', provider, message: `The host must use https:// (or http:// for a local server), not ${url.protocol}` });
  }
  if (url.username || url.password) {
    throw new ProviderError({ kind: 'bad-request', provider, message: 'Put the key in the key field, not in the host URL' });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** http:// to anything but this machine sends the key in clear text: callers must ask the user first. */
export function isInsecureRemote(baseUrl: string): boolean {
  const url = new URL(baseUrl);
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}
