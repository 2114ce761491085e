// OpenRouter's OAuth PKCE sign-in, as the simulator plays it:
// - GET /auth?callback_url=…&code_challenge=…&code_challenge_method=S256 is the page the user would sign in
//   on; it "allows" at once and redirects (302) to callback_url with ?code=… (appended with & when the
//   URL has a query). Every code holds `+`, `/` and `=`, so a client that reads `+` as a space fails.
// - POST /api/v1/auth/keys {code, code_verifier, code_challenge_method} checks base64url(SHA-256(verifier))
//   against the challenge the code was issued for; each code works once. Answers {key, user_id}.
import { createHash, randomBytes } from 'node:crypto';
import type { FaultKind, FormatContext, JsonResponse, WireFormat } from '../types';

interface IssuedCode { challenge: string; used: boolean }

const issued = new Map<string, IssuedCode>();
let serial = 0;

function error(status: number, message: string): JsonResponse {
  return { status, json: { error: { code: status, message } } };
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function authPage(ctx: FormatContext): JsonResponse {
  const { callback_url: callback, code_challenge: challenge, code_challenge_method: method } = ctx.query;
  if (!callback) return error(400, 'callback_url is required');
  if (!challenge || method !== 'S256') return error(400, 'code_challenge with code_challenge_method=S256 is required');
  // Characters a careless client corrupts: `+` (form decoding), `/` and `=` (base64).
  const code = `sim+${++serial}/${randomBytes(6).toString('base64')}+end=`;
  issued.set(code, { challenge, used: false });
  const location = `${callback}${callback.includes('?') ? '&' : '?'}code=${encodeURIComponent(code)}`;
  return { status: 302, headers: { location }, json: { redirect: location } };
}

function exchange(ctx: FormatContext): JsonResponse {
  const body = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
  const { code, code_verifier: verifier, code_challenge_method: method } = body;
  if (typeof code !== 'string' || typeof verifier !== 'string') return error(400, 'code and code_verifier are required');
  if (method !== undefined && method !== 'S256') return error(400, 'code_challenge_method must be S256');
  const entry = issued.get(code);
  if (!entry) return error(400, 'Invalid code');
  if (entry.used) return error(400, 'This code has already been used');
  // A code is spent by its first exchange, right or wrong (RFC 6749 §4.1.2).
  entry.used = true;
  if (base64url(createHash('sha256').update(verifier, 'ascii').digest()) !== entry.challenge) return error(403, 'Invalid code_verifier');
  return { status: 200, json: { key: `test-openrouter-sim-key-${String(serial).padStart(4, '0')}`, user_id: 'sim-user' } };
}

export const openRouterAuthFormat: WireFormat = {
  name: 'openrouter-auth',
  matches: (method, path) => (method === 'GET' && path === '/auth') || (method === 'POST' && path.endsWith('/api/v1/auth/keys')),
  respond: (ctx) => (ctx.path === '/auth' ? authPage(ctx) : exchange(ctx)),
  errorResponse(kind: FaultKind): JsonResponse {
    return error(kind === 'unauthorized' ? 401 : kind === 'forbidden' ? 403 : 500, `simulated ${kind}`);
  },
};
