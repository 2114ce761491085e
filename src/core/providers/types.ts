// The provider-neutral contract. Every adapter speaks it; nothing above the adapters knows a wire format.
import type { ProviderError } from '../errors';

/** A piece of a message. Images travel as base64 so a conversation can move between providers. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; mimeType: string; dataBase64: string };

export interface ToolCall {
  id: string;
  name: string;
  /** Raw JSON text of the arguments, exactly as the model produced it. */
  argumentsJson: string;
}

export type ChatMessage =
  | { role: 'user'; content: ContentPart[] }
  | { role: 'assistant'; content: ContentPart[]; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; toolName: string; content: string; isError?: boolean; images?: ImagePart[] };

/** An image a message or a tool result carries. */
export type ImagePart = Extract<ContentPart, { type: 'image' }>;

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  inputSchema: Record<string, unknown>;
}

export interface ChatRequest {
  /** The provider's own model id (for Azure: the deployment name). */
  model: string;
  system?: string;
  messages: ChatMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  tools?: ToolDefinition[];
  toolChoice?: 'auto' | 'required';
  /** Ask a thinking model to show its reasoning (budget in tokens where the provider takes one). */
  reasoning?: { budgetTokens?: number };
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens). */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (Anthropic prices them apart). */
  cacheWriteInputTokens?: number;
  /** Of cacheWriteInputTokens, those written with a 1-hour lifetime (Anthropic bills them higher than 5-minute writes). */
  cacheWrite1hInputTokens?: number;
  /** Output tokens spent on reasoning (a subset of outputTokens). */
  reasoningTokens?: number;
  /** What the provider itself says the request cost, in USD (OpenRouter's `usage.cost`). */
  providerCostUsd?: number;
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error';

export type StreamPart =
  | { type: 'text'; delta: string }
  | { type: 'reasoning'; delta: string }
  | { type: 'tool-call'; call: ToolCall }
  | { type: 'usage'; usage: Usage }
  /** The provider's id for this request (x-request-id, request-id, x-amzn-requestid, a generation id), to find it in its dashboard. */
  | { type: 'request-id'; id: string }
  | { type: 'finish'; reason: FinishReason; usage?: Usage };

export interface ModelPricing {
  /** US dollars per million tokens. */
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number;
  cacheWritePerMTok?: number;
  /** 1-hour cache writes (Anthropic: twice the input price); 5-minute price when absent. */
  cacheWrite1hPerMTok?: number;
  /** Prices that replace the above when a request's input is longer than `aboveInputTokens` (Gemini 2.5 Pro, Claude's 1M context). */
  tiers?: PricingTier[];
}

export interface PricingTier {
  aboveInputTokens: number;
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number;
  cacheWritePerMTok?: number;
  cacheWrite1hPerMTok?: number;
}

export interface ModelInfo {
  /** The id sent to the provider. */
  id: string;
  /** A human name. */
  name: string;
  contextWindow: number;
  maxOutputTokens: number;
  vision: boolean;
  toolCalling: boolean;
  reasoning: boolean;
  pricing?: ModelPricing;
  /** Where the facts came from: the provider's listing, our curated table, or both. */
  source: 'live' | 'curated' | 'live+curated';
}

export type KeyCheck = { ok: true; modelCount: number } | { ok: false; error: ProviderError };

export type AuthStyle = 'bearer' | 'x-api-key' | 'api-key' | 'x-goog-api-key' | 'aws' | 'none';
export type ProviderFamily = 'openai' | 'openai-compatible' | 'anthropic' | 'gemini' | 'azure' | 'bedrock';

/** Everything needed to reach one provider account. Built from a saved key; the key never leaves it. */
export interface Connection {
  presetId: string;
  /** Normalized base URL (no trailing slash). The key is only ever sent to this origin. */
  baseUrl: string;
  /** Empty for providers that take no key (Ollama, LM Studio). */
  apiKey: string;
  azure?: { apiVersion: string; deployments: string[] };
  bedrock?: { region: string; accessKeyId?: string; secretAccessKey?: string; sessionToken?: string };
  /** Extra headers a preset needs (e.g. OpenRouter attribution). Never carries the key. */
  headers?: Record<string, string>;
  /** Test hook and proxy support: the fetch the SDKs use. Defaults to globalThis.fetch. */
  fetch?: typeof fetch;
  /** SDK-level retries before the first token (429/5xx). Default DEFAULT_MAX_RETRIES (defaults.ts). */
  maxRetries?: number;
  /** Per-request timeout in ms before the first byte. Default DEFAULT_TIMEOUT_MS (defaults.ts). */
  timeoutMs?: number;
}

/**
 * A native fill-in-the-middle endpoint (see presets.ts `fim`). Which one a model takes is decided from
 * data before the request (the preset, Ollama's capabilities, a remembered probe), never by trying at request time.
 */
export type FimRoute = 'mistral-fim' | 'deepseek-beta' | 'openai-completions' | 'ollama-generate' | 'llamacpp-infill' | 'dashscope-completions';

/** One fill-in-the-middle request: the model writes what goes between `prefix` and `suffix`. */
export interface FimRequest {
  route: FimRoute;
  /** The provider's own model id. */
  model: string;
  prefix: string;
  suffix: string;
  maxOutputTokens: number;
  temperature: number;
  /** Strings that end the completion (e.g. a newline for a single-line suggestion). */
  stop?: string[];
}

export interface ProviderAdapter {
  readonly presetId: string;
  listModels(signal: AbortSignal): Promise<ModelInfo[]>;
  checkKey(signal: AbortSignal): Promise<KeyCheck>;
  /** Streams one answer. Throws ProviderError (never anything else); an abort throws kind 'aborted'. */
  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
  /** Native fill-in-the-middle, for families that have such endpoints. Same error rules as stream. */
  fim?(request: FimRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
  /** Whether this model answers on that FIM route (Ollama: /api/show lists `insert`; others: one tiny request). */
  probeFim?(route: FimRoute, model: string, signal: AbortSignal): Promise<boolean>;
}
