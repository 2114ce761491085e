// Every simulator fault, for every preset of the family, must reach the caller as the right kind.
import * as assert from 'node:assert/strict';
import type { ErrorKind } from '../../../../src/core/errors';
import { createOpenAIAdapter } from '../../../../src/core/providers/openai/adapter';
import type { ChatRequest } from '../../../../src/core/providers/types';
import { createSimulator, type FaultKind } from '../../../support/simulator';
import { chatPath, collect, connectionFor, DEFAULT_TEXT, failure, FAMILY_PRESETS, textOf } from './helpers';

const hello: ChatRequest = { model: 'sim-model-1', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] };

const CASES: [FaultKind, ErrorKind][] = [
  ['unauthorized', 'auth'],
  ['forbidden', 'auth'],
  ['quota', 'quota'],
  ['not-found', 'model-not-found'],
  ['server-error', 'server'],
  ['unavailable', 'server'],
  ['overloaded', 'server'],
  ['html-proxy', 'server'],
  ['context-too-long', 'context-too-long'],
  ['bad-request', 'bad-request'],
  ['reset-mid-stream', 'network'],
  ['malformed-chunk', 'unexpected-response'],
  ['no-finish', 'network'],
  ['stream-error', 'server'],
];

describe('OpenAI family: faults', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  for (const p of FAMILY_PRESETS) {
    describe(p.id, () => {
      const path = chatPath(p, 'sim-model-1');
      for (const [fault, kind] of CASES) {
        it(`${fault} -> ${kind}`, async () => {
          sim.inject({ kind: fault, pathIncludes: '/chat/completions' });
          const adapter = createOpenAIAdapter(connectionFor(p, sim), p);
          const err = await failure(adapter.stream(hello, new AbortController().signal), kind);
          assert.equal(err.provider, p.id);
          assert.equal(sim.lastRequest('/chat/completions')!.path, path);
        });
      }

      it('rate-limit once: the SDK honours Retry-After, retries before the first token, and the answer streams', async () => {
        sim.inject({ kind: 'rate-limit', retryAfterSec: 0 });
        const adapter = createOpenAIAdapter(connectionFor(p, sim, { maxRetries: 2 }), p);
        const parts = await collect(adapter.stream(hello, new AbortController().signal));
        assert.equal(textOf(parts), DEFAULT_TEXT);
        assert.equal(sim.requests.filter((r) => r.path === path).length, 2);
      });

      it('rate-limit that never clears -> rate-limit after maxRetries retries', async () => {
        sim.inject({ kind: 'rate-limit', times: 0, retryAfterSec: 0 });
        const adapter = createOpenAIAdapter(connectionFor(p, sim, { maxRetries: 2 }), p);
        const err = await failure(adapter.stream(hello, new AbortController().signal), 'rate-limit');
        assert.equal(err.status, 429);
        assert.equal(err.retryable, true);
        assert.equal(sim.requests.filter((r) => r.path === path).length, 3);
      });

      it('quota (insufficient_quota / 402) is never retried', async () => {
        sim.inject({ kind: 'quota', times: 0 });
        const adapter = createOpenAIAdapter(connectionFor(p, sim, { maxRetries: 2 }), p);
        const err = await failure(adapter.stream(hello, new AbortController().signal), 'quota');
        assert.equal(err.retryable, false);
        assert.equal(sim.requests.length, 1);
      });

      it('a mid-stream drop keeps the text that already arrived', async () => {
        sim.setReply({ text: 'abcdefghijklmnop', chunkChars: 2 });
        sim.inject({ kind: 'reset-mid-stream' });
        const adapter = createOpenAIAdapter(connectionFor(p, sim), p);
        let text = '';
        await failure((async () => {
          for await (const part of adapter.stream(hello, new AbortController().signal)) if (part.type === 'text') text += part.delta;
        })(), 'network');
        assert.ok('abcdefghijklmnop'.startsWith(text), `got ${text}`);
      });

      it('a stall after the first byte is ended by the caller\'s abort, which closes the connection', async () => {
        sim.inject({ kind: 'stall' });
        const adapter = createOpenAIAdapter(connectionFor(p, sim), p);
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 150);
        const started = Date.now();
        await failure(adapter.stream(hello, ac.signal), 'aborted');
        assert.ok(Date.now() - started < 2000);
        const rec = sim.lastRequest('/chat/completions')!;
        await sim.waitForClose(rec.id);
        assert.equal(rec.closedEarly, true);
      });
    });
  }

  describe('retry timing (openai preset)', () => {
    const p = FAMILY_PRESETS.find((x) => x.id === 'openai')!;

    it('waits as long as Retry-After says before retrying', async () => {
      sim.inject({ kind: 'rate-limit', retryAfterSec: 1 });
      const adapter = createOpenAIAdapter(connectionFor(p, sim, { maxRetries: 1 }), p);
      const started = Date.now();
      const parts = await collect(adapter.stream(hello, new AbortController().signal));
      assert.ok(Date.now() - started >= 900, 'retried before Retry-After elapsed');
      assert.equal(textOf(parts), DEFAULT_TEXT);
      assert.equal(sim.requests.length, 2);
    });

    it('does not sit out a Retry-After longer than a minute: rate-limit at once, with the wait', async () => {
      sim.inject({ kind: 'rate-limit', retryAfterSec: 600 });
      const adapter = createOpenAIAdapter(connectionFor(p, sim, { maxRetries: 2 }), p);
      const started = Date.now();
      const err = await failure(adapter.stream(hello, new AbortController().signal), 'rate-limit');
      assert.ok(Date.now() - started < 1000);
      assert.equal(err.retryAfterMs, 600_000);
      assert.equal(sim.requests.length, 1);
    });

    it('an abort during the SDK\'s Retry-After wait ends the stream at once', async () => {
      sim.inject({ kind: 'rate-limit', retryAfterSec: 30 });
      const adapter = createOpenAIAdapter(connectionFor(p, sim, { maxRetries: 2 }), p);
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const started = Date.now();
      await failure(adapter.stream(hello, ac.signal), 'aborted');
      assert.ok(Date.now() - started < 1000, 'the abort waited for the retry sleep');
      assert.equal(sim.requests.length, 1);
    });

    it('a 500 once is retried (maxRetries from the connection) and then streams', async () => {
      sim.inject({ kind: 'server-error' });
      const adapter = createOpenAIAdapter(connectionFor(p, sim, { maxRetries: 1 }), p);
      const parts = await collect(adapter.stream(hello, new AbortController().signal));
      assert.equal(textOf(parts), DEFAULT_TEXT);
      assert.equal(sim.requests.length, 2);
    });
  });
});
