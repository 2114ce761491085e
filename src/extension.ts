// Composition root and bootstrap. Activation only registers contributions; the app (zod, the core,
// feature services) is required on first use, and provider SDKs later still, when a request needs one.
import * as vscode from 'vscode';
import type { App } from './vscode/app';

export interface ByokApi {
  /** How long activate() took, in ms (reported by the host tests). */
  readonly activationMs: number;
  /** Loads the app (tests use it to reach services without the UI). */
  app(): Promise<App>;
}

export function activate(context: vscode.ExtensionContext): ByokApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('BYOK', { log: true });
  const { version = '0.0.0' } = context.extension.packageJSON as { version?: string };

  let loading: Promise<App> | undefined;
  const app = (): Promise<App> => (loading ??= import('./vscode/app').then((m) => {
    const t = performance.now();
    const instance = m.createApp({ context, log, version });
    context.subscriptions.push(instance);
    log.info(`BYOK services ready in ${(performance.now() - t).toFixed(1)} ms`);
    return instance;
  }));

  context.subscriptions.push(
    log,
    vscode.window.registerWebviewViewProvider('byok.chatView', {
      resolveWebviewView: async (view) => (await app()).chatView.resolveWebviewView(view),
    }),
    vscode.commands.registerCommand('byok.openChat', () => vscode.commands.executeCommand('byok.chatView.focus')),
  );

  const activationMs = performance.now() - started;
  log.info(`BYOK ${version} activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, app };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
