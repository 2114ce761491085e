// Every provider BYOK knows, as data. Compatible providers are rows here, not new adapters.
import type { AuthStyle, ProviderFamily } from './types';

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
}

export const PRESETS: readonly ProviderPreset[] = [
  { id: 'openai', label: 'OpenAI', family: 'openai', defaultBaseUrl: 'https://api.openai.com/v1', auth: 'bearer', keyHint: 'sk-…', keyUrl: 'https://platform.openai.com/api-keys' },
  { id: 'anthropic', label: 'Anthropic', family: 'anthropic', defaultBaseUrl: 'https://api.anthropic.com', auth: 'x-api-key', keyHint: 'sk-ant-…', keyUrl: 'https://console.anthropic.com/settings/keys' },
  { id: 'gemini', label: 'Google Gemini', family: 'gemini', defaultBaseUrl: 'https://generativelanguage.googleapis.com', auth: 'x-goog-api-key', keyHint: 'AIza…', keyUrl: 'https://aistudio.google.com/apikey' },
  { id: 'azure', label: 'Azure OpenAI', family: 'azure', defaultBaseUrl: '', auth: 'api-key', keyHint: 'Azure resource key' },
  { id: 'bedrock', label: 'AWS Bedrock', family: 'bedrock', defaultBaseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com', auth: 'aws', keyHint: 'Bedrock API key, or ACCESS_KEY_ID:SECRET_ACCESS_KEY' },
  { id: 'openrouter', label: 'OpenRouter', family: 'openai-compatible', defaultBaseUrl: 'https://openrouter.ai/api/v1', auth: 'bearer', keyHint: 'sk-or-…', headers: { 'HTTP-Referer': 'https://github.com/byok/byok-vscode', 'X-Title': 'BYOK for VS Code' }, keyUrl: 'https://openrouter.ai/keys' },
  { id: 'deepseek', label: 'DeepSeek', family: 'openai-compatible', defaultBaseUrl: 'https://api.deepseek.com', auth: 'bearer', keyHint: 'sk-…' },
  { id: 'qwen', label: 'Qwen (DashScope)', family: 'openai-compatible', defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', alternateBaseUrls: [{ url: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', label: 'International (Singapore)' }], auth: 'bearer', keyHint: 'sk-…' },
  { id: 'minimax', label: 'MiniMax', family: 'openai-compatible', defaultBaseUrl: 'https://api.minimax.io/v1', auth: 'bearer' },
  { id: 'zai', label: 'Z.ai (GLM)', family: 'openai-compatible', defaultBaseUrl: 'https://api.z.ai/api/paas/v4', alternateBaseUrls: [{ url: 'https://api.z.ai/api/coding/paas/v4', label: 'GLM Coding Plan' }], auth: 'bearer' },
  { id: 'mistral', label: 'Mistral', family: 'openai-compatible', defaultBaseUrl: 'https://api.mistral.ai/v1', auth: 'bearer' },
  { id: 'xai', label: 'xAI (Grok)', family: 'openai-compatible', defaultBaseUrl: 'https://api.x.ai/v1', auth: 'bearer', keyHint: 'xai-…' },
  { id: 'groq', label: 'Groq', family: 'openai-compatible', defaultBaseUrl: 'https://api.groq.com/openai/v1', auth: 'bearer', keyHint: 'gsk_…' },
  { id: 'ollama', label: 'Ollama', family: 'openai-compatible', defaultBaseUrl: 'http://localhost:11434', auth: 'none', keyOptional: true, ollamaApi: true },
  { id: 'lmstudio', label: 'LM Studio', family: 'openai-compatible', defaultBaseUrl: 'http://localhost:1234/v1', auth: 'none', keyOptional: true },
  { id: 'openai-compatible', label: 'Custom OpenAI-compatible host', family: 'openai-compatible', defaultBaseUrl: '', auth: 'bearer', keyOptional: true },
  { id: 'anthropic-compatible', label: 'Custom Anthropic-compatible host', family: 'anthropic', defaultBaseUrl: '', auth: 'x-api-key' },
];

const BY_ID = new Map(PRESETS.map((p) => [p.id, p]));

export function findPreset(id: string): ProviderPreset | undefined {
  return BY_ID.get(id);
}

export function presetIds(): string[] {
  return PRESETS.map((p) => p.id);
}
