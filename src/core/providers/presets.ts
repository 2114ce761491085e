// Every provider BYOK knows, as data. Compatible providers are rows here, not new adapters, and what
// differs between hosts of one family is a field here (as the Vercel AI SDK's provider settings do),
// never an `if (preset.id === …)` in an adapter (lint-enforced in eslint.config.mjs).
import type { AuthStyle, FimRoute, ProviderFamily } from './types';

/**
 * Which native fill-in-the-middle endpoint a host's models take (inline completions). Models outside
 * `models` (globs over the model id), and every host without this field, use the chat fill-in prompt.
 * - decide 'fixed': the route is known from the provider (Codestral FIM, DeepSeek beta);
 * - decide 'capability': Ollama's /api/show must list `insert` (its template has `.Suffix`);
 * - decide 'probe': the routes are tried once per key and model, in order, and the answer is remembered
 *   (a custom host may be vLLM, llama.cpp or LM Studio: only the host knows).
 */
export interface FimSupport {
  routes: FimRoute[];
  decide: 'fixed' | 'capability' | 'probe';
  models?: string[];
  /** A short name for the status bar ("Codestral FIM"). */
  label: string;
}

/**
 * How a request asks an OpenAI-compatible host to think (the field names differ by host):
 * - 'reasoning-effort': OpenAI's `reasoning_effort` for its reasoning models (o-series, gpt-5);
 * - 'openrouter': `reasoning: { max_tokens | enabled }`;
 * - 'enable-thinking': DashScope's `enable_thinking` and `thinking_budget`;
 * - 'thinking-type': Z.ai's `thinking: { type: 'enabled' }`.
 */
export type ReasoningStyle = 'reasoning-effort' | 'openrouter' | 'enable-thinking' | 'thinking-type';

/**
 * A host that serves other vendors' models, whose curated facts are in the vendor's table:
 * - 'bedrock': 'us.anthropic.claude-…-v1:0' (inference-profile prefix, vendor, model, version);
 * - 'vendor-slash': 'anthropic/claude-sonnet-4.5:thinking' (OpenRouter);
 * - 'same-as-vendor': the id is the vendor's own (Azure deployments named after the model), `vendor` names the table.
 * `vendorPrice`: whether the vendor's price applies (OpenRouter passes it through; Bedrock and Azure
 * prices vary by region and deployment type).
 */
export type HostedModels =
  | { ids: 'bedrock'; vendorPrice: boolean }
  | { ids: 'vendor-slash'; vendorPrice: boolean }
  | { ids: 'same-as-vendor'; vendor: string; vendorPrice: boolean };

export interface ProviderPreset {
  id: string;
  label: string;
  family: ProviderFamily;
  /** Default host; empty when the user must give one (Azure, custom hosts). */
  defaultBaseUrl: string;
  /** Other well-known hosts offered in the host prompt (regional or plan-specific endpoints). */
  alternateBaseUrls?: { url: string; label: string }[];
  auth: AuthStyle;
  /** Local servers (Ollama, LM Studio) take no key. */
  keyOptional?: boolean;
  /** Hint shown in the key prompt. */
  keyHint?: string;
  /** Extra headers sent with every request (never the key). */
  headers?: Record<string, string>;
  /** Ollama exposes /api/show with the real context size. */
  ollamaApi?: boolean;
  /** Documentation of where to get a key. */
  keyUrl?: string;
  /** How to make a key with the fewest rights BYOK needs (one line shown while the key is typed, and a guide). */
  leastPrivilege?: { line: string; url: string };
  /** The host can hand a key over through an OAuth PKCE browser sign-in (BYOK: Sign in with OpenRouter). */
  browserSignIn?: boolean;
  /** How a request asks for reasoning; absent: the host has no such switch (reasoning is not asked for). */
  reasoning?: ReasoningStyle;
  /** The host takes Anthropic's automatic prompt caching (`cache_control` on the request). */
  promptCaching?: boolean;
  /** The host may report its prices at /model/info (a LiteLLM proxy or a gateway like it): asked after each listing, skipped when it does not answer. */
  gatewayModelInfo?: boolean;
  /** The host may serve the chat API without a model listing: a 404 there is "no listing", not an error. */
  listingOptional?: boolean;
  /** The host serves other vendors' models under ids that point at the vendor's curated row. */
  hostedModels?: HostedModels;
  /** Native fill-in-the-middle for inline completions; absent: the chat fill-in prompt. */
  fim?: FimSupport;
  /** Host patterns that belong to the provider beyond its default host (per-resource or per-region hosts), for byok.allowCustomHosts. */
  hostPatterns?: string[];
  /** The streamed response id is the provider's own lookup id (OpenRouter's generation id); else the request-id header is. */
  responseIdIsRequestId?: boolean;
}

