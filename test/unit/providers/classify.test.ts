import * as assert from 'node:assert/strict';
import { classifyHttpFailure, toProviderError } from '../../../src/core/providers/classify';

describe('classify: the shared error rules', () => {
  const kind = (status: number, body: unknown): string => classifyHttpFailure({ provider: 'p', status, body }).kind;

  it('reads Google error bodies by their reason, not the numeric code', () => {
    const body = { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } };
    const e = classifyHttpFailure({ provider: 'gemini', status: 400, body });
    assert.equal(e.kind, 'auth');
    assert.equal(e.code, 'API_KEY_INVALID');
  });

  it("tells OpenAI's quota 429 from a rate limit", () => {
    assert.equal(kind(429, { error: { code: 'insufficient_quota', message: 'You exceeded your current quota' } }), 'quota');
    assert.equal(kind(429, { error: { code: 'rate_limit_exceeded', message: 'Rate limit reached' } }), 'rate-limit');
  });

  it("reads Anthropic's credit-balance 400 as quota and Azure's DeploymentNotFound as model-not-found", () => {
    assert.equal(kind(400, { type: 'error', error: { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API.' } }), 'quota');
    assert.equal(kind(404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } }), 'model-not-found');
  });

  it('an HTML page is a server error behind a 5xx and a wrong host otherwise', () => {
    assert.equal(kind(502, '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>'), 'server');
    assert.equal(kind(200, '<html><body>Welcome to nginx</body></html>'), 'unexpected-response');
  });

  it('a JSON parse error is a malformed response, not a dropped connection', () => {
    assert.equal(toProviderError(new SyntaxError('Unterminated string in JSON at position 12'), 'p').kind, 'unexpected-response');
    assert.equal(toProviderError(new TypeError('terminated'), 'p').kind, 'network');
    assert.equal(toProviderError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'p').kind, 'network');
    assert.equal(toProviderError(Object.assign(new Error('x'), { cause: { code: 'UND_ERR_CONNECT_TIMEOUT' } }), 'p').kind, 'timeout');
  });

  it('never keeps a key in the message', () => {
    const e = classifyHttpFailure({ provider: 'openai', status: 401, body: { error: { message: 'Incorrect API key provided: sk-live-abcdef123456. You can find your API key at …' } }, secrets: ['sk-live-abcdef123456'] });
    assert.ok(!e.message.includes('abcdef123456'), e.message);
    assert.equal(e.kind, 'auth');
  });
});
