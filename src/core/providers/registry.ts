// Builds the adapter for a connection. Adapter modules are small; each loads its SDK on first use.
import { ProviderError } from '../errors';
import { connectionSecrets, withRedaction } from '../keys/redacting-adapter';
import { createAnthropicAdapter } from './anthropic/adapter';
import { createBedrockAdapter } from './bedrock/adapter';
import { createGeminiAdapter } from './gemini/adapter';
import { createOpenAIAdapter } from './openai/adapter';
import { findPreset } from './presets';
import type { Connection, ProviderAdapter } from './types';

/** Every adapter comes out of here wrapped so that no error it produces carries its key (see redacting-adapter.ts). */
export function createAdapter(connection: Connection): ProviderAdapter {
  return withRedaction(buildAdapter(connection), connectionSecrets(connection));
}

function buildAdapter(connection: Connection): ProviderAdapter {
  const preset = findPreset(connection.presetId);
  if (!preset) throw new ProviderError({ kind: 'bad-request', provider: connection.presetId, message: `Unknown provider "${connection.presetId}"` });
  switch (preset.family) {
    case 'openai':
    case 'openai-compatible':
    case 'azure':
      return createOpenAIAdapter(connection, preset);
    case 'anthropic':
      return createAnthropicAdapter(connection, preset);
    case 'gemini':
      return createGeminiAdapter(connection, preset);
    case 'bedrock':
      return createBedrockAdapter(connection, preset);
  }
}
