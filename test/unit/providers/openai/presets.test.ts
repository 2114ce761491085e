// Behaviour every OpenAI-family preset shares, run against the simulator over real HTTP with the
// real openai SDK: listing, key checks, streaming, auth headers, the request body, cancellation.
import * as assert from 'node:assert/strict';
import { createOpenAIAdapter } from '../../../../src/core/providers/openai/adapter';
import type { ChatRequest, StreamPart } from '../../../../src/core/providers/types';
import { createSimulator } from '../../../support/simulator';
import {
  chatPath, checkPath, collect, connectionFor, DEFAULT_TEXT, failure, FAMILY_PRESETS, isKeyless, keyFor, reasoningOf, textOf,
} from './helpers';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const hello = (model = 'sim-model-1'): ChatRequest => ({ model, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });

describe('OpenAI family: every preset against the simulator', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('covers every preset of the openai, openai-compatible and azure families', () => {
    assert.deepEqual(FAMILY_PRESETS.map((p) => p.id).sort(),
      ['azure', 'deepseek', 'groq', 'lmstudio', 'minimax', 'mistral', 'ollama', 'openai', 'openai-compatible', 'openrouter', 'qwen', 'xai', 'zai'].sort());
  });

  for (const p of FAMILY_PRESETS) {
    describe(p.id, () => {
      const adapter = (o: Parameters<typeof connectionFor>[2] = {}) => createOpenAIAdapter(connectionFor(p, sim, o), p);

      it('lists the models the host offers, as live entries', async () => {
        const models = await adapter().listModels(new AbortController().signal);
        assert.deepEqual(models.map((m) => m.id), ['sim-model-1', 'sim-model-2']);
        for (const m of models) {
          assert.equal(m.source, 'live');
          assert.ok(m.contextWindow > 0 && m.maxOutputTokens > 0);
        }
      });

      it('checks a valid key with one cheap call', async () => {
        const check = await adapter().checkKey(new AbortController().signal);
        assert.deepEqual(check, { ok: true, modelCount: 2 });
        assert.equal(sim.requests[0]!.path, checkPath(p));
      });

      it('reports an invalid key (401) as auth', async () => {
        sim.inject({ kind: 'unauthorized' });
        const check = await adapter().checkKey(new AbortController().signal);
        assert.equal(check.ok, false);
        assert.equal(!check.ok && check.error.kind, 'auth');
        assert.equal(!check.ok && check.error.status, 401);
      });

      it('reports an exhausted quota as quota, without retrying it', async () => {
        sim.inject({ kind: 'quota', times: 0 });
        const check = await adapter({ maxRetries: 2 }).checkKey(new AbortController().signal);
        assert.equal(!check.ok && check.error.kind, 'quota');
        const expectedStatus = p.id === 'openrouter' || p.ollamaApi ? 402 : 429;
        assert.equal(!check.ok && check.error.status, expectedStatus);
        assert.equal(sim.requests.length, 1, 'a quota error must not be retried');
      });

      it('streams the scripted text exactly, with usage and one finish at the end', async () => {
        const parts = await collect(adapter().stream(hello(), new AbortController().signal));
        assert.equal(textOf(parts), DEFAULT_TEXT);
        const tail = parts.slice(-2);
        assert.deepEqual(tail, [
          { type: 'usage', usage: { inputTokens: 12, outputTokens: 17 } },
          { type: 'finish', reason: 'stop', usage: { inputTokens: 12, outputTokens: 17 } },
        ]);
        assert.equal(parts.filter((x) => x.type === 'finish').length, 1);
        assert.ok(parts.every((x) => x.type !== 'text' || x.delta !== ''), 'the role-only first chunk yields no empty text');
        const req = sim.lastRequest('/chat/completions')!;
        assert.equal(req.path, chatPath(p, 'sim-model-1'));
        const body = req.body as Record<string, unknown>;
        assert.equal(body.stream, true);
        assert.deepEqual(body.stream_options, { include_usage: true });
      });

      it('reports cached and reasoning tokens', async () => {
        sim.setReply({ text: 'ok', usage: { input: 100, output: 40, cached: 64, reasoning: 30 } });
        const parts = await collect(adapter().stream(hello(), new AbortController().signal));
        assert.deepEqual(parts.at(-1), { type: 'finish', reason: 'stop', usage: { inputTokens: 100, outputTokens: 40, cachedInputTokens: 64, reasoningTokens: 30 } });
      });

      it('streams reasoning deltas before the text', async () => {
        sim.setReply({ text: 'The answer is 42.', reasoning: 'Let me think… 6 × 7 🤔 = 42', chunkChars: 3 });
        const parts = await collect(adapter().stream(hello(), new AbortController().signal));
        assert.equal(reasoningOf(parts), 'Let me think… 6 × 7 🤔 = 42');
        assert.equal(textOf(parts), 'The answer is 42.');
        const firstText = parts.findIndex((x) => x.type === 'text');
        const lastReasoning = parts.map((x) => x.type).lastIndexOf('reasoning');
        assert.ok(lastReasoning < firstText);
      });

      it('assembles tool calls streamed in pieces', async () => {
        sim.setReply({
          text: '',
          toolCalls: [
            { id: 'call_a1', name: 'get_weather', argumentsJson: '{"city":"Zürich","unit":"°C"}' },
            { id: 'call_b2', name: 'get_time', argumentsJson: '{"tz":"Europe/Zurich"}' },
          ],
          chunkChars: 4,
        });
        const request: ChatRequest = {
          ...hello(),
          tools: [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }],
        };
        const parts = await collect(adapter().stream(request, new AbortController().signal));
        assert.deepEqual(parts.filter((x) => x.type === 'tool-call'), [
          { type: 'tool-call', call: { id: 'call_a1', name: 'get_weather', argumentsJson: '{"city":"Zürich","unit":"°C"}' } },
          { type: 'tool-call', call: { id: 'call_b2', name: 'get_time', argumentsJson: '{"tz":"Europe/Zurich"}' } },
        ]);
        assert.equal((parts.at(-1) as Extract<StreamPart, { type: 'finish' }>).reason, 'tool-calls');
        const body = sim.lastRequest('/chat/completions')!.body as Record<string, unknown>;
        assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }]);
        assert.equal(body.tool_choice, 'auto');
      });

      it('sends the key the way this host expects, and only that', async () => {
        await collect(adapter().stream(hello(), new AbortController().signal));
        const h = sim.lastRequest('/chat/completions')!.headers;
        if (p.family === 'azure') {
          assert.equal(h['api-key'], keyFor(p));
          assert.equal(h.authorization, undefined);
          assert.equal(sim.lastRequest('/chat/completions')!.query['api-version'], '2024-10-21');
        } else if (isKeyless(p)) {
          assert.equal(h.authorization, undefined, 'a keyless server gets no Authorization header');
          assert.equal(h['api-key'], undefined);
        } else {
          assert.equal(h.authorization, `Bearer ${keyFor(p)}`);
          assert.equal(h['api-key'], undefined);
        }
        for (const [name, value] of Object.entries(p.headers ?? {})) assert.equal(h[name.toLowerCase()], value);
        assert.equal(h['openai-organization'], undefined);
      });

      it('sends the whole history: system, earlier turns, images, tool calls and results', async () => {
        const request: ChatRequest = {
          model: 'sim-model-2',
          system: 'You are terse.',
          maxOutputTokens: 500,
          temperature: 0.3,
          messages: [
            { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image', mimeType: 'image/png', dataBase64: PNG_1PX }] },
            { role: 'assistant', content: [{ type: 'text', text: 'A single pixel.' }] },
            { role: 'user', content: [{ type: 'text', text: 'Weather in Zürich?' }] },
            { role: 'assistant', content: [], toolCalls: [{ id: 'call_9', name: 'get_weather', argumentsJson: '{"city":"Zürich"}' }] },
            { role: 'tool', toolCallId: 'call_9', toolName: 'get_weather', content: '{"temp":21}' },
            { role: 'tool', toolCallId: 'call_10', toolName: 'get_weather', content: 'city unknown', isError: true },
          ],
        };
        await collect(adapter().stream(request, new AbortController().signal));
        const body = sim.lastRequest('/chat/completions')!.body as Record<string, unknown>;
        assert.equal(body.model, 'sim-model-2');
        assert.equal(body.max_tokens, 500);
        assert.equal(body.temperature, 0.3);
        assert.deepEqual(body.messages, [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1PX}` } }] },
          { role: 'assistant', content: 'A single pixel.' },
          { role: 'user', content: 'Weather in Zürich?' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Zürich"}' } }] },
          { role: 'tool', tool_call_id: 'call_9', content: '{"temp":21}' },
          { role: 'tool', tool_call_id: 'call_10', content: 'Error: city unknown' },
        ]);
      });

      it('stops at once when cancelled mid-stream, and the connection closes', async () => {
        sim.setReply({ text: 'x'.repeat(400), chunkChars: 4, frameDelayMs: 15 });
        const ac = new AbortController();
        const seen: StreamPart[] = [];
        const err = await failure((async () => {
          for await (const part of adapter().stream(hello(), ac.signal)) {
            seen.push(part);
            if (part.type === 'text') ac.abort();
          }
        })(), 'aborted');
        assert.equal(err.kind, 'aborted');
        assert.equal(seen.filter((x) => x.type === 'text').length, 1);
        const rec = sim.lastRequest('/chat/completions')!;
        await sim.waitForClose(rec.id);
        assert.equal(rec.closedEarly, true);
      });

      it('names an unknown model as model-not-found', async () => {
        await failure(adapter().stream(hello('no-such-model'), new AbortController().signal), 'model-not-found');
      });
    });
  }
});
