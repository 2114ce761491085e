// Joins what a provider lists (which models exist for this key) with what we curated (limits, capabilities, price).
//
// Precedence, field by field:
//  - Existence: the live listing. A model the provider lists is offered even if the table does not know it;
//    a curated model the provider does not list is NOT offered (the key may not have access to it).
//    Only when the provider cannot list at all (`live` undefined: the listing failed or is not supported,
//    e.g. Bedrock without the ListFoundationModels permission) are the curated models offered instead.
//  - Limits and capabilities: curated first, then live. ModelInfo has no "unknown" state, so an adapter must
//    fill contextWindow/vision/... even when its listing says nothing; the curated value is the checked one.
//    (When curated and live disagree on a limit, the curated value wins; it is the conservative one we checked.)
//  - Price: live first, then curated. An adapter never invents a price (pricing stays undefined unless the
//    provider reports one, as OpenRouter does), so a live price is the provider's own and fresher than ours.
import { findPreset, type HostedModels } from '../providers/presets';
import type { ModelInfo, ModelPricing } from '../providers/types';
import { CURATED, PROVIDER_DEFAULTS, VENDOR_TABLE, type CuratedModel } from './models.data';

export type CuratedTable = Readonly<Record<string, readonly CuratedModel[]>>;

/** A merged model. `deprecated` is the announced retirement date (YYYY-MM-DD) when there is one. */
export interface CatalogModel extends ModelInfo {
  deprecated?: string;
}

/**
 * Facts assumed for a model nobody knows anything about. They are chosen so that using them can fail only
 * safely: a context of 32K is below nearly every chat model released since 2024 (Llama 3.1+, Qwen 2.5+,
 * Mistral, DeepSeek, GLM, Gemma 3 all have >= 32K), so context fitting drops old turns a bit early instead of
 * overflowing; 4K of output is accepted by every chat model; no vision/tools/reasoning means we never send
 * an image or a tool list the model would reject with a 400.
 */
export const SAFE_DEFAULTS = {
  contextWindow: 32_768,
  maxOutputTokens: 4_096,
  vision: false,
  toolCalling: false,
  reasoning: false,
} as const;

export type ModelFacts = Pick<ModelInfo, 'contextWindow' | 'maxOutputTokens' | 'vision' | 'toolCalling' | 'reasoning'>;

/** What an adapter should fill in for facts its listing does not report: the provider's defaults, then SAFE_DEFAULTS. */
export function unknownModelDefaults(presetId: string): ModelFacts {
  return { ...SAFE_DEFAULTS, ...definedOnly(PROVIDER_DEFAULTS[presetId] ?? {}) };
}

/** 'gpt-4.1-2025-04-14', 'claude-sonnet-4-5-20250929', 'claude-opus-4-1@20250805', 'gpt-4-0613', 'gemini-2.0-flash-001'. */
const SNAPSHOT_SUFFIX = /(?:-\d{4}-\d{2}-\d{2}|-\d{8}|@\d{8}|-\d{4}|-\d{3})$/;
/** Bedrock's model version ('-v1:0', '-v2'). */
const BEDROCK_VERSION = /-v\d+(?::\d+)?$/;
/** Bedrock inference-profile prefixes ('us.', 'eu.', 'apac.', 'global.', ...). */
const BEDROCK_GEO = /^(?:us|eu|apac|ap|jp|au|ca|us-gov|global)\./;

