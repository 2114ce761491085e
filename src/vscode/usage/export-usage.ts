// BYOK: Export Usage: the whole ledger as CSV (one row per request, every field) to a file the user picks.
import * as vscode from 'vscode';
import { toCsv } from '../../core/usage/csv';
import { localDay } from '../../core/usage/summary';
import type { UsageStore } from './usage-store';

export async function exportUsage(usage: UsageStore, target?: unknown): Promise<{ path: string; rows: number } | undefined> {
  await usage.refresh();
  // A Uri argument skips the dialog (tests, keybindings with args); anything else asks.
  let uri = target instanceof vscode.Uri ? target : undefined;
  if (!uri) {
    const home = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.env.HOME ?? '/');
    uri = await vscode.window.showSaveDialog({
      title: 'Export BYOK usage',
      defaultUri: vscode.Uri.joinPath(home, `byok-usage-${localDay(new Date())}.csv`),
      filters: { CSV: ['csv'] },
    });
    if (!uri) return undefined;
  }
  const entries = usage.entries;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(toCsv(entries)));
  const rows = entries.length;
  if (!(target instanceof vscode.Uri)) {
    void vscode.window.showInformationMessage(`BYOK: exported ${rows} request${rows === 1 ? '' : 's'} to ${uri.fsPath}.`, 'Open').then((a) => a && vscode.commands.executeCommand('vscode.open', uri));
  }
  return { path: uri.fsPath, rows };
}
