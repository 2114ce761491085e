// Every adapter the registry builds scrubs its own key from every error, on every path (listing, key
// check, chat), however the provider echoed it: without a vendor prefix, truncated, upper-cased,
// URL-encoded, or as the error code. Assertions never print the key.
import * as assert from 'node:assert/strict';
import type { ProviderError } from '../../../src/core/errors';
import { createAdapter } from '../../../src/core/providers/registry';
import type { Connection } from '../../../src/core/providers/types';

const SECRET = 'q7Hx2mPz9LwK4vRt8NbJ3cYd';
const ECHOES: Record<string, string> = {
  'whole key': SECRET,
  'truncated key': `${SECRET.slice(0, 8)}…`,
  'upper-cased key': SECRET.toUpperCase(),
  'URL-encoded key': `https://host.test/x?sig=${encodeURIComponent(SECRET.slice(3))}`,
};

function echoingFetch(echo: string): typeof fetch {
  return () => Promise.resolve(new Response(JSON.stringify({ error: { message: `Invalid key ${echo}`, code: `bad_${SECRET.slice(2, 12)}`, type: 'invalid_request_error' } }), {
    status: 401, headers: { 'content-type': 'application/json' },
  }));
}

function leaks(e: ProviderError | undefined): boolean {
  const text = `${e?.message ?? ''} ${e?.code ?? ''} ${e?.userMessage ?? ''}`.toLowerCase();
  for (let i = 0; i + 6 <= SECRET.length; i++) {
    const run = SECRET.slice(i, i + 6).toLowerCase();
    if (text.includes(run) || decodeURIComponent(text).includes(run)) return true;
  }
  return false;
}

describe('keys: no error from an adapter carries its key', () => {
  for (const presetId of ['openai', 'anthropic', 'gemini']) {
    for (const [what, echo] of Object.entries(ECHOES)) {
      it(`${presetId}: listing, key check and chat errors never carry the key (${what})`, async () => {
        const connection: Connection = { presetId, baseUrl: 'https://host.test', apiKey: SECRET, fetch: echoingFetch(echo), maxRetries: 0 };
        const adapter = createAdapter(connection);
        const signal = new AbortController().signal;
        const listing = await adapter.listModels(signal).then(() => undefined, (e: ProviderError) => e);
        assert.ok(listing, 'listing failed');
        assert.ok(!leaks(listing), `${presetId} listing error carries no run of the key (${what})`);
        const check = await adapter.checkKey(signal);
        assert.ok(!check.ok && !leaks(check.error), `${presetId} key check error carries no run of the key (${what})`);
        let chat: ProviderError | undefined;
        try {
          for await (const _part of adapter.stream({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, signal)) { /* drain */ }
        } catch (e) { chat = e as ProviderError; }
        assert.ok(chat, 'chat failed');
        assert.equal(chat.kind, 'auth', 'still an auth error');
        assert.ok(!leaks(chat), `${presetId} chat error carries no run of the key (${what})`);
      });
    }
  }
});
