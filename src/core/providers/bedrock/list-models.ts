// ListFoundationModels rows -> chat models. Kept: text output, invokable on demand or through an
// inference profile (provisioned-only models need a purchase first). Current Claude models, among
// others, are INFERENCE_PROFILE-only: calling their bare id fails with "on-demand throughput isn't
// supported", so we offer the cross-region profile id (us./eu./apac. + model id) for the region.
// The listing has no context sizes: the numbers here are conservative defaults that the curated
// catalog overrides when it knows the model.
import type { FoundationModelSummary } from './control-plane';
import type { ModelInfo } from '../types';

/** The cross-region inference profile prefix for a region (AWS's geography groups). */
export function profilePrefix(region: string): string {
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  if (region.startsWith('ca-')) return 'ca';
  return 'us';
}

export function toModelInfos(rows: readonly FoundationModelSummary[], region: string): ModelInfo[] {
  const out = new Map<string, ModelInfo>();
  for (const row of rows) {
    const modelId = row.modelId;
    if (!modelId || !(row.outputModalities ?? []).includes('TEXT')) continue;
    if (row.modelLifecycle?.status && row.modelLifecycle.status !== 'ACTIVE' && row.modelLifecycle.status !== 'LEGACY') continue;
    const types = row.inferenceTypesSupported ?? [];
    let id: string;
    if (types.includes('ON_DEMAND')) id = modelId;
    else if (types.includes('INFERENCE_PROFILE')) id = `${profilePrefix(region)}.${modelId}`;
    else continue;
    if (out.has(id)) continue;
    out.set(id, describe(id, row));
  }
  return [...out.values()];
}

function describe(id: string, row: FoundationModelSummary): ModelInfo {
  const modelId = row.modelId ?? id;
  const anthropic = /anthropic\.claude/.test(modelId);
  const name = [row.providerName, row.modelName].filter(Boolean).join(' ') || id;
  return {
    id,
    name: id === modelId ? name : `${name} (${id.split('.')[0]} profile)`,
    contextWindow: anthropic ? 200_000 : 128_000,
    maxOutputTokens: anthropic ? 8192 : 4096,
    vision: (row.inputModalities ?? []).includes('IMAGE'),
    // Converse offers tools for most current text models; the catalog corrects the exceptions.
    toolCalling: anthropic || /amazon\.nova|mistral\.(?:mistral-large|pixtral)|meta\.llama3-[1-9]-|meta\.llama4|cohere\.command-r|ai21\.jamba|deepseek|qwen|openai\./.test(modelId),
    reasoning: /claude-(?:3-7|sonnet-4|opus-4|haiku-4)|deepseek\.r1|openai\.gpt-oss/.test(modelId),
    source: 'live',
  };
}
