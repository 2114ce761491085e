// Extra context for a completion: short snippets from recently edited places and from open tabs of the
// same language. Every source honours the exclusions: a snippet from an excluded file is never sent.
import * as vscode from 'vscode';
import type { Snippet, SnippetSource } from '../../core/inline/context';
import { documentAllowed, type InlineSettings } from './settings';

const RECENT_EDITS = 8;
const LINES_AROUND = 4;
const OPEN_TABS = 3;

export class RecentEdits implements vscode.Disposable {
  private readonly edits: { uri: vscode.Uri; line: number }[] = [];
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((e) => {
    const change = e.contentChanges[0];
    if (!change) return;
    const line = change.range.start.line;
    const i = this.edits.findIndex((x) => x.uri.toString() === e.document.uri.toString() && Math.abs(x.line - line) <= LINES_AROUND);
    if (i >= 0) this.edits.splice(i, 1);
    this.edits.push({ uri: e.document.uri, line });
    if (this.edits.length > RECENT_EDITS) this.edits.shift();
  });

  /** Snippet sources for a completion in `document` (other files only: the current one is in the prefix/suffix). */
  sources(document: vscode.TextDocument, settings: InlineSettings): SnippetSource[] {
    const same = (d: vscode.TextDocument): boolean =>
      d.uri.toString() !== document.uri.toString() && d.languageId === document.languageId && documentAllowed(settings, d);
    const docs = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const recent: SnippetSource = () => [...this.edits].reverse().flatMap((e): Snippet[] => {
      const d = docs.get(e.uri.toString());
      if (!d || !same(d)) return [];
      const from = Math.max(0, e.line - LINES_AROUND);
      const to = Math.min(d.lineCount - 1, e.line + LINES_AROUND);
      return [{ fileName: vscode.workspace.asRelativePath(d.uri), text: d.getText(new vscode.Range(from, 0, to, d.lineAt(to).text.length)) }];
    });
    const tabs: SnippetSource = () => vscode.window.visibleTextEditors.map((ed) => ed.document).filter(same).slice(0, OPEN_TABS)
      .map((d) => ({ fileName: vscode.workspace.asRelativePath(d.uri), text: d.getText(new vscode.Range(0, 0, Math.min(d.lineCount, 20), 0)) }));
    return [recent, tabs];
  }

  dispose(): void { this.subscription.dispose(); }
}
