// Builds the openai SDK client for a connection. One client per adapter; the SDK loads lazily.
import type * as OpenAISdk from 'openai';
import { ProviderError } from '../../errors';
import { DEFAULT_AZURE_API_VERSION, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../defaults';
import { authHeaders, headerAllowList, STAINLESS_HEADERS } from '../header-allow-list';
import { pinnedFetch } from '../pinned-fetch';
import { SDK_HEADER_ENV, withoutEnv } from '../sdk-env';
import type { ProviderPreset } from '../presets';
import type { Connection } from '../types';
import { policyFetch } from './policy-fetch';

export type OpenAIModule = typeof OpenAISdk;

export interface LoadedClient {
  sdk: OpenAIModule;
  client: OpenAISdk.OpenAI;
}

/** Stand-in key for servers that take none: the SDK refuses to start without one. It is never sent. */
const KEYLESS_PLACEHOLDER = 'ollama';

/** Ollama's own API (/api/tags, /api/show) lives at the root; its OpenAI-compatible one under /v1. */
export function ollamaRoot(baseUrl: string): string {
  return baseUrl.replace(/\/v1$/, '');
}

/** Azure takes the resource endpoint; the SDK appends /openai itself. */
export function azureRoot(baseUrl: string): string {
  return baseUrl.replace(/\/openai(\/v1)?$/, '');
}

/** Where the chat API is for this preset. */
export function apiBaseUrl(connection: Connection, preset: ProviderPreset): string {
  if (preset.ollamaApi) return `${ollamaRoot(connection.baseUrl)}/v1`;
  if (preset.family === 'azure') return `${azureRoot(connection.baseUrl)}/openai`;
  return connection.baseUrl;
}

export async function loadClient(connection: Connection, preset: ProviderPreset): Promise<LoadedClient> {
  const sdk = await import('openai');
  // ProviderError.provider is always the preset id; the UI looks the label up.
  const provider = preset.id;
  const fetch = policyFetch(pinnedFetch(connection.baseUrl, provider, headerAllowList(preset, connection, STAINLESS_HEADERS), connection.fetch ?? globalThis.fetch));
  const keyless = !connection.apiKey;
  const common = {
    baseURL: apiBaseUrl(connection, preset),
    fetch,
    maxRetries: connection.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeout: connection.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // Explicit nulls so OPENAI_ORG_ID / OPENAI_PROJECT_ID from the user's shell are not sent to other hosts.
    organization: null,
    project: null,
    webhookSecret: null,
    // Failures reach the caller as ProviderErrors; the SDK's console output would only duplicate them.
    logLevel: 'off' as const,
    defaultHeaders: {
      ...preset.headers,
      ...connection.headers,
      // A keyless server gets no Authorization header at all, not the placeholder. (The SDK never sees
      // OPENAI_CUSTOM_HEADERS: see withoutEnv.)
      ...(keyless ? { Authorization: null, 'api-key': null } : authHeaders(preset, connection.apiKey)),
    },
  };
  if (preset.family === 'azure') {
    if (keyless) throw new ProviderError({ kind: 'auth', provider, message: 'Azure OpenAI needs the resource key' });
    const client = withoutEnv(SDK_HEADER_ENV, () => new sdk.AzureOpenAI({
      ...common,
      apiKey: connection.apiKey,
      apiVersion: connection.azure?.apiVersion || DEFAULT_AZURE_API_VERSION,
    }));
    return { sdk, client };
  }
  // Headers from OPENAI_CUSTOM_HEADERS would reach every host, under any name (see sdk-env.ts).
  const client = withoutEnv(SDK_HEADER_ENV, () => new sdk.OpenAI({ ...common, apiKey: keyless ? KEYLESS_PLACEHOLDER : connection.apiKey }));
  return { sdk, client };
}
