// BYOK: Sign in with OpenRouter, end to end through the real command. The simulator plays OpenRouter's
// sign-in page and key exchange; the test plays the browser: it takes the page the command would open,
// follows its redirect, and hands the callback back the way VS Code does (through the URI handler, or to
// the loopback server). Assertions never print a code, a verifier or a key.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { challengeFor } from '../../../src/core/keys/pkce';
import type { ByokApi } from '../../../src/extension';
import type { App } from '../../../src/vscode/app';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import type { CallbackOutcome } from '../../../src/vscode/keys/openrouter-signin';
import { byok, eventually, filesUnder, simRequests, simulatorUrl, type SimRequest } from '../support';

const PREFIX = 'OR sign-in';

suite('OpenRouter sign-in (OAuth PKCE)', function () {
  this.timeout(60_000);
  let app: App;
  let api: ByokApi;
  const opened: string[] = [];
  let clockOffset = 0;
  /** Every secret the flows handled, to look for where they must not be. */
  const secrets = new Set<string>();

  suiteSetup(async () => {
    ({ app, api } = await byok());
    const hooks = app.openRouterSignIn.testHooks;
    hooks.baseUrl = `${simulatorUrl()}/api/v1`;
    hooks.openExternal = (url) => { opened.push(url); return Promise.resolve(true); };
    hooks.now = () => Date.now() + clockOffset;
  });

  suiteTeardown(async () => {
    const hooks = app.openRouterSignIn.testHooks;
    delete hooks.baseUrl; delete hooks.openExternal; delete hooks.now;
    for (const k of app.keys.list().filter((k) => k.name.startsWith(PREFIX))) await app.keys.remove(k.id);
  });

  setup(() => { clockOffset = 0; });

  const ours = (): { name: string; presetId: string }[] => app.keys.list().filter((k) => k.name.startsWith(PREFIX));
  const exchanges = async (): Promise<SimRequest[]> => (await simRequests()).filter((r) => r.path.endsWith('/api/v1/auth/keys'));

  /** Runs the command as a user would (no await: it waits for the browser), and returns the page it opened. */
  async function start(name: string, callback?: 'uriHandler' | 'loopback'): Promise<{ result: Thenable<AddKeyResult | undefined>; page: URL; state: string }> {
    const before = opened.length;
    const result = vscode.commands.executeCommand<AddKeyResult | undefined>('byok.signInWithOpenRouter', { name: `${PREFIX} ${name}`, ...(callback ? { callback } : {}) });
    const page = new URL(await eventually(() => opened[before], 'the sign-in page to be opened'));
    const callbackUrl = page.searchParams.get('callback_url') ?? '';
    const state = /\/openrouter\/callback\/([A-Za-z0-9_-]+)/.exec(decodeURIComponent(callbackUrl))?.[1] ?? '';
    return { result, page, state };
  }

  /** The browser on OpenRouter's page: the user allows access, the page redirects to the callback with ?code=. */
  async function allow(page: URL): Promise<{ location: string; code: string }> {
    const r = await fetch(page, { redirect: 'manual' });
    assert.equal(r.status, 302, 'the sign-in page redirects back');
    const location = r.headers.get('location') ?? '';
    const code = decodeURIComponent(/[?&]code=([^&]*)/.exec(location)?.[1] ?? '');
    secrets.add(code);
    return { location, code };
  }

  /** Hands a callback to VS Code as the browser and the workbench would: the URI handler answers it. */
  async function deliver(location: string): Promise<CallbackOutcome> {
    const handled = new Promise<CallbackOutcome>((resolve, reject) => {
      const d = app.openRouterSignIn.onDidHandleCallback((o) => { d.dispose(); clearTimeout(t); resolve(o); });
      const t = setTimeout(() => { d.dispose(); reject(new Error('the URI handler did not receive the callback')); }, 15_000);
    });
    // The handler registered with window.registerUriHandler, called as the workbench calls it. (In the
    // browser, openExternal on a code-oss:// link navigates the tab away instead of reaching the handler.)
    if (!api.uriHandler) throw new Error('the extension exports no URI handler in the test host');
    await api.uriHandler.handleUri(asVsCodeReceivesIt(location));
    return handled;
  }

  test('signs in through the URI handler: PKCE S256, the key exchanged, checked, stored in SecretStorage and listed', async () => {
    const { result, page, state } = await start('main');
    assert.equal(page.origin, new URL(simulatorUrl()).origin, "the preset's (here the simulator's) host");
    assert.equal(page.pathname, '/auth');
    assert.equal(page.searchParams.get('code_challenge_method'), 'S256');
    const challenge = page.searchParams.get('code_challenge') ?? '';
    assert.match(challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.match(state, /^[A-Za-z0-9_-]{43}$/, 'a one-time state rides in the callback');
    console.log(`      callback URL given to OpenRouter: ${page.searchParams.get('callback_url')?.replace(state, '<state>')}`);

    const { location } = await allow(page);
    const outcome = await deliver(location);
    assert.equal(outcome.ok, true, outcome.message);
    const saved = await result;
    assert.ok(saved, 'the command returns the saved key');
    assert.equal(saved.provider, 'openrouter');
    assert.equal(saved.checked, true);

    const [exchange] = await exchanges();
    const body = exchange?.body as { code: string; code_verifier: string; code_challenge_method: string };
    secrets.add(body.code_verifier);
    assert.equal(body.code_challenge_method, 'S256');
    assert.match(body.code_verifier, /^[A-Za-z0-9_-]{43}$/, 'a verifier from 32 bytes');
    assert.equal(challengeFor(body.code_verifier), challenge, 'the simulator saw the verifier whose SHA-256 is the challenge');

    const meta = app.keys.get(saved.keyId);
    assert.equal(meta?.name, `${PREFIX} main`);
    assert.equal(meta?.baseUrl, `${simulatorUrl()}/api/v1`);
    assert.equal(meta?.lastCheck?.ok, true, 'checked like any key');
    assert.equal(await app.keys.hasSecret(meta), true, 'stored in SecretStorage');
    assert.ok(app.catalog.models().some((m) => m.id.startsWith(`${saved.keyId}/`)), "the key's models are listed");
    // The exchanged key is what the check sent, and what a request with the saved key sends.
    const checkAuth = (await simRequests()).filter((r) => r.path.endsWith('/api/v1/models')).map((r) => r.headers.authorization).at(-1) ?? '';
    assert.match(checkAuth, /^Bearer test-openrouter-sim-key-/);
    secrets.add(checkAuth.slice('Bearer '.length));
  });

  test('a code with + (and / and =) reaches the key exchange unchanged', async () => {
    const { result, page } = await start('plus');
    const { location, code } = await allow(page);
    assert.match(code, /\+.*\/.*=$/, 'the simulator issued a code holding + / =');
    assert.match(location, /%2B/);
    const outcome = await deliver(location);
    assert.equal(outcome.ok, true, outcome.message);
    assert.ok(await result);
    const sent = (await exchanges()).at(-1)?.body as { code: string };
    assert.equal(sent.code, code, 'the + was not read as a space');
  });

  test('a wrong state is refused with a clear message, nothing is exchanged or stored, and the real sign-in still finishes', async () => {
    const before = ours().length;
    const exchangesBefore = (await exchanges()).length;
    const { result, page, state } = await start('state');
    const { location } = await allow(page);
    const forged = location.replace(state, 'ForgedStateForgedStateForgedStateForgedSt00');
    const refused = await deliver(forged);
    assert.equal(refused.ok, false);
    assert.match(refused.message, /state does not match.*nothing was saved/);
    assert.equal((await exchanges()).length, exchangesBefore, 'the code was not sent anywhere');
    assert.equal(ours().length, before, 'nothing stored');

    const real = await deliver(location);
    assert.equal(real.ok, true, real.message);
    assert.ok(await result);
  });

  test('an expired login (5 minutes) is refused and nothing is stored', async () => {
    const before = ours().length;
    const exchangesBefore = (await exchanges()).length;
    const { result, page } = await start('expired');
    const { location } = await allow(page);
    clockOffset = 5 * 60_000 + 1_000;
    const refused = await deliver(location);
    assert.equal(refused.ok, false);
    assert.match(refused.message, /expired/);
    assert.equal(await result, undefined, 'the command ends without a key');
    assert.equal((await exchanges()).length, exchangesBefore, 'the code was not exchanged');
    assert.equal(ours().length, before);
  });

  test('a reused callback is refused, and a reused code is refused by the exchange: nothing more is stored', async () => {
    const first = await start('reuse');
    const { location, code } = await allow(first.page);
    assert.equal((await deliver(location)).ok, true);
    assert.ok(await first.result);
    const count = ours().length;
    const exchangesBefore = (await exchanges()).length;

    const again = await deliver(location);
    assert.equal(again.ok, false);
    assert.match(again.message, /already used/);
    assert.equal((await exchanges()).length, exchangesBefore, 'a used state does not reach the exchange');

    // A new sign-in handed the old code: the state is right, but OpenRouter's codes work once.
    const second = await start('reuse 2');
    const reused = await deliver(location.replace(first.state, second.state));
    assert.equal(reused.ok, false);
    assert.match(reused.message, /refused the sign-in code.*Nothing was saved/);
    assert.ok(!reused.message.includes(code), 'the message does not show the code');
    assert.equal(await second.result, undefined);
    assert.equal(ours().length, count, 'nothing more stored');
  });

  test('a cancelled sign-in (the browser was not opened) refuses its callback', async () => {
    const hooks = app.openRouterSignIn.testHooks;
    const open = hooks.openExternal;
    let page: string | undefined;
    hooks.openExternal = (url) => { page = url; return Promise.resolve(false); };
    try {
      const result = await vscode.commands.executeCommand<AddKeyResult | undefined>('byok.signInWithOpenRouter', { name: `${PREFIX} cancelled` });
      assert.equal(result, undefined);
    } finally { hooks.openExternal = open; }
    const { location } = await allow(new URL(page!));
    const refused = await deliver(location);
    assert.equal(refused.ok, false);
    assert.match(refused.message, /cancelled/);
  });

  test('the loopback route: a one-time page on 127.0.0.1 receives the callback, says to go back to VS Code, and closes', async () => {
    const { result, page } = await start('loopback', 'loopback');
    const callbackUrl = page.searchParams.get('callback_url') ?? '';
    console.log(`      loopback callback given to OpenRouter: ${callbackUrl.replace(/callback\/.*/, 'callback/<state>')}`);
    const { location, code } = await allow(page);
    const answer = await fetch(location);
    assert.equal(answer.status, 200);
    assert.match(await answer.text(), /go back to VS Code/);
    const saved = await result;
    assert.ok(saved);
    assert.equal(app.keys.get(saved.keyId)?.lastCheck?.ok, true);
    assert.equal(((await exchanges()).at(-1)?.body as { code: string }).code, code, '+ preserved on this route too');
    // Closed after one use: nothing listens on its port any more (through code-server's port proxy, when
    // the web session forwarded it, a second visit gets the proxy's error instead of the page).
    const port = /\/proxy\/(\d+)\//.exec(location)?.[1] ?? new URL(location).port;
    await assert.rejects(fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(3_000) }), 'the loopback server closed after one use');
    const second = await fetch(location, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
    assert.ok(!second || second.status >= 500, 'a second visit gets no page');
  });

  test('a provider the policy disables: nothing is opened and nothing is stored', async () => {
    const config = vscode.workspace.getConfiguration('byok');
    await config.update('enabledProviders', ['openai'], vscode.ConfigurationTarget.Global);
    try {
      const before = { opened: opened.length, keys: ours().length };
      const result = await vscode.commands.executeCommand<AddKeyResult | undefined>('byok.signInWithOpenRouter', { name: `${PREFIX} policy` });
      assert.equal(result, undefined);
      assert.equal(opened.length, before.opened, 'the browser was not opened');
      assert.equal(ours().length, before.keys);
    } finally {
      await config.update('enabledProviders', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('the code, the verifier and the key never appear in the logs', () => {
    assert.ok(secrets.size >= 3);
    const logs = filesUnder(app.ctx.context.logUri.fsPath).concat(filesUnder(vscode.Uri.joinPath(app.ctx.context.logUri, '..').fsPath));
    for (const file of logs) {
      let text: string;
      try { text = readFileSync(file, 'utf8'); } catch { continue; }
      for (const s of secrets) if (s) assert.ok(!text.includes(s), `a sign-in secret appears in ${file}`);
    }
  });
});

/**
 * The callback as the URI handler receives it. Desktop: the operating system passes the
 * `<scheme>://byok.byok/…?code=…` link itself. Web (this rig): asExternalUri made it the server's callback
 * page (…/callback?vscode-reqid=…&vscode-scheme=…&vscode-path=…), and OpenRouter appended &code=…; that
 * page (callback.html) rebuilds the link from its parameters, keeping the others through URLSearchParams,
 * and the workbench hands it over as components. The same steps here, without a browser tab.
 */
function asVsCodeReceivesIt(location: string): vscode.Uri {
  if (location.startsWith(`${vscode.env.uriScheme}:`)) return vscode.Uri.parse(location);
  const params = new URL(location).searchParams;
  const scheme = params.get('vscode-scheme') ?? '';
  const authority = params.get('vscode-authority') ?? '';
  const path = params.get('vscode-path') ?? '';
  for (const k of ['vscode-reqid', 'vscode-scheme', 'vscode-authority', 'vscode-path', 'vscode-query', 'vscode-fragment']) params.delete(k);
  return vscode.Uri.from({ scheme, authority, path: decodeURIComponent(path), query: params.toString() });
}
