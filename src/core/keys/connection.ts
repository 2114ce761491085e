// From saved metadata and its secret to the Connection an adapter gets. Pure, so the unit tier can build
// exactly what the extension builds.
import { parseAccessKeyPair } from '../providers/bedrock/credentials';
import { findPreset } from '../providers/presets';
import type { Connection } from '../providers/types';
import type { KeyMetadata } from './key-metadata';

export function toConnection(meta: Pick<KeyMetadata, 'presetId' | 'baseUrl' | 'azure' | 'bedrock'>, secret: string): Connection {
  const preset = findPreset(meta.presetId);
  // Only a Bedrock key can be an access key pair; elsewhere the secret goes as it is.
  const pair = preset?.family === 'bedrock' ? parseAccessKeyPair(secret) : undefined;
  return {
    presetId: meta.presetId,
    baseUrl: meta.baseUrl,
    apiKey: pair ? '' : secret,
    ...(meta.azure ? { azure: meta.azure } : {}),
    ...(meta.bedrock || pair ? { bedrock: { region: meta.bedrock?.region ?? 'us-east-1', ...(pair ?? {}) } } : {}),
    ...(preset?.headers ? { headers: preset.headers } : {}),
  };
}
