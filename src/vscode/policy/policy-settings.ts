// The organization's settings: which models and providers may be used, and the label over BYOK's models.
// They are read from user/application values only (the settings are "scope": "application" in package.json,
// and we ignore any workspace value ourselves as well), so a repository's .vscode/settings.json can never
// loosen them or relabel them.
import * as vscode from 'vscode';
import { parsePolicy, policyRefusal, providerEnabled, type ModelPolicy } from '../../core/catalog/policy';
import { hostRefusal, parseHostPolicy, type HostPolicy } from '../../core/usage/host-policy';
import type { PolicyRefusal } from '../../core/routing/chat-router';

/** The policy settings, plus any setting the usage/governance features add. */
export const POLICY_SETTINGS = [
  'byok.allowedModels', 'byok.enabledProviders', 'byok.organizationLabel', 'byok.allowCustomHosts', 'byok.allowedHosts',
  'byok.pricing', 'byok.budget.monthlyUsd', 'byok.budget.action', 'byok.budget.perKey',
] as const;

const DEFAULT_ORGANIZATION_LABEL = 'Bring Your Own Key';

/** The default this extension's manifest declares for a setting. */
function declaredDefault(section: string): unknown {
  const manifest = vscode.extensions.getExtension('byok.byok')?.packageJSON as { contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } } } | undefined;
  return manifest?.contributes?.configuration?.properties?.[section]?.default;
}

/**
 * An enterprise policy value (Group Policy, a macOS profile, /etc/vscode/policy.json), if one is set. The
 * extension host reports it as the setting's `defaultValue` (policy ?? default), not apart: a default
 * that differs from the one our manifest declares is the administrator's.
 */
function policyValue(section: string, inspected: { defaultValue?: unknown } | undefined): unknown {
  const value = inspected?.defaultValue;
  if (value === undefined) return undefined;
  return JSON.stringify(value) === JSON.stringify(declaredDefault(section)) ? undefined : value;
}

function inspect(section: string): { defaultValue?: unknown; globalValue?: unknown } | undefined {
  const dot = section.lastIndexOf('.');
  return vscode.workspace.getConfiguration(section.slice(0, dot)).inspect<unknown>(section.slice(dot + 1));
}

/**
 * A setting's value from an enterprise policy, else the user (or application) level, never from a workspace
 * or folder. A policy wins over the user's own value, as it does in VS Code's settings.
 */
export function userValue(section: string): unknown {
  const inspected = inspect(section);
  const policy = policyValue(section, inspected);
  if (policy !== undefined) return policy;
  return inspected?.globalValue !== undefined ? inspected.globalValue : inspected?.defaultValue;
}

export function readPolicy(): ModelPolicy {
  return parsePolicy({ allowedModels: userValue('byok.allowedModels'), enabledProviders: userValue('byok.enabledProviders') });
}

export function readHostPolicy(): HostPolicy {
  return parseHostPolicy({ allowCustomHosts: userValue('byok.allowCustomHosts'), allowedHosts: userValue('byok.allowedHosts') });
}

/** Where a policy setting's value comes from, for Manage Keys: never a workspace (ignored by design). */
export function settingSource(section: string): 'organization policy' | 'user settings' | 'default' {
  const inspected = inspect(section);
  if (policyValue(section, inspected) !== undefined) return 'organization policy';
  return inspected?.globalValue !== undefined ? 'user settings' : 'default';
}

export function organizationLabel(): string {
  const value = userValue('byok.organizationLabel');
  return (typeof value === 'string' ? value.trim() : '') || DEFAULT_ORGANIZATION_LABEL;
}

/** The checks the ChatRouter asks for, read fresh each time so a settings change applies to the next request. */
export const routerPolicy = {
  refusal: (presetId: string, modelId: string): PolicyRefusal | undefined => policyRefusal(`${presetId}/${modelId}`, readPolicy()),
  providerEnabled: (presetId: string): boolean => providerEnabled(presetId, readPolicy()),
  hostRefusal: (presetId: string, baseUrl: string): PolicyRefusal | undefined => hostRefusal(presetId, baseUrl, readHostPolicy()),
};

export function affectsPolicy(e: vscode.ConfigurationChangeEvent): boolean {
  return POLICY_SETTINGS.some((s) => e.affectsConfiguration(s));
}

/**
 * Tells the user once about policy settings BYOK cannot read (a bad pattern, a value of the wrong type).
 * The same problems are not shown again on every settings change, only when they change.
 */
export class PolicyProblemReporter implements vscode.Disposable {
  private lastReported = '';
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => { if (affectsPolicy(e)) this.report(); });
    // The first check is the App's to schedule (right after the command that loaded it has run).
  }

  report(): void {
    const problems = [...readPolicy().problems, ...readHostPolicy().problems];
    const text = problems.join(' ');
    if (text === this.lastReported) return;
    this.lastReported = text;
    if (!text) return;
    this.log.warn(`Model policy: ${text}`);
    void vscode.window.showWarningMessage(`BYOK model policy: ${text}`, 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', 'byok.allowedModels'));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
