// What may leave the extension in an error: never a run of the user's key, however the provider echoed it.
// Assertions name the case, never the key, so a failure does not print a secret.
import * as assert from 'node:assert/strict';
import { maskKey, ProviderError, redactSecrets } from '../../src/core/errors';

// No vendor prefix a pattern could recognize: only knowing the actual secret can hide it.
const SECRET = 'q7Hx2mPz9LwK4vRt8NbJ3cYd';
const hides = (text: string, what: string): void => {
  const out = redactSecrets(text, [SECRET]);
  assert.ok(out.includes('[redacted]'), `${what}: something was redacted`);
  for (let i = 0; i + 6 <= SECRET.length; i++) {
    const run = SECRET.slice(i, i + 6).toLowerCase();
    assert.ok(!out.toLowerCase().includes(run) && !decodeURIComponent(out).toLowerCase().includes(run), `${what}: no 6-character run of the key is left`);
  }
};

describe('errors: redaction of the actual key', () => {
  it('a key without a known prefix is redacted from a message', () => {
    hides(`Invalid token ${SECRET} for this project`, 'unprefixed key');
  });

  it('a key echoed truncated is redacted', () => {
    hides(`Incorrect API key provided: ${SECRET.slice(0, 7)}****${SECRET.slice(-4)}`, 'head of the key');
    hides(`key ending ...${SECRET.slice(-9)} is invalid`, 'tail of the key');
  });

  it('a key echoed in another case is redacted', () => {
    hides(`INVALID KEY ${SECRET.toUpperCase()}`, 'upper case');
    hides(`invalid key ${SECRET.toLowerCase()}`, 'lower case');
  });

  it('a key echoed URL-encoded is redacted', () => {
    const encoded = [...SECRET].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    hides(`GET https://api.example/v1/models?x=${encoded} returned 401`, 'percent-encoded key');
    const withSlash = 'ab/cd+ef/gh+ij/kl+mn/op';
    const out = redactSecrets(`request to /x?k=${encodeURIComponent(withSlash)} failed`, [withSlash]);
    assert.ok(!/ab%2Fcd/i.test(out) && !/kl%2Bmn/i.test(out), 'a key whose characters need encoding is redacted from its encoded form');
  });

  it('key=… in a URL is redacted even for a key we were not told about', () => {
    const out = redactSecrets('fetch https://generativelanguage.googleapis.com/v1beta/models?key=zzUNKNOWNzz123&alt=sse failed');
    assert.ok(!out.includes('zzUNKNOWNzz123'), 'the key parameter value is gone');
    assert.ok(out.includes('alt=sse'), 'other parameters stay');
  });

  it('words around the key survive, and text without the key is unchanged', () => {
    assert.equal(redactSecrets(`bad key ${SECRET} here`, [SECRET]), 'bad key [redacted] here');
    assert.equal(redactSecrets('Rate limited: retry in 20 s', [SECRET]), 'Rate limited: retry in 20 s');
  });

  it('ProviderError.code never carries a key', () => {
    const e = new ProviderError({ kind: 'auth', provider: 'p', message: 'no', code: 'sk-proj-fake-test-code-0000' });
    assert.ok(!e.code?.includes('fake-test-code'), 'the code is redacted');
  });

  it('stays fast for a long secret against a long message', () => {
    const long = 'Ab9'.repeat(400);
    const message = 'x'.repeat(20_000);
    const started = performance.now();
    redactSecrets(message, [long, SECRET]);
    assert.ok(performance.now() - started < 200, 'linear in practice');
  });
});

describe('errors: the mask', () => {
  it('a mask shows a known vendor prefix and the last four characters only', () => {
    assert.equal(maskKey('sk-proj-abcdefghijklmnopqrstuv4f2a'), 'sk-proj-…4f2a');
    assert.equal(maskKey('AIzaSyabcdefghijklmnopqrst9xyz'), 'AIza…9xyz');
    assert.equal(maskKey('unprefixedabcdefghijkl12'), '…kl12');
  });

  it('a key under 20 characters shows nothing but the ellipsis', () => {
    assert.equal(maskKey('abcdefghijk_xyz'), '…');
    assert.equal(maskKey('sk-abcdefghijk12345'), '…');
  });
});
