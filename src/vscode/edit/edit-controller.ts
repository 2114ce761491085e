// Edit Selection: ask for an instruction, stream a rewrite of the selected lines from the inline model
// through the ChatRouter (origin 'edit'), show it as a reviewable proposal, and apply exactly what the user
// accepts. One proposal at a time per window.
//
// The document is not touched until Accept (decorations only; see decorations.ts), so saving, auto-save,
// formatters and other extensions never see a half-reviewed edit, and Reject restores nothing because
// nothing changed. Accepting applies the pending hunks as one WorkspaceEdit: one undo step. Before any
// hunk is applied its original lines are compared with the document's: a mismatch withdraws the proposal
// instead of writing on the wrong lines.
import * as vscode from 'vscode';
import * as z from 'zod';
import { costOf, formatUsd } from '../../core/chat/cost';
import { lineBreaks, type LineChange } from '../../core/edit/anchor';
import { FrameThrottle } from '../../core/edit/frame-throttle';
import { applyHunks } from '../../core/edit/hunks';
import { CONTEXT_LINES, editMessages } from '../../core/edit/prompt';
import { ProposalState, type PlacedHunk } from '../../core/edit/proposal-state';
import { editCutOff, parseEditReply, streamingCode } from '../../core/edit/reply';
import { enclosingBlock } from '../../core/edit/scope';
import { isProviderError } from '../../core/errors';
import { lazySchema } from '../../core/lazy-schema';
import type { Usage } from '../../core/providers/types';
import type { ChatRouter } from '../../core/routing/chat-router';
import type { ByokModel } from '../models/model-catalog';
import type { ModelSelection } from '../models/selection';
import { EditDecorations } from './decorations';
import { EditDiffContent } from './diff-view';
import { editModel } from './edit-model';
import { askInstruction, recentInstructions, rememberInstruction } from './instructions';

/** What `byok.editSelection` accepts from code actions and automation (checked: commands are a boundary). Built on first use. */
const EditArgs = lazySchema(() => z.object({
  instruction: z.string().optional(),
  prefill: z.string().optional(),
  uri: z.string().optional(),
  startLine: z.number().int().min(0).optional(),
  endLine: z.number().int().min(0).optional(),
}).strict());
export type EditArgs = z.infer<ReturnType<typeof EditArgs>>;

export type PendingChoice = 'accept' | 'reject' | 'keep';

/** The questions Edit Selection asks; host tests answer them without dialogs. */
export interface EditPrompts {
  instruction(recent: string[], prefill: string): Promise<string | undefined>;
  whenPending(file: string, streaming: boolean): Promise<PendingChoice>;
}

const defaultPrompts: EditPrompts = {
  instruction: askInstruction,
  async whenPending(file, streaming) {
    const accept = 'Accept It', reject = streaming ? 'Stop It' : 'Reject It';
    const choice = await vscode.window.showWarningMessage(
      `An edit is still ${streaming ? 'being written' : 'pending'} in ${file}. What should happen to it before the new one?`,
      { modal: true }, ...(streaming ? [reject] : [accept, reject]));
    return choice === accept ? 'accept' : choice === reject ? 'reject' : 'keep';
  },
};

class Proposal {
  readonly abort = new AbortController();
  reply = '';
  usage: Usage | undefined;
  constructor(
    readonly document: vscode.TextDocument,
    readonly state: ProposalState,
    readonly model: ByokModel,
    readonly instruction: string,
  ) {}
}

