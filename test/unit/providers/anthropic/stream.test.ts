// The Anthropic adapter through the real SDK against the simulator: what streams, what is sent.
import assert from 'node:assert/strict';
import type { StreamPart, ToolCall } from '../../../../src/core/providers/types';
import { createSimulator } from '../../../support/simulator';
import { DEFAULT_REPLY } from '../../../support/simulator/server';
import { adapter, API_KEY, ask, collect, compatConnection, connection } from './helpers';

interface SentBody {
  model: string;
  max_tokens: number;
  stream: boolean;
  system?: string;
  temperature?: number;
  thinking?: { type: string; budget_tokens?: number };
  cache_control?: unknown;
  tools?: { name: string; input_schema: { type: string } }[];
  tool_choice?: unknown;
  messages: { role: string; content: Record<string, unknown>[] }[];
}

const finishOf = (parts: StreamPart[]): Extract<StreamPart, { type: 'finish' }> => {
  const finishes = parts.filter((p): p is Extract<StreamPart, { type: 'finish' }> => p.type === 'finish');
  assert.equal(finishes.length, 1, 'exactly one finish');
  assert.equal(parts[parts.length - 1], finishes[0], 'finish is last');
  return finishes[0]!;
};

describe('anthropic stream', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('streams the exact text (multi-byte characters split across writes) and the usage', async () => {
    sim.setReply({ usage: { input: 120, output: 17, cached: 100 } });
    const got = await collect(adapter(connection(sim)).stream(ask('hello'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, DEFAULT_REPLY.text);
    const finish = finishOf(got.parts);
    assert.equal(finish.reason, 'stop');
    // The simulator sends input_tokens 20 + cache_read 100: our inputTokens is the total.
    assert.deepEqual(finish.usage, { inputTokens: 120, outputTokens: 17, cachedInputTokens: 100 });
    assert.deepEqual(got.parts.find((p) => p.type === 'usage'), { type: 'usage', usage: finish.usage });
  });

  it('sends the key in x-api-key with anthropic-version, to /v1/messages under the base path', async () => {
    await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    const req = sim.lastRequest('/v1/messages')!;
    assert.equal(req.path, '/anthropic/v1/messages');
    assert.equal(req.headers['x-api-key'], API_KEY);
    assert.match(req.headers['anthropic-version'] ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(req.headers.authorization, undefined);
    assert.ok(!JSON.stringify(req.query).includes(API_KEY));
    const body = req.body as SentBody;
    assert.equal(body.stream, true);
    assert.equal(body.model, 'sim-model-1');
    assert.equal(body.max_tokens, 8192, 'max_tokens is required: a default is sent');
    assert.deepEqual(body.cache_control, { type: 'ephemeral' }, 'first-party API: automatic prompt caching');
  });

  it('streams thinking as reasoning, sends a valid thinking budget and reports thinking tokens', async () => {
    sim.setReply({ reasoning: 'Weighing options… 🤔 then answering.', usage: { input: 30, output: 40, reasoning: 25 } });
    const got = await collect(adapter(connection(sim)).stream(
      ask('think', { reasoning: { budgetTokens: 3000 }, temperature: 0.2, maxOutputTokens: 1000 }), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.reasoning, 'Weighing options… 🤔 then answering.');
    assert.equal(got.text, DEFAULT_REPLY.text);
    const firstText = got.parts.findIndex((p) => p.type === 'text');
    assert.ok(got.parts.findIndex((p) => p.type === 'reasoning') < firstText, 'reasoning before text');
    assert.deepEqual(finishOf(got.parts).usage, { inputTokens: 30, outputTokens: 40, reasoningTokens: 25 });
    const body = sim.lastRequest('/v1/messages')!.body as SentBody;
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 3000 });
    assert.equal(body.max_tokens, 4000, 'max_tokens exceeds the budget, leaving the asked 1000 for the answer');
    assert.equal(body.temperature, undefined, 'thinking only works at the default temperature');
  });

  it('raises a small thinking budget to the 1024 minimum', async () => {
    await collect(adapter(connection(sim)).stream(ask('think', { reasoning: { budgetTokens: 100 } }), new AbortController().signal));
    const body = sim.lastRequest('/v1/messages')!.body as SentBody;
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 1024 });
    assert.ok(body.max_tokens > 1024);
  });

  it('streams tool calls assembled from partial JSON and finishes with tool-calls', async () => {
    const calls: ToolCall[] = [
      { id: 'toolu_01', name: 'get_weather', argumentsJson: '{"city":"Zürich","unit":"celsius"}' },
      { id: 'toolu_02', name: 'read_file', argumentsJson: '{"path":"/tmp/ä 🚀.txt"}' },
    ];
    sim.setReply({ text: 'Let me check.', toolCalls: calls, chunkChars: 4 });
    const got = await collect(adapter(connection(sim)).stream(ask('weather?', {
      tools: [{ name: 'get_weather', description: 'Weather', inputSchema: { properties: { city: { type: 'string' } } } }],
      toolChoice: 'auto',
    }), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, 'Let me check.');
    const toolParts = got.parts.filter((p) => p.type === 'tool-call').map((p) => (p as { call: ToolCall }).call);
    assert.deepEqual(toolParts.map((c) => [c.id, c.name]), calls.map((c) => [c.id, c.name]));
    assert.deepEqual(toolParts.map((c) => JSON.parse(c.argumentsJson) as unknown), calls.map((c) => JSON.parse(c.argumentsJson) as unknown));
    assert.equal(finishOf(got.parts).reason, 'tool-calls');
    const body = sim.lastRequest('/v1/messages')!.body as SentBody;
    assert.equal(body.tools?.[0]?.name, 'get_weather');
    assert.equal(body.tools?.[0]?.input_schema.type, 'object', 'input_schema always says type: object');
    assert.equal(body.tool_choice, undefined, 'auto is the default');
  });

  it('forces a tool with tool_choice any, and then leaves thinking off (the API forbids both)', async () => {
    await collect(adapter(connection(sim)).stream(ask('x', {
      tools: [{ name: 't', description: 'd', inputSchema: { type: 'object' } }], toolChoice: 'required', reasoning: {},
    }), new AbortController().signal));
    const body = sim.lastRequest('/v1/messages')!.body as SentBody;
    assert.deepEqual(body.tool_choice, { type: 'any' });
    assert.equal(body.thinking, undefined);
  });

  it('maps finish reasons: max_tokens -> length, refusal -> content-filter', async () => {
    sim.setReply({ finish: 'length' });
    assert.equal(finishOf((await collect(adapter(connection(sim)).stream(ask('a'), new AbortController().signal))).parts).reason, 'length');
    sim.setReply({ finish: 'content-filter' });
    assert.equal(finishOf((await collect(adapter(connection(sim)).stream(ask('a'), new AbortController().signal))).parts).reason, 'content-filter');
  });

  it('sends the full history: system, images, tool use and results, merged alternation, no empty text', async () => {
    await collect(adapter(connection(sim)).stream({
      model: 'sim-model-1',
      system: 'You are terse.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Look at this' }, { type: 'image', mimeType: 'image/png', dataBase64: 'iVBORw0KGgo=' }] },
        { role: 'user', content: [{ type: 'text', text: '   ' }, { type: 'text', text: 'and this' }] },
        { role: 'assistant', content: [{ type: 'text', text: '' }], toolCalls: [{ id: 'toolu_9', name: 'read', argumentsJson: '{"p":"a.txt"}' }] },
        { role: 'tool', toolCallId: 'toolu_9', toolName: 'read', content: 'file body', isError: false },
        { role: 'user', content: [{ type: 'text', text: 'Thanks. Now?' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Anything else?' }] },
        { role: 'user', content: [{ type: 'text', text: 'No.' }] },
      ],
    }, new AbortController().signal));
    const body = sim.lastRequest('/v1/messages')!.body as SentBody;
    assert.equal(body.system, 'You are terse.');
    assert.deepEqual(body.messages, [
      { role: 'user', content: [
        { type: 'text', text: 'Look at this' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'text', text: 'and this' },
      ] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_9', name: 'read', input: { p: 'a.txt' } }] },
      { role: 'user', content: [
        { type: 'tool_result', tool_use_id: 'toolu_9', content: 'file body' },
        { type: 'text', text: 'Thanks. Now?' },
      ] },
      { role: 'assistant', content: [{ type: 'text', text: 'Done.' }, { type: 'text', text: 'Anything else?' }] },
      { role: 'user', content: [{ type: 'text', text: 'No.' }] },
    ]);
  });

  it('sends the signed thinking back at the start of a tool-use turn it remembers, else drops thinking', async () => {
    const call: ToolCall = { id: 'toolu_t1', name: 'lookup', argumentsJson: '{"q":"x"}' };
    sim.setReply({ reasoning: 'I should look it up.', toolCalls: [call], text: '' });
    const a = adapter(connection(sim));
    const first = await collect(a.stream(ask('find x', { reasoning: { budgetTokens: 2048 } }), new AbortController().signal));
    assert.equal(finishOf(first.parts).reason, 'tool-calls');

    const followUp = ask('find x', { reasoning: { budgetTokens: 2048 } });
    followUp.messages.push(
      { role: 'assistant', content: [], toolCalls: [call] },
      { role: 'tool', toolCallId: call.id, toolName: call.name, content: 'x = 42' },
    );
    sim.setReply({});
    await collect(a.stream(followUp, new AbortController().signal));
    let body = sim.lastRequest('/v1/messages')!.body as SentBody;
    const assistant = body.messages[1]!;
    assert.equal(assistant.content[0]!.type, 'thinking');
    assert.equal(assistant.content[0]!.thinking, 'I should look it up.');
    assert.ok(typeof assistant.content[0]!.signature === 'string' && assistant.content[0]!.signature.length > 0);
    assert.equal(assistant.content[1]!.type, 'tool_use');
    assert.equal(body.thinking?.type, 'enabled');

    // A fresh adapter (e.g. after a reload) has no signed thinking for that turn: thinking goes off.
    await collect(adapter(connection(sim)).stream(followUp, new AbortController().signal));
    body = sim.lastRequest('/v1/messages')!.body as SentBody;
    assert.equal(body.messages[1]!.content[0]!.type, 'tool_use');
    assert.equal(body.thinking, undefined);
  });

  it('answers an interrupted tool call with an error result so the history stays valid', async () => {
    await collect(adapter(connection(sim)).stream({
      model: 'sim-model-1',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        { role: 'assistant', content: [], toolCalls: [{ id: 'toolu_a', name: 'run', argumentsJson: '' }] },
        { role: 'user', content: [{ type: 'text', text: 'never mind' }] },
      ],
    }, new AbortController().signal));
    const body = sim.lastRequest('/v1/messages')!.body as SentBody;
    assert.deepEqual(body.messages[1]!.content, [{ type: 'tool_use', id: 'toolu_a', name: 'run', input: {} }]);
    assert.equal(body.messages[2]!.content[0]!.type, 'tool_result');
    assert.equal(body.messages[2]!.content[0]!.tool_use_id, 'toolu_a');
    assert.equal(body.messages[2]!.content[0]!.is_error, true);
    assert.deepEqual(body.messages[2]!.content[1], { type: 'text', text: 'never mind' });
  });

  it('closes the connection when the consumer stops reading early, without aborting', async () => {
    sim.setReply({ text: 'z'.repeat(400), chunkChars: 4, frameDelayMs: 15 });
    for await (const p of adapter(connection(sim)).stream(ask('long'), new AbortController().signal)) if (p.type === 'text') break;
    const req = sim.lastRequest('/v1/messages')!;
    await sim.waitForClose(req.id);
    assert.equal(req.closedEarly, true);
  });

  it('cancels mid-stream: aborted, and the HTTP connection closes at once', async () => {
    sim.setReply({ text: 'x'.repeat(400), chunkChars: 4, frameDelayMs: 15 });
    const ctrl = new AbortController();
    const got = await collect(adapter(connection(sim)).stream(ask('long'), ctrl.signal), (p) => { if (p.type === 'text') ctrl.abort(); });
    assert.equal(got.error?.kind, 'aborted');
    assert.ok(got.text.length > 0 && got.text.length < 400);
    const req = sim.lastRequest('/v1/messages')!;
    await sim.waitForClose(req.id);
    assert.equal(req.closedEarly, true);
  });

  it('works with an Anthropic-compatible host on a custom base URL (no prompt-caching field)', async () => {
    const got = await collect(adapter(compatConnection(sim)).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, DEFAULT_REPLY.text);
    const req = sim.lastRequest('/v1/messages')!;
    assert.equal(req.path, '/api/anthropic/v1/messages');
    assert.equal(req.headers['x-api-key'], API_KEY);
    assert.equal((req.body as SentBody).cache_control, undefined);
  });
});
