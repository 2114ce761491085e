// The curated model table: facts a provider's model listing does not say (prices, limits, capabilities).
//
// HOW TO UPDATE (do this when a provider SDK is bumped, and at least every three months):
//  1. Existence: compare with the SDKs' own model lists —
//       OpenAI     node_modules/openai/resources/shared.d.ts            `ChatModel`
//                  node_modules/gpt-tokenizer/src/model/*.ts            (context_window, max_output_tokens, modalities)
//       Anthropic  node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts  `Model`
//                  node_modules/@anthropic-ai/sdk/src/internal/data/deprecated-models.ts  (end-of-life dates)
//       Gemini     node_modules/@google/genai/dist/genai.d.ts             `Model_2`
//  2. Prices come from the provider's own pricing page, in USD per million tokens. If you cannot confirm a
//     price, leave `pricing` out: the product then says "price unknown", which is better than a wrong number.
//     (gpt-tokenizer's `price_data` is NOT a source: it lists gpt-4.1 at $10/$30, which is wrong.)
//  3. Leave out any other fact you cannot confirm as well. A missing limit or capability is taken from the
//     provider's live listing (Anthropic and Gemini report limits) or from the safe defaults in merge.ts.
//  4. Bump LAST_REVIEWED and run the catalog tests (they check the table's invariants).
//
// Matching: merge.ts finds an entry by exact id, then by the id without a snapshot suffix
// ('gpt-4.1-2025-04-14' -> 'gpt-4.1', 'claude-sonnet-4-5-20250929' -> 'claude-sonnet-4-5', 'gemini-2.0-flash-001'),
// then (Bedrock, OpenRouter) in the table of the vendor that made the model. So list the *base* ids here.
import type { ModelPricing } from '../providers/types';

/** The day this table was last checked against the SDKs and the providers' pricing pages. */
export const LAST_REVIEWED = '2026-11-23';

/** One row of the table. Every fact but id and name is optional: leave out what you cannot confirm. */
export interface CuratedModel {
  id: string;
  name: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  vision?: boolean;
  toolCalling?: boolean;
  reasoning?: boolean;
  /** USD per million tokens, standard (non-batch) tier. Omit when not confirmed. */
  pricing?: ModelPricing;
  /** Retirement date (YYYY-MM-DD) the provider announced; the UI warns before it and hides the model after. */
  deprecated?: string;
  /** Other ids the provider serves this model under (besides dated snapshots, which match automatically). */
  aliases?: string[];
}

/** Facts every model of a provider shares, used for models the table does not know. See merge.ts. */
export interface ProviderDefaults {
  contextWindow?: number;
  maxOutputTokens?: number;
  vision?: boolean;
  toolCalling?: boolean;
}

// Shorthands keep the rows on one line each; the numbers are USD per million tokens.
const price = (inputPerMTok: number, outputPerMTok: number, cachedInputPerMTok?: number, cacheWritePerMTok?: number): ModelPricing => ({
  inputPerMTok,
  outputPerMTok,
  ...(cachedInputPerMTok === undefined ? {} : { cachedInputPerMTok }),
  ...(cacheWritePerMTok === undefined ? {} : { cacheWritePerMTok }),
});
// Anthropic prices cache reads at 0.1x and 5-minute cache writes at 1.25x the input price.
const claudePrice = (input: number, output: number): ModelPricing => price(input, output, input / 10, input * 1.25);

/** Reasoning models of OpenAI's GPT-5 line: vision, tools, reasoning. */
const gpt5 = { vision: true, toolCalling: true, reasoning: true } as const;
/** Chat (non-reasoning) snapshots used in ChatGPT. */
const gptChat = { contextWindow: 128_000, maxOutputTokens: 16_384, vision: true, toolCalling: true, reasoning: false } as const;
/** Every Claude model since Claude 3 reads images and calls tools; since 3.7 they think. */
const claude = { vision: true, toolCalling: true, reasoning: true } as const;

