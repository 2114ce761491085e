// The headers a request may carry. The openai and Anthropic SDKs add whatever the user's shell names in
// OPENAI_CUSTOM_HEADERS / ANTHROPIC_CUSTOM_HEADERS to every request, whatever the host; a gateway token
// meant for one host would reach every provider. pinnedFetch drops any header not on this list, so a
// request carries only what the SDK needs for its API and what the preset or the user configured.
// The list knows names only: the values under allowed names are kept clean by building the SDK clients
// without those variables (sdk-env.ts).
import type { ProviderPreset } from './presets';
import type { AuthStyle, Connection } from './types';

/** What every SDK sets on its own: the body's type, what it accepts, who it is. */
const COMMON = ['accept', 'content-type', 'user-agent'];

/**
 * The Stainless-generated SDKs (openai, Anthropic) describe themselves and their retries in these; they
 * hold nothing of the user's. An unlisted future one is dropped, which the APIs do not mind.
 */
export const STAINLESS_HEADERS: readonly string[] = [
  'x-stainless-arch', 'x-stainless-lang', 'x-stainless-os', 'x-stainless-package-version', 'x-stainless-runtime',
  'x-stainless-runtime-version', 'x-stainless-retry-count', 'x-stainless-timeout', 'x-stainless-helper',
  'x-stainless-helper-method', 'idempotency-key',
];

/** The one header that carries the key, per auth style (sent only when there is a key). */
export const AUTH_HEADER: Readonly<Record<AuthStyle, string>> = {
  'bearer': 'authorization',
  'x-api-key': 'x-api-key',
  'api-key': 'api-key',
  'x-goog-api-key': 'x-goog-api-key',
  'aws': 'authorization',
  // A local server takes no key by default; one given anyway (LM Studio's optional token) goes as Bearer.
  'none': 'authorization',
};

/**
 * Lower-cased names allowed on requests for this connection: the SDK's own (`sdkHeaders`), the auth
 * header of the preset's style (only when there is a key to send), and the preset's and user's headers.
 */
export function headerAllowList(preset: ProviderPreset, connection: Connection, sdkHeaders: readonly string[]): ReadonlySet<string> {
  const auth = connection.apiKey ? AUTH_HEADER[preset.auth] : undefined;
  return new Set([
    ...COMMON,
    ...sdkHeaders,
    ...(auth ? [auth] : []),
    ...Object.keys(preset.headers ?? {}),
    ...Object.keys(connection.headers ?? {}),
  ].map((h) => h.toLowerCase()));
}

/** The key as its preset's auth style sends it, so a same-named header from the environment cannot replace it. */
export function authHeaders(preset: ProviderPreset, apiKey: string): Record<string, string> {
  const name = apiKey ? AUTH_HEADER[preset.auth] : undefined;
  if (!name) return {};
  return { [name]: name === 'authorization' ? `Bearer ${apiKey}` : apiKey };
}
