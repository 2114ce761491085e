// Bedrock's listing does not say which models take tools on Converse: BYOK decides by model id, and a
// model that cannot call tools must not claim it (the LM API would send tools and the request would fail).
import * as assert from 'node:assert/strict';
import { toModelInfos } from '../../../../src/core/providers/bedrock/list-models';

const row = (modelId: string): { modelId: string; modelName: string; providerName: string; inputModalities: string[]; outputModalities: string[]; inferenceTypesSupported: string[] } =>
  ({ modelId, modelName: modelId, providerName: 'Meta', inputModalities: ['TEXT'], outputModalities: ['TEXT'], inferenceTypesSupported: ['ON_DEMAND'] });

describe('Bedrock tool calling by model id', () => {
  it('Llama 3.1 and later call tools; Llama 3.0 does not', () => {
    const models = toModelInfos(['meta.llama3-8b-instruct-v1:0', 'meta.llama3-70b-instruct-v1:0', 'meta.llama3-1-8b-instruct-v1:0', 'meta.llama3-3-70b-instruct-v1:0', 'meta.llama4-scout-17b-instruct-v1:0'].map(row), 'us-east-1');
    const tools = Object.fromEntries(models.filter((m) => !m.id.includes('profile')).map((m) => [m.id, m.toolCalling]));
    assert.equal(tools['meta.llama3-8b-instruct-v1:0'], false);
    assert.equal(tools['meta.llama3-70b-instruct-v1:0'], false);
    assert.equal(tools['meta.llama3-1-8b-instruct-v1:0'], true);
    assert.equal(tools['meta.llama3-3-70b-instruct-v1:0'], true);
    assert.equal(tools['meta.llama4-scout-17b-instruct-v1:0'], true);
  });
});
