// Composition root and bootstrap. Activation only registers contributions; the app (zod, the core,
// feature services) is required on first use, and provider SDKs later still, when a request needs one.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { hasFreshCache, loadWithCodeCache, moduleErrors, prebuildInWorker, type CachedLoad, type CodeCacheOutcome, type PrebuildResult } from './core/code-cache';
import { INLINE_SCHEMES } from './core/inline/gates';
import type { App } from './vscode/app';
import type * as AppModule from './vscode/app';
import { DiagnosticActions } from './vscode/edit/diagnostic-actions';
import { apiFor } from './vscode/keys/exported-api';
import { ModelStatusBar } from './vscode/status/status-bar';

export interface ByokApi {
  /** How long activate() took, in ms (reported by the host tests). */
  readonly activationMs: number;
  /** Loads the app (host tests use it to reach services without the UI). Exported only in ExtensionMode.Test. */
  app(): Promise<App>;
  /** The handler VS Code calls with byok.byok links (OAuth callbacks): host tests hand callbacks to it as VS Code does. */
  readonly uriHandler?: vscode.UriHandler;
  /** The first use: from the first call that needed the app to its services being ready (host tests print it). */
  firstUse?(): FirstUse | undefined;
  /** The V8 code cache of dist/app.js: where it lives, what the worker's pre-build did (and its promise), and whether this window's first use wrote it. */
  codeCache?(): { dir: string | undefined; prebuilt?: Prebuilt; prebuilding?: Promise<void>; saved?: { written: boolean; error?: string } };
}

/** What the pre-build of the code cache (in a worker thread, right after activation) did, and whether the app had been loaded by then. */
export interface Prebuilt extends PrebuildResult {
  ms: number;
  appLoaded: boolean;
}

export interface FirstUse {
  /** When the first use began (performance.now() in the extension host). */
  at: number;
  requireMs: number;
  createMs: number;
  totalMs: number;
  /** Whether dist/app.js loaded from the V8 code cache ('used'; 'prebuilt' when it was built while the window was idle) or was compiled ('none'). */
  cache: CodeCacheOutcome;
  /** The services created with the app (the others are created on first access). */
  services: string[];
}

/** The code cache is written this long after the first use, off its path and once the first command's code has compiled. */
const CODE_CACHE_DELAY_MS = 3_000;

