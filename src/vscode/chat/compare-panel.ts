// byok.compareModels: one prompt to two to four models, answers streaming side by side, each through
// its own adapter and key, each with its own usage and cost.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { SYSTEM_PROMPT } from '../../core/chat/conversation';
import { parseWebviewMessage, type CompareColumn, type HostMessage } from '../../core/protocol';
import type { ChatRouter } from '../../core/routing/chat-router';
import type { ModelCatalog } from '../models/model-catalog';
import { runAnswer } from './answer-runner';
import { errorView, modelView } from './views';
import { chatWebviewHtml } from './webview-html';

export class ComparePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private columns: CompareColumn[] = [];
  private prompt = '';
  private controller: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];

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
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      panel.onDidDispose(() => { this.controller?.abort(); this.panel = undefined; }),
      this.catalog.onDidChange(() => this.postState()),
    );
  }

  private post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private postState(): void {
    this.post({ type: 'compareState', prompt: this.prompt, columns: this.columns, busy: !!this.controller, models: this.catalog.models().map(modelView) });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) { this.log.warn(`Ignored a malformed message from the compare view: ${parsed.error}`); return; }
    const m = parsed.message;
    if (m.type === 'ready') { this.post({ type: 'init', version: this.version, mode: 'compare' }); this.postState(); }
    else if (m.type === 'compareStop') this.controller?.abort();
    else if (m.type === 'compareRun') await this.run(m.text, m.modelIds);
    else if (m.type === 'runCommand') await vscode.commands.executeCommand(m.command);
  }

  async run(prompt: string, modelIds: string[]): Promise<void> {
    if (this.controller) return;
    const models = modelIds.map((id) => this.catalog.find(id));
    const missing = modelIds.filter((_, i) => !models[i]);
    if (missing.length) { void vscode.window.showErrorMessage(`BYOK: these models are not available: ${missing.join(', ')}`); return; }
    const controller = new AbortController();
    this.controller = controller;
    this.prompt = prompt;
    this.columns = models.map((model) => ({ id: `col${randomBytes(3).toString('hex')}`, model: modelView(model!), text: '', status: 'streaming' as const }));
    this.postState();
    await Promise.all(models.map(async (model, i) => {
      const column = this.columns[i]!;
      const result = await runAnswer({
        router: this.router, model: model!, system: SYSTEM_PROMPT, origin: 'compare', signal: controller.signal,
        history: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
        onDelta: (text, reasoning) => { column.text += text; this.post({ type: 'delta', id: column.id, ...(text ? { text } : {}), ...(reasoning ? { reasoning } : {}) }); },
      });
      column.status = result.status;
      if (result.usage) column.usage = { ...result.usage, ...(result.costUsd !== undefined ? { costUsd: result.costUsd } : {}) };
      if (result.error) column.error = errorView(result.error);
      this.post({ type: 'messageEnd', id: column.id, status: column.status, ...(column.usage ? { usage: column.usage } : {}), ...(column.error ? { error: column.error } : {}) });
    }));
    this.controller = undefined;
    this.postState();
  }

  dispose(): void {
    this.controller?.abort();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
