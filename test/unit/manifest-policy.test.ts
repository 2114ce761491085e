// The manifest's half of "a repository cannot loosen the organization's policy": VS Code itself ignores
// workspace values of application-scoped settings, and of restricted settings in untrusted workspaces.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] }; virtualWorkspaces?: unknown };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as Manifest;
const settings = manifest.contributes.configuration.properties;

describe('manifest: policy settings', () => {
  it('policy settings are application-scoped, so no workspace or folder can set them', () => {
    for (const name of ['byok.allowedModels', 'byok.enabledProviders', 'byok.organizationLabel']) {
      assert.equal(settings[name]?.scope, 'application', name);
    }
  });

  it('an untrusted workspace cannot choose which model (and so which provider) receives prompts', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    for (const name of ['byok.chat.model', 'byok.inline.model']) assert.ok(untrusted?.restrictedConfigurations?.includes(name), name);
    assert.notEqual(manifest.capabilities?.virtualWorkspaces, undefined, 'virtual workspaces are declared');
  });
});
