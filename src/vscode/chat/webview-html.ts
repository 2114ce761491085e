// The chat webview's document for VS Code: a fresh nonce and the built assets from dist/webview.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewDocument } from '../../core/webview-document';

export function chatWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  return webviewDocument({ cspSource: webview.cspSource, nonce: randomBytes(18).toString('base64'), styles: [asset('main.css')], scripts: [asset('main.js')] });
}
