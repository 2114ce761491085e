// Inline completions with the user's own key: the one InlineCompletionItemProvider (registered by the
// bootstrap in extension.ts, which delegates here once completions are on). It gates every request
// (enabled, editor.inlineSuggest, language, excluded files, selection, model, pause) before anything is
// read from the document, decides the route from data, and hands the rest to the core InlineEngine,
// which sends through ChatRouter with origin 'inline'. No fallback: an unavailable model or key means no
// completions and a status note, never another key.
import * as vscode from 'vscode';
import { isProviderError, type ProviderError } from '../../core/errors';
import { gatherSnippets, midWord, wantsMultiline, windows, DEFAULT_BUDGET_TOKENS } from '../../core/inline/context';
import { AdaptiveDebounce } from '../../core/inline/debounce';
import { InlineEngine, keyOf, typedSince, type InlineBackend } from '../../core/inline/engine';
import { InlinePause } from '../../core/inline/pause';
import { inlineRoute, type InlineRoute, type ProbeResult } from '../../core/inline/route';
import type { InlineUsageSource } from '../../core/inline/tally';
import { findPreset } from '../../core/providers/presets';
import type { ChatRouter, RouteTarget } from '../../core/routing/chat-router';
import type { KeyStore } from '../keys/key-store';
import type { ByokModel } from '../models/model-catalog';
import type { ModelSelection } from '../models/selection';
import { InlineStatusItem, type InlineStatusState } from './inline-status';
import { RouteMemory } from './route-memory';
import { RecentEdits } from './snippets';
import { documentAllowed, editorInlineSuggestEnabled, readSettings, SECTION } from './settings';

const CONSENT_SHOWN = 'byok.inline.consentShown';
const ACCEPT_COMMAND = 'byok.inlineCompletions.accepted';
/** Characters around the cursor copied from the document: the budget's windows plus a line of slack. */
const WINDOW_CHARS = DEFAULT_BUDGET_TOKENS * 4 + 400;

export interface InlineDeps {
  router: ChatRouter;
  selection: ModelSelection;
  keys: KeyStore;
  usage: InlineUsageSource;
  globalState: vscode.Memento;
  log: vscode.LogOutputChannel;
}

