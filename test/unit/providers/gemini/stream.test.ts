// The Gemini adapter through the real SDK against the simulator: what streams, what is sent.
import assert from 'node:assert/strict';
import type { StreamPart, ToolCall } from '../../../../src/core/providers/types';
import { createSimulator } from '../../../support/simulator';
import { DEFAULT_REPLY } from '../../../support/simulator/server';
import { adapter, API_KEY, ask, collect, connection } from './helpers';

interface SentPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  functionCall?: { id?: string; name: string; args: unknown };
  functionResponse?: { id?: string; name: string; response: unknown };
}
interface SentBody {
  contents: { role: string; parts: SentPart[] }[];
  systemInstruction?: { parts: { text: string }[] };
  generationConfig?: { maxOutputTokens?: number; temperature?: number; thinkingConfig?: { includeThoughts?: boolean; thinkingBudget?: number } };
  tools?: { functionDeclarations: { name: string; parametersJsonSchema?: unknown }[] }[];
  toolConfig?: { functionCallingConfig?: { mode?: string } };
}

const finishOf = (parts: StreamPart[]): Extract<StreamPart, { type: 'finish' }> => {
  const finishes = parts.filter((p): p is Extract<StreamPart, { type: 'finish' }> => p.type === 'finish');
  assert.equal(finishes.length, 1, 'exactly one finish');
  assert.equal(parts[parts.length - 1], finishes[0], 'finish is last');
  return finishes[0]!;
};

const STREAM_PATH = '/v1beta/models/sim-model-1:streamGenerateContent';

