// Hosts the sidebar chat webview. The webview is untrusted: every message is validated before use,
// and nothing is posted to it until it says it is ready (its listener exists).
import * as vscode from 'vscode';
import { parseChatMessage, type ChatWebviewMessage, type HostMessage } from '../../core/protocol';
import type { ModelPicker } from '../models/model-picker';
import type { ChatSession } from './chat-session';
import { copyCode, insertCode, openCodeInEditor, openLink } from './code-actions';
import { activeFileAttachment, pickFileAttachments, selectionAttachment } from './context';
import { chatWebviewHtml } from './webview-html';
import { BUDGET_SETTINGS } from './views';

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** The current view's listeners; they go with that view. */
  private subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly version: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly session: ChatSession,
    private readonly picker: ModelPicker,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      // No command: links; nothing but the built webview assets.
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')],
    };
    view.webview.html = chatWebviewHtml(view.webview, this.extensionUri);
    this.session.attach((m) => this.post(m));
    // VS Code resolves the view again after it was disposed (moved, or its container closed): these
    // listeners belong to this view only, so they go with it instead of piling up.
    this.disposeSubscriptions();
    const subscriptions: vscode.Disposable[] = [view.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw))];
    subscriptions.push(view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
      for (const d of subscriptions) d.dispose();
    }));
    this.subscriptions = subscriptions;
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  /** A message from the webview (untrusted: validated here). Public so host tests can act as the webview. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseChatMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the chat view: ${parsed.error}`);
      return;
    }
    try {
      await this.dispatch(parsed.message);
    } catch (e) {
      this.log.error(`Chat view action ${parsed.message.type} failed: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage(`BYOK: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async dispatch(message: ChatWebviewMessage): Promise<void> {
    const s = this.session;
    switch (message.type) {
      case 'ready':
        this.post({ type: 'init', version: this.version, mode: 'chat' });
        await s.sendState();
        return s.viewReady();
      case 'send': return s.send(message.text);
      case 'stop': return s.stop();
      case 'regenerate': return s.regenerate(message.messageId);
      case 'editAndResend': return s.editAndResend(message.messageId, message.text);
      case 'retry': return s.retry(message.messageId);
      case 'newChat': return s.newChat();
      case 'listConversations': return s.listConversations(message.query);
      case 'openConversation': return s.open(message.conversationId);
      case 'deleteConversation': return s.delete(message.conversationId);
      case 'pickModel':
        await this.picker.pick('chat');
        return s.sendState();
      case 'countTokens': return s.countTokens(message.text, message.seq);
      case 'attach': return this.attach(message.what);
      case 'removeAttachment': return s.removeAttachment(message.attachmentId);
      case 'copyCode': return copyCode(message.code);
      case 'insertCode': return insertCode(message.code);
      case 'openCodeInEditor': return openCodeInEditor(message.code, message.language);
      case 'openLink': return openLink(message.href, this.log);
      case 'errorAction':
        switch (message.action) {
          case 'retry': return message.messageId ? s.retry(message.messageId) : undefined;
          case 'chooseModel': await this.picker.pick('chat'); return s.sendState();
          // Replace exactly the key that failed (the host finds it from its own stored answer), else the list.
          case 'updateKey': await vscode.commands.executeCommand('byok.manageKeys', { replaceKeyId: await s.failedKeyOf(message.messageId) }); return s.sendState();
          case 'addKey': {
            // A first key still needs a chat model before the card's Retry can send the question.
            const added = await vscode.commands.executeCommand<unknown>('byok.addKey');
            if (added && this.picker.needsChoice('chat')) await this.picker.pick('chat');
            return s.sendState();
          }
          // The budget settings (monthly and per key) together: the refusal's detail names the one that refused.
          case 'raiseBudget': await vscode.commands.executeCommand('workbench.action.openSettings', BUDGET_SETTINGS); return;
          default: {
            const never: never = message.action;
            throw new Error(`unhandled error action ${String(never)}`);
          }
        }
      case 'runCommand':
        await vscode.commands.executeCommand(message.command);
        return s.sendState();
      default: {
        const never: never = message;
        throw new Error(`unhandled chat message ${(never as { type: string }).type}`);
      }
    }
  }

  private async attach(what: 'selection' | 'activeFile' | 'files'): Promise<void> {
    if (what === 'files') {
      const { attachments, problems } = await pickFileAttachments();
      if (problems.length) void vscode.window.showWarningMessage(`Not attached: ${problems.join(' ')}`);
      return this.session.addAttachments(attachments);
    }
    const a = what === 'selection' ? selectionAttachment() : activeFileAttachment();
    if (typeof a === 'string') { void vscode.window.showInformationMessage(a); return; }
    return this.session.addAttachments([a]);
  }

  private post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private disposeSubscriptions(): void {
    for (const d of this.subscriptions) d.dispose();
    this.subscriptions = [];
  }

  dispose(): void {
    this.disposeSubscriptions();
  }
}
