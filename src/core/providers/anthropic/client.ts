// Builds the Anthropic SDK client for one connection. The SDK is loaded on first use only.
import type Anthropic from '@anthropic-ai/sdk';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../defaults';
import { headerAllowList, STAINLESS_HEADERS } from '../header-allow-list';
import { pinnedFetch } from '../pinned-fetch';
import { SDK_HEADER_ENV, withoutEnv } from '../sdk-env';
import type { ProviderPreset } from '../presets';
import type { Connection } from '../types';

/** What the SDK needs beyond the common ones: the API version and opt-in betas. */
const SDK_HEADERS = [...STAINLESS_HEADERS, 'anthropic-version', 'anthropic-beta'];

/**
 * The SDK appends /v1/messages itself; users often paste a compatible host with /v1 at the end
 * (as for OpenAI), which would make it /v1/v1/messages.
 */
export function sdkBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

export async function createAnthropicClient(connection: Connection, preset: ProviderPreset, provider: string): Promise<Anthropic> {
  const { Anthropic: Client } = await import('@anthropic-ai/sdk');
  // Headers from ANTHROPIC_CUSTOM_HEADERS would reach every host, under any name (see sdk-env.ts).
  return withoutEnv(SDK_HEADER_ENV, () => new Client({
    // An explicit key also stops the SDK from reading ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN or a
    // credentials profile from the environment.
    apiKey: connection.apiKey,
    baseURL: sdkBaseUrl(connection.baseUrl),
    fetch: pinnedFetch(connection.baseUrl, provider, headerAllowList(preset, connection, SDK_HEADERS), connection.fetch),
    // The SDK retries 408/409/429/5xx and connection errors before the response starts, honoring
    // retry-after(-ms); its timeout covers the wait for response headers, not the whole stream.
    maxRetries: connection.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeout: connection.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // SDK 1.x sends the key as `Authorization: Bearer`. The documented header, and the one
    // Anthropic-compatible hosts implement, is x-api-key (the preset's auth style): send only that.
    defaultHeaders: { ...preset.headers, ...connection.headers, 'x-api-key': connection.apiKey, Authorization: null },
    // Errors reach the caller as ProviderErrors; the SDK's own console logging would only duplicate them.
    logLevel: 'off',
  }));
}
