// The real application, loaded on first use by the bootstrap in src/extension.ts. Everything heavy
// (zod, the provider core, feature services) lives behind this module so activation stays instant.
import type * as vscode from 'vscode';
import { ChatViewProvider } from './chat/chat-view-provider';

export interface AppContext {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  version: string;
}

export class App implements vscode.Disposable {
  readonly chatView: ChatViewProvider;

  constructor(readonly ctx: AppContext) {
    this.chatView = new ChatViewProvider(ctx.context.extensionUri, ctx.version, ctx.log);
  }

  dispose(): void {
    this.chatView.dispose();
  }
}

export function createApp(ctx: AppContext): App {
  return new App(ctx);
}
