// Reading an OAuth callback: `+` and other characters in the code survive both routes.
import * as assert from 'node:assert/strict';
import { parseCallbackQuery, stateFromCallbackPath } from '../../../src/core/keys/oauth-callback';

describe('keys/oauth-callback', () => {
  it('a + in the code is preserved (never read as a space)', () => {
    assert.equal(parseCallbackQuery('code=ab+cd', 'decoded').code, 'ab+cd');
    assert.equal(parseCallbackQuery('code=ab+cd', 'percent-encoded').code, 'ab+cd');
  });

  it('a percent-encoded callback (the loopback route) is decoded once: %2B, %2F and %3D become + / =', () => {
    assert.equal(parseCallbackQuery('?code=sim%2B1%2Fx%2By%3D&other=1', 'percent-encoded').code, 'sim+1/x+y=');
  });

  it('an already-decoded query (a vscode.Uri) is not decoded again, so a literal % sequence in a code survives', () => {
    assert.equal(parseCallbackQuery('code=a%41b=', 'decoded').code, 'a%41b=');
  });

  it('a value keeps its own = signs; the first of a repeated name wins; a malformed escape is kept as it is', () => {
    assert.deepEqual(parseCallbackQuery('code=x==&code=y&flag&bad=%E0%A4%A', 'percent-encoded'), { code: 'x==', flag: '', bad: '%E0%A4%A' });
  });

  it('the state is read from the callback path, and only there', () => {
    const state = 'AbC_-0123456789abcdefXYZ';
    assert.equal(stateFromCallbackPath(`/openrouter/callback/${state}`, '/openrouter/callback'), state);
    assert.equal(stateFromCallbackPath(`/openrouter/callback/${state}/`, '/openrouter/callback'), state);
    assert.equal(stateFromCallbackPath(`/elsewhere/${state}`, '/openrouter/callback'), undefined);
    assert.equal(stateFromCallbackPath('/openrouter/callback/short', '/openrouter/callback'), undefined);
    assert.equal(stateFromCallbackPath('/openrouter/callback/has%20space-0123456789', '/openrouter/callback'), undefined);
  });
});
