// PKCE S256: the verifier, the challenge (RFC 7636 appendix B) and the one-time state.
import * as assert from 'node:assert/strict';
import { base64url, challengeFor, createState, createVerifier } from '../../../src/core/keys/pkce';

describe('keys/pkce', () => {
  // RFC 7636 appendix B: the 32 octets, their verifier and its S256 challenge.
  const RFC_OCTETS = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];

  it('the verifier of RFC 7636 appendix B is base64url of its 32 octets', () => {
    assert.equal(createVerifier(Uint8Array.from(RFC_OCTETS)), 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  });

  it('code_challenge is base64url(SHA-256(verifier)): the RFC 7636 appendix B test vector', () => {
    assert.equal(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('a verifier comes from 32 random bytes: 43 unreserved characters, different every time', () => {
    const a = createVerifier();
    const b = createVerifier();
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, b);
    assert.throws(() => createVerifier(new Uint8Array(16)), /32/);
  });

  it('base64url has no padding and no + or /', () => {
    assert.equal(base64url(Uint8Array.from([0xfb, 0xff, 0xbf])), '-_-_');
    assert.equal(base64url(Uint8Array.from([1])), 'AQ');
  });

  it('the state is unguessable: 256 random bits, never repeated', () => {
    const states = new Set(Array.from({ length: 200 }, () => createState()));
    assert.equal(states.size, 200);
    for (const s of states) assert.match(s, /^[A-Za-z0-9_-]{43}$/);
  });
});
