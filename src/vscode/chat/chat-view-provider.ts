// Hosts the sidebar chat webview. The webview is untrusted: every message is validated before use,
// and nothing is posted to it until it says it is ready (its listener exists).
import * as vscode from 'vscode';
import { parseWebviewMessage, type HostMessage } from '../../core/protocol';
import { chatWebviewHtml } from './webview-html';

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'byok.chatView';
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly version: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')],
    };
    view.webview.html = chatWebviewHtml(view.webview, this.extensionUri);
    this.disposables.push(view.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
  }

  private onMessage(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the chat view: ${parsed.error}`);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        this.post({ type: 'init', version: this.version, hasKeys: false });
        return;
      case 'runCommand':
        void vscode.commands.executeCommand(message.command);
        return;
    }
  }

  private post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
