// Tool calls through VS Code's Language Model API, as Copilot's agent mode makes them: for each provider
// family, a caller offers tools, gets LanguageModelToolCallParts back, runs them and sends the results in
// the next turn; the model answers with text. The simulator reads each request's tools, tool choice and
// tool results in the family's own wire shape (test/support/simulator/tool-exchange.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import type { ToolExchange } from '../../support/simulator/tool-exchange';
import { byok, eventually, sim, simRequests, simulatorUrl, type SimRequest } from '../support';

interface Family {
  name: string;
  addKey: Record<string, unknown>;
  /** A listed model that calls tools, and what the catalog data says about it. */
  model: string;
  facts: { maxInputTokens: number; maxOutputTokens: number; imageInput: boolean; toolCalling: boolean };
  /** A listed model that does not call tools, when the family has one. */
  noTools?: string;
  chatPath: string;
  /** The family's wire value for toolMode Required. */
  required: unknown;
  /** Whether the provider's call ids travel on the wire (Gemini has none: BYOK makes them up). */
  wireIds: boolean;
  /** The raw wire shape of the results turn, checked apart from the simulator's reading of it. */
  resultShape: (body: Record<string, unknown>) => unknown[];
}

const last = (v: unknown): Record<string, unknown> => (v as Record<string, unknown>[]).at(-1)!;

const FAMILIES: Family[] = [
  {
    name: 'OpenAI', addKey: { provider: 'openai', apiKey: 'sk-lmtools-openai-1234', baseUrl: `${simulatorUrl()}/v1` },
    model: 'gpt-4o', facts: { maxInputTokens: 128_000 - 16_384, maxOutputTokens: 16_384, imageInput: true, toolCalling: true },
    noTools: 'chatgpt-4o-latest', chatPath: '/v1/chat/completions', required: 'required', wireIds: true,
    resultShape: (b) => (b.messages as Record<string, unknown>[]).filter((m) => m.role === 'tool').map((m) => ({ role: m.role, tool_call_id: m.tool_call_id, content: m.content })),
  },
  {
    name: 'Anthropic', addKey: { provider: 'anthropic', apiKey: 'sk-ant-lmtools-1234', baseUrl: `${simulatorUrl()}/anthropic` },
    model: 'claude-haiku-4-5', facts: { maxInputTokens: 200_000 - 64_000, maxOutputTokens: 64_000, imageInput: true, toolCalling: true },
    chatPath: '/anthropic/v1/messages', required: { type: 'any' }, wireIds: true,
    resultShape: (b) => (last(b.messages).content as Record<string, unknown>[]).map((c) => ({ type: c.type, tool_use_id: c.tool_use_id, content: c.content })),
  },
  {
    name: 'Gemini', addKey: { provider: 'gemini', apiKey: 'AIzaSimLmTools1234', baseUrl: simulatorUrl() },
    model: 'gemini-2.5-flash', facts: { maxInputTokens: 1_048_576, maxOutputTokens: 65_536, imageInput: true, toolCalling: true },
    noTools: 'gemma-3-27b-it', chatPath: ':streamGenerateContent', required: 'ANY', wireIds: false,
    resultShape: (b) => (last(b.contents).parts as Record<string, unknown>[]).map((p) => p.functionResponse),
  },
  {
    name: 'Bedrock', addKey: { provider: 'bedrock', apiKey: 'ABSKbG10b29scy0xMjM0', baseUrl: simulatorUrl(), options: { region: 'us-east-1' } },
    model: 'amazon.nova-pro-v1:0', facts: { maxInputTokens: 300_000 - 5_000, maxOutputTokens: 5_000, imageInput: true, toolCalling: true },
    noTools: 'sim-model-1', chatPath: '/converse-stream', required: { any: {} }, wireIds: true,
    resultShape: (b) => (last(b.messages).content as Record<string, unknown>[]).map((c) => c.toolResult),
  },
];

const TOOLS: vscode.LanguageModelChatTool[] = [
  { name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  { name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } },
];

const SCRIPTED = [
  { id: 'call_w1', name: 'get_weather', argumentsJson: '{"city":"Zürich 🚀","units":"metric"}' },
  { id: 'call_r2', name: 'read_file', argumentsJson: '{"path":"/tmp/a b.txt"}' },
];

const ANSWER = 'It is sunny in Zürich, and the file says hello.';

interface Drained { calls: vscode.LanguageModelToolCallPart[]; text: string }

async function drain(response: vscode.LanguageModelChatResponse): Promise<Drained> {
  const out: Drained = { calls: [], text: '' };
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelToolCallPart) out.calls.push(part);
    else if (part instanceof vscode.LanguageModelTextPart) out.text += part.value;
  }
  return out;
}

const token = (): vscode.CancellationToken => new vscode.CancellationTokenSource().token;

