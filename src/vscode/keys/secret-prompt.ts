// The key box of Add Key: a password box that also says, at the moment the user is about to make or
// paste a key, how to make one with the fewest rights BYOK needs (preset data), with a button that
// opens the provider's guide. The box stays open while the guide is read (ignoreFocusOut).
import * as vscode from 'vscode';
import { validateSecretFor } from '../../core/keys/key-metadata';
import type { ProviderPreset } from '../../core/providers/presets';

export const LEAST_PRIVILEGE_TOOLTIP = 'How to make a key with the fewest rights';

export function secretPromptText(preset: ProviderPreset): string {
  const base = preset.keyOptional
    ? `API key (optional for ${preset.label})`
    : `Your ${preset.label} API key${preset.keyUrl ? ` (from ${preset.keyUrl})` : ''}`;
  return preset.leastPrivilege ? `${base}. Fewest rights: ${preset.leastPrivilege.line}` : base;
}

/** Resolves to the typed key, or undefined when the user cancels. */
export function askSecret(preset: ProviderPreset, title: string): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = title;
  box.password = true;
  box.ignoreFocusOut = true;
  box.prompt = secretPromptText(preset);
  box.placeholder = preset.keyHint ?? 'API key';
  const guide = preset.leastPrivilege;
  if (guide) box.buttons = [{ iconPath: new vscode.ThemeIcon('shield'), tooltip: LEAST_PRIVILEGE_TOOLTIP }];
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | undefined): void => {
      if (done) return;
      done = true;
      resolve(value);
      box.dispose();
    };
    box.onDidChangeValue((v) => { box.validationMessage = validateSecretFor(preset, v); });
    box.onDidTriggerButton(() => { if (guide) void vscode.env.openExternal(vscode.Uri.parse(guide.url)); });
    box.onDidAccept(() => {
      const problem = validateSecretFor(preset, box.value);
      if (problem) { box.validationMessage = problem; return; }
      finish(box.value);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
