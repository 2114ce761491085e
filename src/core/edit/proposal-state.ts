// The state of one proposed edit, in document line numbers, without VS Code: where the region is, which
// hunks are still pending, and how both move when the document changes under them. The VS Code side draws
// it and applies hunks; every line number it uses comes from here.
import { reanchor, type LineChange } from './anchor';
import { finalHunks, reindent, streamingHunks, type Hunk } from './hunks';

export interface PlacedHunk extends Hunk {
  id: number;
  /** The document line the hunk starts on (where its original lines are, or where an insertion goes). */
  line: number;
}

export type ChangeOutcome = 'moved' | 'untouched' | 'conflict';

export class ProposalState {
  phase: 'streaming' | 'review' = 'streaming';
  hunks: PlacedHunk[] = [];
  /** Original lines the stream has accounted for (all of them once in review). */
  reached = 0;
  private nextId = 1;

  constructor(public regionStart: number, readonly original: readonly string[]) {}

  get regionEnd(): number {
    return this.regionStart + this.original.length;
  }

  /** The stream so far: provisional hunks for the part written. */
  stream(codeLines: string[]): void {
    const { hunks, reached } = streamingHunks([...this.original], codeLines);
    this.reached = reached;
    this.hunks = hunks.map((h) => this.place(h));
  }

  /** The stream ended with this code: the final Myers hunks (after putting back stripped indentation). */
  finish(code: string[]): void {
    this.phase = 'review';
    this.reached = this.original.length;
    this.hunks = finalHunks([...this.original], reindent([...this.original], code)).map((h) => this.place(h));
  }

  /**
   * A document change made by the user. While streaming, any change inside the region is a conflict (the
   * rewrite is of text that no longer exists); in review, only a change touching a pending hunk is.
   */
  applyChange(change: LineChange): ChangeOutcome {
    if (this.phase === 'streaming') {
      const moved = reanchor(this.regionStart, this.original.length, change);
      if (moved === undefined) return 'conflict';
      const delta = moved - this.regionStart;
      this.regionStart = moved;
      for (const h of this.hunks) h.line += delta;
      return delta === 0 ? 'untouched' : 'moved';
    }
    const next: number[] = [];
    for (const h of this.hunks) {
      const moved = reanchor(h.line, h.origLines.length, change);
      if (moved === undefined) return 'conflict';
      next.push(moved);
    }
    let changed = false;
    this.hunks.forEach((h, i) => { if (h.line !== next[i]) { h.line = next[i]!; changed = true; } });
    const region = reanchor(this.regionStart, this.original.length, change);
    if (region !== undefined) this.regionStart = region;
    return changed ? 'moved' : 'untouched';
  }

  /** Removes a hunk that was just applied to the document and moves the hunks below it by its line delta. */
  applied(id: number): void {
    const hunk = this.remove(id);
    if (!hunk) return;
    const delta = hunk.newLines.length - hunk.origLines.length;
    for (const h of this.hunks) if (h.line > hunk.line) h.line += delta;
  }

  /** Removes a rejected hunk (the document is unchanged). */
  remove(id: number): PlacedHunk | undefined {
    const i = this.hunks.findIndex((h) => h.id === id);
    return i < 0 ? undefined : this.hunks.splice(i, 1)[0];
  }

  private place(h: Hunk): PlacedHunk {
    return { ...h, id: this.nextId++, line: this.regionStart + h.origStart };
  }
}
