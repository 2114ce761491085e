// Ask About Selection and Add Selection to Chat: the selected lines (or, with nothing selected, the block
// around the cursor) go to the chat as an attachment labelled with the file, line range and language, and
// the composer gets the focus. From the command palette a question is asked first and sent with it; from
// the editor's context menu the user types it in the chat. A diagnostic's "Ask BYOK about this" passes
// the question and the lines. A question that arrives as a command argument (any extension can run this
// command) only pre-fills the box: code goes to a provider, and the key is billed, only when the user says so.
import * as vscode from 'vscode';
import * as z from 'zod';
import { enclosingBlock } from '../../core/edit/scope';
import { lazySchema } from '../../core/lazy-schema';
import type { ChatSession } from '../chat/chat-session';
import { linesAttachment } from '../chat/context';

// Built on the first Ask About Selection.
const AskArgs = lazySchema(() => z.object({
  question: z.string().optional(),
  uri: z.string().optional(),
  startLine: z.number().int().min(0).optional(),
  endLine: z.number().int().min(0).optional(),
}).strict());

export class AskAboutSelection {
  /** Replaced by host tests (no input box there). */
  askQuestion: (prefill?: string) => Thenable<string | undefined> = (prefill) => vscode.window.showInputBox({
    title: 'BYOK: Ask About Selection',
    ...(prefill ? { value: prefill } : {}),
    prompt: 'What do you want to know about the selected code? (Leave empty to type it in the chat.)',
    ignoreFocusOut: true,
  });

  constructor(private readonly chat: ChatSession) {}

  /** `arg`: a Uri from the editor context menu, AskArgs from a code action, nothing from the palette. */
  async ask(arg?: unknown): Promise<void> {
    const fromMenu = arg instanceof vscode.Uri;
    const parsed = AskArgs().safeParse(fromMenu || arg === undefined ? {} : arg);
    const args = parsed.success ? parsed.data : {};
    const attachment = this.attachment(args);
    if (typeof attachment === 'string') { void vscode.window.showInformationMessage(attachment); return; }
    let question: string | undefined;
    if (!fromMenu) {
      question = await this.askQuestion(args.question);
      if (question === undefined) return; // dismissed: nothing attached, nothing sent
    }
    await this.open(attachment);
    if (question?.trim()) await this.chat.send(question.trim());
    else this.chat.focusComposer();
  }

  async addSelection(): Promise<void> {
    const attachment = this.attachment({});
    if (typeof attachment === 'string') { void vscode.window.showInformationMessage(attachment); return; }
    await this.open(attachment);
    this.chat.focusComposer();
  }

  private async open(attachment: ReturnType<typeof linesAttachment>): Promise<void> {
    await vscode.commands.executeCommand('byok.chatView.focus');
    await this.chat.addAttachments([attachment]);
  }

  private attachment(args: z.infer<ReturnType<typeof AskArgs>>): ReturnType<typeof linesAttachment> | string {
    const editor = vscode.window.activeTextEditor;
    const doc = args.uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri) : editor?.document;
    if (!doc) return 'Open a file and select some code first.';
    if (args.startLine !== undefined) {
      const start = Math.min(args.startLine, doc.lineCount - 1);
      return linesAttachment(doc, start, Math.min(Math.max(args.endLine ?? start, start), doc.lineCount - 1));
    }
    if (!editor || editor.document !== doc) return 'Open a file and select some code first.';
    const sel = editor.selection;
    if (!sel.isEmpty) return linesAttachment(doc, sel.start.line, sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line);
    const all: string[] = [];
    for (let i = 0; i < doc.lineCount; i++) all.push(doc.lineAt(i).text);
    const block = enclosingBlock(all, sel.active.line);
    return linesAttachment(doc, block.start, block.end);
  }
}
