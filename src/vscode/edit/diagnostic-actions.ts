// Quick fixes on diagnostics: "Fix with BYOK" opens Edit Selection on the diagnostic's lines with the
// instruction box pre-filled from its message; "Ask BYOK about this" asks the chat about those lines.
// Registered at activation (VS Code asks for code actions before any BYOK command runs), so it stays tiny
// and loads nothing: the commands do the work.
import * as vscode from 'vscode';

const MAX_DIAGNOSTICS = 2;

export class DiagnosticActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics.slice(0, MAX_DIAGNOSTICS)) {
      const message = d.message.split('\n')[0]!.trim();
      const where = { uri: document.uri.toString(), startLine: d.range.start.line, endLine: d.range.end.line };
      const fix = new vscode.CodeAction('Fix with BYOK', vscode.CodeActionKind.QuickFix);
      fix.diagnostics = [d];
      fix.command = { title: 'Fix with BYOK', command: 'byok.editSelection', arguments: [{ ...where, prefill: `Fix: ${message}` }] };
      const ask = new vscode.CodeAction('Ask BYOK about this', vscode.CodeActionKind.QuickFix);
      ask.diagnostics = [d];
      ask.command = { title: 'Ask BYOK about this', command: 'byok.askAboutSelection', arguments: [{ ...where, question: `Explain this problem${d.source ? ` reported by ${d.source}` : ''} and how to fix it: ${message}` }] };
      actions.push(fix, ask);
    }
    return actions;
  }
}