export class InlineCompletions implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  readonly status = new InlineStatusItem();
  readonly engine: InlineEngine;
  readonly pause = new InlinePause({ now: () => Date.now() });
  private readonly debounce: AdaptiveDebounce;
  private readonly memory: RouteMemory;
  private readonly recent = new RecentEdits();
  private readonly subscriptions: vscode.Disposable[] = [];
  private busy = false;
  private probing: Promise<ProbeResult> | undefined;
  /** The suggestion last shown and not yet accepted: the next different request counts it as rejected. */
  private shown: { prefix: string; text: string } | undefined;

  constructor(private readonly deps: InlineDeps) {
    this.memory = new RouteMemory(deps.globalState);
    this.debounce = new AdaptiveDebounce(readSettings().debounceMs, { now: () => Date.now() });
    this.engine = new InlineEngine(this.debounce, {
      busy: (b) => { this.busy = b; this.refresh(); },
      failed: (e) => this.failed(e),
      succeeded: () => { this.pause.succeeded(); },
    });
    const resume = (): void => { this.pause.resume(); this.engine.cancelAll(); this.refresh(); };
    this.subscriptions.push(
      this.status, this.recent,
      vscode.commands.registerCommand(ACCEPT_COMMAND, () => { this.shown = undefined; this.debounce.accepted(); }),
      // A keystroke or cursor move that no longer matches the in-flight request aborts it at once.
      vscode.workspace.onDidChangeTextDocument((e) => this.cursorMaybeMoved(e.document)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMaybeMoved(e.textEditor.document)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.debounceMs`)) this.debounce.reset(readSettings().debounceMs);
        if (e.affectsConfiguration(`${SECTION}.enabled`)) { resume(); void this.firstEnable(); }
        if (e.affectsConfiguration(SECTION)) this.refresh();
      }),
      // A fix for an auth, quota or model error is a new key or another model: try again then.
      deps.selection.onDidChange((purpose) => { if (purpose === 'inline') resume(); }),
      deps.keys.onDidChange(({ keyId, change }) => {
        // What a host answered to a probe says nothing about another host; a check result or a rename changes nothing.
        if (change === 'host' || change === 'removed') void this.memory.forgetKey(keyId);
        if (change !== 'check' && change !== 'renamed') resume();
        else this.refresh();
      }),
    );
    // The first render of the status item is the App's to schedule (right after the command that loaded it has run).
  }

  async provideInlineCompletionItems(document: vscode.TextDocument, position: vscode.Position, _context: vscode.InlineCompletionContext, token: vscode.CancellationToken): Promise<vscode.InlineCompletionItem[]> {
    // Every gate comes before the document's text is read, and is asked again after each wait (route probe,
    // snippets, debounce): the user may turn completions off or exclude the file meanwhile.
    const stillAllowed = (): boolean => {
      const now = readSettings();
      return now.enabled && !this.pause.paused && editorInlineSuggestEnabled(document) && documentAllowed(now, document);
    };
    if (!stillAllowed()) return [];
    const editor = vscode.window.activeTextEditor;
    if (editor?.document === document && !editor.selection.isEmpty) return [];
    const model = this.model();
    if (!model) return [];
    const { prefix, suffix } = this.around(document, position);
    if (midWord(prefix, suffix)) return [];

    const signal = toSignal(token);
    const route = await this.route(model, signal);
    if (!route || route.kind === 'probe' || signal.aborted || !stillAllowed()) return [];
    const target: RouteTarget = { keyId: model.keyId, presetId: model.presetId, modelId: model.info.id };
    const backend: InlineBackend = {
      fim: (r, s) => this.deps.router.complete(target, r, s, 'inline'),
      chat: (r, s) => this.deps.router.stream(target, r, s, 'inline'),
    };
    const snippets = await gatherSnippets(this.recent.sources(document, readSettings()));
    if (!stillAllowed()) return [];
    this.noteRejection(prefix);
    const text = await this.engine.complete({
      prefix, suffix, multiline: wantsMultiline(prefix, suffix), languageId: document.languageId,
      fileName: vscode.workspace.asRelativePath(document.uri), snippets, backend,
      route: route.kind === 'fim' ? { kind: 'fim', route: route.route } : { kind: 'chat' }, stillAllowed,
    }, signal);
    if (!text || token.isCancellationRequested) return [];
    this.shown = { prefix: keyOf(prefix, '').keyPrefix, text };
    const item = new vscode.InlineCompletionItem(text, new vscode.Range(position, position), { title: 'Accepted', command: ACCEPT_COMMAND });
    return [item];
  }

  /** `byok.toggleInlineCompletions`. */
  async toggle(): Promise<void> {
    const on = !readSettings().enabled;
    await vscode.workspace.getConfiguration(SECTION).update('enabled', on, vscode.ConfigurationTarget.Global);
  }

  /** The status bar item's menu. */
  async menu(): Promise<void> {
    const on = readSettings().enabled;
    const picks = [
      { label: on ? '$(circle-slash) Turn inline completions off' : '$(sparkle) Turn inline completions on', run: () => this.toggle() },
      { label: '$(symbol-method) Change inline model…', run: () => vscode.commands.executeCommand('byok.selectInlineModel') },
      { label: '$(gear) Inline completion settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', SECTION) },
    ];
    const pick = await vscode.window.showQuickPick(picks, { placeHolder: 'BYOK inline completions' });
    await pick?.run();
  }

  /**
   * VS Code 1.104 has no stable "suggestion dismissed" event: a shown suggestion counts as rejected when
   * the next request comes from somewhere else than typing along it (typing along it is agreement).
   */
  private noteRejection(prefix: string): void {
    if (!this.shown) return;
    const typed = typedSince(this.shown.prefix, keyOf(prefix, '').keyPrefix);
    if (typed !== undefined && this.shown.text.startsWith(typed)) return;
    this.shown = undefined;
    this.debounce.rejected();
  }

  /** The current inline model when it can be used; otherwise the status says why not. */
  private model(): ByokModel | undefined {
    const current = this.deps.selection.current('inline');
    return current.kind === 'byok' ? current.model : undefined;
  }

  private around(document: vscode.TextDocument, position: vscode.Position): { prefix: string; suffix: string } {
    const offset = document.offsetAt(position);
    const from = Math.max(0, offset - WINDOW_CHARS);
    const text = document.getText(new vscode.Range(document.positionAt(from), document.positionAt(offset + WINDOW_CHARS)));
    return windows(text, offset - from);
  }

  private cursorMaybeMoved(document: vscode.TextDocument): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== document) return;
    const { prefix, suffix } = this.around(document, editor.selection.active);
    this.engine.cursorMoved(prefix, suffix);
  }

  private async route(model: ByokModel, signal: AbortSignal): Promise<InlineRoute | undefined> {
    const preset = findPreset(model.presetId);
    const route = inlineRoute(preset, model.info.id, this.memory.get(model.keyId, model.info.id));
    if (route.kind !== 'probe') return route;
    // Asked once per key and model (concurrent callers share the probe); the answer is remembered.
    this.probing ??= this.probe(model, route.candidates).finally(() => { this.probing = undefined; });
    try {
      await this.probing;
    } catch (e) {
      if (!signal.aborted && isProviderError(e)) this.failed(e);
      return undefined;
    }
    this.refresh();
    return inlineRoute(preset, model.info.id, this.memory.get(model.keyId, model.info.id));
  }

  private async probe(model: ByokModel, candidates: readonly ProbeResult[]): Promise<ProbeResult> {
    const target: RouteTarget = { keyId: model.keyId, presetId: model.presetId, modelId: model.info.id };
    const signal = AbortSignal.timeout(10_000);
    let found: ProbeResult = 'chat';
    for (const route of candidates) {
      if (route === 'chat') continue;
      if (await this.deps.router.probeFim(target, route, signal)) { found = route; break; }
    }
    this.deps.log.info(`Inline: ${model.ref} on key "${model.keyName}" uses ${found === 'chat' ? 'chat fill-in' : found}`);
    await this.memory.set(model.keyId, model.info.id, found);
    return found;
  }

  private failed(error: ProviderError): void {
    const verdict = this.pause.failed(error);
    this.deps.log.warn(`Inline completion failed (${error.kind}): ${error.message}`);
    this.refresh();
    if (verdict !== 'notify') return;
    void vscode.window.showWarningMessage(`BYOK inline completions paused: ${error.userMessage}`, 'Update Key', 'Choose Another Model').then((choice) => {
      if (choice === 'Update Key') void vscode.commands.executeCommand('byok.manageKeys');
      if (choice === 'Choose Another Model') void vscode.commands.executeCommand('byok.selectInlineModel');
    });
  }

  /** Shows the one-line notice on cost and where code goes, the first time completions are turned on. */
  async firstEnable(): Promise<void> {
    if (!readSettings().enabled || this.deps.globalState.get<boolean>(CONSENT_SHOWN)) return;
    await this.deps.globalState.update(CONSENT_SHOWN, true);
    const model = this.model();
    const where = model ? `${model.providerLabel} (${new URL(model.baseUrl).host})` : 'the provider of your inline model';
    void vscode.window.showInformationMessage(
      `Inline completions on: the code around your cursor goes to ${where}, each suggestion billed to your key (today's count and cost: status bar). Excluded files are never sent.`,
    );
  }

  refresh(): void {
    const settings = readSettings();
    if (!settings.enabled) return this.show({ kind: 'off', hint: 'Turn them on to get ghost-text suggestions from your inline model, with your own key.' });
    const current = this.deps.selection.current('inline');
    if (current.kind === 'none') return this.show({ kind: 'no-model' });
    if (current.kind === 'unavailable') return this.show({ kind: 'unavailable', reason: current.reason });
    if (current.kind === 'external') return this.show({ kind: 'unavailable', reason: `${current.id} comes from another extension: inline completions need one of your BYOK models.` });
    const m = current.model;
    const route = inlineRoute(findPreset(m.presetId), m.info.id, this.memory.get(m.keyId, m.info.id));
    const state = this.pause.state;
    this.show({
      kind: 'on', model: m.info.name, busy: this.busy,
      route: route.kind === 'probe' ? `${m.info.id} (endpoint checked on first use)` : route.label,
      ...(state.kind === 'backoff' ? { paused: `${state.reason}, resuming at ${new Date(state.untilMs).toLocaleTimeString()}` } : {}),
      ...(state.kind === 'stopped' ? { paused: `${state.reason} Update the key or choose another model.` } : {}),
      today: this.deps.usage.todayInline(),
    });
  }

  private show(state: InlineStatusState): void { this.status.show(state); }

  dispose(): void {
    this.engine.cancelAll();
    for (const s of this.subscriptions) s.dispose();
  }
}

function toSignal(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