export function activate(context: vscode.ExtensionContext): ByokApi | undefined {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('BYOK', { log: true });
  const { version = '0.0.0' } = context.extension.packageJSON as { version?: string };
  const statusBar = new ModelStatusBar();
  const inlineOn = (): boolean => vscode.workspace.getConfiguration('byok.inlineCompletions').get('enabled') === true;
  const hasKeys = (): boolean => (context.globalState.get<unknown[]>('byok.keys') ?? []).length > 0;
  const lmChanged = new vscode.EventEmitter<void>();
  let lmWired = false;

  let loading: Promise<App> | undefined;
  let firstUse: FirstUse | undefined;
  let firstCall = 0;
  const appPath = join(context.extensionUri.fsPath, 'dist', 'app.js');
  // Only a local folder can hold the cache (a web or virtual global storage cannot).
  const cacheDir = context.globalStorageUri.scheme === 'file' ? join(context.globalStorageUri.fsPath, 'code-cache') : undefined;
  let saved: { written: boolean; error?: string } | undefined;
  let prebuilt: Prebuilt | undefined;
  let prebuilding: Promise<void> | undefined;
  const load = (): CachedLoad<typeof AppModule> => {
    try {
      return loadWithCodeCache<typeof AppModule>(appPath, { dir: cacheDir, version });
    } catch (e) {
      // app.js's own code threw: running it again would only repeat its side effects.
      if (e !== null && typeof e === 'object' && moduleErrors.has(e)) throw e;
      // Whatever else went wrong with the cached load, a plain require still starts the app (and says so if it cannot).
      log.warn(`BYOK code cache: ${String(e)}`);
      return { exports: createRequire(appPath)(appPath) as typeof AppModule, outcome: 'off', save: () => ({ written: false }) };
    }
  };
  const app = (): Promise<App> => (loading ??= (firstCall = performance.now(), Promise.resolve()).then(() => {
    const loaded = load();
    const m = loaded.exports;
    const t = performance.now();
    // The app keeps a view of the context without its SecretStorage, which only the key store receives.
    const view = { globalState: context.globalState, workspaceState: context.workspaceState, globalStorageUri: context.globalStorageUri, logUri: context.logUri, extensionUri: context.extensionUri };
    const instance = m.createApp({ context: view, log, version, statusBar }, context.secrets);
    context.subscriptions.push(instance);
    const ready = performance.now();
    firstUse = { at: firstCall, requireMs: t - firstCall, createMs: ready - t, totalMs: ready - firstCall, cache: loaded.outcome, services: instance.created() };
    log.info(`BYOK services ready in ${(ready - t).toFixed(1)} ms (${firstUse.totalMs.toFixed(1)} ms from the first use; code cache: ${loaded.outcome})`);
    // Compiled, or from a pre-built cache: write (or replace it with) the post-run data, which holds every
    // function this use compiled, once.
    if (loaded.outcome !== 'used' && loaded.outcome !== 'off') {
      const timer = setTimeout(() => {
        saved = loaded.save();
        log.info(saved.written ? `BYOK code cache ${loaded.outcome === 'prebuilt' ? 'pre-built one replaced by the one from this use' : 'written'}` : `BYOK code cache not written: ${saved.error ?? 'no folder'}`);
      }, CODE_CACHE_DELAY_MS);
      context.subscriptions.push({ dispose: () => clearTimeout(timer) });
    }
    return instance;
  }));
  // OAuth callbacks (vscode://byok.byok/openrouter/callback/<state>); the app loads only when one arrives.
  const uriHandler: vscode.UriHandler = { handleUri: (uri) => void app().then((a) => a.openRouterSignIn.handleUri(uri)) };
  const command = <A extends unknown[], R>(id: string, run: (app: App, ...args: A) => Promise<R> | R): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: A) => run(await app(), ...args));

  context.subscriptions.push(
    log,
    statusBar,
    vscode.window.registerWebviewViewProvider('byok.chatView', {
      resolveWebviewView: async (view) => (await app()).chatView.resolveWebviewView(view),
    }),
    vscode.commands.registerCommand('byok.openChat', () => vscode.commands.executeCommand('byok.chatView.focus')),
    command('byok.newChat', async (a) => { await vscode.commands.executeCommand('byok.chatView.focus'); await a.chat.newChat(); }),
    command('byok.compareModels', (a) => a.compare.show()),
    command('byok.addKey', (a, args?: unknown) => a.addKey.run(args)),
    command('byok.manageKeys', (a, args?: unknown) => a.manageKeys.run(args)),
    command('byok.signInWithOpenRouter', (a, args?: unknown) => a.openRouterSignIn.run(args)),
    vscode.window.registerUriHandler(uriHandler),
    command('byok.selectModel', (a) => a.picker.pick('chat')),
    command('byok.selectInlineModel', (a) => a.picker.pick('inline')),
    command('byok.refreshModels', (a) => a.catalog.refreshAll()),
    command('byok.toggleInlineCompletions', (a) => a.inline.toggle()),
    command('byok.inlineCompletions.menu', (a) => a.inline.menu()),
    // Inline completions: while they are off, a keystroke costs one settings read and never loads the app.
    vscode.languages.registerInlineCompletionItemProvider(INLINE_SCHEMES.map((scheme) => ({ scheme })), {
      provideInlineCompletionItems: async (doc, pos, ctx, token) => (inlineOn() ? (await app()).inline.provideInlineCompletionItems(doc, pos, ctx, token) : []),
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('byok.inlineCompletions.enabled') && inlineOn() && !loading) void app().then((a) => a.inline.firstEnable());
    }),
    command('byok.editSelection', (a, args?: unknown) => a.edit.editSelection(args)),
    command('byok.acceptEdit', (a) => a.edit.accept()),
    command('byok.rejectEdit', (a) => a.edit.reject()),
    command('byok.acceptEditHunk', (a, id?: unknown) => a.edit.acceptHunk(id)),
    command('byok.rejectEditHunk', (a, id?: unknown) => a.edit.rejectHunk(id)),
    command('byok.showEditDiff', (a) => a.edit.showDiff()),
    command('byok.cancelEdit', (a) => a.edit.cancel()),
    command('byok.askAboutSelection', (a, arg?: unknown) => a.ask.ask(arg)),
    command('byok.addSelectionToChat', (a) => a.ask.addSelection()),
    vscode.languages.registerCodeActionsProvider('*', new DiagnosticActions(), { providedCodeActionKinds: DiagnosticActions.kinds }),
    command('byok.showUsage', (a) => a.usagePanel.show('overview')),
    command('byok.showRequestLog', (a) => a.usagePanel.show('log')),
    command('byok.exportUsage', (a, target?: unknown) => a.exportUsage(target)),
    // The LM API asks for models at startup; the app loads then, provider SDKs only when a model answers.
    vscode.lm.registerLanguageModelChatProvider('byok', {
      onDidChangeLanguageModelChatInformation: lmChanged.event,
      provideLanguageModelChatInformation: async () => {
        // No keys, no models: answer without loading the app (VS Code asks at startup).
        if (!loading && !hasKeys()) return [];
        const a = await app();
        if (!lmWired) { lmWired = true; context.subscriptions.push(a.lmProvider.onDidChangeLanguageModelChatInformation(() => lmChanged.fire())); }
        return a.lmProvider.provideLanguageModelChatInformation();
      },
      provideLanguageModelChatResponse: async (model, messages, options, progress, token) => (await app()).lmProvider.provideLanguageModelChatResponse(model, messages, options, progress, token),
      provideTokenCount: async (model, text) => (await app()).lmProvider.provideTokenCount(model, text),
    }),
    lmChanged,
  );
  // Keys already saved: load the app once the window is idle so the status bar shows key details.
  if (hasKeys() || inlineOn()) setTimeout(() => void app(), 1500);
  // No code cache for this build yet (a fresh install or an update; one directory listing tells): compile dist/app.js in a worker thread now,
  // never running it, so that the first use loads from a cache instead of compiling on this thread. The worker
  // finishes in well under a second; a first use before that compiles as it would have anyway.
  if (cacheDir && !hasFreshCache(cacheDir, appPath)) {
    const t = performance.now();
    prebuilding = prebuildInWorker(join(context.extensionUri.fsPath, 'dist', 'code-cache-worker.js'), appPath, { dir: cacheDir, version }).then((result) => {
      prebuilt = { ...result, ms: performance.now() - t, appLoaded: loading !== undefined || firstUse !== undefined };
      if (result.outcome !== 'exists') log.info(`BYOK code cache pre-build (worker thread): ${result.outcome}${result.error ? ` (${result.error})` : ''} in ${prebuilt.ms.toFixed(1)} ms`);
    });
  }

  const activationMs = performance.now() - started;
  log.info(`BYOK ${version} activated in ${activationMs.toFixed(1)} ms`);
  return apiFor(context.extensionMode, { activationMs, app, uriHandler, firstUse: () => firstUse, codeCache: () => ({ dir: cacheDir, prebuilt, prebuilding, saved }) });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
