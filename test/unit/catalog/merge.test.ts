import assert from 'node:assert/strict';
import { curatedModels, lookupCurated, mergeModels, SAFE_DEFAULTS, unknownModelDefaults, type CuratedTable } from '../../../src/core/catalog/merge';
import type { ModelInfo } from '../../../src/core/providers/types';

/** What an adapter lists when its provider reports nothing but ids (OpenAI, most compatible hosts). */
function bare(id: string, extra: Partial<ModelInfo> = {}): ModelInfo {
  return { id, name: id, ...unknownModelDefaults('openai-compatible'), source: 'live', ...extra };
}

const NOW = new Date('2026-11-23T12:00:00Z');

describe('catalog/merge', () => {
  it('offers exactly the models the provider lists, curated or not', () => {
    const merged = mergeModels('openai', [bare('gpt-4.1'), bare('ft:gpt-4.1:acme::abc')], undefined, NOW);
    assert.deepEqual(merged.map((m) => m.id), ['gpt-4.1', 'ft:gpt-4.1:acme::abc']);
    // gpt-4o is curated but not listed for this key: not offered
    assert.ok(!merged.some((m) => m.id === 'gpt-4o'));
  });

  it('lets curated limits, capabilities and price replace the adapter placeholders', () => {
    const [m] = mergeModels('openai', [bare('gpt-4.1')], undefined, NOW);
    assert.deepEqual(m, {
      id: 'gpt-4.1', name: 'GPT-4.1', contextWindow: 1_047_576, maxOutputTokens: 32_768,
      vision: true, toolCalling: true, reasoning: false,
      pricing: { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.5 }, source: 'live+curated',
    });
  });

  it('keeps live models the table does not know as source "live", replacing nonsense limits', () => {
    const [m] = mergeModels('openai-compatible', [bare('my-local-model', { contextWindow: 0, maxOutputTokens: Number.NaN, vision: true })], undefined, NOW);
    assert.equal(m?.source, 'live');
    assert.equal(m?.contextWindow, SAFE_DEFAULTS.contextWindow);
    assert.equal(m?.maxOutputTokens, SAFE_DEFAULTS.maxOutputTokens);
    assert.equal(m?.vision, true, 'the adapter\'s own capability facts are kept');
    assert.equal(m?.pricing, undefined);
  });

  it('matches OpenAI dated snapshots to the base row but keeps the snapshot name', () => {
    const [m] = mergeModels('openai', [bare('gpt-4.1-mini-2025-04-14')], undefined, NOW);
    assert.equal(m?.source, 'live+curated');
    assert.equal(m?.name, 'gpt-4.1-mini-2025-04-14');
    assert.deepEqual(m?.pricing, { inputPerMTok: 0.4, outputPerMTok: 1.6, cachedInputPerMTok: 0.1 });
  });

  it('matches Anthropic dated ids, keeps the live display name and carries the retirement date', () => {
    const [m] = mergeModels('anthropic', [bare('claude-sonnet-4-5-20250929', { name: 'Claude Sonnet 4.5' })], undefined, NOW);
    assert.equal(m?.name, 'Claude Sonnet 4.5');
    assert.equal(m?.deprecated, '2026-11-30');
    assert.equal(m?.pricing?.inputPerMTok, 3);
    assert.equal(m?.pricing?.cacheWritePerMTok, 3.75);
    assert.equal(m?.pricing?.cachedInputPerMTok, 0.3);
  });

  it('keeps a live limit when the curated row leaves it out (Anthropic reports max_input_tokens)', () => {
    const [m] = mergeModels('anthropic', [bare('claude-opus-5', { name: 'Claude Opus 5', contextWindow: 500_000, maxOutputTokens: 96_000 })], undefined, NOW);
    assert.equal(m?.source, 'live+curated');
    assert.equal(m?.contextWindow, 500_000);
    assert.equal(m?.maxOutputTokens, 96_000);
    assert.equal(m?.vision, true);
    assert.equal(m?.pricing, undefined, 'no confirmed price, no guess');
  });

  it('matches Bedrock inference profiles to the Anthropic row for facts, never for price', () => {
    const [m] = mergeModels('bedrock', [bare('us.anthropic.claude-haiku-4-5-20251001-v1:0')], undefined, NOW);
    assert.equal(m?.source, 'live+curated');
    assert.equal(m?.contextWindow, 200_000);
    assert.equal(m?.maxOutputTokens, 64_000);
    assert.equal(m?.toolCalling, true);
    assert.equal(m?.pricing, undefined);
  });

  it('matches Bedrock own models with and without a geo prefix', () => {
    const merged = mergeModels('bedrock', [bare('amazon.nova-pro-v1:0'), bare('eu.amazon.nova-lite-v1:0')], undefined, NOW);
    assert.deepEqual(merged.map((m) => [m.contextWindow, m.vision, m.source]), [[300_000, true, 'live+curated'], [300_000, true, 'live+curated']]);
  });

  it('matches OpenRouter vendor ids, dotted Claude versions included, and borrows the vendor price', () => {
    const [claude, gpt] = mergeModels('openrouter', [bare('anthropic/claude-sonnet-4.5'), bare('openai/gpt-4o-2024-11-20')], undefined, NOW);
    assert.equal(claude?.contextWindow, 200_000);
    assert.equal(claude?.pricing?.outputPerMTok, 15);
    assert.equal(claude?.deprecated, '2026-11-30');
    assert.equal(gpt?.pricing?.inputPerMTok, 2.5);
  });

  it('prefers the price OpenRouter lists, and borrows no price for :free variants', () => {
    const live = [
      bare('anthropic/claude-haiku-4.5', { pricing: { inputPerMTok: 1.1, outputPerMTok: 5.5 } }),
      bare('deepseek/deepseek-chat:free'),
    ];
    const [haiku, free] = mergeModels('openrouter', live, undefined, NOW);
    assert.deepEqual(haiku?.pricing, { inputPerMTok: 1.1, outputPerMTok: 5.5 });
    assert.equal(free?.source, 'live+curated');
    assert.equal(free?.toolCalling, true);
    assert.equal(free?.pricing, undefined);
  });

  it('matches Gemini ids listed with the models/ prefix and numbered versions', () => {
    const [pro, flash] = mergeModels('gemini', [bare('models/gemini-2.5-pro'), bare('gemini-2.5-flash-001')], undefined, NOW);
    assert.equal(pro?.name, 'Gemini 2.5 Pro');
    assert.equal(pro?.contextWindow, 1_048_576);
    assert.equal(flash?.pricing?.outputPerMTok, 2.5);
  });

  it('does not match a different model that merely starts with a known id', () => {
    const merged = mergeModels('openai', [bare('gpt-4o-audio-preview'), bare('o3-deep-research'), bare('gpt-4.1-mini-search')], undefined, NOW);
    assert.deepEqual(merged.map((m) => m.source), ['live', 'live', 'live']);
    assert.ok(merged.every((m) => m.pricing === undefined));
  });

  it('matches Groq ids that contain a slash against Groq\'s own rows', () => {
    const [m] = mergeModels('groq', [bare('openai/gpt-oss-120b')], undefined, NOW);
    assert.equal(m?.name, 'GPT-OSS 120B');
    assert.equal(m?.pricing?.inputPerMTok, 0.15);
  });

  it('matches Azure deployments named after a model for facts but not price', () => {
    const [named, custom] = mergeModels('azure', [bare('gpt-4o'), bare('prod-chat')], undefined, NOW);
    assert.equal(named?.vision, true);
    assert.equal(named?.contextWindow, 128_000);
    assert.equal(named?.pricing, undefined);
    assert.equal(custom?.source, 'live');
  });

  it('drops duplicate ids from a listing', () => {
    assert.equal(mergeModels('openai', [bare('gpt-4o'), bare('gpt-4o')], undefined, NOW).length, 1);
  });

  it('offers nothing when the provider lists nothing, and the curated rows when it cannot list', () => {
    assert.deepEqual(mergeModels('anthropic', [], undefined, NOW), []);
    const fallback = mergeModels('anthropic', undefined, undefined, NOW);
    assert.ok(fallback.length > 5);
    assert.ok(fallback.every((m) => m.source === 'curated'));
    const haiku = fallback.find((m) => m.id === 'claude-haiku-4-5');
    assert.equal(haiku?.pricing?.inputPerMTok, 1);
    // a row without limits gets the provider default (every Claude has 200K)
    assert.equal(fallback.find((m) => m.id === 'claude-opus-5')?.contextWindow, 200_000);
  });

  it('leaves retired models out of the curated fallback', () => {
    const before = curatedModels('anthropic', undefined, NOW).map((m) => m.id);
    assert.ok(before.includes('claude-sonnet-4-5'), 'still offered until its end of life');
    assert.ok(!before.includes('claude-mythos-preview'), 'retired 2026-06-30');
    const after = curatedModels('anthropic', undefined, new Date('2026-12-01T00:00:00Z')).map((m) => m.id);
    assert.ok(!after.includes('claude-sonnet-4-5'));
  });

  it('fills Bedrock fallback rows from the Anthropic row', () => {
    const m = curatedModels('bedrock', undefined, NOW).find((x) => x.id === 'global.anthropic.claude-opus-4-5-20251101-v1:0');
    assert.equal(m?.contextWindow, 200_000);
    assert.equal(m?.reasoning, true);
    assert.equal(m?.pricing, undefined);
  });

  it('uses a table passed in (so the data file can be swapped in tests and updates)', () => {
    const table: CuratedTable = { custom: [{ id: 'alpha', name: 'Alpha', contextWindow: 1000, aliases: ['alpha-legacy'] }] };
    const [m] = mergeModels('custom', [bare('alpha-legacy')], table, NOW);
    assert.equal(m?.contextWindow, 1000);
    assert.equal(m?.name, 'Alpha', 'an alias is an exact name for the same model');
    assert.equal(lookupCurated('custom', 'beta', table), undefined);
  });

  it('gives provider defaults for unknown models, then the safe defaults', () => {
    assert.deepEqual(unknownModelDefaults('openai'), { ...SAFE_DEFAULTS, contextWindow: 128_000, toolCalling: true });
    assert.deepEqual(unknownModelDefaults('ollama'), SAFE_DEFAULTS);
  });
});
