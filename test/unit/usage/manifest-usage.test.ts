// The manifest's half of the organization controls: the new policy settings cannot be set by a workspace,
// declare an enterprise policy name, and the usage commands exist.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Setting { scope?: string; policy?: { name?: string; minimumVersion?: string }; default?: unknown }
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { commands: { command: string }[]; configuration: { properties: Record<string, Setting> } } };
const settings = manifest.contributes.configuration.properties;

describe('usage/manifest', () => {
  it('organization, pricing and budget settings are application-scoped', () => {
    for (const name of ['byok.allowCustomHosts', 'byok.allowedHosts', 'byok.pricing', 'byok.budget.monthlyUsd', 'byok.budget.action', 'byok.budget.perKey']) {
      assert.equal(settings[name]?.scope, 'application', name);
    }
  });

  it('the policy settings declare an enterprise policy (unique names, a minimum version)', () => {
    const names = ['byok.allowedModels', 'byok.enabledProviders', 'byok.allowCustomHosts', 'byok.allowedHosts', 'byok.budget.monthlyUsd', 'byok.budget.action'].map((n) => {
      const p = settings[n]?.policy;
      assert.ok(p?.name && /^Byok[A-Za-z]+$/.test(p.name) && p.minimumVersion, n);
      return p.name;
    });
    assert.equal(new Set(names).size, names.length);
  });

  it('contributes Show Usage, Show Request Log and Export Usage', () => {
    const ids = manifest.contributes.commands.map((c) => c.command);
    for (const id of ['byok.showUsage', 'byok.showRequestLog', 'byok.exportUsage']) assert.ok(ids.includes(id), id);
  });
});
