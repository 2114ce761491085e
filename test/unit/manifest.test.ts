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

describe('files the manifest points at', () => {
  // .vscodeignore is an allow-list: a picture the manifest names but the list leaves out is missing from the VSIX
  // (the walkthrough's SVGs were, until this test).
  const allowed = readFileSync(join(process.cwd(), '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim());
  const shipped = (path: string): boolean => allowed.some((glob) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(path));
  const raw = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
    icon: string;
    contributes: { walkthroughs: { steps: { media: { svg?: string; image?: string } }[] }[]; viewsContainers: { activitybar: { icon: string }[] } };
  };

  it('every picture the manifest names is shipped in the VSIX', () => {
    const paths = [
      raw.icon,
      ...raw.contributes.viewsContainers.activitybar.map((c) => c.icon),
      ...raw.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.svg ?? s.media.image ?? '')),
    ].map((p) => p.replace(/^\.\//, ''));
    assert.ok(paths.length >= 7);
    assert.deepEqual(paths.filter((p) => !shipped(p)), []);
  });
});
