// The simulator's Gemini format also answers what the adapter does not use (for host/ui tiers):
// generateContent, countTokens, a single model, unknown models.
import assert from 'node:assert/strict';
import { GoogleGenAI } from '@google/genai';
import { createSimulator } from '../../../support/simulator';
import { DEFAULT_REPLY } from '../../../support/simulator/server';
import { API_KEY } from './helpers';

describe('simulator: gemini format', () => {
  const sim = createSimulator();
  let client: GoogleGenAI;
  before(async () => {
    await sim.start();
    client = new GoogleGenAI({ vertexai: false, apiKey: API_KEY, httpOptions: { baseUrl: sim.url } });
  });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('answers generateContent with thoughts, text and usage', async () => {
    sim.setReply({ reasoning: 'hmm', usage: { input: 5, output: 20, reasoning: 8 } });
    const res = await client.models.generateContent({ model: 'sim-model-1', contents: 'hi' });
    const parts = res.candidates?.[0]?.content?.parts ?? [];
    assert.deepEqual(parts.map((p) => !!p.thought), [true, false]);
    assert.equal(parts[1]!.text, DEFAULT_REPLY.text);
    assert.equal(res.usageMetadata?.candidatesTokenCount, 12);
    assert.equal(res.usageMetadata?.thoughtsTokenCount, 8);
    assert.equal(sim.lastRequest(':generateContent')!.path, '/v1beta/models/sim-model-1:generateContent');
  });

  it('counts tokens, gets one model, and 404s an unknown one', async () => {
    assert.equal((await client.models.countTokens({ model: 'sim-model-1', contents: 'x' })).totalTokens, 12);
    assert.equal((await client.models.get({ model: 'sim-model-2' })).name, 'models/sim-model-2');
    await assert.rejects(client.models.generateContent({ model: 'nope', contents: 'x' }),
      (e: Error & { status?: number }) => e.status === 404 && /models\/nope is not found/.test(e.message));
  });
});
