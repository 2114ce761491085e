// Checking a key before it is saved (add key, replace key, change host) obeys the provider policy like every request.
import * as assert from 'node:assert/strict';
import { findPreset } from '../../../src/core/providers/presets';
import { checkDraft } from '../../../src/vscode/keys/save-key';
import { createSimulator } from '../../support/simulator';

describe('keys/check-draft', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  const draft = () => ({ preset: findPreset('openai-compatible')!, name: 'draft', secret: 'sk-draft-key-123456', baseUrl: `${sim.url}/v1` });

  it('a key for a provider the policy disables is not sent anywhere, and the refusal names the setting', async () => {
    const outcome = await checkDraft(draft(), AbortSignal.timeout(5_000), () => false);
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.kind, 'policy');
    assert.match(outcome.error.message, /byok\.enabledProviders/);
    assert.equal(sim.requests.length, 0, 'the provider received nothing');
  });

  it('a key for an enabled provider is checked against its host', async () => {
    const outcome = await checkDraft(draft(), AbortSignal.timeout(5_000), () => true);
    assert.ok(outcome.ok);
    assert.ok(sim.requests.length > 0);
  });
});