export class EditController implements vscode.Disposable {
  prompts: EditPrompts = defaultPrompts;
  private proposal: Proposal | undefined;
  private readonly decorations = new EditDecorations(() => this.redraw());
  private readonly diff: EditDiffContent;
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires whenever the proposal changes (drawn, finished, withdrawn, applied): for tests and the bench. */
  readonly onDidChange = this.changed.event;
  /** The document version our own Accept produces: that change is not the user's. */
  private ownVersion: number | undefined;
  private lensKey = '';
  private readonly throttle = new FrameThrottle(() => this.streamUpdate());
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: { router: ChatRouter; selection: ModelSelection; state: vscode.Memento; log: vscode.LogOutputChannel }) {
    this.diff = new EditDiffContent({ sides: (uri) => this.sides(uri) });
    this.disposables.push(
      this.decorations, this.diff, this.lensesChanged, this.changed, { dispose: () => this.throttle.dispose() },
      vscode.languages.registerCodeLensProvider('*', { onDidChangeCodeLenses: this.lensesChanged.event, provideCodeLenses: (doc) => this.lenses(doc) }),
      vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChange(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => { if (doc === this.proposal?.document) this.withdraw(); }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.redraw()),
    );
  }

  /** For tests: the pending proposal as plain data. */
  get pending(): { uri: string; phase: 'streaming' | 'review'; hunks: readonly PlacedHunk[]; status: string } | undefined {
    const p = this.proposal;
    return p && { uri: p.document.uri.toString(), phase: p.state.phase, hunks: p.state.hunks, status: this.statusLine(p) };
  }

  async editSelection(rawArgs?: unknown): Promise<void> {
    const parsedArgs = EditArgs().safeParse(rawArgs ?? {});
    // The editor context menu passes the file's URI: not arguments of ours.
    const args: EditArgs = parsedArgs.success ? parsedArgs.data : {};
    const editor = await this.targetEditor(args);
    if (!editor) { void vscode.window.showInformationMessage('Open a file and select the code to edit first.'); return; }
    if (this.proposal && !(await this.resolvePending())) return;

    const choice = editModel(this.deps.selection);
    if (!choice.ok) {
      const pick = await vscode.window.showErrorMessage(`BYOK: ${choice.message}`, ...(choice.choose ? ['Select Inline Model'] : []));
      if (pick) await vscode.commands.executeCommand('byok.selectInlineModel');
      return;
    }
    const doc = editor.document;
    const { start, end } = this.regionOf(editor, args);
    // An instruction passed as an argument (any extension can run this command) only pre-fills the box: the
    // selection goes to a provider, and the key is billed, only when the user confirms.
    const instruction = (await this.prompts.instruction(recentInstructions(this.deps.state), args.prefill ?? args.instruction ?? ''))?.trim();
    if (!instruction) return;
    await rememberInstruction(this.deps.state, instruction);
    // The document may have changed while the box was open: read the lines now.
    if (doc.isClosed || end >= doc.lineCount) return;
    const lines = (from: number, to: number): string[] => { const out: string[] = []; for (let i = Math.max(from, 0); i <= Math.min(to, doc.lineCount - 1); i++) out.push(doc.lineAt(i).text); return out; };
    const original = lines(start, end);
    const proposal = new Proposal(doc, new ProposalState(start, original), choice.model, instruction);
    this.proposal = proposal;
    await this.setContext();
    this.redraw();
    await this.run(proposal, editMessages({
      instruction, path: vscode.workspace.asRelativePath(doc.uri), language: doc.languageId,
      before: lines(start - CONTEXT_LINES, start - 1), selection: original, after: lines(end + 1, end + CONTEXT_LINES),
    }));
  }

  private async run(p: Proposal, request: ReturnType<typeof editMessages>): Promise<void> {
    const { model } = p;
    let failure: string | undefined;
    let finish: string | undefined;
    try {
      const stream = this.deps.router.stream(
        { keyId: model.keyId, presetId: model.presetId, modelId: model.info.id },
        { ...request, maxOutputTokens: Math.min(model.info.maxOutputTokens, 16_384), temperature: 0 },
        p.abort.signal, 'edit');
      for await (const part of stream) {
        if (part.type === 'text') { p.reply += part.delta; if (this.proposal === p) this.throttle.request(); }
        else if (part.type === 'usage') p.usage = part.usage;
        else if (part.type === 'finish') { finish = part.reason; if (part.usage) p.usage = part.usage; }
      }
    } catch (e) {
      if (isProviderError(e) && e.kind === 'aborted') failure = '';
      else failure = isProviderError(e) ? e.userMessage : e instanceof Error ? e.message : String(e);
    }
    if (this.proposal !== p) return; // withdrawn meanwhile (stopped, conflicting edit, closed)
    this.throttle.dispose();
    if (failure !== undefined) return this.withdraw(failure ? `BYOK: the edit failed: ${failure}` : undefined);
    // A reply cut off (output limit, content filter) would propose deleting the lines it never reached.
    const cut = editCutOff(finish);
    if (cut) return this.withdraw(`BYOK: ${cut} Nothing was changed.`);
    const parsed = parseEditReply(p.reply);
    if (!parsed.ok) return this.withdraw(`BYOK: ${parsed.reason}`);
    p.state.finish(parsed.code.split('\n'));
    if (p.state.hunks.length === 0) return this.withdraw('BYOK: the model proposed no change to these lines.');
    await this.setContext();
    this.redraw();
  }

  private streamUpdate(): void {
    const p = this.proposal;
    if (!p || p.state.phase !== 'streaming') return;
    p.state.stream(streamingCode(p.reply));
    this.redraw();
  }

  /** Stops a streaming edit (Esc): the request is aborted, its socket closed, nothing is changed. */
  cancel(): void {
    if (this.proposal?.state.phase === 'streaming') this.withdraw('BYOK: edit stopped; nothing was changed.');
  }

  async accept(): Promise<boolean> {
    const p = this.proposal;
    if (!p) return false;
    if (p.state.phase === 'streaming') { void vscode.window.showInformationMessage('BYOK: the edit is still being written; wait for it to finish or press Esc to stop it.'); return false; }
    return this.apply(p, [...p.state.hunks]);
  }

  reject(): void {
    if (this.proposal) this.withdraw();
  }

  async acceptHunk(id: unknown): Promise<boolean> {
    const p = this.proposal;
    const hunk = p?.state.hunks.find((h) => h.id === id);
    if (!p || !hunk || p.state.phase !== 'review') return false;
    return this.apply(p, [hunk]);
  }

  rejectHunk(id: unknown): void {
    const p = this.proposal;
    if (!p || p.state.phase !== 'review' || !p.state.remove(Number(id))) return;
    if (p.state.hunks.length === 0) return this.withdraw();
    this.redraw();
  }

  async showDiff(): Promise<void> {
    const p = this.proposal;
    if (!p) { void vscode.window.showInformationMessage('BYOK: no edit is pending.'); return; }
    await this.diff.show(p.document.uri);
  }

  /** Applies hunks as one edit (one undo step), after checking each one still sits on its original lines. */
  private async apply(p: Proposal, hunks: PlacedHunk[]): Promise<boolean> {
    const doc = p.document;
    const stale = hunks.find((h) => !onItsLines(doc, h));
    if (stale) {
      this.withdraw('BYOK: the document no longer has the lines this edit was written for, so it was withdrawn and nothing was applied.');
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    for (const h of hunks) { const r = replacementFor(doc, h, eol); edit.replace(doc.uri, r.range, r.text); }
    // One WorkspaceEdit is one change event (VS Code may trim it to the characters that differ, so it is
    // recognised by the version it produces, not by its ranges). The hunks leave the pending set first and
    // the ones below move by their line deltas, bottom-up, so each delta is measured on unmoved lines.
    this.ownVersion = doc.version + 1;
    for (const h of [...hunks].sort((a, b) => b.line - a.line)) p.state.applied(h.id);
    const ok = await vscode.workspace.applyEdit(edit);
    if (!ok) {
      this.ownVersion = undefined;
      this.withdraw('BYOK: VS Code refused the edit (is the file read-only?); nothing was applied.');
      return false;
    }
    if (this.proposal !== p) return true;
    if (p.state.hunks.length === 0) this.withdraw();
    else this.redraw();
    return true;
  }

  private onDocumentChange(e: vscode.TextDocumentChangeEvent): void {
    const p = this.proposal;
    if (!p || e.document !== p.document || e.contentChanges.length === 0) return;
    if (e.document.version === this.ownVersion) { this.ownVersion = undefined; this.redraw(); return; }
    for (const c of e.contentChanges) {
      const change: LineChange = { startLine: c.range.start.line, endLine: c.range.end.line, insertedBreaks: lineBreaks(c.text) };
      if (p.state.applyChange(change) === 'conflict') {
        this.withdraw('BYOK: you changed lines the pending edit covers, so it was withdrawn; nothing of it was applied.');
        return;
      }
    }
    this.redraw();
  }

  /** Drops the proposal: stops its request if it is still running, clears the view. The document is untouched. */
  private withdraw(message?: string): void {
    const p = this.proposal;
    if (!p) return;
    this.proposal = undefined;
    this.throttle.dispose();
    p.abort.abort();
    void this.setContext();
    this.redraw();
    if (message) void vscode.window.showInformationMessage(message);
  }

  private async resolvePending(): Promise<boolean> {
    const p = this.proposal!;
    const choice = await this.prompts.whenPending(vscode.workspace.asRelativePath(p.document.uri), p.state.phase === 'streaming');
    if (this.proposal !== p) return true; // it ended while the question was open
    if (choice === 'accept') return this.accept();
    if (choice === 'reject') { this.withdraw(); return true; }
    return false;
  }

  private async targetEditor(args: EditArgs): Promise<vscode.TextEditor | undefined> {
    if (!args.uri) return vscode.window.activeTextEditor;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri);
    return doc ? vscode.window.showTextDocument(doc, { preserveFocus: false }) : vscode.window.activeTextEditor;
  }

  /** Whole lines: the selection's (a selection ending at column 0 does not take that line), or the block around the cursor. */
  private regionOf(editor: vscode.TextEditor, args: EditArgs): { start: number; end: number } {
    const doc = editor.document;
    if (args.startLine !== undefined) {
      const start = Math.min(args.startLine, doc.lineCount - 1);
      return { start, end: Math.min(Math.max(args.endLine ?? start, start), doc.lineCount - 1) };
    }
    const sel = editor.selection;
    if (!sel.isEmpty) return { start: sel.start.line, end: sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line };
    const all: string[] = [];
    for (let i = 0; i < doc.lineCount; i++) all.push(doc.lineAt(i).text);
    return enclosingBlock(all, sel.active.line);
  }

  private sides(uri: vscode.Uri): { original: string; proposed: string } | undefined {
    const p = this.proposal;
    if (!p || p.document.uri.toString() !== uri.toString()) return undefined;
    const doc = p.document;
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const lines: string[] = [];
    for (let i = 0; i < doc.lineCount; i++) lines.push(doc.lineAt(i).text);
    const hunks = p.state.hunks.filter((h) => onItsLines(doc, h)).map((h) => ({ ...h, origStart: h.line }));
    return { original: doc.getText(), proposed: applyHunks(lines, hunks).join(eol) };
  }

  private statusLine(p: Proposal): string {
    const who = `${p.model.info.name} · key "${p.model.keyName}"`;
    if (p.state.phase === 'streaming') return `BYOK is writing with ${who}…`;
    if (!p.usage) return `BYOK edit · ${who} · usage not reported`;
    const cost = costOf(p.usage, p.model.info.pricing).usd;
    return `BYOK edit · ${who} · ${p.usage.inputTokens.toLocaleString('en-US')} in / ${p.usage.outputTokens.toLocaleString('en-US')} out tokens · ${formatUsd(cost)}`;
  }

  private lenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const p = this.proposal;
    if (!p || doc !== p.document) return [];
    const at = (line: number): vscode.Range => doc.lineAt(Math.min(Math.max(line, 0), doc.lineCount - 1)).range;
    const top = at(p.state.regionStart);
    const status = new vscode.CodeLens(top, { title: this.statusLine(p), command: '' });
    if (p.state.phase === 'streaming') return [status, new vscode.CodeLens(top, { title: '$(debug-stop) Stop (Esc)', command: 'byok.cancelEdit' })];
    const lenses = [
      status,
      new vscode.CodeLens(top, { title: '$(check-all) Accept All', command: 'byok.acceptEdit', tooltip: 'Apply every pending hunk as one undo step' }),
      new vscode.CodeLens(top, { title: '$(close-all) Reject All', command: 'byok.rejectEdit', tooltip: 'Discard the proposal; the file is unchanged' }),
      new vscode.CodeLens(top, { title: '$(diff) Side by Side', command: 'byok.showEditDiff', tooltip: 'Compare in a read-only diff; it applies nothing' }),
    ];
    for (const h of p.state.hunks) {
      const range = at(h.line);
      const label = `+${h.newLines.length} −${h.origLines.length}`;
      lenses.push(
        new vscode.CodeLens(range, { title: `$(check) Accept (${label})`, command: 'byok.acceptEditHunk', arguments: [h.id] }),
        new vscode.CodeLens(range, { title: '$(close) Reject', command: 'byok.rejectEditHunk', arguments: [h.id] }),
      );
    }
    return lenses;
  }

  private redraw(): void {
    const p = this.proposal;
    const editors = vscode.window.visibleTextEditors.filter((e) => !p || e.document === p.document);
    this.decorations.draw(editors, p?.state, p?.document.languageId ?? '');
    // VS Code debounces CodeLens refreshes on every change event: firing once per streamed frame would keep
    // postponing them (the Stop lens would never show). Fire only when the lenses would differ.
    const lensKey = p ? `${p.document.uri.toString()}|${this.statusLine(p)}|${p.state.regionStart}|${p.state.phase === 'review' ? p.state.hunks.map((h) => `${h.id}@${h.line}`).join(',') : ''}` : '';
    if (lensKey !== this.lensKey) { this.lensKey = lensKey; this.lensesChanged.fire(); }
    this.diff.refresh();
    this.changed.fire();
  }

  /** How many decoration updates were drawn so far (the bench's frame count). */
  get draws(): number {
    return this.decorations.draws;
  }

  /** The keybindings' and menus' context keys. Never throws: at shutdown the command service may be gone. */
  private async setContext(): Promise<void> {
    const phase = this.proposal?.state.phase;
    try {
      await vscode.commands.executeCommand('setContext', 'byok.editPending', phase === 'review');
      await vscode.commands.executeCommand('setContext', 'byok.editStreaming', phase === 'streaming');
    } catch (e) {
      this.deps.log.warn(`Could not update the edit context keys: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    this.withdraw();
    for (const d of this.disposables) d.dispose();
  }
}

function onItsLines(doc: vscode.TextDocument, h: PlacedHunk): boolean {
  if (h.line < 0 || h.line + h.origLines.length > doc.lineCount) return false;
  return h.origLines.every((text, i) => doc.lineAt(h.line + i).text === text);
}

/** The range and text that turn a hunk's original lines into its new ones, line endings included. */
function replacementFor(doc: vscode.TextDocument, h: PlacedHunk, eol: string): { range: vscode.Range; text: string } {
  const k = h.origLines.length;
  if (h.line + k < doc.lineCount) {
    return { range: new vscode.Range(h.line, 0, h.line + k, 0), text: h.newLines.map((l) => l + eol).join('') };
  }
  // The hunk ends on the document's last line, which has no line break after it.
  const last = doc.lineAt(doc.lineCount - 1).range.end;
  if (k === 0) return { range: new vscode.Range(last, last), text: h.newLines.map((l) => eol + l).join('') };
  if (h.newLines.length === 0 && h.line > 0) return { range: new vscode.Range(doc.lineAt(h.line - 1).range.end, last), text: '' };
  return { range: new vscode.Range(new vscode.Position(h.line, 0), last), text: h.newLines.join(eol) };
}
