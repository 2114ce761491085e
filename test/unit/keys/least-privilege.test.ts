// Least privilege at the moment it matters: the Add Key box says, per provider, how to make a key with
// the fewest rights BYOK needs, and the README's Bedrock policy grants exactly what BYOK calls.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPreset } from '../../../src/core/providers/presets';

const BEDROCK_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:ListFoundationModels', 'bedrock:ListInferenceProfiles'];

describe('least privilege guidance', () => {
  it('the main hosted providers each say how to make a key with the fewest rights, with an https guide', () => {
    for (const id of ['openai', 'anthropic', 'gemini', 'azure', 'bedrock', 'openrouter']) {
      const guide = findPreset(id)?.leastPrivilege;
      assert.ok(guide, `${id} has least-privilege guidance`);
      assert.match(guide.url, /^https:\/\/[^/]+\//, `${id}: the guide is an https link`);
      assert.ok(guide.line.length > 20 && guide.line.length < 200, `${id}: one line, not an essay`);
    }
    assert.match(findPreset('openai')!.leastPrivilege!.line, /Restricted.*project/);
    assert.match(findPreset('anthropic')!.leastPrivilege!.line, /workspace/);
    assert.match(findPreset('gemini')!.leastPrivilege!.line, /Generative Language API/);
  });

  it('the Bedrock line names the four actions BYOK needs', () => {
    const line = findPreset('bedrock')!.leastPrivilege!.line;
    for (const action of ['InvokeModel', 'InvokeModelWithResponseStream', 'ListFoundationModels', 'ListInferenceProfiles']) assert.ok(line.includes(action), action);
  });

  it('the README\'s Bedrock policy is valid JSON allowing exactly those four actions', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Least privilege'));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(json, 'the Least privilege section holds the policy');
    const policy = JSON.parse(json) as { Statement: { Effect: string; Action: string[] }[] };
    const actions = policy.Statement.flatMap((s) => (s.Effect === 'Allow' ? s.Action : [])).sort();
    assert.deepEqual(actions, [...BEDROCK_ACTIONS].sort());
  });
});
