import * as assert from 'node:assert/strict';
import { LmApiError } from '../../../src/core/lm/errors';
import { toolCallInput } from '../../../src/core/lm/tool-call-input';

const call = (argumentsJson: string): { id: string; name: string; argumentsJson: string } => ({ id: 'c1', name: 'get_weather', argumentsJson });

describe('LM API tool calls from the model', () => {
  it('gives the caller the arguments object', () => {
    assert.deepEqual(toolCallInput(call('{"city":"Oslo"}')), { city: 'Oslo' });
    assert.deepEqual(toolCallInput(call('')), {}, 'a tool without parameters');
    assert.deepEqual(toolCallInput(call('  ')), {});
  });

  it('reports arguments that are not a JSON object clearly, naming the tool', () => {
    for (const [json, pattern] of [['[1,2]', /an array/], ['42', /the number 42/], ['"Oslo"', /a string/], ['null', /null/], ['{"city":', /not valid JSON/]] as const) {
      assert.throws(() => toolCallInput(call(json)), (e: unknown) => e instanceof LmApiError && /get_weather/.test(e.message) && pattern.test(e.message), json);
    }
  });
});
