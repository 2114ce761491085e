// A tool round trip through each family's real adapter and SDK against the simulator, both ways:
// our tools and tool choice on the wire in the family's shape, the model's (parallel, streamed in
// pieces) tool calls back as ToolCalls with their ids, and the results of the next turn on the wire in
// the family's shape, answered with text.
import assert from 'node:assert/strict';
import { createAdapter } from '../../../src/core/providers/registry';
import type { ChatMessage, ChatRequest, Connection, StreamPart, ToolCall } from '../../../src/core/providers/types';
import { createSimulator, type ProviderSimulator } from '../../support/simulator';
import type { ToolExchange } from '../../support/simulator/tool-exchange';
import { PIXEL_PNG } from './tool-result.test';

interface Family {
  name: string;
  connection: (sim: ProviderSimulator) => Connection;
  path: string;
  /** The family's wire value for "a tool call is required". */
  required: unknown;
  auto: unknown;
  /** Whether the wire carries the model's call ids (Gemini's does not: we make them up). */
  wireIds: boolean;
  /** Whether a tool's images go inside its result block (else right after the results, labelled). */
  imagesInResult: boolean;
}

const FAMILIES: Family[] = [
  { name: 'openai', connection: (sim) => ({ presetId: 'openai', baseUrl: `${sim.url}/v1`, apiKey: 'sk-sim-tools-1', maxRetries: 0 }), path: '/chat/completions', required: 'required', auto: 'auto', wireIds: true, imagesInResult: false },
  { name: 'anthropic', connection: (sim) => ({ presetId: 'anthropic', baseUrl: `${sim.url}/anthropic`, apiKey: 'sk-ant-sim-tools-1', maxRetries: 0 }), path: '/v1/messages', required: { type: 'any' }, auto: undefined, wireIds: true, imagesInResult: true },
  { name: 'gemini', connection: (sim) => ({ presetId: 'gemini', baseUrl: sim.url, apiKey: 'AIzaSim-tools-1', maxRetries: 0 }), path: ':streamGenerateContent', required: 'ANY', auto: undefined, wireIds: false, imagesInResult: false },
  { name: 'bedrock', connection: (sim) => ({ presetId: 'bedrock', baseUrl: sim.url, apiKey: 'ABSKc2ltLXRvb2xz', bedrock: { region: 'us-east-1' }, maxRetries: 0 }), path: '/converse-stream', required: { any: {} }, auto: undefined, wireIds: true, imagesInResult: true },
];

const TOOLS = [
  { name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  { name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } },
];

const SCRIPTED: ToolCall[] = [
  { id: 'call_w1', name: 'get_weather', argumentsJson: '{"city":"Zürich 🚀","units":"metric"}' },
  { id: 'call_r2', name: 'read_file', argumentsJson: '{"path":"/tmp/a b.txt"}' },
];

async function drain(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const p of stream) parts.push(p);
  return parts;
}

const callsOf = (parts: StreamPart[]): ToolCall[] => parts.flatMap((p) => (p.type === 'tool-call' ? [p.call] : []));
const textOf = (parts: StreamPart[]): string => parts.map((p) => (p.type === 'text' ? p.delta : '')).join('');
const finishOf = (parts: StreamPart[]): string | undefined => parts.flatMap((p) => (p.type === 'finish' ? [p.reason] : []))[0];

