// Bedrock access keys: temporary credentials (ASIA…) carry their session token to AWS, or are refused
// before anything is sent.
import * as assert from 'node:assert/strict';
import { toConnection } from '../../../src/core/keys/connection';
import { validateSecretFor } from '../../../src/core/keys/key-metadata';
import { findPreset } from '../../../src/core/providers/presets';
import { createAdapter } from '../../../src/core/providers/registry';
import { createSimulator } from '../../support/simulator';

const ID = 'ASIASIMULATOR00001';
const SECRET = 'simSecret0000xyzABC';
const TOKEN = 'FwoGZXIvYXdzEJr//////////wEaDsimTokenQ==';

describe('keys: Bedrock temporary credentials', () => {
  const sim = createSimulator();
  before(async () => { await sim.start(); });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('a session token given as a third part goes to AWS with the signed request', async () => {
    const connection = { ...toConnection({ presetId: 'bedrock', baseUrl: sim.url, bedrock: { region: 'us-east-1' } }, `${ID}:${SECRET}:${TOKEN}`), maxRetries: 0 };
    await createAdapter(connection).listModels(new AbortController().signal);
    const req = sim.lastRequest('foundation-models');
    assert.ok(req, 'the listing reached the host');
    assert.ok(req.headers['x-amz-security-token'] === TOKEN, 'the session token header is sent');
    assert.match(req.headers.authorization ?? '', new RegExp(`^AWS4-HMAC-SHA256 Credential=${ID}/`), 'signed with the access key id');
  });

  it('temporary credentials without their session token are refused with a clear message, before sending', async () => {
    const preset = findPreset('bedrock')!;
    assert.match(validateSecretFor(preset, `${ID}:${SECRET}`) ?? '', /session token/);
    assert.equal(validateSecretFor(preset, `${ID}:${SECRET}:${TOKEN}`), undefined);
    assert.equal(validateSecretFor(preset, `AKIASIMULATOR00001:${SECRET}`), undefined, 'long-term keys need no token');
    const connection = { ...toConnection({ presetId: 'bedrock', baseUrl: sim.url, bedrock: { region: 'us-east-1' } }, `${ID}:${SECRET}`), maxRetries: 0 };
    const check = await createAdapter(connection).checkKey(new AbortController().signal);
    assert.ok(!check.ok && /session token/.test(check.error.message), 'the check says what is missing');
    assert.equal(sim.requests.length, 0, 'nothing was sent');
  });
});