export const CURATED: Readonly<Record<string, readonly CuratedModel[]>> = {
  // Limits and capabilities: gpt-tokenizer's scraped OpenAI model specs. Prices: platform.openai.com/pricing.
  openai: [
    { id: 'gpt-5.6-sol', name: 'GPT-5.6 Sol', contextWindow: 1_050_000, maxOutputTokens: 128_000, ...gpt5 },
    { id: 'gpt-5.6-terra', name: 'GPT-5.6 Terra', contextWindow: 1_050_000, maxOutputTokens: 128_000, ...gpt5 },
    { id: 'gpt-5.6-luna', name: 'GPT-5.6 Luna', contextWindow: 1_050_000, maxOutputTokens: 128_000, ...gpt5 },
    { id: 'gpt-5.5', name: 'GPT-5.5', contextWindow: 1_050_000, maxOutputTokens: 128_000, ...gpt5 },
    { id: 'gpt-5.4', name: 'GPT-5.4', contextWindow: 1_050_000, maxOutputTokens: 128_000, ...gpt5 },
    { id: 'gpt-5.4-mini', name: 'GPT-5.4 mini', contextWindow: 400_000, maxOutputTokens: 128_000, ...gpt5 },
    { id: 'gpt-5.4-nano', name: 'GPT-5.4 nano', contextWindow: 400_000, maxOutputTokens: 128_000, ...gpt5 },
    { id: 'gpt-5.3-chat-latest', name: 'GPT-5.3 Chat', ...gptChat },
    { id: 'gpt-5.2', name: 'GPT-5.2', contextWindow: 400_000, maxOutputTokens: 128_000, ...gpt5, pricing: price(1.75, 14, 0.175) },
    { id: 'gpt-5.2-pro', name: 'GPT-5.2 pro', contextWindow: 400_000, maxOutputTokens: 128_000, ...gpt5 },
    { id: 'gpt-5.2-chat-latest', name: 'GPT-5.2 Chat', ...gptChat },
    { id: 'gpt-5.1', name: 'GPT-5.1', contextWindow: 400_000, maxOutputTokens: 128_000, ...gpt5, pricing: price(1.25, 10, 0.125) },
    { id: 'gpt-5.1-codex', name: 'GPT-5.1 Codex', contextWindow: 400_000, maxOutputTokens: 128_000, ...gpt5, pricing: price(1.25, 10, 0.125) },
    { id: 'gpt-5.1-mini', name: 'GPT-5.1 mini', ...gpt5 },
    { id: 'gpt-5.1-chat-latest', name: 'GPT-5.1 Chat', ...gptChat, pricing: price(1.25, 10, 0.125) },
    { id: 'gpt-5', name: 'GPT-5', contextWindow: 400_000, maxOutputTokens: 128_000, ...gpt5, pricing: price(1.25, 10, 0.125) },
    { id: 'gpt-5-mini', name: 'GPT-5 mini', contextWindow: 400_000, maxOutputTokens: 128_000, ...gpt5, pricing: price(0.25, 2, 0.025) },
    { id: 'gpt-5-nano', name: 'GPT-5 nano', contextWindow: 400_000, maxOutputTokens: 128_000, ...gpt5, pricing: price(0.05, 0.4, 0.005) },
    { id: 'gpt-5-chat-latest', name: 'GPT-5 Chat', ...gptChat, pricing: price(1.25, 10, 0.125) },
    { id: 'gpt-4.1', name: 'GPT-4.1', contextWindow: 1_047_576, maxOutputTokens: 32_768, vision: true, toolCalling: true, reasoning: false, pricing: price(2, 8, 0.5) },
    { id: 'gpt-4.1-mini', name: 'GPT-4.1 mini', contextWindow: 1_047_576, maxOutputTokens: 32_768, vision: true, toolCalling: true, reasoning: false, pricing: price(0.4, 1.6, 0.1) },
    { id: 'gpt-4.1-nano', name: 'GPT-4.1 nano', contextWindow: 1_047_576, maxOutputTokens: 32_768, vision: true, toolCalling: true, reasoning: false, pricing: price(0.1, 0.4, 0.025) },
    { id: 'gpt-4o', name: 'GPT-4o', contextWindow: 128_000, maxOutputTokens: 16_384, vision: true, toolCalling: true, reasoning: false, pricing: price(2.5, 10, 1.25) },
    { id: 'gpt-4o-mini', name: 'GPT-4o mini', contextWindow: 128_000, maxOutputTokens: 16_384, vision: true, toolCalling: true, reasoning: false, pricing: price(0.15, 0.6, 0.075) },
    { id: 'o4-mini', name: 'o4-mini', contextWindow: 200_000, maxOutputTokens: 100_000, vision: true, toolCalling: true, reasoning: true, pricing: price(1.1, 4.4, 0.275) },
    { id: 'o3', name: 'o3', contextWindow: 200_000, maxOutputTokens: 100_000, vision: true, toolCalling: true, reasoning: true, pricing: price(2, 8, 0.5) },
    { id: 'o3-mini', name: 'o3-mini', contextWindow: 200_000, maxOutputTokens: 100_000, vision: false, toolCalling: true, reasoning: true, pricing: price(1.1, 4.4, 0.55) },
    { id: 'o1', name: 'o1', contextWindow: 200_000, maxOutputTokens: 100_000, vision: true, toolCalling: true, reasoning: true, pricing: price(15, 60, 7.5) },
    // Chat models that take no tools (their model pages say "Function calling: not supported"): without these rows
    // the provider default would make them claim tool calling in VS Code's Language Model API.
    { id: 'o1-mini', name: 'o1-mini', contextWindow: 128_000, maxOutputTokens: 65_536, vision: false, toolCalling: false, reasoning: true },
    { id: 'chatgpt-4o-latest', name: 'ChatGPT-4o', contextWindow: 128_000, maxOutputTokens: 16_384, vision: true, toolCalling: false, reasoning: false },
    { id: 'gpt-4o-search-preview', name: 'GPT-4o Search (preview)', contextWindow: 128_000, maxOutputTokens: 16_384, vision: false, toolCalling: false, reasoning: false },
    { id: 'gpt-4o-mini-search-preview', name: 'GPT-4o mini Search (preview)', contextWindow: 128_000, maxOutputTokens: 16_384, vision: false, toolCalling: false, reasoning: false },
    { id: 'codex-mini-latest', name: 'Codex mini', contextWindow: 200_000, maxOutputTokens: 100_000, vision: true, toolCalling: true, reasoning: true },
    { id: 'gpt-4-turbo', name: 'GPT-4 Turbo', contextWindow: 128_000, maxOutputTokens: 4_096, vision: true, toolCalling: true, reasoning: false, pricing: price(10, 30) },
    { id: 'gpt-4', name: 'GPT-4', contextWindow: 8_192, maxOutputTokens: 8_192, vision: false, toolCalling: true, reasoning: false, pricing: price(30, 60) },
    { id: 'gpt-3.5-turbo', name: 'GPT-3.5 Turbo', contextWindow: 16_385, maxOutputTokens: 4_096, vision: false, toolCalling: true, reasoning: false, pricing: price(0.5, 1.5) },
  ],

  // Existence and end-of-life dates: the SDK's `Model` union and deprecated-models.ts. Newer lines (5.x, fable,
  // mythos) have no confirmed limits or prices here: Anthropic's /v1/models reports max_input_tokens and max_tokens.
  anthropic: [
    { id: 'claude-opus-5-5', name: 'Claude Opus 5.5', ...claude },
    { id: 'claude-sonnet-5-5', name: 'Claude Sonnet 5.5', ...claude },
    { id: 'claude-haiku-5-5', name: 'Claude Haiku 5.5', ...claude },
    { id: 'claude-fable-5-2', name: 'Claude Fable 5.2', ...claude },
    { id: 'claude-mythos-5-2', name: 'Claude Mythos 5.2', ...claude },
    { id: 'claude-fable-5-1', name: 'Claude Fable 5.1', ...claude },
    { id: 'claude-mythos-5-1', name: 'Claude Mythos 5.1', ...claude },
    { id: 'claude-opus-5', name: 'Claude Opus 5', ...claude },
    { id: 'claude-sonnet-5', name: 'Claude Sonnet 5', ...claude },
    { id: 'claude-fable-5', name: 'Claude Fable 5', ...claude },
    { id: 'claude-mythos-5', name: 'Claude Mythos 5', ...claude },
    { id: 'claude-opus-4-8', name: 'Claude Opus 4.8', ...claude },
    { id: 'claude-opus-4-7', name: 'Claude Opus 4.7', ...claude },
    { id: 'claude-opus-4-6', name: 'Claude Opus 4.6', ...claude },
    { id: 'claude-sonnet-4-6', name: 'Claude Sonnet 4.6', ...claude },
    { id: 'claude-mythos-preview', name: 'Claude Mythos (preview)', ...claude, deprecated: '2026-06-30' },
    { id: 'claude-opus-4-5', name: 'Claude Opus 4.5', contextWindow: 200_000, maxOutputTokens: 64_000, ...claude, pricing: claudePrice(5, 25) },
    { id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', contextWindow: 200_000, maxOutputTokens: 64_000, ...claude, pricing: claudePrice(3, 15), deprecated: '2026-11-30' },
    { id: 'claude-haiku-4-5', name: 'Claude Haiku 4.5', contextWindow: 200_000, maxOutputTokens: 64_000, ...claude, pricing: claudePrice(1, 5) },
  ],

  // Existence: the SDK's `Model_2` union. Gemini's models.list reports inputTokenLimit/outputTokenLimit, so only
  // the models with confirmed facts carry limits. Prices are the <=200K-token prompt tier; longer prompts on
  // 2.5 Pro cost more ($2.50/$15), which one flat price cannot say. Cached input is left to the input price.
  gemini: [
    { id: 'gemini-4-argon', name: 'Gemini 4 Argon', vision: true, toolCalling: true },
    { id: 'gemini-3.8-flash', name: 'Gemini 3.8 Flash', vision: true, toolCalling: true },
    { id: 'gemini-3.7-flash', name: 'Gemini 3.7 Flash', vision: true, toolCalling: true },
    { id: 'gemini-3.6-flash', name: 'Gemini 3.6 Flash', vision: true, toolCalling: true },
    { id: 'gemini-3.5-flash', name: 'Gemini 3.5 Flash', vision: true, toolCalling: true },
    { id: 'gemini-3.5-flash-lite', name: 'Gemini 3.5 Flash-Lite', vision: true, toolCalling: true },
    { id: 'gemini-3.1-pro-preview', name: 'Gemini 3.1 Pro (preview)', vision: true, toolCalling: true, reasoning: true },
    { id: 'gemini-3.1-flash-lite', name: 'Gemini 3.1 Flash-Lite', vision: true, toolCalling: true },
    { id: 'gemini-3-flash-preview', name: 'Gemini 3 Flash (preview)', contextWindow: 1_048_576, maxOutputTokens: 65_536, vision: true, toolCalling: true, reasoning: true },
    { id: 'gemini-pro-latest', name: 'Gemini Pro (latest)', vision: true, toolCalling: true, reasoning: true },
    { id: 'gemini-flash-latest', name: 'Gemini Flash (latest)', vision: true, toolCalling: true },
    { id: 'gemini-flash-lite-latest', name: 'Gemini Flash-Lite (latest)', vision: true, toolCalling: true },
    { id: 'gemini-2.5-pro', name: 'Gemini 2.5 Pro', contextWindow: 1_048_576, maxOutputTokens: 65_536, vision: true, toolCalling: true, reasoning: true, pricing: price(1.25, 10) },
    { id: 'gemini-2.5-flash', name: 'Gemini 2.5 Flash', contextWindow: 1_048_576, maxOutputTokens: 65_536, vision: true, toolCalling: true, reasoning: true, pricing: price(0.3, 2.5) },
    { id: 'gemini-2.5-flash-lite', name: 'Gemini 2.5 Flash-Lite', contextWindow: 1_048_576, maxOutputTokens: 65_536, vision: true, toolCalling: true, reasoning: true, pricing: price(0.1, 0.4) },
  ],

  // Bedrock's own models. Claude on Bedrock ('us.anthropic.claude-...-v1:0') is matched to the anthropic rows
  // for limits and capabilities but never for price: Bedrock prices vary by region and endpoint type
  // (in-region, geo or global profile), so Bedrock prices stay unknown rather than guessed.
  // Ids are the ones that can be invoked when ListFoundationModels is not allowed (curated fallback).
  bedrock: [
    { id: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', name: 'Claude Sonnet 4.5 (global)', deprecated: '2026-11-30' },
    { id: 'global.anthropic.claude-haiku-4-5-20251001-v1:0', name: 'Claude Haiku 4.5 (global)' },
    { id: 'global.anthropic.claude-opus-4-5-20251101-v1:0', name: 'Claude Opus 4.5 (global)' },
    { id: 'amazon.nova-pro-v1:0', name: 'Amazon Nova Pro', contextWindow: 300_000, maxOutputTokens: 5_000, vision: true, toolCalling: true, reasoning: false },
    { id: 'amazon.nova-lite-v1:0', name: 'Amazon Nova Lite', contextWindow: 300_000, maxOutputTokens: 5_000, vision: true, toolCalling: true, reasoning: false },
    { id: 'amazon.nova-micro-v1:0', name: 'Amazon Nova Micro', contextWindow: 128_000, maxOutputTokens: 5_000, vision: false, toolCalling: true, reasoning: false },
  ],

  // DeepSeek V3.2 prices (cache hit $0.028, miss $0.28, output $0.42), same for both modes.
  deepseek: [
    { id: 'deepseek-chat', name: 'DeepSeek Chat', contextWindow: 128_000, maxOutputTokens: 8_192, vision: false, toolCalling: true, reasoning: false, pricing: price(0.28, 0.42, 0.028) },
    { id: 'deepseek-reasoner', name: 'DeepSeek Reasoner', contextWindow: 128_000, maxOutputTokens: 65_536, vision: false, reasoning: true, pricing: price(0.28, 0.42, 0.028) },
  ],

  // Mistral's /v1/models reports max_context_length and capabilities; the rows only name the well-known aliases.
  mistral: [
    { id: 'mistral-large-latest', name: 'Mistral Large', toolCalling: true },
    { id: 'mistral-medium-latest', name: 'Mistral Medium', toolCalling: true },
    { id: 'mistral-small-latest', name: 'Mistral Small', toolCalling: true },
    { id: 'codestral-latest', name: 'Codestral', contextWindow: 256_000, vision: false, toolCalling: true, reasoning: false },
  ],

  xai: [
    { id: 'grok-4', name: 'Grok 4', contextWindow: 256_000, vision: true, toolCalling: true, reasoning: true, pricing: price(3, 15, 0.75) },
    { id: 'grok-4-fast-reasoning', name: 'Grok 4 Fast (reasoning)', contextWindow: 2_000_000, vision: true, toolCalling: true, reasoning: true, pricing: price(0.2, 0.5, 0.05) },
    { id: 'grok-4-fast-non-reasoning', name: 'Grok 4 Fast', contextWindow: 2_000_000, vision: true, toolCalling: true, reasoning: false, pricing: price(0.2, 0.5, 0.05) },
    { id: 'grok-code-fast-1', name: 'Grok Code Fast 1', contextWindow: 256_000, vision: false, toolCalling: true, reasoning: true, pricing: price(0.2, 1.5, 0.02) },
    { id: 'grok-3', name: 'Grok 3', contextWindow: 131_072, vision: false, toolCalling: true, reasoning: false, pricing: price(3, 15) },
    { id: 'grok-3-mini', name: 'Grok 3 mini', contextWindow: 131_072, vision: false, toolCalling: true, reasoning: true, pricing: price(0.3, 0.5) },
  ],

  groq: [
    { id: 'llama-3.3-70b-versatile', name: 'Llama 3.3 70B', contextWindow: 131_072, maxOutputTokens: 32_768, vision: false, toolCalling: true, reasoning: false, pricing: price(0.59, 0.79) },
    { id: 'llama-3.1-8b-instant', name: 'Llama 3.1 8B Instant', contextWindow: 131_072, maxOutputTokens: 131_072, vision: false, toolCalling: true, reasoning: false, pricing: price(0.05, 0.08) },
    { id: 'openai/gpt-oss-120b', name: 'GPT-OSS 120B', contextWindow: 131_072, maxOutputTokens: 65_536, vision: false, toolCalling: true, reasoning: true, pricing: price(0.15, 0.75) },
    { id: 'openai/gpt-oss-20b', name: 'GPT-OSS 20B', contextWindow: 131_072, maxOutputTokens: 65_536, vision: false, toolCalling: true, reasoning: true },
    { id: 'qwen/qwen3-32b', name: 'Qwen3 32B', contextWindow: 131_072, maxOutputTokens: 40_960, vision: false, toolCalling: true, reasoning: true },
  ],

  // OpenRouter ids are '<vendor>/<model>': merge.ts looks them up in the vendor's rows above. OpenRouter's
  // listing carries its own prices, which win; without them the vendor's price is used (OpenRouter passes
  // the provider's price through).
  openrouter: [],

  // DashScope prices are tiered by prompt length, so no flat price is given.
  qwen: [
    { id: 'qwen3-max', name: 'Qwen3 Max', vision: false, toolCalling: true },
    { id: 'qwen-plus', name: 'Qwen Plus', vision: false, toolCalling: true },
    { id: 'qwen-flash', name: 'Qwen Flash', vision: false, toolCalling: true },
    { id: 'qwen-turbo', name: 'Qwen Turbo', vision: false, toolCalling: true },
    { id: 'qwen3-coder-plus', name: 'Qwen3 Coder Plus', vision: false, toolCalling: true, reasoning: false },
    { id: 'qwen3-coder-flash', name: 'Qwen3 Coder Flash', vision: false, toolCalling: true, reasoning: false },
    { id: 'qwen-vl-max', name: 'Qwen VL Max', vision: true },
  ],

  zai: [
    { id: 'glm-4.6', name: 'GLM-4.6', contextWindow: 200_000, maxOutputTokens: 128_000, vision: false, toolCalling: true, reasoning: true, pricing: price(0.6, 2.2, 0.11) },
    { id: 'glm-4.5', name: 'GLM-4.5', contextWindow: 128_000, maxOutputTokens: 96_000, vision: false, toolCalling: true, reasoning: true, pricing: price(0.6, 2.2, 0.11) },
    { id: 'glm-4.5-air', name: 'GLM-4.5-Air', contextWindow: 128_000, maxOutputTokens: 96_000, vision: false, toolCalling: true, reasoning: true, pricing: price(0.2, 1.1, 0.03) },
    { id: 'glm-4.5v', name: 'GLM-4.5V', contextWindow: 64_000, vision: true, toolCalling: true, reasoning: true },
  ],

  minimax: [
    { id: 'MiniMax-M2', name: 'MiniMax M2', contextWindow: 200_000, vision: false, toolCalling: true, reasoning: true, pricing: price(0.3, 1.2) },
    { id: 'MiniMax-M2.1', name: 'MiniMax M2.1', contextWindow: 200_000, vision: false, toolCalling: true, reasoning: true },
  ],
};

/**
 * Facts shared by all of a provider's models, for models this table does not know (see merge.ts for the
 * general safe defaults). Only families where every current chat model has at least this much.
 */
export const PROVIDER_DEFAULTS: Readonly<Record<string, ProviderDefaults>> = {
  // Every OpenAI chat model since gpt-4-turbo has >= 128K context and calls tools (gpt-4/3.5 are in the table).
  openai: { contextWindow: 128_000, toolCalling: true },
  azure: { toolCalling: true },
  // Every Claude since Claude 3: 200K context, images, tools.
  anthropic: { contextWindow: 200_000, vision: true, toolCalling: true },
  bedrock: {},
  // Gemini 1.5 and later: >= 1M context, but Gemma models on the same API have 32K, so no context here.
  gemini: { toolCalling: true },
};

/** Which vendor table a Bedrock or OpenRouter model id's vendor part points to. */
export const VENDOR_TABLE: Readonly<Record<string, string>> = {
  'openai': 'openai',
  'anthropic': 'anthropic',
  'google': 'gemini',
  'deepseek': 'deepseek',
  'mistralai': 'mistral',
  'x-ai': 'xai',
  'qwen': 'qwen',
  'z-ai': 'zai',
  'minimax': 'minimax',
};
