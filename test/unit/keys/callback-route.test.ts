// Choosing how the browser comes back: the URI handler where it can be reached, else the loopback, else ask.
import * as assert from 'node:assert/strict';
import { decideCallbackRoute, type CallbackEnvironment } from '../../../src/core/keys/callback-route';

describe('keys/callback-route', () => {
  const env = (over: Partial<CallbackEnvironment>): CallbackEnvironment => ({ setting: 'auto', uiKind: 'desktop', remoteName: undefined, platform: 'linux', ...over });

  it('web and remote sessions use the URI handler (a loopback port there is not where the browser is)', () => {
    assert.equal(decideCallbackRoute(env({ uiKind: 'web' })).route, 'uri-handler');
    assert.equal(decideCallbackRoute(env({ remoteName: 'ssh-remote' })).route, 'uri-handler');
  });

  it('local Windows and macOS use the URI handler (their installers register the scheme)', () => {
    assert.equal(decideCallbackRoute(env({ platform: 'win32' })).route, 'uri-handler');
    assert.equal(decideCallbackRoute(env({ platform: 'darwin' })).route, 'uri-handler');
  });

  it('local Linux cannot be decided, so the user is asked', () => {
    assert.equal(decideCallbackRoute(env({})).route, 'ask');
  });

  it('the setting overrides the guess either way', () => {
    assert.equal(decideCallbackRoute(env({ setting: 'loopback', uiKind: 'web' })).route, 'loopback');
    assert.equal(decideCallbackRoute(env({ setting: 'uriHandler' })).route, 'uri-handler');
  });
});
