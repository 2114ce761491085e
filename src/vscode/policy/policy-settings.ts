// The organization's settings: which models and providers may be used, and the label over BYOK's models.
// They are read from user/application values only (the settings are "scope": "application" in package.json,
// and we ignore any workspace value ourselves as well), so a repository's .vscode/settings.json can never
// loosen them or relabel them.
import * as vscode from 'vscode';
import { parsePolicy, policyRefusal, providerEnabled, type ModelPolicy } from '../../core/catalog/policy';
import type { PolicyRefusal } from '../../core/routing/chat-router';

/** The policy settings, plus any setting the usage/governance features add. */
export const POLICY_SETTINGS = ['byok.allowedModels', 'byok.enabledProviders', 'byok.organizationLabel'] as const;

const DEFAULT_ORGANIZATION_LABEL = 'Bring Your Own Key';

/** A setting's value from the user (or application/policy) level, never from a workspace or folder. */
export function userValue(section: string): unknown {
  const dot = section.lastIndexOf('.');
  const inspected = vscode.workspace.getConfiguration(section.slice(0, dot)).inspect<unknown>(section.slice(dot + 1));
  return inspected?.globalValue !== undefined ? inspected.globalValue : inspected?.defaultValue;
}

export function readPolicy(): ModelPolicy {
  return parsePolicy({ allowedModels: userValue('byok.allowedModels'), enabledProviders: userValue('byok.enabledProviders') });
}

export function organizationLabel(): string {
  const value = userValue('byok.organizationLabel');
  return (typeof value === 'string' ? value.trim() : '') || DEFAULT_ORGANIZATION_LABEL;
}

/** The checks the ChatRouter asks for, read fresh each time so a settings change applies to the next request. */
export const routerPolicy = {
  refusal: (presetId: string, modelId: string): PolicyRefusal | undefined => policyRefusal(`${presetId}/${modelId}`, readPolicy()),
  providerEnabled: (presetId: string): boolean => providerEnabled(presetId, readPolicy()),
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
    this.report();
  }

  report(): void {
    const { problems } = readPolicy();
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