/** Ids to try, most specific first; `exact` when the id still names the same model, not a snapshot of it. */
function candidates(id: string): { id: string; exact: boolean }[] {
  const bare = id.replace(/^models\//, ''); // Gemini lists 'models/gemini-2.5-pro'
  const out = [{ id: bare, exact: true }];
  const undated = bare.replace(SNAPSHOT_SUFFIX, '');
  if (undated !== bare && undated.length > 0) out.push({ id: undated, exact: false });
  return out;
}

function findIn(rows: readonly CuratedModel[] | undefined, id: string): { row: CuratedModel; exact: boolean } | undefined {
  if (!rows || rows.length === 0) return undefined;
  for (const c of candidates(id)) {
    const wanted = c.id.toLowerCase();
    const row = rows.find((r) => r.id.toLowerCase() === wanted || r.aliases?.some((a) => a.toLowerCase() === wanted));
    if (row) return { row, exact: c.exact };
  }
  return undefined;
}

/**
 * The vendor table and id a hosted model id points to, or undefined. Which hosts serve other vendors'
 * models, and how their ids are written, is preset data (ProviderPreset.hostedModels).
 */
function vendorOf(hosted: HostedModels, id: string): { table: string; id: string; variant: boolean } | undefined {
  if (hosted.ids === 'bedrock') {
    // 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' -> anthropic / 'claude-sonnet-4-5-20250929'
    const m = /^([a-z0-9-]+)\.(.+)$/.exec(id.replace(BEDROCK_GEO, ''));
    const table = m?.[1] ? VENDOR_TABLE[m[1]] : undefined;
    return m?.[2] && table ? { table, id: m[2].replace(BEDROCK_VERSION, ''), variant: false } : undefined;
  }
  if (hosted.ids === 'vendor-slash') {
    // 'anthropic/claude-sonnet-4.5:thinking' -> anthropic / 'claude-sonnet-4.5' (a variant: ':free', ':thinking')
    const m = /^([^/]+)\/([^:]+)(:.+)?$/.exec(id);
    const table = m?.[1] ? VENDOR_TABLE[m[1].toLowerCase()] : undefined;
    return m?.[2] && table ? { table, id: m[2], variant: m[3] !== undefined } : undefined;
  }
  return { table: hosted.vendor, id, variant: false };
}

export interface CuratedMatch {
  /** The combined facts (the provider's own row over the vendor's row). */
  facts: CuratedModel;
  /** True when a row's id (or alias) equals the model id itself, not a snapshot or a hosted form of it. */
  exact: boolean;
}

/** Finds what the table knows about a provider's model id: exact id, then snapshot, then the vendor's row. */
export function lookupCurated(presetId: string, modelId: string, table: CuratedTable = CURATED): CuratedMatch | undefined {
  const host = findPreset(presetId)?.hostedModels;
  // A Bedrock inference profile ('us.…') is the same model as the row without the prefix.
  const own = findIn(table[presetId], modelId) ?? (host?.ids === 'bedrock' ? findIn(table[presetId], modelId.replace(BEDROCK_GEO, '')) : undefined);
  const ref = host ? vendorOf(host, modelId) : undefined;
  let vendor: CuratedModel | undefined;
  if (ref) {
    const rows = table[ref.table];
    // Anthropic ids use dashes where OpenRouter writes dots: 'claude-sonnet-4.5' -> 'claude-sonnet-4-5'.
    const hit = findIn(rows, ref.id) ?? findIn(rows, ref.id.replace(/(\d)\.(\d)/g, '$1-$2'));
    if (hit) {
      const { pricing, ...rest } = hit.row;
      vendor = host?.vendorPrice && !ref.variant && pricing ? { ...rest, pricing } : rest;
    }
  }
  if (!own && !vendor) return undefined;
  const facts: CuratedModel = { ...(vendor ?? { id: modelId, name: modelId }), ...definedOnly(own?.row ?? {}) };
  return { facts, exact: own?.exact ?? false };
}

/**
 * The models to offer for one provider key. `live` is the provider's listing, or undefined when the provider
 * could not list (then the curated rows that are not past their retirement date are offered).
 */
export function mergeModels(
  presetId: string,
  live: readonly ModelInfo[] | undefined,
  curated: CuratedTable = CURATED,
  now: Date = new Date(),
): CatalogModel[] {
  if (live === undefined) return curatedModels(presetId, curated, now);
  const seen = new Set<string>();
  const out: CatalogModel[] = [];
  for (const model of live) {
    if (seen.has(model.id)) continue;
    seen.add(model.id);
    const match = lookupCurated(presetId, model.id, curated);
    out.push(match ? combine(model, match) : sanitizeLive(presetId, model));
  }
  return out;
}

/** The curated rows offered when a provider cannot list; retired models are left out. */
export function curatedModels(presetId: string, curated: CuratedTable = CURATED, now: Date = new Date()): CatalogModel[] {
  const today = isoDay(now);
  return (curated[presetId] ?? [])
    .filter((row) => !row.deprecated || row.deprecated >= today)
    .map((row) => {
      const facts = lookupCurated(presetId, row.id, curated)?.facts ?? row;
      const base = unknownModelDefaults(presetId);
      return withOptional({
        id: row.id,
        name: row.name,
        contextWindow: facts.contextWindow ?? base.contextWindow,
        maxOutputTokens: facts.maxOutputTokens ?? base.maxOutputTokens,
        vision: facts.vision ?? base.vision,
        toolCalling: facts.toolCalling ?? base.toolCalling,
        reasoning: facts.reasoning ?? base.reasoning,
        source: 'curated',
      }, facts.pricing, facts.deprecated);
    });
}

function combine(model: ModelInfo, match: CuratedMatch): CatalogModel {
  const { facts } = match;
  // The curated name reads better than a bare id, but a snapshot keeps its own name so two snapshots differ.
  const liveNamed = model.name && model.name !== model.id;
  const name = liveNamed ? model.name : match.exact ? facts.name : model.id;
  return withOptional({
    id: model.id,
    name,
    contextWindow: facts.contextWindow ?? model.contextWindow,
    maxOutputTokens: facts.maxOutputTokens ?? model.maxOutputTokens,
    vision: facts.vision ?? model.vision,
    toolCalling: facts.toolCalling ?? model.toolCalling,
    reasoning: facts.reasoning ?? model.reasoning,
    source: 'live+curated',
  }, model.pricing ?? facts.pricing, facts.deprecated);
}

/** A live-only model keeps the adapter's facts, with nonsense numbers replaced by the safe defaults. */
function sanitizeLive(presetId: string, model: ModelInfo): CatalogModel {
  const base = unknownModelDefaults(presetId);
  const positive = (n: number, fallback: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback);
  return withOptional({
    id: model.id,
    name: model.name || model.id,
    contextWindow: positive(model.contextWindow, base.contextWindow),
    maxOutputTokens: positive(model.maxOutputTokens, base.maxOutputTokens),
    vision: model.vision,
    toolCalling: model.toolCalling,
    reasoning: model.reasoning,
    source: 'live',
  }, model.pricing, undefined);
}

function withOptional(model: CatalogModel, pricing: ModelPricing | undefined, deprecated: string | undefined): CatalogModel {
  if (pricing) model.pricing = pricing;
  if (deprecated) model.deprecated = deprecated;
  return model;
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