describe('gemini stream', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('streams the exact text (CRLF-separated events, split multi-byte characters) and the usage', async () => {
    sim.setReply({ usage: { input: 120, output: 17, cached: 100 } });
    const got = await collect(adapter(connection(sim)).stream(ask('hello'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, DEFAULT_REPLY.text);
    const finish = finishOf(got.parts);
    assert.equal(finish.reason, 'stop');
    assert.deepEqual(finish.usage, { inputTokens: 120, outputTokens: 17, cachedInputTokens: 100 });
    assert.deepEqual(got.parts.find((p) => p.type === 'usage'), { type: 'usage', usage: finish.usage });
  });

  it('sends the key in x-goog-api-key and never in the URL, to streamGenerateContent?alt=sse', async () => {
    await collect(adapter(connection(sim)).stream(ask('hi'), new AbortController().signal));
    const req = sim.lastRequest(':streamGenerateContent')!;
    assert.equal(req.method, 'POST');
    assert.equal(req.path, STREAM_PATH);
    assert.equal(req.query.alt, 'sse');
    assert.equal(req.headers['x-goog-api-key'], API_KEY);
    assert.equal(req.query.key, undefined);
    assert.ok(!JSON.stringify(req.query).includes(API_KEY));
    assert.equal(req.headers.authorization, undefined);
    assert.equal(req.headers['x-server-timeout'], undefined, 'no SDK timeout that would cut long streams');
  });

  it('streams thought parts as reasoning and counts thoughts as output (candidates exclude them)', async () => {
    sim.setReply({ reasoning: 'Considering… 🤔 the options.', usage: { input: 30, output: 45, reasoning: 25 } });
    const got = await collect(adapter(connection(sim)).stream(ask('think', { reasoning: { budgetTokens: 2048 } }), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.reasoning, 'Considering… 🤔 the options.');
    assert.equal(got.text, DEFAULT_REPLY.text);
    assert.ok(got.parts.findIndex((p) => p.type === 'reasoning') < got.parts.findIndex((p) => p.type === 'text'));
    // The simulator sends candidatesTokenCount 20 + thoughtsTokenCount 25.
    assert.deepEqual(finishOf(got.parts).usage, { inputTokens: 30, outputTokens: 45, reasoningTokens: 25 });
    const body = sim.lastRequest(':streamGenerateContent')!.body as SentBody;
    assert.deepEqual(body.generationConfig?.thinkingConfig, { includeThoughts: true, thinkingBudget: 2048 });
  });

  it('lets the model pick its thinking budget when none is given', async () => {
    await collect(adapter(connection(sim)).stream(ask('think', { reasoning: {} }), new AbortController().signal));
    const body = sim.lastRequest(':streamGenerateContent')!.body as SentBody;
    assert.deepEqual(body.generationConfig?.thinkingConfig, { includeThoughts: true, thinkingBudget: -1 });
  });

  it('streams function calls as tool calls (with ids made up when Gemini sends none) and finishes with tool-calls', async () => {
    const calls: ToolCall[] = [
      { id: 'x1', name: 'get_weather', argumentsJson: '{"city":"Zürich","days":3}' },
      { id: 'x2', name: 'read_file', argumentsJson: '{"path":"/tmp/ä 🚀.txt"}' },
    ];
    sim.setReply({ text: 'Checking.', toolCalls: calls });
    const got = await collect(adapter(connection(sim)).stream(ask('weather?', {
      tools: [{ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false } }],
      toolChoice: 'required',
      maxOutputTokens: 500,
      temperature: 0.3,
    }), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(got.text, 'Checking.');
    const toolCalls = got.parts.filter((p) => p.type === 'tool-call').map((p) => (p as { call: ToolCall }).call);
    assert.deepEqual(toolCalls.map((c) => c.name), ['get_weather', 'read_file']);
    assert.deepEqual(toolCalls.map((c) => JSON.parse(c.argumentsJson) as unknown), calls.map((c) => JSON.parse(c.argumentsJson) as unknown));
    assert.ok(toolCalls.every((c) => c.id.length > 0) && toolCalls[0]!.id !== toolCalls[1]!.id, 'distinct ids');
    assert.equal(finishOf(got.parts).reason, 'tool-calls');
    const body = sim.lastRequest(':streamGenerateContent')!.body as SentBody;
    assert.deepEqual(body.tools?.[0]?.functionDeclarations[0], {
      name: 'get_weather', description: 'Weather',
      parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false },
    });
    assert.equal(body.toolConfig?.functionCallingConfig?.mode, 'ANY');
    assert.equal(body.generationConfig?.maxOutputTokens, 500);
    assert.equal(body.generationConfig?.temperature, 0.3);
  });

  it('sends the call back with its thought signature and without the made-up id', async () => {
    sim.setReply({ text: '', toolCalls: [{ id: 'x', name: 'lookup', argumentsJson: '{"q":"x"}' }] });
    const a = adapter(connection(sim));
    const first = await collect(a.stream(ask('find x'), new AbortController().signal));
    const call = (first.parts.find((p) => p.type === 'tool-call') as { call: ToolCall }).call;

    const followUp = ask('find x');
    followUp.messages.push(
      { role: 'assistant', content: [], toolCalls: [call] },
      { role: 'tool', toolCallId: call.id, toolName: call.name, content: 'x = 42' },
    );
    sim.setReply({});
    await collect(a.stream(followUp, new AbortController().signal));
    let body = sim.lastRequest(':streamGenerateContent')!.body as SentBody;
    const model = body.contents[1]!;
    assert.equal(model.role, 'model');
    assert.deepEqual(model.parts[0]!.functionCall, { name: 'lookup', args: { q: 'x' } });
    assert.equal(model.parts[0]!.thoughtSignature, Buffer.from('sim-thought-signature:lookup').toString('base64'));
    assert.deepEqual(body.contents[2], { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { output: 'x = 42' } } }] });

    // Without the remembered signature (a new adapter, e.g. after a reload): Google's placeholder.
    await collect(adapter(connection(sim)).stream(followUp, new AbortController().signal));
    body = sim.lastRequest(':streamGenerateContent')!.body as SentBody;
    assert.equal(body.contents[1]!.parts[0]!.thoughtSignature, 'skip_thought_signature_validator');
  });

  it('maps finish reasons: MAX_TOKENS -> length, SAFETY -> content-filter', async () => {
    sim.setReply({ finish: 'length' });
    assert.equal(finishOf((await collect(adapter(connection(sim)).stream(ask('a'), new AbortController().signal))).parts).reason, 'length');
    sim.setReply({ finish: 'content-filter' });
    assert.equal(finishOf((await collect(adapter(connection(sim)).stream(ask('a'), new AbortController().signal))).parts).reason, 'content-filter');
  });

  it('sends the full history: systemInstruction, model role, images, calls, results, merged turns', async () => {
    await collect(adapter(connection(sim)).stream({
      model: 'sim-model-1',
      system: 'You are terse.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image', mimeType: 'image/jpeg', dataBase64: '/9j/4AAQ' }] },
        { role: 'user', content: [{ type: 'text', text: '' }, { type: 'text', text: 'and this' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Reading.' }], toolCalls: [
          { id: 'srv-1', name: 'read', argumentsJson: '{"p":"a"}' },
          { id: 'srv-2', name: 'read', argumentsJson: '{"p":"b"}' },
        ] },
        { role: 'tool', toolCallId: 'srv-1', toolName: 'read', content: 'A' },
        { role: 'tool', toolCallId: 'srv-2', toolName: 'read', content: 'denied', isError: true },
        { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
      ],
    }, new AbortController().signal));
    const body = sim.lastRequest(':streamGenerateContent')!.body as SentBody;
    assert.deepEqual(body.systemInstruction?.parts, [{ text: 'You are terse.' }]);
    assert.deepEqual(body.contents, [
      { role: 'user', parts: [{ text: 'Look' }, { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } }, { text: 'and this' }] },
      { role: 'model', parts: [
        { text: 'Reading.' },
        { functionCall: { name: 'read', args: { p: 'a' }, id: 'srv-1' }, thoughtSignature: 'skip_thought_signature_validator' },
        { functionCall: { name: 'read', args: { p: 'b' }, id: 'srv-2' } },
      ] },
      { role: 'user', parts: [
        { functionResponse: { id: 'srv-1', name: 'read', response: { output: 'A' } } },
        { functionResponse: { id: 'srv-2', name: 'read', response: { error: 'denied' } } },
      ] },
      { role: 'model', parts: [{ text: 'Done.' }] },
      { role: 'user', parts: [{ text: 'Thanks' }] },
    ]);
  });

  it('closes the connection when the consumer stops reading early, without aborting', async () => {
    sim.setReply({ text: 'z'.repeat(400), chunkChars: 4, frameDelayMs: 15 });
    for await (const p of adapter(connection(sim)).stream(ask('long'), new AbortController().signal)) if (p.type === 'text') break;
    const req = sim.lastRequest(':streamGenerateContent')!;
    await sim.waitForClose(req.id);
    assert.equal(req.closedEarly, true);
  });

  it('cancels mid-stream: aborted, and the HTTP connection closes at once', async () => {
    sim.setReply({ text: 'y'.repeat(400), chunkChars: 4, frameDelayMs: 15 });
    const ctrl = new AbortController();
    const got = await collect(adapter(connection(sim)).stream(ask('long'), ctrl.signal), (p) => { if (p.type === 'text') ctrl.abort(); });
    assert.equal(got.error?.kind, 'aborted');
    assert.ok(got.text.length > 0 && got.text.length < 400);
    const req = sim.lastRequest(':streamGenerateContent')!;
    await sim.waitForClose(req.id);
    assert.equal(req.closedEarly, true);
  });

  it('keeps the API version given at the end of the host', async () => {
    const got = await collect(adapter(connection(sim, { baseUrl: `${sim.url}/v1beta` })).stream(ask('hi'), new AbortController().signal));
    assert.equal(got.error, undefined);
    assert.equal(sim.lastRequest(':streamGenerateContent')!.path, STREAM_PATH);
  });
});
