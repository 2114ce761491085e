// byok.compareModels: one prompt to two to four models, answers streaming side by side, each through
// its own adapter and key, each with its own usage and cost.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { SYSTEM_PROMPT } from '../../core/chat/conversation';
import { parseCompareMessage, type CompareColumn, type CompareWebviewMessage, type HostMessage } from '../../core/protocol';
import type { ChatRouter } from '../../core/routing/chat-router';
import type { ByokModel, ModelCatalog } from '../models/model-catalog';
import { runAnswer } from './answer-runner';
import { copyCode, insertCode, openCodeInEditor, openLink } from './code-actions';
import { BUDGET_SETTINGS, errorView, modelView } from './views';
import { chatWebviewHtml } from './webview-html';

export class ComparePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private columns: CompareColumn[] = [];
  private prompt = '';
  /** One per streaming column, so a retried column can run while the others keep their answers. */
  private readonly running = new Map<string, AbortController>();
  private readonly posted = new vscode.EventEmitter<HostMessage>();
  /** Every message posted to the panel (tests observe the panel through this). */
  readonly onDidPost = this.posted.event;
  /** The panel covers the editor it opens over: "Insert at cursor" brings this one back. */
  private lastEditor = vscode.window.activeTextEditor;
  private readonly editorTracking = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor && editor.document.uri.scheme !== 'output') this.lastEditor = editor;
  });

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly version: string,
    private readonly catalog: ModelCatalog,
    private readonly router: ChatRouter,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  show(): void {
    if (this.panel) { this.panel.reveal(); return; }
    const panel = vscode.window.createWebviewPanel('byok.compare', 'BYOK: Compare Models', vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'byok.svg');
    panel.webview.html = chatWebviewHtml(panel.webview, this.extensionUri);
    this.panel = panel;
    // The listeners live as long as this panel (as in the official webview sample): closing it disposes
    // them, so opening compare again does not leave the old ones posting into the new panel.
    const subscriptions: vscode.Disposable[] = [
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      this.catalog.onDidChange(() => this.postState()),
    ];
    subscriptions.push(panel.onDidDispose(() => {
      this.stopAll();
      if (this.panel === panel) this.panel = undefined;
      for (const d of subscriptions) d.dispose();
    }));
  }

  private post(message: HostMessage): void {
    if (!this.panel) return;
    this.posted.fire(message);
    void this.panel.webview.postMessage(message);
  }

  private postState(): void {
    this.post({ type: 'compareState', prompt: this.prompt, columns: this.columns, busy: this.running.size > 0, models: this.catalog.models().map(modelView) });
  }

  /** Everything the compare webview posts arrives here, untrusted. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseCompareMessage(raw);
    if (!parsed.ok) { this.log.warn(`Ignored a malformed message from the compare view: ${parsed.error}`); return; }
    try {
      await this.dispatch(parsed.message);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.log.error(`Compare view action ${parsed.message.type} failed: ${reason}`);
      void vscode.window.showErrorMessage(`BYOK: ${reason}`);
    }
  }

  private async dispatch(m: CompareWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.post({ type: 'init', version: this.version, mode: 'compare' });
        return this.postState();
      case 'compareRun': return this.run(m.text, m.modelIds);
      case 'compareStop': return this.stopAll();
      case 'copyCode': return copyCode(m.code);
      case 'insertCode': return insertCode(m.code, this.lastEditor);
      case 'openCodeInEditor': return openCodeInEditor(m.code, m.language);
      case 'openLink': return openLink(m.href, this.log);
      case 'runCommand':
        await vscode.commands.executeCommand(m.command);
        return;
      case 'errorAction':
        switch (m.action) {
          case 'retry': return this.retryColumn(m.messageId);
          case 'updateKey':
            // The column's own key (Manage Keys looks the id up; an unknown one opens the list).
            await vscode.commands.executeCommand('byok.manageKeys', { replaceKeyId: this.columns.find((c) => c.id === m.messageId)?.model.id.split('/')[0] });
            return;
          case 'addKey':
            await vscode.commands.executeCommand('byok.addKey');
            return;
          case 'raiseBudget':
            await vscode.commands.executeCommand('workbench.action.openSettings', BUDGET_SETTINGS);
            return;
          default: {
            const never: never = m.action;
            throw new Error(`unhandled compare error action ${String(never)}`);
          }
        }
      default: {
        const never: never = m;
        throw new Error(`unhandled compare message ${(never as { type: string }).type}`);
      }
    }
  }

  async run(prompt: string, modelIds: string[]): Promise<void> {
    if (this.running.size) return;
    const models = modelIds.map((id) => this.catalog.find(id));
    const missing = modelIds.filter((_, i) => !models[i]);
    if (missing.length) { void vscode.window.showErrorMessage(`BYOK: these models are not available: ${missing.join(', ')}`); return; }
    this.prompt = prompt;
    this.columns = models.map((model) => ({ id: `col${randomBytes(3).toString('hex')}`, model: modelView(model!), text: '', status: 'streaming' as const }));
    const runs = this.columns.map((column, i) => this.start(column, models[i]!));
    this.postState();
    await Promise.all(runs.map((runColumn) => runColumn()));
    this.postState();
  }

  /**
   * A failed column's Retry runs that column again, alone: the other answers are kept (and not paid for
   * twice). The column keeps its id, so the webview updates it in place.
   */
  async retryColumn(columnId: string): Promise<void> {
    const column = this.columns.find((c) => c.id === columnId);
    if (!column || this.running.has(columnId)) return;
    const model = this.catalog.find(column.model.id);
    if (!model) { void vscode.window.showErrorMessage(`BYOK: ${column.model.name} is no longer available (its key was removed or the policy changed).`); return; }
    column.text = '';
    column.status = 'streaming';
    delete column.usage;
    delete column.error;
    const runColumn = this.start(column, model);
    this.postState();
    await runColumn();
    this.postState();
  }

  /** Registers the column as running now (so state posted next says busy) and returns the stream to await. */
  private start(column: CompareColumn, model: ByokModel): () => Promise<void> {
    const controller = new AbortController();
    this.running.set(column.id, controller);
    return async () => {
      try {
        const result = await runAnswer({
          router: this.router, model, system: SYSTEM_PROMPT, origin: 'compare', signal: controller.signal,
          history: [{ role: 'user', content: [{ type: 'text', text: this.prompt }] }],
          onDelta: (text, reasoning) => { column.text += text; this.post({ type: 'delta', id: column.id, ...(text ? { text } : {}), ...(reasoning ? { reasoning } : {}) }); },
        });
        column.status = result.status;
        if (result.usage) column.usage = { ...result.usage, ...(result.costUsd !== undefined ? { costUsd: result.costUsd } : {}) };
        if (result.error) column.error = errorView(result.error);
      } finally {
        this.running.delete(column.id);
      }
      this.post({ type: 'messageEnd', id: column.id, status: column.status, ...(column.usage ? { usage: column.usage } : {}), ...(column.error ? { error: column.error } : {}) });
    };
  }

  private stopAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  dispose(): void {
    this.stopAll();
    this.panel?.dispose();
    this.posted.dispose();
    this.editorTracking.dispose();
  }
}
