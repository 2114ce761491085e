// What the webview may ask the host to do with code and links from an answer. The webview never
// touches the clipboard, the editor or the network itself.
import * as vscode from 'vscode';
import { isSafeLink } from '../../core/protocol';

export async function copyCode(code: string): Promise<void> {
  await vscode.env.clipboard.writeText(code);
  void vscode.window.setStatusBarMessage('$(check) Copied code', 2000);
}

/**
 * Inserts at the cursor of the visible editor. A full-width webview (compare) covers the editor it was
 * opened over, so its host passes the last text editor: that one is shown beside the panel, with its
 * cursor where it was, and gets the code.
 */
export async function insertCode(code: string, lastEditor?: vscode.TextEditor): Promise<void> {
  let editor = vscode.window.visibleTextEditors.find((e) => e === vscode.window.activeTextEditor) ?? vscode.window.visibleTextEditors[0];
  if (!editor && lastEditor && !lastEditor.document.isClosed) {
    const selections = lastEditor.selections;
    editor = await vscode.window.showTextDocument(lastEditor.document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    editor.selections = selections;
  }
  if (!editor) {
    void vscode.window.showWarningMessage('Open a file to insert the code at its cursor.');
    return;
  }
  const target = editor;
  await target.edit((edit) => {
    for (const selection of target.selections) edit.replace(selection, code);
  });
}

export async function openCodeInEditor(code: string, language: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: code, ...(language ? { language: languageId(language) } : {}) });
  await vscode.window.showTextDocument(doc, { preview: false });
}

/** Markdown fence names to VS Code language ids where they differ. */
function languageId(fence: string): string {
  const map: Record<string, string> = { ts: 'typescript', js: 'javascript', py: 'python', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', yml: 'yaml', md: 'markdown', rs: 'rust', 'c++': 'cpp', cs: 'csharp', rb: 'ruby', kt: 'kotlin' };
  return map[fence.toLowerCase()] ?? fence.toLowerCase();
}

export async function openLink(href: string, log: vscode.LogOutputChannel): Promise<void> {
  if (!isSafeLink(href)) {
    log.warn(`Refused to open a link from model output with an unsafe scheme: ${href.slice(0, 80)}`);
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(href, true));
}
