// The pure converters: stop reasons, usage, errors by name, model rows, messages.
import assert from 'node:assert/strict';
import { buildConverseInput } from '../../../../src/core/providers/bedrock/build-request';
import { convertMessages } from '../../../../src/core/providers/bedrock/convert-messages';
import { convertUsage } from '../../../../src/core/providers/bedrock/convert-usage';
import { profilePrefix, toModelInfos } from '../../../../src/core/providers/bedrock/list-models';
import { mapBedrockError } from '../../../../src/core/providers/bedrock/errors';
import { mapFinishReason } from '../../../../src/core/providers/bedrock/map-finish';

describe('bedrock converters', () => {
  it('maps every stop reason', () => {
    assert.deepEqual(
      ['end_turn', 'stop_sequence', 'max_tokens', 'model_context_window_exceeded', 'tool_use', 'guardrail_intervened', 'content_filtered', 'malformed_tool_use', 'something_new'].map(mapFinishReason),
      ['stop', 'stop', 'length', 'length', 'tool-calls', 'content-filter', 'content-filter', 'error', 'stop'],
    );
  });

  it('adds cache reads and writes into inputTokens', () => {
    assert.deepEqual(convertUsage({ inputTokens: 10, outputTokens: 3, totalTokens: 0, cacheReadInputTokens: 100, cacheWriteInputTokens: 50 }),
      { inputTokens: 160, outputTokens: 3, cachedInputTokens: 100, cacheWriteInputTokens: 50 });
    assert.deepEqual(convertUsage({ inputTokens: 10, outputTokens: 3, totalTokens: 13 }), { inputTokens: 10, outputTokens: 3 });
  });

  it('maps SDK errors by name, then by message for ValidationException', () => {
    const err = (name: string, message: string, status?: number): unknown =>
      Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });
    const kinds = [
      err('UnrecognizedClientException', 'The security token included in the request is invalid.', 403),
      err('AccessDeniedException', 'You don\'t have access to the model with the specified model ID.', 403),
      err('ThrottlingException', 'Too many requests', 429),
      err('ServiceQuotaExceededException', 'quota', 400),
      err('ResourceNotFoundException', 'not found', 404),
      err('ValidationException', 'Input is too long for requested model.', 400),
      err('ValidationException', 'The provided model identifier is invalid.', 400),
      err('ValidationException', 'temperature: must be <= 1', 400),
      err('ModelNotReadyException', 'not ready', 429),
      err('ServiceUnavailableException', 'unavailable', 503),
      err('InternalServerException', 'oops', 500),
      err('ModelTimeoutException', 'took too long', 408),
      err('ModelErrorException', 'model failed', 424),
      err('ThrottlingException', 'in-stream, no status'),
    ].map((e) => mapBedrockError(e, 'AWS Bedrock', undefined, []).kind);
    assert.deepEqual(kinds, ['auth', 'auth', 'rate-limit', 'quota', 'model-not-found', 'context-too-long', 'model-not-found', 'bad-request',
      'server', 'server', 'server', 'timeout', 'server', 'rate-limit']);
  });

  it('redacts the given secrets from SDK messages', () => {
    const e = Object.assign(new Error('bad token ABSKc2ltLWtleS0x and secret simSecret/0000xyz'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    const pe = mapBedrockError(e, 'AWS Bedrock', undefined, ['simSecret/0000xyz']);
    assert.ok(!pe.message.includes('simSecret/0000xyz'));
    assert.ok(!pe.message.includes('ABSKc2ltLWtleS0x'));
  });

  it('profile prefixes by region', () => {
    assert.deepEqual(['us-east-1', 'us-west-2', 'eu-central-1', 'ap-northeast-1', 'us-gov-west-1', 'ca-central-1'].map(profilePrefix),
      ['us', 'us', 'eu', 'apac', 'us-gov', 'ca']);
  });

  it('model rows: keeps on-demand ids, offers profile ids, drops non-text and provisioned-only', () => {
    const infos = toModelInfos([
      { modelArn: 'a', modelId: 'meta.llama3-1-70b-instruct-v1:0', outputModalities: ['TEXT'], inferenceTypesSupported: ['ON_DEMAND'] },
      { modelArn: 'b', modelId: 'anthropic.claude-opus-4-20250514-v1:0', outputModalities: ['TEXT'], inputModalities: ['TEXT', 'IMAGE'], inferenceTypesSupported: ['INFERENCE_PROFILE'] },
      { modelArn: 'c', modelId: 'amazon.titan-embed-text-v2:0', outputModalities: ['EMBEDDING'], inferenceTypesSupported: ['ON_DEMAND'] },
      { modelArn: 'd', modelId: 'x.provisioned', outputModalities: ['TEXT'], inferenceTypesSupported: ['PROVISIONED'] },
    ], 'eu-west-1');
    assert.deepEqual(infos.map((m) => [m.id, m.vision, m.toolCalling, m.reasoning]), [
      ['meta.llama3-1-70b-instruct-v1:0', false, true, false],
      ['eu.anthropic.claude-opus-4-20250514-v1:0', true, true, true],
    ]);
  });

  it('without declared tools, earlier tool calls and results become text (Converse refuses toolUse blocks then)', () => {
    const msgs = convertMessages([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [], toolCalls: [{ id: 't1', name: 'ls', argumentsJson: '{"d":"."}' }] },
      { role: 'tool', toolCallId: 't1', toolName: 'ls', content: 'a.ts', isError: true },
    ], { provider: 'p', toolsDeclared: false });
    assert.deepEqual(msgs, [
      { role: 'user', content: [{ text: 'q' }] },
      { role: 'assistant', content: [{ text: '[called tool ls with {"d":"."}]' }] },
      { role: 'user', content: [{ text: '[tool ls failed: a.ts]' }] },
    ]);
  });

  it('refuses image types Bedrock cannot take', () => {
    assert.throws(() => convertMessages([{ role: 'user', content: [{ type: 'image', mimeType: 'image/bmp', dataBase64: 'AA==' }] }], { provider: 'p', toolsDeclared: false }),
      (e: unknown) => (e as { kind?: string }).kind === 'bad-request');
  });

  it('thinking budget: at least 1024, and max tokens raised above it', () => {
    const input = buildConverseInput({ model: 'anthropic.claude-3-7-sonnet-20250219-v1:0', messages: [], reasoning: { budgetTokens: 10 } }, 'p');
    assert.deepEqual(input.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 1024 } });
    assert.equal(input.inferenceConfig?.maxTokens, 1024 + 4096);
  });
});
