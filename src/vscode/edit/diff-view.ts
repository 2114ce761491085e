// The side-by-side view of a proposal: two read-only virtual documents on the `byok-edit:` scheme, the
// document as it is and the document with the pending hunks applied. Neither side is the real file, so the
// diff editor's own "revert" arrows and typing cannot change it: opening the view accepts nothing.
import * as vscode from 'vscode';

export const EDIT_SCHEME = 'byok-edit';

export interface DiffSource {
  /** The current text of both sides, or undefined when no proposal is pending for that document. */
  sides(uri: vscode.Uri): { original: string; proposed: string } | undefined;
}

export class EditDiffContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Set<string>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly source: DiffSource) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(EDIT_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.open.add(uri.toString());
    const { side, target } = parse(uri);
    const sides = target ? this.source.sides(target) : undefined;
    if (!sides) return '';
    return side === 'proposed' ? sides.proposed : sides.original;
  }

  /** Opens the diff for a document; nothing is applied. */
  async show(target: vscode.Uri): Promise<void> {
    const name = target.path.split('/').pop() || 'untitled';
    await vscode.commands.executeCommand('vscode.diff', uriFor(target, 'original'), uriFor(target, 'proposed'), `${name} ↔ BYOK proposal (read-only: Accept or Reject in the editor)`, { preview: true });
  }

  /** The proposal changed: the open views re-read their sides. */
  refresh(): void {
    for (const u of this.open) this.changed.fire(vscode.Uri.parse(u));
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** The file name stays last in the path so the diff editor picks the right language. */
function uriFor(target: vscode.Uri, side: 'original' | 'proposed'): vscode.Uri {
  const name = target.path.split('/').pop() || 'untitled';
  return vscode.Uri.from({ scheme: EDIT_SCHEME, path: `/${side}/${name}`, query: new URLSearchParams({ target: target.toString() }).toString() });
}

function parse(uri: vscode.Uri): { side: 'original' | 'proposed'; target?: vscode.Uri } {
  const side = uri.path.startsWith('/proposed/') ? 'proposed' : 'original';
  const target = new URLSearchParams(uri.query).get('target');
  return { side, ...(target ? { target: vscode.Uri.parse(target) } : {}) };
}
