// The status bar entry: the current chat model; click to pick another. Created at activation from
// settings alone (cheap); the app feeds it details (key, host, usage, failures) once loaded.
import * as vscode from 'vscode';

export interface StatusDetails {
  label: string;
  tooltip: vscode.MarkdownString;
  failing: boolean;
}

export class ModelStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('byok.model', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'BYOK Model';
    this.item.command = 'byok.selectModel';
    // As ModelSelection reads it: an untrusted workspace's value is not shown (nor used).
    const inspected = vscode.workspace.getConfiguration('byok').inspect<string>('chat.model');
    const value = vscode.workspace.isTrusted ? vscode.workspace.getConfiguration('byok').get<string>('chat.model', '') : inspected?.globalValue ?? '';
    const ref = typeof value === 'string' ? value : '';
    this.show({ label: ref ? ref.slice(ref.indexOf('/') + 1) : 'Select Model', tooltip: new vscode.MarkdownString('BYOK: click to choose a model'), failing: false });
  }

  show(details: StatusDetails): void {
    this.item.text = `${details.failing ? '$(warning)' : '$(key)'} ${details.label}`;
    this.item.tooltip = details.tooltip;
    this.item.backgroundColor = details.failing ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `BYOK model: ${details.label}${details.failing ? ', its key failed the last check' : ''}`, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
