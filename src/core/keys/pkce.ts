// PKCE (RFC 7636, S256) and the one-time state of an OAuth sign-in. The verifier never leaves this
// machine except in the key exchange; the page the user signs in on only ever sees its SHA-256.
import { createHash, randomBytes } from 'node:crypto';

/** RFC 4648 §5 base64url without padding, as RFC 7636 requires for both verifier and challenge. */
export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A code_verifier from 32 random bytes: 43 characters of [A-Za-z0-9-_] (RFC 7636 §4.1's recommendation). */
export function createVerifier(bytes: Uint8Array = randomBytes(32)): string {
  if (bytes.length !== 32) throw new Error('A PKCE verifier is made from exactly 32 random bytes.');
  return base64url(bytes);
}

/** code_challenge = base64url(SHA-256(ASCII(verifier))) (RFC 7636 §4.2, method S256). */
export function challengeFor(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

/** A one-time state: unguessable, so a callback nobody asked for cannot pass as the answer to ours. */
export function createState(): string {
  return base64url(randomBytes(32));
}
