// Reading an OAuth callback's query without losing characters. Codes may hold `+`, `/` and `=`: the form
// rule that turns `+` into a space (URLSearchParams) would corrupt them, so `+` always stays `+`.

/**
 * Splits a query into its parameters. `encoding`:
 * - 'percent-encoded': the raw query of an HTTP request line (the loopback callback): each value is
 *   percent-decoded once;
 * - 'decoded': a vscode.Uri's `query`, which VS Code has already percent-decoded: taken as it is
 *   (decoding twice would turn a literal `%41` in a code into `A`).
 * The first occurrence of a name wins; a name without `=` has the value ''.
 */
export function parseCallbackQuery(query: string, encoding: 'percent-encoded' | 'decoded'): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = query.startsWith('?') ? query.slice(1) : query;
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq), encoding);
    const value = eq < 0 ? '' : decode(part.slice(eq + 1), encoding);
    if (!(name in out)) out[name] = value;
  }
  return out;
}

function decode(text: string, encoding: 'percent-encoded' | 'decoded'): string {
  if (encoding === 'decoded') return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape: keep the text rather than drop the parameter (the exchange will refuse a bad code).
    return text;
  }
}

/** The state that a callback path ends with (`…/callback/<state>`), or undefined for any other path. */
export function stateFromCallbackPath(path: string, prefix: string): string | undefined {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  if (!path.startsWith(base)) return undefined;
  const state = path.slice(base.length).replace(/\/$/, '');
  return /^[A-Za-z0-9_-]{16,128}$/.test(state) ? state : undefined;
}