describe('LM API tool round trip, per family', () => {
  const sim = createSimulator(['sim-model-1']);
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  for (const family of FAMILIES) {
    describe(family.name, () => {
      const exchangeOf = (): ToolExchange => {
        const request = sim.lastRequest(family.path);
        assert.ok(request, `a request to ${family.path}`);
        assert.ok(request.toolExchange, 'the simulator read the tool side of the request');
        return request.toolExchange;
      };

      it('sends the tools and a required tool choice in the family\'s shape, and gets parallel calls assembled from pieces with their ids', async () => {
        sim.setReply({ text: '', toolCalls: SCRIPTED, chunkChars: 3, afterToolResult: { text: 'It is sunny in Zürich.' } });
        const adapter = createAdapter(family.connection(sim));
        const parts = await drain(adapter.stream({ model: 'sim-model-1', messages: [{ role: 'user', content: [{ type: 'text', text: 'weather and file?' }] }], tools: TOOLS, toolChoice: 'required' }, new AbortController().signal));
        const exchange = exchangeOf();
        assert.deepEqual(exchange.tools, ['get_weather', 'read_file']);
        assert.deepEqual(exchange.toolChoice, family.required);
        const calls = callsOf(parts);
        assert.deepEqual(calls.map((c) => c.name), ['get_weather', 'read_file']);
        assert.deepEqual(calls.map((c) => JSON.parse(c.argumentsJson) as unknown), SCRIPTED.map((c) => JSON.parse(c.argumentsJson) as unknown), 'arguments whole, though streamed in 3-character pieces');
        if (family.wireIds) assert.deepEqual(calls.map((c) => c.id), ['call_w1', 'call_r2'], 'the provider\'s ids are kept');
        else assert.ok(calls.every((c) => c.id) && new Set(calls.map((c) => c.id)).size === 2, 'ids made up, one per call');
        assert.equal(finishOf(parts), 'tool-calls');
      });

      it('sends the results of the next turn in the family\'s shape and streams the text answer', async () => {
        sim.setReply({ text: '', toolCalls: SCRIPTED, afterToolResult: { text: 'It is sunny in Zürich.' } });
        const adapter = createAdapter(family.connection(sim));
        const ask: ChatMessage = { role: 'user', content: [{ type: 'text', text: 'weather and file?' }] };
        const first = callsOf(await drain(adapter.stream({ model: 'sim-model-1', messages: [ask], tools: TOOLS }, new AbortController().signal)));
        assert.equal(first.length, 2);
        if (family.auto !== undefined) assert.deepEqual(exchangeOf().toolChoice, family.auto);
        else assert.equal(exchangeOf().toolChoice, undefined, 'auto is the family\'s default: nothing sent');
        const history: ChatMessage[] = [
          ask,
          { role: 'assistant', content: [], toolCalls: first },
          { role: 'tool', toolCallId: first[0]!.id, toolName: first[0]!.name, content: '21°C, sunny' },
          { role: 'tool', toolCallId: first[1]!.id, toolName: first[1]!.name, content: 'hello' },
        ];
        const request: ChatRequest = { model: 'sim-model-1', messages: history, tools: TOOLS };
        const second = await drain(adapter.stream(request, new AbortController().signal));
        assert.equal(textOf(second), 'It is sunny in Zürich.');
        assert.equal(finishOf(second), 'stop');
        const results = exchangeOf().results;
        assert.deepEqual(results.map((r) => r.text), ['21°C, sunny', 'hello']);
        if (family.wireIds) assert.deepEqual(results.map((r) => r.id), ['call_w1', 'call_r2'], 'each result names its call');
        else assert.deepEqual(results.map((r) => r.name), ['get_weather', 'read_file'], 'each result names its function (Gemini matches by name)');
      });

      it('sends the images a tool returned to the model in the family\'s shape, with the text result', async () => {
        sim.setReply({ text: '', toolCalls: SCRIPTED, afterToolResult: { text: 'I see a red pixel.' } });
        const adapter = createAdapter(family.connection(sim));
        const ask: ChatMessage = { role: 'user', content: [{ type: 'text', text: 'weather and file?' }] };
        const first = callsOf(await drain(adapter.stream({ model: 'sim-model-1', messages: [ask], tools: TOOLS }, new AbortController().signal)));
        const png = { type: 'image' as const, mimeType: 'image/png', dataBase64: PIXEL_PNG.toString('base64') };
        const history: ChatMessage[] = [
          ask,
          { role: 'assistant', content: [], toolCalls: first },
          { role: 'tool', toolCallId: first[0]!.id, toolName: first[0]!.name, content: '21°C, sunny', images: [png] },
          { role: 'tool', toolCallId: first[1]!.id, toolName: first[1]!.name, content: 'hello' },
        ];
        const second = await drain(adapter.stream({ model: 'sim-model-1', messages: history, tools: TOOLS }, new AbortController().signal));
        assert.equal(textOf(second), 'I see a red pixel.', 'the model answered the results');
        const exchange = exchangeOf();
        assert.equal(exchange.results.length, 2, 'both results are on the wire as results');
        assert.match(exchange.results[0]!.text, /^21°C, sunny/);
        const pixel = `image/png:${PIXEL_PNG.length}`;
        if (family.imagesInResult) {
          assert.deepEqual(exchange.results.map((r) => r.images), [[pixel], undefined], 'the image inside the first tool\'s result, whole');
        } else {
          assert.deepEqual(exchange.besideResults, [`Image returned by the tool get_weather${family.name === 'openai' ? ' (call_w1)' : ''}:|${pixel}`], 'the image right after the results, labelled with its tool');
        }
      });
    });
  }
});