export const PRESETS: readonly ProviderPreset[] = [
  { id: 'openai', label: 'OpenAI', family: 'openai', defaultBaseUrl: 'https://api.openai.com/v1', auth: 'bearer', keyHint: 'sk-…', keyUrl: 'https://platform.openai.com/api-keys', reasoning: 'reasoning-effort', leastPrivilege: { line: 'a Restricted key in a project of its own: Models Read, Model capabilities Write, everything else None.', url: 'https://help.openai.com/en/articles/8867743-assign-api-key-permissions' } },
  { id: 'anthropic', label: 'Anthropic', family: 'anthropic', defaultBaseUrl: 'https://api.anthropic.com', auth: 'x-api-key', keyHint: 'sk-ant-…', keyUrl: 'https://console.anthropic.com/settings/keys', promptCaching: true, leastPrivilege: { line: 'a key in a workspace of its own, with a spend limit on that workspace.', url: 'https://docs.anthropic.com/en/docs/build-with-claude/workspaces' } },
  { id: 'gemini', label: 'Google Gemini', family: 'gemini', defaultBaseUrl: 'https://generativelanguage.googleapis.com', auth: 'x-goog-api-key', keyHint: 'AIza…', keyUrl: 'https://aistudio.google.com/apikey', leastPrivilege: { line: 'restrict the key to the Generative Language API (Google Cloud console: Credentials, API restrictions).', url: 'https://cloud.google.com/docs/authentication/api-keys#adding-api-restrictions' } },
  { id: 'azure', label: 'Azure OpenAI', family: 'azure', defaultBaseUrl: '', auth: 'api-key', keyHint: 'Azure resource key', reasoning: 'reasoning-effort', hostedModels: { ids: 'same-as-vendor', vendor: 'openai', vendorPrice: false }, hostPatterns: ['*.openai.azure.com', '*.cognitiveservices.azure.com', '*.services.ai.azure.com'], leastPrivilege: { line: 'a resource (or project) used only for BYOK: its key reaches every deployment on it.', url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/role-based-access-control' } },
  { id: 'bedrock', label: 'AWS Bedrock', family: 'bedrock', defaultBaseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com', auth: 'aws', keyHint: 'Bedrock API key, or ACCESS_KEY_ID:SECRET_ACCESS_KEY', hostedModels: { ids: 'bedrock', vendorPrice: false }, hostPatterns: ['bedrock-runtime.*.amazonaws.com', 'bedrock-runtime-fips.*.amazonaws.com'], leastPrivilege: { line: 'an IAM user or role allowed only bedrock:InvokeModel, InvokeModelWithResponseStream, ListFoundationModels and ListInferenceProfiles (the README has the policy).', url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html' } },
  { id: 'openrouter', label: 'OpenRouter', family: 'openai-compatible', defaultBaseUrl: 'https://openrouter.ai/api/v1', auth: 'bearer', keyHint: 'sk-or-…', headers: { 'HTTP-Referer': 'https://github.com/byok/byok-vscode', 'X-Title': 'BYOK for VS Code' }, keyUrl: 'https://openrouter.ai/keys', reasoning: 'openrouter', hostedModels: { ids: 'vendor-slash', vendorPrice: true }, responseIdIsRequestId: true, leastPrivilege: { line: 'a key of its own with a credit limit (Settings, API Keys, Credit limit).', url: 'https://openrouter.ai/docs/api-reference/api-keys/create-api-key' }, browserSignIn: true },
  { id: 'deepseek', label: 'DeepSeek', family: 'openai-compatible', defaultBaseUrl: 'https://api.deepseek.com', auth: 'bearer', keyHint: 'sk-…', fim: { routes: ['deepseek-beta'], decide: 'fixed', models: ['deepseek-chat', 'deepseek-coder*', 'deepseek-v3*'], label: 'DeepSeek FIM' } },
  { id: 'qwen', label: 'Qwen (DashScope)', family: 'openai-compatible', defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', alternateBaseUrls: [{ url: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', label: 'International (Singapore)' }], auth: 'bearer', keyHint: 'sk-…', reasoning: 'enable-thinking', fim: { routes: ['dashscope-completions'], decide: 'fixed', models: ['qwen*coder*'], label: 'Qwen coder FIM' } },
  { id: 'minimax', label: 'MiniMax', family: 'openai-compatible', defaultBaseUrl: 'https://api.minimax.io/v1', auth: 'bearer' },
  { id: 'zai', label: 'Z.ai (GLM)', family: 'openai-compatible', defaultBaseUrl: 'https://api.z.ai/api/paas/v4', alternateBaseUrls: [{ url: 'https://api.z.ai/api/coding/paas/v4', label: 'GLM Coding Plan' }], auth: 'bearer', reasoning: 'thinking-type' },
  { id: 'mistral', label: 'Mistral', family: 'openai-compatible', defaultBaseUrl: 'https://api.mistral.ai/v1', auth: 'bearer', fim: { routes: ['mistral-fim'], decide: 'fixed', models: ['codestral*'], label: 'Codestral FIM' }, leastPrivilege: { line: 'a key of its own in a workspace with a spend limit.', url: 'https://docs.mistral.ai/getting-started/quickstart/' } },
  { id: 'xai', label: 'xAI (Grok)', family: 'openai-compatible', defaultBaseUrl: 'https://api.x.ai/v1', auth: 'bearer', keyHint: 'xai-…', leastPrivilege: { line: 'a key whose ACL allows only the chat and models endpoints, for the models you use.', url: 'https://docs.x.ai/docs/key-information/using-management-api' } },
  { id: 'groq', label: 'Groq', family: 'openai-compatible', defaultBaseUrl: 'https://api.groq.com/openai/v1', auth: 'bearer', keyHint: 'gsk_…' },
  { id: 'ollama', label: 'Ollama', family: 'openai-compatible', defaultBaseUrl: 'http://localhost:11434', auth: 'none', keyOptional: true, ollamaApi: true, fim: { routes: ['ollama-generate'], decide: 'capability', label: 'Ollama FIM' } },
  { id: 'lmstudio', label: 'LM Studio', family: 'openai-compatible', defaultBaseUrl: 'http://localhost:1234/v1', auth: 'none', keyOptional: true, fim: { routes: ['openai-completions'], decide: 'probe', label: 'completions FIM' } },
  { id: 'openai-compatible', label: 'Custom OpenAI-compatible host', family: 'openai-compatible', defaultBaseUrl: '', auth: 'bearer', keyOptional: true, gatewayModelInfo: true, fim: { routes: ['llamacpp-infill', 'openai-completions'], decide: 'probe', label: 'FIM' } },
  { id: 'anthropic-compatible', label: 'Custom Anthropic-compatible host', family: 'anthropic', defaultBaseUrl: '', auth: 'x-api-key', listingOptional: true },
];

const BY_ID = new Map(PRESETS.map((p) => [p.id, p]));

export function findPreset(id: string): ProviderPreset | undefined {
  return BY_ID.get(id);
}

export function presetIds(): string[] {
  return PRESETS.map((p) => p.id);
}
