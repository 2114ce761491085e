// How a proposal looks in the editor. The document itself is never touched before Accept: lines the
// proposal removes are struck through in place, the lines it writes are shown as ghost text beside the
// lines they replace (a pure insertion beside the line above it), and hovering a hunk shows its new lines
// as a code block. Lines the stream has not reached yet are dimmed.
import * as vscode from 'vscode';
import type { PlacedHunk, ProposalState } from '../../core/edit/proposal-state';

const ARROW = '  ⟶  ';
const BREAK = '  ⏎  ';

/**
 * High-contrast themes define no diff backgrounds and no ghost-text colour (they use borders instead), so
 * there the proposal is drawn with the diff borders and the editor's own foreground; the decoration API
 * has light/dark variants only, so the types are rebuilt when the theme kind changes.
 */
function createTypes(kind: vscode.ColorThemeKind): Record<'removed' | 'added' | 'unreached' | 'region', vscode.TextEditorDecorationType> {
  const hc = kind === vscode.ColorThemeKind.HighContrast || kind === vscode.ColorThemeKind.HighContrastLight;
  return {
    removed: vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      textDecoration: 'line-through',
      ...(hc
        ? { border: '1px dashed', borderColor: new vscode.ThemeColor('diffEditor.removedTextBorder') }
        : { backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground') }),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    }),
    added: vscode.window.createTextEditorDecorationType({
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      after: hc
        ? { color: new vscode.ThemeColor('editor.foreground'), border: '1px dashed', borderColor: new vscode.ThemeColor('diffEditor.insertedTextBorder'), fontStyle: 'italic', margin: '0 0 0 1ch' }
        : { color: new vscode.ThemeColor('editorGhostText.foreground'), backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'), fontStyle: 'italic', margin: '0 0 0 1ch' },
    }),
    unreached: vscode.window.createTextEditorDecorationType({ isWholeLine: true, opacity: '0.55' }),
    region: vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      borderColor: new vscode.ThemeColor(hc ? 'contrastActiveBorder' : 'editorInfo.foreground'),
      borderStyle: 'solid',
      borderWidth: '0 0 0 2px',
    }),
  };
}

export class EditDecorations implements vscode.Disposable {
  private kind = vscode.window.activeColorTheme.kind;
  private types = createTypes(this.kind);
  private get removed(): vscode.TextEditorDecorationType { return this.types.removed; }
  private get added(): vscode.TextEditorDecorationType { return this.types.added; }
  private get unreached(): vscode.TextEditorDecorationType { return this.types.unreached; }
  private get region(): vscode.TextEditorDecorationType { return this.types.region; }
  private readonly themeListener: vscode.Disposable;

  /** `redraw` is called after the types were rebuilt for a new theme kind. */
  constructor(redraw: () => void) {
    this.themeListener = vscode.window.onDidChangeActiveColorTheme((theme) => {
      if (theme.kind === this.kind) return;
      this.kind = theme.kind;
      for (const t of Object.values(this.types)) t.dispose();
      this.types = createTypes(this.kind);
      redraw();
    });
  }

  /** How many times decorations were drawn (the bench counts updates per second). */
  draws = 0;

  draw(editors: readonly vscode.TextEditor[], state: ProposalState | undefined, language: string): void {
    this.draws++;
    for (const editor of editors) {
      if (!state) {
        for (const t of [this.removed, this.added, this.unreached, this.region]) editor.setDecorations(t, []);
        continue;
      }
      const doc = editor.document;
      const line = (n: number): vscode.Range => doc.lineAt(Math.min(Math.max(n, 0), doc.lineCount - 1)).range;
      const removed: vscode.DecorationOptions[] = [];
      const added: vscode.DecorationOptions[] = [];
      for (const h of state.hunks) {
        const hover = hoverFor(h, language);
        h.origLines.forEach((_, i) => removed.push({ range: line(h.line + i), hoverMessage: hover }));
        for (const [target, text] of ghostLines(h)) {
          added.push({ range: endOf(line(target)), hoverMessage: hover, renderOptions: { after: { contentText: text } } });
        }
      }
      const unreached: vscode.Range[] = [];
      for (let i = state.regionStart + state.reached; i < state.regionEnd; i++) unreached.push(line(i));
      const region: vscode.Range[] = [];
      for (let i = state.regionStart; i < Math.max(state.regionEnd, state.regionStart + 1); i++) region.push(line(i));
      editor.setDecorations(this.removed, removed);
      editor.setDecorations(this.added, added);
      editor.setDecorations(this.unreached, unreached);
      editor.setDecorations(this.region, region);
    }
  }

  dispose(): void {
    this.themeListener.dispose();
    for (const t of Object.values(this.types)) t.dispose();
  }
}

const endOf = (r: vscode.Range): vscode.Range => new vscode.Range(r.end, r.end);

/** Which document line shows which ghost text: new line i beside removed line i, the rest on the last one. */
export function ghostLines(h: PlacedHunk): [number, string][] {
  if (h.newLines.length === 0) return [];
  const shown = (l: string): string => l.trim() || '(blank line)';
  if (h.origLines.length === 0) {
    return [[Math.max(h.line - 1, 0), `${h.line === 0 ? '⊕ above: ' : '⊕ '}${h.newLines.map(shown).join(BREAK)}`]];
  }
  const out: [number, string][] = [];
  const k = h.origLines.length;
  h.newLines.slice(0, k - 1).forEach((l, i) => out.push([h.line + i, ARROW + shown(l)]));
  const rest = h.newLines.slice(k - 1);
  if (rest.length) out.push([h.line + Math.min(k, h.newLines.length) - 1, ARROW + rest.map(shown).join(BREAK)]);
  return out;
}

function hoverFor(h: PlacedHunk, language: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(h.newLines.length ? `**BYOK proposes** (${h.newLines.length} line${h.newLines.length === 1 ? '' : 's'} for ${h.origLines.length}):` : `**BYOK proposes deleting** ${h.origLines.length} line${h.origLines.length === 1 ? '' : 's'}.`);
  if (h.newLines.length) md.appendCodeblock(h.newLines.join('\n'), language);
  return md;
}