suite('Language Model API: tool calls for every provider family', () => {
  const keys = new Map<string, AddKeyResult>();

  async function lmModel(family: Family, modelId: string): Promise<vscode.LanguageModelChat> {
    const id = `${keys.get(family.name)!.keyId}/${modelId}`;
    return eventually(async () => (await vscode.lm.selectChatModels({ vendor: 'byok' })).find((m) => m.id === id), `${id} in vscode.lm`);
  }

  async function lastChat(family: Family): Promise<SimRequest & { toolExchange?: ToolExchange }> {
    const request = (await simRequests()).reverse().find((r) => r.path.endsWith(family.chatPath));
    assert.ok(request, `a request to …${family.chatPath}`);
    return request;
  }

  suiteSetup(async () => {
    await sim('reset', {});
    await sim('models', { models: ['sim-model-1', 'gpt-4o', 'chatgpt-4o-latest', 'claude-haiku-4-5', 'gemini-2.5-flash', 'gemma-3-27b-it', 'amazon.nova-pro-v1:0'] });
    for (const family of FAMILIES) {
      keys.set(family.name, await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { name: `lm tools ${family.name}`, ...family.addKey }));
    }
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    for (const key of keys.values()) await app.keys.remove(key.keyId);
    await sim('reset', {});
  });

  for (const family of FAMILIES) {
    test(`${family.name}: tool calls come back as parts, their results go back in the family's shape, and the model answers`, async () => {
      const model = await lmModel(family, family.model);
      const { app } = await byok();
      const keyId = keys.get(family.name)!.keyId;
      const metered = (): number => app.usage.entries.filter((e) => e.keyId === keyId && e.origin === 'lm-api' && e.modelRef.endsWith(`/${family.model}`)).length;
      const meteredBefore = metered();
      await sim('reply', { text: '', toolCalls: SCRIPTED, chunkChars: 3, afterToolResult: { text: ANSWER } });
      const ask = vscode.LanguageModelChatMessage.User('What is the weather in Zürich, and what is in /tmp/a b.txt?');

      const first = await drain(await model.sendRequest([ask], { tools: TOOLS, toolMode: vscode.LanguageModelChatToolMode.Required }, token()));
      assert.deepEqual(first.calls.map((c) => c.name), ['get_weather', 'read_file'], 'two calls in one answer');
      assert.deepEqual(first.calls.map((c) => c.input), [{ city: 'Zürich 🚀', units: 'metric' }, { path: '/tmp/a b.txt' }], 'inputs whole, though streamed in pieces');
      if (family.wireIds) assert.deepEqual(first.calls.map((c) => c.callId), ['call_w1', 'call_r2'], 'the provider\'s call ids');
      else assert.ok(first.calls.every((c) => c.callId) && first.calls[0]!.callId !== first.calls[1]!.callId, 'a distinct made-up id per call');
      const firstRequest = await lastChat(family);
      assert.deepEqual(firstRequest.toolExchange?.tools, ['get_weather', 'read_file'], 'the tools were declared');
      assert.deepEqual(firstRequest.toolExchange?.toolChoice, family.required, 'toolMode Required as the family\'s own required choice');

      // The caller runs its tools and sends the results, as agent mode does.
      const second = await drain(await model.sendRequest([
        ask,
        vscode.LanguageModelChatMessage.Assistant(first.calls),
        vscode.LanguageModelChatMessage.User([
          new vscode.LanguageModelToolResultPart(first.calls[0]!.callId, [new vscode.LanguageModelTextPart('21°C, sunny')]),
          new vscode.LanguageModelToolResultPart(first.calls[1]!.callId, [new vscode.LanguageModelTextPart('hello')]),
        ]),
      ], { tools: TOOLS }, token()));
      assert.equal(second.text, ANSWER);
      assert.equal(second.calls.length, 0);

      const results = (await lastChat(family)).toolExchange?.results ?? [];
      assert.deepEqual(results.map((r) => r.text), ['21°C, sunny', 'hello'], 'both results arrived');
      if (family.wireIds) assert.deepEqual(results.map((r) => r.id), ['call_w1', 'call_r2'], 'each result names its call id');
      else assert.deepEqual(results.map((r) => r.name), ['get_weather', 'read_file'], 'each result names its function (the made-up ids map back to names)');
      await eventually(() => metered() - meteredBefore === 2 || undefined, `both ${family.name} requests metered through the router as lm-api`);
      console.log(`  ${family.name} results on the wire: ${JSON.stringify(family.resultShape((await lastChat(family)).body as Record<string, unknown>))}`);
    });
  }

  test('the results\' raw wire shapes: role tool + tool_call_id, tool_result + tool_use_id, functionResponse + name, toolResult + toolUseId', async () => {
    const shapes: Record<string, unknown[]> = {};
    for (const family of FAMILIES) {
      const model = await lmModel(family, family.model);
      await sim('reply', { text: '', toolCalls: [SCRIPTED[0]!], afterToolResult: { text: 'ok' } });
      const ask = vscode.LanguageModelChatMessage.User('weather?');
      const first = await drain(await model.sendRequest([ask], { tools: TOOLS }, token()));
      const callId = first.calls[0]!.callId;
      await drain(await model.sendRequest([ask, vscode.LanguageModelChatMessage.Assistant(first.calls), vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(callId, [new vscode.LanguageModelTextPart('21°C')])])], { tools: TOOLS }, token()));
      shapes[family.name] = family.resultShape((await lastChat(family)).body as Record<string, unknown>);
    }
    assert.deepEqual(shapes.OpenAI, [{ role: 'tool', tool_call_id: 'call_w1', content: '21°C' }]);
    assert.deepEqual(shapes.Anthropic, [{ type: 'tool_result', tool_use_id: 'call_w1', content: '21°C' }]);
    assert.deepEqual(shapes.Gemini, [{ name: 'get_weather', response: { output: '21°C' } }]);
    assert.deepEqual(shapes.Bedrock, [{ toolUseId: 'call_w1', content: [{ text: '21°C' }], status: 'success' }]);
  });

  test('listed models offer the capabilities and limits the catalog data gives them', async () => {
    const { app } = await byok();
    const infos = app.lmProvider.provideLanguageModelChatInformation();
    for (const family of FAMILIES) {
      const id = `${keys.get(family.name)!.keyId}/${family.model}`;
      const info = infos.find((m) => m.id === id);
      assert.ok(info, `${id} is offered`);
      assert.deepEqual(
        { maxInputTokens: info.maxInputTokens, maxOutputTokens: info.maxOutputTokens, imageInput: info.capabilities.imageInput, toolCalling: info.capabilities.toolCalling },
        family.facts, `${family.name} ${family.model}`,
      );
      assert.equal((await lmModel(family, family.model)).maxInputTokens, family.facts.maxInputTokens, `vscode.lm sees ${family.name}'s input limit`);
      if (family.noTools) {
        const plain = infos.find((m) => m.id === `${keys.get(family.name)!.keyId}/${family.noTools}`);
        assert.equal(plain?.capabilities.toolCalling, false, `${family.name} ${family.noTools} does not claim tool calling`);
      }
    }
  });

  test('tools sent to a model that cannot call them fail with a clear error, and nothing is sent', async () => {
    for (const family of FAMILIES.filter((f) => f.noTools)) {
      const model = await lmModel(family, family.noTools!);
      const before = (await simRequests()).length;
      await assert.rejects(drain(await model.sendRequest([vscode.LanguageModelChatMessage.User('weather?')], { tools: TOOLS }, token())),
        /does not call tools \(capabilities\.toolCalling is false\).*offers 2 tools/, `${family.name} ${family.noTools}`);
      assert.equal((await simRequests()).length, before, `no request for ${family.name} ${family.noTools}`);
    }
  });

  test('a tool result\'s image reaches a vision model as an image (OpenAI: after the results; Anthropic: inside its result), JSON as text, prompt-tsx as a note', async () => {
    // LanguageModelDataPart is in 1.104's runtime, not yet in its typings.
    const DataPart = (vscode as unknown as { LanguageModelDataPart: { image(data: Uint8Array, mime: string): unknown; json(value: unknown): unknown } }).LanguageModelDataPart;
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
    for (const family of [FAMILIES[0]!, FAMILIES[1]!]) {
      const model = await lmModel(family, family.model);
      await sim('reply', { text: '', toolCalls: [SCRIPTED[0]!], afterToolResult: { text: 'ok' } });
      const ask = vscode.LanguageModelChatMessage.User('screenshot?');
      const first = await drain(await model.sendRequest([ask], { tools: TOOLS }, token()));
      const result = new vscode.LanguageModelToolResultPart(first.calls[0]!.callId, [
        new vscode.LanguageModelTextPart('Screenshot taken. '),
        DataPart.image(png, 'image/png'),
        DataPart.json({ width: 1 }),
        new vscode.LanguageModelPromptTsxPart({ node: {} }),
      ]);
      assert.equal((await drain(await model.sendRequest([ask, vscode.LanguageModelChatMessage.Assistant(first.calls), vscode.LanguageModelChatMessage.User([result])], { tools: TOOLS }, token()))).text, 'ok');
      const exchange = (await lastChat(family)).toolExchange;
      const sent = exchange?.results[0]?.text ?? '';
      assert.match(sent, /^Screenshot taken\. \{\s*"width":\s*1\s*\}/, `${family.name}: text and JSON data are sent as text`);
      assert.match(sent, /prompt-tsx part, which is not sent/, family.name);
      assert.doesNotMatch(sent, /image \(image\/png\)/, `${family.name}: no note for an image that was sent`);
      const pixel = `image/png:${png.length}`;
      if (family.name === 'OpenAI') assert.deepEqual(exchange?.besideResults?.map((i) => i.split('|')[1]), [pixel], 'OpenAI: the image in a user message right after the results');
      else assert.deepEqual(exchange?.results[0]?.images, [pixel], `${family.name}: the image inside the tool result`);
    }
  });
});
