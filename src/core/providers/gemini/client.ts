// Builds the Google GenAI SDK client for one connection. The SDK is loaded on first use only.
import type { GoogleGenAI } from '@google/genai';
import type { ProviderPreset } from '../presets';
import type { Connection } from '../types';
import { geminiFetch } from './http';

export const DEFAULT_API_VERSION = 'v1beta';

/** The SDK adds the API version itself; a host pasted with /v1beta (or /v1) at the end keeps that version. */
export function splitBaseUrl(baseUrl: string): { baseUrl: string; apiVersion: string } {
  const trimmed = baseUrl.replace(/\/+$/, '');
  const m = /^(.*)\/(v\d+(?:alpha|beta)?\d*)$/.exec(trimmed);
  return m ? { baseUrl: m[1]!, apiVersion: m[2]! } : { baseUrl: trimmed, apiVersion: DEFAULT_API_VERSION };
}

export async function createGeminiClient(connection: Connection, preset: ProviderPreset, provider: string, secrets: readonly string[]): Promise<GoogleGenAI> {
  const { GoogleGenAI: Client } = await import('@google/genai');
  const { baseUrl, apiVersion } = splitBaseUrl(connection.baseUrl);
  return new Client({
    // Explicit, so GOOGLE_GENAI_USE_VERTEXAI / GOOGLE_API_KEY in the environment change nothing.
    vertexai: false,
    apiKey: connection.apiKey, // sent as x-goog-api-key, never in the URL
    apiVersion,
    httpOptions: {
      baseUrl,
      apiVersion,
      ...(preset.headers || connection.headers ? { headers: { ...preset.headers, ...connection.headers } } : {}),
      // No httpOptions.timeout: the SDK's timeout keeps running while the body streams and would cut
      // long answers; our fetch times out the response headers only. No retryOptions either: the
      // adapter retries with openWithRetry, which honors Retry-After.
      fetch: geminiFetch(connection, preset, provider, secrets),
    },
  });
}
