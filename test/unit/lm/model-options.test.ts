import * as assert from 'node:assert/strict';
import { LmApiError } from '../../../src/core/lm/errors';
import { requestLimits } from '../../../src/core/lm/model-options';

const MODEL_MAX = 8192;

function rejects(options: unknown, pattern: RegExp): void {
  assert.throws(() => requestLimits(options, MODEL_MAX), (e: unknown) => e instanceof LmApiError && pattern.test(e.message), `rejects ${JSON.stringify(options)}`);
}

describe('LM API model options', () => {
  it('takes a whole max_tokens within the model limit as it is', () => {
    assert.deepEqual(requestLimits({ max_tokens: 500 }, MODEL_MAX), { maxOutputTokens: 500 });
    assert.deepEqual(requestLimits({ maxOutputTokens: 500 }, MODEL_MAX), { maxOutputTokens: 500 });
    assert.deepEqual(requestLimits({ max_tokens: 500, maxOutputTokens: 500 }, MODEL_MAX), { maxOutputTokens: 500 });
  });

  it('clamps a huge max_tokens to what the model can write', () => {
    assert.deepEqual(requestLimits({ max_tokens: 1e12 }, MODEL_MAX), { maxOutputTokens: MODEL_MAX });
    assert.deepEqual(requestLimits({ max_tokens: Number.MAX_SAFE_INTEGER + 10 }, MODEL_MAX), { maxOutputTokens: MODEL_MAX });
  });

  it('refuses a negative, zero, fractional, infinite or non-number max_tokens with a clear error', () => {
    rejects({ max_tokens: -5 }, /max_tokens must be at least 1/);
    rejects({ max_tokens: 0 }, /max_tokens must be at least 1/);
    rejects({ max_tokens: 12.5 }, /max_tokens must be a whole number/);
    rejects({ max_tokens: Infinity }, /max_tokens must be a finite number/);
    rejects({ max_tokens: NaN }, /max_tokens must be a finite number/);
    rejects({ max_tokens: '100' }, /max_tokens must be a finite number.*string/);
    rejects({ maxOutputTokens: null }, /maxOutputTokens must be a finite number/);
    rejects({ max_tokens: 100, maxOutputTokens: 200 }, /disagree/);
  });

  it('checks temperature is a number from 0 to 2', () => {
    assert.deepEqual(requestLimits({ temperature: 0.7 }, MODEL_MAX), { temperature: 0.7 });
    assert.deepEqual(requestLimits({ temperature: 0 }, MODEL_MAX), { temperature: 0 });
    rejects({ temperature: -0.1 }, /temperature must be from 0 to 2/);
    rejects({ temperature: 3 }, /temperature must be from 0 to 2/);
    rejects({ temperature: 'hot' }, /temperature must be a finite number/);
  });

  it('ignores options it does not know (other extensions send their own) and accepts none at all', () => {
    assert.deepEqual(requestLimits({ top_k: 'whatever', stream: true }, MODEL_MAX), {});
    assert.deepEqual(requestLimits(undefined, MODEL_MAX), {});
    rejects([1, 2], /modelOptions must be an object/);
    rejects('max', /modelOptions must be an object/);
  });

  it('keeps the error one short line when the refused value is long', () => {
    const long = 'x'.repeat(10_000);
    assert.throws(() => requestLimits({ max_tokens: long }, MODEL_MAX), (e: Error) => e.message.length < 300);
  });
});
