// ConverseStream through the real AWS SDK against the simulator's event-stream frames.
import assert from 'node:assert/strict';
import { createSimulator } from '../../../support/simulator';
import { DEFAULT_REPLY } from '../../../support/simulator/server';
import { adapter, API_KEY, ask, collect, connection } from './helpers';

describe('bedrock stream', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('streams the exact text (multi-byte characters cut across writes), then usage, then one finish', async () => {
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, DEFAULT_REPLY.text);
    const tail = got.parts.slice(-2);
    assert.deepEqual(tail, [
      { type: 'usage', usage: { inputTokens: 12, outputTokens: 17 } },
      { type: 'finish', reason: 'stop', usage: { inputTokens: 12, outputTokens: 17 } },
    ]);
    assert.equal(got.parts.filter((p) => p.type === 'finish').length, 1);
    const req = sim.lastRequest()!;
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/model/sim-model-1/converse-stream');
    assert.equal(req.headers.authorization, `Bearer ${API_KEY}`);
  });

  it('counts cache reads inside inputTokens and reports them as cachedInputTokens', async () => {
    sim.setReply({ text: 'cached', usage: { input: 30, output: 5, cached: 20 } });
    const got = await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    const finish = got.parts.at(-1);
    assert.deepEqual(finish, { type: 'finish', reason: 'stop', usage: { inputTokens: 30, outputTokens: 5, cachedInputTokens: 20, cacheWriteInputTokens: 0 } });
  });

  it('streams reasoning before text and asks Claude for a thinking budget', async () => {
    sim.setReply({ reasoning: 'Thinking… über ✓ 🚀 steps', text: 'The answer is 42.' });
    const model = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
    const got = await collect(adapter(connection(sim)).stream(
      ask('why?', { model, reasoning: { budgetTokens: 2000 }, temperature: 0.2, maxOutputTokens: 1000 }),
      new AbortController().signal,
    ));
    assert.equal(got.error, undefined);
    assert.equal(got.reasoning, 'Thinking… über ✓ 🚀 steps');
    assert.equal(got.text, 'The answer is 42.');
    const firstText = got.parts.findIndex((p) => p.type === 'text');
    const lastReasoning = got.parts.map((p) => p.type).lastIndexOf('reasoning');
    assert.ok(lastReasoning < firstText, 'reasoning comes first');
    const req = sim.lastRequest('converse-stream')!;
    assert.equal(decodeURIComponent(req.path), `/model/${model}/converse-stream`);
    const body = req.body as { additionalModelRequestFields?: unknown; inferenceConfig?: { maxTokens?: number; temperature?: number } };
    assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2000 } });
    // max tokens must exceed the budget, and Claude refuses a temperature while thinking.
    assert.ok((body.inferenceConfig?.maxTokens ?? 0) > 2000);
    assert.equal(body.inferenceConfig?.temperature, undefined);
  });

  it('does not send a thinking field to non-Anthropic models', async () => {
    await collect(adapter(connection(sim)).stream(ask('x', { reasoning: {}, temperature: 0.3 }), new AbortController().signal));
    const body = sim.lastRequest()!.body as Record<string, unknown>;
    assert.equal(body.additionalModelRequestFields, undefined);
    assert.deepEqual(body.inferenceConfig, { temperature: 0.3 });
  });

  it('assembles tool calls from input pieces and finishes with tool-calls', async () => {
    const argumentsJson = '{"city":"Zürich","unit":"celsius","days":[1,2,3]}';
    sim.setReply({ text: 'Let me check.', toolCalls: [{ id: 'tooluse_abc123', name: 'get_weather', argumentsJson }], chunkChars: 5 });
    const got = await collect(adapter(connection(sim)).stream(ask('weather?', {
      tools: [{ name: 'get_weather', description: 'Weather by city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }],
      toolChoice: 'required',
    }), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, 'Let me check.');
    const calls = got.parts.filter((p) => p.type === 'tool-call');
    assert.deepEqual(calls, [{ type: 'tool-call', call: { id: 'tooluse_abc123', name: 'get_weather', argumentsJson } }]);
    assert.equal(got.parts.at(-1)?.type === 'finish' && got.parts.at(-1)?.type, 'finish');
    assert.deepEqual((got.parts.at(-1) as { reason: string }).reason, 'tool-calls');
    const body = sim.lastRequest()!.body as { toolConfig: unknown };
    assert.deepEqual(body.toolConfig, {
      tools: [{ toolSpec: { name: 'get_weather', description: 'Weather by city', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } }],
      toolChoice: { any: {} },
    });
  });

  it('maps the stop reasons max_tokens and guardrail_intervened', async () => {
    sim.setReply({ text: 'cut', finish: 'length' });
    let got = await collect(adapter(connection(sim)).stream(ask('x'), new AbortController().signal));
    assert.equal((got.parts.at(-1) as { reason: string }).reason, 'length');
    sim.setReply({ text: 'blocked', finish: 'content-filter' });
    got = await collect(adapter(connection(sim)).stream(ask('x'), new AbortController().signal));
    assert.equal((got.parts.at(-1) as { reason: string }).reason, 'content-filter');
  });

  it('sends the whole history: system, images as bytes, tool use and results, merged turns', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    await collect(adapter(connection(sim)).stream({
      model: 'sim-model-1',
      system: 'You are terse.',
      tools: [{ name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Look at this' }, { type: 'image', mimeType: 'image/png', dataBase64: png }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Reading it.' }], toolCalls: [{ id: 'tu_1', name: 'read_file', argumentsJson: '{"path":"a.ts"}' }] },
        { role: 'tool', toolCallId: 'tu_1', toolName: 'read_file', content: 'export const a = 1;' },
        { role: 'user', content: [{ type: 'text', text: '' }, { type: 'text', text: 'And now?' }] },
      ],
    }, new AbortController().signal));
    const body = sim.lastRequest()!.body as Record<string, unknown>;
    assert.deepEqual(body.system, [{ text: 'You are terse.' }]);
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ text: 'Look at this' }, { image: { format: 'png', source: { bytes: png } } }] },
      { role: 'assistant', content: [{ text: 'Reading it.' }, { toolUse: { toolUseId: 'tu_1', name: 'read_file', input: { path: 'a.ts' } } }] },
      // The tool result and the next user turn merge into one user message; the empty text is dropped.
      { role: 'user', content: [{ toolResult: { toolUseId: 'tu_1', content: [{ text: 'export const a = 1;' }], status: 'success' } }, { text: 'And now?' }] },
    ]);
  });

  it('cancels mid-stream: kind aborted, and the socket closes at once', async () => {
    sim.setReply({ text: 'a long answer that keeps coming and coming and coming', chunkChars: 2, frameDelayMs: 40 });
    const ctrl = new AbortController();
    const got = await collect(adapter(connection(sim)).stream(ask('go'), ctrl.signal), (p) => { if (p.type === 'text') ctrl.abort(); });
    assert.equal(got.error?.kind, 'aborted');
    assert.equal(got.parts.filter((p) => p.type === 'text').length, 1);
    const req = sim.lastRequest('converse-stream')!;
    await sim.waitForClose(req.id);
    assert.equal(req.closedEarly, true);
  });
});
