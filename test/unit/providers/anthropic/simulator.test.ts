// The simulator's Anthropic format also answers what the adapter does not use (for host/ui tiers):
// non-streaming messages, count_tokens, a single model, unknown models.
import assert from 'node:assert/strict';
import { Anthropic } from '@anthropic-ai/sdk';
import { createSimulator } from '../../../support/simulator';
import { DEFAULT_REPLY } from '../../../support/simulator/server';
import { API_KEY } from './helpers';

describe('simulator: anthropic format', () => {
  const sim = createSimulator();
  let client: Anthropic;
  before(async () => {
    await sim.start();
    client = new Anthropic({ apiKey: API_KEY, baseURL: `${sim.url}/anthropic`, maxRetries: 0, logLevel: 'off' });
  });
  after(async () => { await sim.stop(); });
  beforeEach(() => sim.reset());

  it('answers a non-streaming message with thinking, text, tool use and split usage', async () => {
    sim.setReply({ reasoning: 'hmm', toolCalls: [{ id: 'toolu_1', name: 'f', argumentsJson: '{"a":1}' }], usage: { input: 50, output: 9, cached: 40 } });
    const msg = await client.messages.create({ model: 'sim-model-1', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    assert.deepEqual(msg.content.map((b) => b.type), ['thinking', 'text', 'tool_use']);
    assert.equal(msg.content[1]!.type === 'text' && msg.content[1].text, DEFAULT_REPLY.text);
    assert.equal(msg.stop_reason, 'tool_use');
    assert.equal(msg.usage.input_tokens, 10);
    assert.equal(msg.usage.cache_read_input_tokens, 40);
  });

  it('counts tokens, retrieves one model, and 404s an unknown one', async () => {
    assert.equal((await client.messages.countTokens({ model: 'sim-model-1', messages: [{ role: 'user', content: 'x' }] })).input_tokens, 12);
    assert.equal((await client.models.retrieve('sim-model-2')).id, 'sim-model-2');
    await assert.rejects(client.messages.create({ model: 'nope', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
      (e: Error & { status?: number }) => e.status === 404 && /model: nope/.test(e.message));
  });
});
