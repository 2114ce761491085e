import * as assert from 'node:assert/strict';
import { LmApiError } from '../../../src/core/lm/errors';
import { validateTools } from '../../../src/core/lm/tools';

const tool = (name: string, inputSchema?: unknown): { name: string; description: string; inputSchema?: unknown } => ({ name, description: `the ${name} tool`, ...(inputSchema !== undefined ? { inputSchema } : {}) });

function rejects(tools: Parameters<typeof validateTools>[0], pattern: RegExp, required = false): void {
  assert.throws(() => validateTools(tools, required), (e: unknown) => e instanceof LmApiError && pattern.test(e.message), `rejects ${JSON.stringify(tools)}`);
}

describe('LM API tools', () => {
  it('passes well-formed tools through, with an empty object schema when none is given', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    assert.deepEqual(validateTools([tool('get_weather', schema), tool('run-tests')], false), [
      { name: 'get_weather', description: 'the get_weather tool', inputSchema: schema },
      { name: 'run-tests', description: 'the run-tests tool', inputSchema: { type: 'object', properties: {} } },
    ]);
    assert.equal(validateTools(undefined, false), undefined);
    assert.equal(validateTools([], false), undefined);
  });

  it('refuses names providers would refuse', () => {
    rejects([tool('bad name!')], /tool name "bad name!"/);
    rejects([tool('')], /tool name ""/);
    rejects([tool('x'.repeat(65))], /1 to 64/);
    rejects([tool('copilot.search')], /tool name "copilot.search"/);
  });

  it('refuses two tools with the same name', () => {
    rejects([tool('search'), tool('search')], /two tools are named "search"/);
  });

  it('refuses a schema that is not a JSON object schema', () => {
    rejects([tool('a', [1])], /schema of tool "a" must be a JSON object/);
    rejects([tool('a', 'string')], /schema of tool "a" must be a JSON object/);
    rejects([tool('a', null)], /schema of tool "a" must be a JSON object/);
    rejects([tool('a', { type: 'string' })], /schema of tool "a" must describe an object/);
  });

  it('refuses "tool use required" without any tool', () => {
    rejects(undefined, /requires a tool call but offers no tools/, true);
    assert.equal(validateTools([tool('a')], true)?.length, 1);
  });
});
