import assert from 'node:assert/strict';
import { mergeModels } from '../../../src/core/catalog/merge';
import { lmModelFacts, requireToolCalling } from '../../../src/core/lm/capabilities';
import { LmApiError } from '../../../src/core/lm/errors';
import { toModelInfo as geminiModel } from '../../../src/core/providers/gemini/list-models';
import type { ModelInfo } from '../../../src/core/providers/types';

const live = (id: string, over: Partial<ModelInfo> = {}): ModelInfo => ({ id, name: id, contextWindow: 32_768, maxOutputTokens: 4_096, vision: false, toolCalling: false, reasoning: false, source: 'live', ...over });

describe('LM API model capabilities', () => {
  it('maxInputTokens leaves room for the answer where the window holds both (OpenAI, Anthropic, Bedrock)', () => {
    const [gpt4o] = mergeModels('openai', [live('gpt-4o')]);
    assert.deepEqual(lmModelFacts(gpt4o!, 'openai'), { maxInputTokens: 128_000 - 16_384, maxOutputTokens: 16_384, capabilities: { imageInput: true, toolCalling: true } });
    const [haiku] = mergeModels('anthropic', [live('claude-haiku-4-5-20251001')]);
    assert.equal(lmModelFacts(haiku!, 'anthropic').maxInputTokens, 200_000 - 64_000);
    const [nova] = mergeModels('bedrock', [live('amazon.nova-micro-v1:0')]);
    assert.deepEqual(lmModelFacts(nova!, 'bedrock'), { maxInputTokens: 128_000 - 5_000, maxOutputTokens: 5_000, capabilities: { imageInput: false, toolCalling: true } });
  });

  it('maxInputTokens is Gemini\'s input limit itself (its output limit is separate)', () => {
    const listed = geminiModel({ name: 'models/gemini-2.5-flash', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedActions: ['generateContent'] });
    const [flash] = mergeModels('gemini', [listed]);
    assert.deepEqual(lmModelFacts(flash!, 'gemini'), { maxInputTokens: 1_048_576, maxOutputTokens: 65_536, capabilities: { imageInput: true, toolCalling: true } });
  });

  it('models without tools or vision do not claim them', () => {
    const [gemma] = mergeModels('gemini', [geminiModel({ name: 'models/gemma-3-27b-it', inputTokenLimit: 131_072, outputTokenLimit: 8_192, supportedActions: ['generateContent'] })]);
    assert.equal(lmModelFacts(gemma!, 'gemini').capabilities.toolCalling, false, 'Gemma on the Gemini API has no function calling');
    for (const id of ['o1-mini', 'chatgpt-4o-latest', 'gpt-4o-search-preview', 'gpt-4o-mini-search-preview']) {
      const [m] = mergeModels('openai', [live(id, { toolCalling: true })]);
      assert.equal(lmModelFacts(m!, 'openai').capabilities.toolCalling, false, `${id} takes no tools`);
    }
    const [o3mini] = mergeModels('openai', [live('o3-mini', { vision: true })]);
    assert.equal(lmModelFacts(o3mini!, 'openai').capabilities.imageInput, false, 'o3-mini takes no images');
  });

  it('a request with tools to a model that cannot call them is refused with a clear error, never sent without them', () => {
    assert.throws(() => requireToolCalling({ name: 'Gemma 3 27B', toolCalling: false }, 2), (e: unknown) => e instanceof LmApiError && /Gemma 3 27B does not call tools.*offers 2 tools/.test(e.message));
    requireToolCalling({ name: 'Gemma 3 27B', toolCalling: false }, 0);
    requireToolCalling({ name: 'GPT-4o', toolCalling: true }, 3);
  });
});
