// The loopback callback: 127.0.0.1, a random port, one use, a small page, closed on expiry.
import * as assert from 'node:assert/strict';
import { startLoopbackCallback } from '../../../src/core/keys/loopback-callback';
import { parseCallbackQuery } from '../../../src/core/keys/oauth-callback';
import { authPageUrl, exchangeCodeForKey } from '../../../src/core/keys/openrouter-oauth';
import { PendingSignIns } from '../../../src/core/keys/pending-sign-ins';
import { createSimulator } from '../../support/simulator';

async function refused(url: string): Promise<boolean> {
  try { await fetch(url, { signal: AbortSignal.timeout(2_000) }); return false; } catch { return true; }
}

describe('keys/loopback-callback', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });

  it('listens on 127.0.0.1 on a random port, answers its one callback with a page pointing back to VS Code, then closes', async () => {
    const seen: string[] = [];
    const a = await startLoopbackCallback({ path: '/cb/one', expiresInMs: 10_000, onCallback: (q) => { seen.push(q); return Promise.resolve({ ok: true, message: 'Saved <it>.' }); } });
    const b = await startLoopbackCallback({ path: '/cb/two', expiresInMs: 10_000, onCallback: () => Promise.resolve({ ok: true, message: '' }) });
    assert.match(a.url, /^http:\/\/127\.0\.0\.1:\d+\/cb\/one$/);
    assert.notEqual(new URL(a.url).port, new URL(b.url).port);
    b.close();

    const favicon = await fetch(new URL('/favicon.ico', a.url));
    assert.equal(favicon.status, 404, 'another path does not use up the callback');
    const page = await fetch(`${a.url}?code=x%2By`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /go back to VS Code/);
    assert.match(html, /Saved &#60;it&#62;\./, 'the message is escaped');
    assert.deepEqual(seen, ['code=x%2By'], 'the raw query is handed over still encoded');
    await a.closed;
    assert.ok(await refused(a.url), 'closed after one use');
  });

  it('closes on expiry without a callback', async () => {
    const cb = await startLoopbackCallback({ path: '/cb', expiresInMs: 50, onCallback: () => Promise.resolve({ ok: true, message: '' }) });
    await cb.closed;
    assert.ok(await refused(cb.url));
  });

  it('a refused callback gets a 400 page that says so', async () => {
    const cb = await startLoopbackCallback({ path: '/cb', expiresInMs: 10_000, onCallback: () => Promise.resolve({ ok: false, message: 'This sign-in link was already used.' }) });
    const page = await fetch(cb.url);
    assert.equal(page.status, 400);
    assert.match(await page.text(), /already used/);
  });

  it('the whole loopback route: sign-in page -> redirect to 127.0.0.1 -> code with + preserved -> key', async () => {
    const signIns = new PendingSignIns();
    const signIn = signIns.start();
    let key: string | undefined;
    const cb = await startLoopbackCallback({
      path: `/openrouter/callback/${signIn.state}`, expiresInMs: 10_000,
      onCallback: async (query) => {
        const taken = signIns.take(signIn.state);
        if (!taken.ok) return { ok: false, message: taken.reason };
        key = await exchangeCodeForKey(`${sim.url}/api/v1`, { code: parseCallbackQuery(query, 'percent-encoded').code!, verifier: taken.signIn.verifier }, AbortSignal.timeout(5_000));
        return { ok: true, message: 'saved' };
      },
    });
    const redirect = await fetch(authPageUrl(`${sim.url}/api/v1`, cb.url, signIn.challenge), { redirect: 'manual' });
    const location = redirect.headers.get('location')!;
    assert.ok(location.startsWith(`${cb.url}?code=`));
    assert.match(location, /%2B/, 'the code holds an encoded +');
    const page = await fetch(location);
    assert.equal(page.status, 200);
    assert.match(key ?? '', /^test-openrouter-sim-key-/, 'the simulator accepted the code and verifier');
  });
});

describe('keys/loopback-callback while answering', () => {
  it('close() during the callback (the sign-in finished first) still lets the page be written', async () => {
    let release!: () => void;
    const cb = await startLoopbackCallback({ path: '/cb', expiresInMs: 10_000, onCallback: () => new Promise((r) => { release = () => r({ ok: true, message: 'Saved.' }); }) });
    const page = fetch(cb.url);
    await new Promise((r) => setTimeout(r, 100));
    cb.close();
    release();
    const answer = await page;
    assert.equal(answer.status, 200);
    assert.match(await answer.text(), /Saved\./);
    await cb.closed;
  });
});
