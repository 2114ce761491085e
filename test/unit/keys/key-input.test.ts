// What a user may type as a key or a region, checked before anything is stored or sent.
import * as assert from 'node:assert/strict';
import { validateAwsRegion, validateKeyText } from '../../../src/core/keys/key-metadata';
import { draftFromArgs } from '../../../src/vscode/keys/save-key';

const none = (): string[] => [];

describe('keys: what a key may contain', () => {
  it('a key with an invisible or non-ASCII character is refused with a clear message', () => {
    for (const [what, key] of [['zero-width space', 'sk-abc\u200bdef12345'], ['BOM', '\ufeffsk-abcdef12345'], ['non-Latin-1 letter', 'sk-abcдef12345'],
      ['Latin-1 letter', 'sk-abcéef12345'], ['control character', 'sk-abc\u0007def12345'], ['smart quote', 'sk-abc\u2019def12345']] as const) {
      const problem = validateKeyText(key, false);
      assert.ok(problem, `${what} is refused`);
      assert.match(problem, /non-ASCII|invisible/, `${what}: the message says what is wrong`);
    }
  });

  it('an ordinary key passes', () => {
    assert.equal(validateKeyText('sk-proj-Abc_123-xyz.~+/=', false), undefined);
  });
});

describe('keys: the Bedrock region', () => {
  it('only a real region name passes (the region becomes part of a host name)', () => {
    for (const ok of ['us-east-1', 'eu-west-3', 'us-gov-west-1', 'ap-southeast-2']) assert.equal(validateAwsRegion(ok), undefined, ok);
    for (const bad of ['us-east-1.evil.example#', 'us-east-1/', 'US-EAST-1', 'evil.example', '', 'us-east-1 ']) assert.ok(validateAwsRegion(bad), `refuses ${JSON.stringify(bad)}`);
  });

  it('the byok.addKey argument form refuses a region that would change the host', () => {
    assert.throws(() => draftFromArgs({ provider: 'bedrock', apiKey: 'ABSKabcdefghijkl', options: { region: 'us-east-1.evil.example#' } }, none), /region/);
    const { draft } = draftFromArgs({ provider: 'bedrock', apiKey: 'ABSKabcdefghijkl', options: { region: 'eu-west-3' } }, none);
    assert.equal(draft.baseUrl, 'https://bedrock-runtime.eu-west-3.amazonaws.com');
  });
});

describe('keys: the organization policy', () => {
  it('the byok.addKey argument form refuses a provider the policy disables, naming the setting', () => {
    assert.throws(() => draftFromArgs({ provider: 'openai', apiKey: 'sk-abcdefghijkl' }, none, (id) => id !== 'openai'), /byok\.enabledProviders/);
  });
});
