// OpenRouter's sign-in page and key exchange, against the simulator playing OpenRouter.
import * as assert from 'node:assert/strict';
import { authPageUrl, exchangeCodeForKey, openRouterEndpoints } from '../../../src/core/keys/openrouter-oauth';
import { PendingSignIns } from '../../../src/core/keys/pending-sign-ins';
import { findPreset } from '../../../src/core/providers/presets';
import { createSimulator } from '../../support/simulator';

describe('keys/openrouter-oauth', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it("the sign-in page and the key exchange are on the preset's own host", () => {
    const { authPage, keyExchange } = openRouterEndpoints(findPreset('openrouter')!.defaultBaseUrl);
    assert.equal(authPage, 'https://openrouter.ai/auth');
    assert.equal(keyExchange, 'https://openrouter.ai/api/v1/auth/keys');
  });

  it('the sign-in page gets the callback, the S256 challenge, and never the verifier', () => {
    const signIn = new PendingSignIns().start();
    const url = new URL(authPageUrl('https://openrouter.ai/api/v1', 'vscode://byok.byok/openrouter/callback/abc', signIn.challenge));
    assert.equal(url.origin + url.pathname, 'https://openrouter.ai/auth');
    assert.equal(url.searchParams.get('callback_url'), 'vscode://byok.byok/openrouter/callback/abc');
    assert.equal(url.searchParams.get('code_challenge'), signIn.challenge);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(!url.toString().includes(signIn.verifier));
  });

  /** Plays the browser: opens the sign-in page and returns the code it redirects back with. */
  async function codeFromSignInPage(challenge: string): Promise<string> {
    const page = authPageUrl(`${sim.url}/api/v1`, 'http://127.0.0.1:1/callback/x', challenge);
    const r = await fetch(page, { redirect: 'manual' });
    assert.equal(r.status, 302);
    const location = r.headers.get('location')!;
    return decodeURIComponent(location.slice(location.indexOf('code=') + 5));
  }

  it('the code is exchanged at POST /api/v1/auth/keys with {code, code_verifier, code_challenge_method: S256}', async () => {
    const signIn = new PendingSignIns().start();
    const code = await codeFromSignInPage(signIn.challenge);
    assert.match(code, /\+/, 'the simulator issues codes holding +');
    const key = await exchangeCodeForKey(`${sim.url}/api/v1`, { code, verifier: signIn.verifier }, AbortSignal.timeout(5_000));
    assert.match(key, /^test-openrouter-sim-key-/);
    const req = sim.lastRequest('/api/v1/auth/keys')!;
    assert.equal(req.method, 'POST');
    assert.deepEqual(req.body, { code, code_verifier: signIn.verifier, code_challenge_method: 'S256' });
  });

  it('a wrong verifier is refused, and the error holds neither the code nor the verifier', async () => {
    const signIn = new PendingSignIns().start();
    const other = new PendingSignIns().start();
    const code = await codeFromSignInPage(signIn.challenge);
    await assert.rejects(exchangeCodeForKey(`${sim.url}/api/v1`, { code, verifier: other.verifier }, AbortSignal.timeout(5_000)), (e: Error) => {
      assert.match(e.message, /refused the sign-in code.*Nothing was saved/);
      assert.ok(!e.message.includes(code) && !e.message.includes(other.verifier) && !e.message.includes(signIn.verifier));
      return true;
    });
  });

  it('a reused code is refused', async () => {
    const signIn = new PendingSignIns().start();
    const code = await codeFromSignInPage(signIn.challenge);
    await exchangeCodeForKey(`${sim.url}/api/v1`, { code, verifier: signIn.verifier }, AbortSignal.timeout(5_000));
    await assert.rejects(exchangeCodeForKey(`${sim.url}/api/v1`, { code, verifier: signIn.verifier }, AbortSignal.timeout(5_000)), /already been used/);
  });

  it('an answer without a key is an error, not an empty key', async () => {
    const fakeFetch = (() => Promise.resolve(new Response('{"user_id":"u"}', { status: 200 }))) as typeof fetch;
    await assert.rejects(exchangeCodeForKey('https://openrouter.ai/api/v1', { code: 'c0de+x', verifier: 'v'.repeat(43) }, AbortSignal.timeout(1_000), fakeFetch), /without a key/);
  });

  it('a network failure names neither code nor verifier', async () => {
    const code = 'secret-code+0123456789';
    const fakeFetch = (() => Promise.reject(new Error(`connect failed for ${code}`))) as typeof fetch;
    await assert.rejects(exchangeCodeForKey('https://openrouter.ai/api/v1', { code, verifier: 'v'.repeat(43) }, AbortSignal.timeout(1_000), fakeFetch), (e: Error) => !e.message.includes(code));
  });
});
