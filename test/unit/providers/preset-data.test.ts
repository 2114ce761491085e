// What differs between hosts of one family is preset data, not the preset's id: a new row with the
// same fields gets the same behaviour (this is what lets a user's own host, or a new preset, work).
import * as assert from 'node:assert/strict';
import { createAnthropicAdapter } from '../../../src/core/providers/anthropic/adapter';
import { reasoningParams } from '../../../src/core/providers/openai/reasoning';
import { findPreset, PRESETS, type ProviderPreset } from '../../../src/core/providers/presets';
import type { ChatRequest } from '../../../src/core/providers/types';
import { createSimulator } from '../../support/simulator';
import { collect } from './stream-helpers';

const ask = (model: string, budgetTokens?: number): ChatRequest => ({
  model, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], reasoning: budgetTokens ? { budgetTokens } : {},
});

/** A host nobody wrote code for: a row of data only. */
function gateway(over: Partial<ProviderPreset>): ProviderPreset {
  return { id: 'my-gateway', label: 'My gateway', family: 'openai-compatible', defaultBaseUrl: 'https://gw.example.com/v1', auth: 'bearer', ...over };
}

describe('preset data decides per-host behaviour', () => {
  it('how a request asks for reasoning follows the preset\'s reasoning style, whatever its id', () => {
    assert.deepEqual(reasoningParams(gateway({ reasoning: 'openrouter' }), ask('any/model', 2000)), { reasoning: { max_tokens: 2000 } });
    assert.deepEqual(reasoningParams(gateway({ reasoning: 'enable-thinking' }), ask('qwen3', 1000)), { enable_thinking: true, thinking_budget: 1000 });
    assert.deepEqual(reasoningParams(gateway({ reasoning: 'thinking-type' }), ask('glm-4.6')), { thinking: { type: 'enabled' } });
    assert.deepEqual(reasoningParams(gateway({ reasoning: 'reasoning-effort' }), ask('o3', 20000)), { reasoning_effort: 'high' });
    assert.deepEqual(reasoningParams(gateway({ reasoning: 'reasoning-effort' }), ask('gpt-4.1', 20000)), {}, 'not a reasoning model');
    assert.deepEqual(reasoningParams(gateway({}), ask('o3', 20000)), {}, 'no reasoning switch on this host');
  });

  it('the shipped presets keep their reasoning styles', () => {
    const styles = Object.fromEntries(PRESETS.filter((p) => p.reasoning).map((p) => [p.id, p.reasoning]));
    assert.deepEqual(styles, { openai: 'reasoning-effort', azure: 'reasoning-effort', openrouter: 'openrouter', qwen: 'enable-thinking', zai: 'thinking-type' });
  });

  describe('Anthropic family', () => {
    const sim = createSimulator();
    before(async () => { await sim.start(); });
    after(async () => { await sim.stop(); });
    beforeEach(() => sim.reset());

    it('prompt caching is asked for exactly when the preset says the host takes it', async () => {
      const base = findPreset('anthropic-compatible')!;
      for (const promptCaching of [true, false]) {
        const preset: ProviderPreset = { ...base, id: 'my-anthropic-gateway', promptCaching };
        const adapter = createAnthropicAdapter({ presetId: preset.id, baseUrl: `${sim.url}/anthropic`, apiKey: 'gw-key-1', maxRetries: 0 }, preset);
        const out = await collect(adapter.stream(ask('sim-model-1'), new AbortController().signal));
        assert.equal(out.error, undefined, out.error?.message);
        const body = sim.lastRequest('/v1/messages')!.body as { cache_control?: unknown };
        assert.deepEqual(body.cache_control, promptCaching ? { type: 'ephemeral' } : undefined);
      }
    });
  });
});
