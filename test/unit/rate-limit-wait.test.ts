// A rate-limit error says how long the provider asked to wait (Retry-After), not "a moment".
import * as assert from 'node:assert/strict';
import { ProviderError, waitText } from '../../src/core/errors';

describe('rate limits say how long to wait', () => {
  it('the fix line names the provider\'s wait when it gave one', () => {
    assert.match(new ProviderError({ kind: 'rate-limit', provider: 'openai', message: 'slow down', retryAfterMs: 90_000 }).fix, /retry in 90 s\./);
    assert.match(new ProviderError({ kind: 'rate-limit', provider: 'openai', message: 'slow down', retryAfterMs: 150_000 }).userMessage, /^Rate limited by the provider: retry in 3 min\./);
    assert.match(new ProviderError({ kind: 'rate-limit', provider: 'openai', message: 'slow down' }).fix, /wait a moment/);
  });

  it('waits read as a person would say them', () => {
    assert.deepEqual([500, 1000, 45_000, 89_500, 90_000, 91_000, 3_600_000, 3_900_000].map(waitText), ['1 s', '1 s', '45 s', '90 s', '90 s', '2 min', '1 h', '1 h 5 min']);
  });
});
