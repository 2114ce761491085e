// Splits streamed Markdown into top-level blocks as it arrives, so a finished block is rendered
// once and only the last (open) block is re-rendered per frame: the cost of a token does not grow
// with the length of the answer. Only complete lines are looked at, so the cuts depend on the text
// alone, never on how it was chunked: streaming and rendering at once give the same blocks.
//
// A cut is made only where rendering the pieces apart gives what rendering them together would:
//   - before a non-indented line that follows a blank line (outside fenced code), except a list
//     item continuing a list with the same marker (a loose list stays one list);
//   - before a fence that starts in column 0 and after its closing line (a long code block is
//     then a block of its own).
// Never inside a fence, before an indented line (list continuation, indented code), or at a blank line.

const LIST_ITEM = /^(?:([*+-])|\d{1,9}([.)]))(?:[ \t]|$)/;
const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const BLANK = /^[ \t]*$/;

interface Fence { char: string; length: number; topLevel: boolean; info: string }

export class BlockSplitter {
  /** Offset of the next line not looked at, relative to the open block's start. */
  private scan = 0;
  private fence: Fence | undefined;
  private pendingBlank = false;
  /** The marker of the top-level list in the open block ('-', '*', '+', '.' or ')'), if any. */
  private listMarker: string | undefined;
  private hasContent = false;
  /** The open block is one fence from its first line (set while that fence is open). */
  private fenceBlock = false;

  /**
   * Looks at the complete lines of `open` (the text of the open block, and whatever followed) not
   * seen before and returns the offsets where finished blocks end, ascending. The caller must pass
   * `open.slice(last cut)` next time.
   */
  take(open: string): number[] {
    const cuts: number[] = [];
    for (;;) {
      const end = open.indexOf('\n', this.scan);
      if (end < 0) break;
      const start = this.scan;
      this.scan = end + 1;
      const cut = this.line(open.slice(start, end), start, end + 1, cuts.length ? cuts[cuts.length - 1]! : 0);
      if (cut !== undefined) cuts.push(cut);
    }
    if (cuts.length) this.scan -= cuts[cuts.length - 1]!;
    return cuts;
  }

  /** A fence is open somewhere in the open block: its lines are code, never Markdown structure. */
  get inFence(): boolean {
    return this.fence !== undefined;
  }

  /** The open block is a fenced code block still open: its language, for a plain-text preview. */
  get openFence(): { info: string } | undefined {
    return this.fence && this.fenceBlock ? { info: this.fence.info } : undefined;
  }

  private line(raw: string, start: number, next: number, blockStart: number): number | undefined {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.fence) {
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1]![0] === this.fence.char && close[1]!.length >= this.fence.length) {
        const topLevel = this.fence.topLevel;
        this.fence = undefined;
        if (topLevel) return this.cut(next);
      }
      return undefined;
    }
    if (BLANK.test(line)) {
      if (this.hasContent) this.pendingBlank = true;
      return undefined;
    }
    const indented = line[0] === ' ' || line[0] === '\t';
    const fence = FENCE_OPEN.exec(line);
    const opensFence = fence !== null && !(fence[2]![0] === '`' && fence[3]!.includes('`'));
    const item = indented ? null : LIST_ITEM.exec(line);
    const marker = item ? item[1] ?? item[2] : undefined;
    let cut: number | undefined;
    if (this.hasContent && start > blockStart) {
      if (opensFence && !indented) cut = this.cut(start);
      // An item with the same marker continues the list; another marker starts a new list.
      else if (this.pendingBlank && !indented && !(marker && marker === this.listMarker)) cut = this.cut(start);
    }
    if (!this.hasContent) this.fenceBlock = opensFence && !indented;
    this.hasContent = true;
    this.pendingBlank = false;
    if (marker) this.listMarker = marker;
    if (opensFence) {
      this.fence = { char: fence[2]![0]!, length: fence[2]!.length, topLevel: !indented, info: fence[3]!.trim() };
    }
    return cut;
  }

  private cut(at: number): number {
    this.pendingBlank = false;
    this.listMarker = undefined;
    this.hasContent = false;
    this.fenceBlock = false;
    return at;
  }
}
