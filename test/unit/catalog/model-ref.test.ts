import assert from 'node:assert/strict';
import { formatKeyModelId, formatModelRef, parseKeyModelId, parseModelRef, toModelRef } from '../../../src/core/catalog/model-ref';

describe('catalog/model-ref', () => {
  it('splits at the first slash, so model ids keep theirs', () => {
    assert.deepEqual(parseModelRef('openai/gpt-4.1'), { presetId: 'openai', modelId: 'gpt-4.1' });
    assert.deepEqual(parseModelRef('openrouter/anthropic/claude-sonnet-4.5:thinking'), { presetId: 'openrouter', modelId: 'anthropic/claude-sonnet-4.5:thinking' });
    assert.deepEqual(parseModelRef('bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0'), { presetId: 'bedrock', modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' });
  });

  it('round-trips', () => {
    const ref = formatModelRef('groq', 'openai/gpt-oss-120b');
    assert.equal(ref, 'groq/openai/gpt-oss-120b');
    assert.deepEqual(parseModelRef(ref), { presetId: 'groq', modelId: 'openai/gpt-oss-120b' });
  });

  it('rejects what is not a reference', () => {
    for (const bad of ['gpt-4.1', '/gpt-4.1', 'openai/', 'open ai/gpt-4', 'openai/ gpt-4', '']) {
      assert.equal(parseModelRef(bad), undefined, bad);
    }
    assert.throws(() => formatModelRef('open/ai', 'x'), /Invalid provider id/);
    assert.throws(() => formatModelRef('openai', ''), /needs a model id/);
  });

  it('names a model through a saved key, and turns that into a model reference', () => {
    const id = formatKeyModelId('k-7f3a', 'anthropic/claude-sonnet-4.5');
    assert.deepEqual(parseKeyModelId(id), { keyId: 'k-7f3a', modelId: 'anthropic/claude-sonnet-4.5' });
    const presets: Record<string, string> = { 'k-7f3a': 'openrouter' };
    assert.equal(toModelRef(id, (k) => presets[k]), 'openrouter/anthropic/claude-sonnet-4.5');
    assert.equal(toModelRef('k-gone/gpt-4o', (k) => presets[k]), undefined, 'a deleted key resolves to nothing');
    assert.throws(() => formatKeyModelId('a/b', 'x'), /Invalid key id/);
  });
});
