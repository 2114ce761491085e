import * as assert from 'node:assert/strict';
import { hostRefusal, isPresetHost, parseHostPolicy } from '../../../src/core/usage/host-policy';

describe('usage/host policy (byok.allowCustomHosts, byok.allowedHosts)', () => {
  it('by default every host is allowed', () => {
    assert.equal(hostRefusal('openai-compatible', 'https://gateway.corp.example/v1', parseHostPolicy({})), undefined);
  });

  it('allowCustomHosts: false keeps the presets own hosts (default, alternates, declared patterns) and refuses the rest, saying why', () => {
    const p = parseHostPolicy({ allowCustomHosts: false });
    assert.equal(hostRefusal('openai', 'https://api.openai.com/v1', p), undefined);
    assert.equal(hostRefusal('qwen', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', p), undefined);
    assert.equal(hostRefusal('azure', 'https://my-resource.openai.azure.com', p), undefined);
    assert.equal(hostRefusal('bedrock', 'https://bedrock-runtime.eu-west-1.amazonaws.com', p), undefined);
    const refused = hostRefusal('openai-compatible', 'https://gateway.corp.example/v1', p);
    assert.equal(refused?.setting, 'byok.allowCustomHosts');
    assert.match(refused.message, /gateway\.corp\.example is a custom host/);
    // A preset's name does not carry another preset's host.
    assert.ok(hostRefusal('openai', 'https://api.anthropic.com', p));
    assert.equal(isPresetHost('openai', 'evil.openai.com'), false);
  });

  it('allowedHosts is the complete list when set: the team gateway passes, a preset host outside it does not', () => {
    const p = parseHostPolicy({ allowCustomHosts: false, allowedHosts: ['https://litellm.corp.example:4000/', '*.openai.azure.com'] });
    assert.equal(hostRefusal('openai-compatible', 'http://litellm.corp.example:4000/v1', p), undefined);
    assert.equal(hostRefusal('azure', 'https://team.openai.azure.com', p), undefined);
    assert.equal(hostRefusal('openai', 'https://api.openai.com/v1', p)?.setting, 'byok.allowedHosts');
    assert.ok(hostRefusal('openai-compatible', 'http://litellm.corp.example:5000/v1', p), 'a pattern with a port matches that port only');
  });

  it('fails closed: a non-boolean allowCustomHosts is off, a non-list allowedHosts refuses every host', () => {
    const a = parseHostPolicy({ allowCustomHosts: 'yes' });
    assert.equal(a.allowCustomHosts, false);
    assert.equal(a.problems.length, 1);
    const b = parseHostPolicy({ allowedHosts: { host: 'x' } });
    assert.equal(hostRefusal('openai', 'https://api.openai.com/v1', b)?.setting, 'byok.allowedHosts');
  });
});
