// package.json is the extension's manifest: what it offers users must match what the code knows.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { presetIds } from '../../src/core/providers/presets';

interface Manifest {
  contributes: { configuration: { properties: Record<string, { items?: { enum?: string[] } }> } };
}

// Tests run from the repository root (npm scripts), where package.json is.
const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as Manifest;

describe('extension manifest', () => {
  it('byok.enabledProviders offers exactly the provider ids the code knows, in the same order', () => {
    const offered = manifest.contributes.configuration.properties['byok.enabledProviders']?.items?.enum;
    assert.deepEqual(offered, presetIds());
  });
});
