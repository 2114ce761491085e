// Context the user attaches to a prompt: the selection, the active file, or files picked from disk.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Attachment } from '../../core/chat/conversation';
import { estimateTokens } from '../../core/chat/tokens';

const MAX_FILE_BYTES = 512 * 1024;

function attachment(kind: Attachment['kind'], label: string, text: string, language?: string): Attachment {
  return { id: `a${randomBytes(4).toString('hex')}`, kind, label, text, tokens: estimateTokens(text), ...(language ? { language } : {}) };
}

export function selectionAttachment(): Attachment | string {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return 'Open a file and select some code first.';
  const selection = editor.selection;
  if (selection.isEmpty) return 'Select some code in the editor first.';
  const label = `${vscode.workspace.asRelativePath(editor.document.uri)}:${selection.start.line + 1}-${selection.end.line + 1}`;
  return attachment('selection', label, editor.document.getText(selection), editor.document.languageId);
}

/** Whole lines of a document (Ask About Selection, a diagnostic's lines): labelled like a selection. */
export function linesAttachment(document: vscode.TextDocument, startLine: number, endLine: number): Attachment {
  const range = new vscode.Range(startLine, 0, endLine, document.lineAt(endLine).range.end.character);
  const label = `${vscode.workspace.asRelativePath(document.uri)}:${startLine + 1}-${endLine + 1}`;
  return attachment('selection', label, document.getText(range), document.languageId);
}

export function activeFileAttachment(): Attachment | string {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return 'Open a file first.';
  const text = editor.document.getText();
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) return `${vscode.workspace.asRelativePath(editor.document.uri)} is larger than 512 KB: attach a selection instead.`;
  return attachment('file', vscode.workspace.asRelativePath(editor.document.uri), text, editor.document.languageId);
}

export async function pickFileAttachments(): Promise<{ attachments: Attachment[]; problems: string[] }> {
  const uris = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Attach', ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}) });
  const attachments: Attachment[] = [];
  const problems: string[] = [];
  for (const uri of uris ?? []) {
    const label = vscode.workspace.asRelativePath(uri);
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > MAX_FILE_BYTES) { problems.push(`${label} is larger than 512 KB.`); continue; }
      if (bytes.subarray(0, 8000).includes(0)) { problems.push(`${label} looks like a binary file.`); continue; }
      const doc = await vscode.workspace.openTextDocument(uri);
      attachments.push(attachment('file', label, doc.getText(), doc.languageId));
    } catch (e) {
      problems.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { attachments, problems };
}
