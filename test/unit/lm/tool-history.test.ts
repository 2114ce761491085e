// Tool calls and results in the history a caller sends: ids made by another provider (a conversation that
// moved between models), and results in another order than their calls.
import assert from 'node:assert/strict';
import { toAnthropicMessages } from '../../../src/core/providers/anthropic/convert-messages';
import { toGeminiContents } from '../../../src/core/providers/gemini/convert-messages';
import { convertMessages as toBedrock } from '../../../src/core/providers/bedrock/convert-messages';
import { convertMessages as toOpenAI } from '../../../src/core/providers/openai/convert-messages';
import { ANTHROPIC_TOOL_IDS, OPENAI_TOOL_IDS, wireToolId } from '../../../src/core/providers/tool-ids';
import type { ChatMessage } from '../../../src/core/providers/types';

const KIMI_ID = 'functions.get_weather:0';
const LONG_ID = `toolu_${'x'.repeat(50)}`;

function exchange(id: string): ChatMessage[] {
  return [
    { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
    { role: 'assistant', content: [], toolCalls: [{ id, name: 'get_weather', argumentsJson: '{"city":"Oslo"}' }] },
    { role: 'tool', toolCallId: id, toolName: 'get_weather', content: '3°C' },
  ];
}

describe('LM API tool-call ids from another provider', () => {
  it('keeps an id that fits the family\'s rule, and rewrites one that does not the same way every time', () => {
    assert.equal(wireToolId('toolu_01A09q90qw90lq917835lq9', ANTHROPIC_TOOL_IDS), 'toolu_01A09q90qw90lq917835lq9');
    assert.equal(wireToolId('call_abc', OPENAI_TOOL_IDS), 'call_abc');
    const fixed = wireToolId(KIMI_ID, ANTHROPIC_TOOL_IDS);
    assert.match(fixed, /^functions_get_weather_0_[0-9a-f]{8}$/);
    assert.equal(wireToolId(KIMI_ID, ANTHROPIC_TOOL_IDS), fixed, 'stable');
    assert.notEqual(wireToolId('functions.get_weather_0', ANTHROPIC_TOOL_IDS), fixed, 'ids that clean up alike still differ');
    assert.equal(wireToolId(LONG_ID, OPENAI_TOOL_IDS).length, 40);
  });

  it('Anthropic: a Kimi-style id becomes one the API takes, on the tool_use and its tool_result alike', () => {
    const [, call, result] = toAnthropicMessages(exchange(KIMI_ID));
    const useId = (call!.content as { type: string; id?: string }[]).find((b) => b.type === 'tool_use')!.id!;
    const resultId = (result!.content as { type: string; tool_use_id?: string }[]).find((b) => b.type === 'tool_result')!.tool_use_id;
    assert.match(useId, /^[a-zA-Z0-9_-]+$/);
    assert.equal(resultId, useId);
  });

  it('Bedrock: the same for toolUse and toolResult', () => {
    const [, call, result] = toBedrock(exchange(KIMI_ID), { provider: 'bedrock', toolsDeclared: true });
    const useId = call!.content!.find((b) => b.toolUse)!.toolUse!.toolUseId!;
    assert.match(useId, /^[a-zA-Z0-9_-]{1,64}$/);
    assert.equal(result!.content!.find((b) => b.toolResult)!.toolResult!.toolUseId, useId);
  });

  it('OpenAI: an id longer than 40 characters is shortened on the call and its tool message alike', () => {
    const messages = toOpenAI(undefined, exchange(LONG_ID));
    const call = messages[1] as { tool_calls: { id: string }[] };
    const tool = messages[2] as { role: string; tool_call_id: string };
    assert.ok(call.tool_calls[0]!.id.length <= 40);
    assert.equal(tool.tool_call_id, call.tool_calls[0]!.id);
  });
});

describe('LM API tool results for Gemini, which pairs them with calls by position', () => {
  it('sends the results in the order of the calls, whatever order the caller sent them in', () => {
    const contents = toGeminiContents([
      { role: 'user', content: [{ type: 'text', text: 'weather in Oslo and Rome?' }] },
      { role: 'assistant', content: [], toolCalls: [
        { id: 'gcall_a', name: 'get_weather', argumentsJson: '{"city":"Oslo"}' },
        { id: 'gcall_b', name: 'get_weather', argumentsJson: '{"city":"Rome"}' },
      ] },
      { role: 'tool', toolCallId: 'gcall_b', toolName: 'get_weather', content: 'Rome: 20°C' },
      { role: 'tool', toolCallId: 'gcall_a', toolName: 'get_weather', content: 'Oslo: 3°C' },
    ]);
    const responses = contents[2]!.parts!.map((p) => p.functionResponse?.response);
    assert.deepEqual(responses, [{ output: 'Oslo: 3°C' }, { output: 'Rome: 20°C' }]);
  });
});
