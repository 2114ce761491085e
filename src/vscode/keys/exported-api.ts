// What the extension exports. Any installed extension can read another's exports
// (vscode.extensions.getExtension('byok.byok').exports), so outside the test host there are none:
// nothing to reach the app, its keys or its router through.
import * as vscode from 'vscode';

export function apiFor<T>(mode: vscode.ExtensionMode, api: T): T | undefined {
  return mode === vscode.ExtensionMode.Test ? api : undefined;
}
