// Renders a growing Markdown text into one element, incrementally: finished blocks are rendered
// once and kept; the open (last) block is re-rendered at most once per animation frame and morphed
// into place, so only what changed is restyled and laid out again. A long fenced code block that
// is still open is previewed as plain text appended in place (in chunks of lines, so layout stays
// O(delta) too), and highlighted once when its fence closes.
import { el } from '../dom';
import { scheduleWrite } from '../frame';
import { BlockSplitter } from './blocks';
import { codeToolbar } from './code-blocks';
import { renderBlocks, renderMarkdown } from './markdown';
import { morph } from './morph';
import { shownWhileStreaming } from './table-hold';

/** An open code block longer than this is previewed as plain text until it closes. */
const PLAIN_PREVIEW_CHARS = 3000;
/** Lines per box in that preview: appending re-lays-out the last box only. */
const PREVIEW_CHUNK_LINES = 40;

const BLOCK = 'md-block';
/**
 * Blocks per group element. A block container with thousands of children costs the browser a
 * little per child on every layout; in groups, a frame touches the last group and the group list.
 */
const GROUP_SIZE = 32;

interface Preview { code: HTMLElement; chunk: Text; lines: number }

export class StreamRenderer {
  readonly element: HTMLElement;
  private committed: string[] = [];
  /** Text of the open block and anything after it not yet split off. */
  private open = '';
  private splitter = new BlockSplitter();
  private openElement: HTMLElement | undefined;
  private renderedOpen = '';
  /** The part of renderedOpen the open element shows (less while a table header waits for its separator). */
  private shownOpen = '';
  private preview: Preview | undefined;
  private ended = false;
  private paused = false;
  private readonly frameTask = (): void => this.flush();
  private readonly groups: HTMLElement[] = [];

  constructor(className = 'markdown') {
    this.element = el('div', { class: className });
  }

  get text(): string {
    return this.committed.join('') + this.open;
  }

  get isEmpty(): boolean {
    return this.committed.length === 0 && this.open === '';
  }

  append(delta: string): void {
    if (!delta) return;
    this.open += delta;
    this.schedule();
  }

  /** Replaces the whole text (a 'state' or 'message' from the host). */
  reset(text: string, ended: boolean): void {
    this.element.replaceChildren();
    this.groups.length = 0;
    this.committed = [];
    this.open = text;
    this.splitter = new BlockSplitter();
    this.openElement = undefined;
    this.renderedOpen = '';
    this.shownOpen = '';
    this.preview = undefined;
    this.ended = ended;
    this.schedule();
  }

  /** The text is final: the last block is rendered as Markdown even if a fence never closed. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.renderedOpen = '\u0000'; // force one last full render of the open block
    this.shownOpen = '\u0000';
    this.schedule();
  }

  /** While paused (e.g. inside a closed <details>), text is buffered and nothing is rendered. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.schedule();
  }

  /** Renders now instead of in the next frame (a whole message: waiting would only delay it). */
  flush(): void {
    if (this.paused) return;
    const cuts = this.splitter.take(this.open);
    if (cuts.length) {
      const blocks: string[] = [];
      let previous = 0;
      for (const cut of cuts) {
        blocks.push(this.open.slice(previous, cut));
        previous = cut;
      }
      this.open = this.open.slice(previous);
      this.commit(blocks);
    }
    this.renderOpen();
  }

  private schedule(): void {
    if (!this.paused) scheduleWrite(this.frameTask);
  }

  private commit(blocks: string[]): void {
    const open = this.openElement;
    if (open && blocks.length === 1 && !this.preview) {
      // The block just finished is (nearly) what the open element shows: morph it.
      if (blocks[0] !== this.shownOpen) morph(open, renderMarkdown(blocks[0]!));
    } else {
      open?.remove();
      // A whole message at once: its last block too, in the same sanitizer pass.
      const last = this.ended && this.open ? [this.open] : [];
      const rendered = [...renderBlocks([...blocks, ...last], BLOCK).children] as HTMLElement[];
      rendered.forEach((block, i) => this.groupFor(this.committed.length + i).append(block));
      if (last.length) {
        this.openElement = rendered[rendered.length - 1];
        this.renderedOpen = this.open;
        this.shownOpen = this.open;
        this.committed.push(...blocks);
        this.preview = undefined;
        return;
      }
    }
    open?.classList.remove('open');
    this.committed.push(...blocks);
    this.openElement = undefined;
    this.renderedOpen = '';
    this.shownOpen = '';
    this.preview = undefined;
  }

  private renderOpen(): void {
    if (this.open === this.renderedOpen) return;
    if (!this.open) {
      this.openElement?.remove();
      this.openElement = undefined;
      this.renderedOpen = '';
      this.shownOpen = '';
      return;
    }
    const target = this.openElement ??= this.groupFor(this.committed.length).appendChild(el('div', { class: this.ended ? BLOCK : `${BLOCK} open` }));
    if (this.ended) target.classList.remove('open');
    const fence = this.ended ? undefined : this.splitter.openFence;
    if (fence && this.open.length > PLAIN_PREVIEW_CHARS) {
      // Only appends reach here while previewing (a cut or reset ends the preview).
      if (this.preview) this.appendPreview(this.preview, this.open.slice(this.renderedOpen.length));
      else this.preview = this.startPreview(target, fence.info);
      this.shownOpen = '\u0000'; // the element shows a preview, not rendered Markdown
    } else {
      this.preview = undefined;
      const shown = this.ended || this.splitter.inFence ? this.open : shownWhileStreaming(this.open);
      if (shown !== this.shownOpen) morph(target, renderMarkdown(shown));
      this.shownOpen = shown;
    }
    this.renderedOpen = this.open;
  }

  /** The group element holding block number `index`. */
  private groupFor(index: number): HTMLElement {
    const k = Math.floor(index / GROUP_SIZE);
    while (this.groups.length <= k) this.groups.push(this.element.appendChild(el('div', { class: 'md-group' })));
    return this.groups[k]!;
  }

  private startPreview(target: HTMLElement, info: string): Preview {
    const language = (info.split(/\s/)[0] ?? '').replace(/[^\w+#.-]/g, '').slice(0, 50);
    const code = el('code', language ? { class: `language-${language}` } : {});
    target.replaceChildren(el('div', { class: 'code-block' }, [codeToolbar(language), el('pre', {}, [code])]));
    const preview: Preview = { code, chunk: document.createTextNode(''), lines: 0 };
    code.append(el('span', { class: 'preview-chunk' }, [preview.chunk]));
    this.appendPreview(preview, this.open.slice(this.open.indexOf('\n') + 1));
    return preview;
  }

  private appendPreview(preview: Preview, text: string): void {
    let rest = text;
    while (rest) {
      // Fill the current box up to PREVIEW_CHUNK_LINES lines, then start the next one.
      let end = 0;
      let lines = preview.lines;
      while (lines < PREVIEW_CHUNK_LINES) {
        const nl = rest.indexOf('\n', end);
        if (nl < 0) { end = rest.length; break; }
        end = nl + 1;
        lines++;
      }
      if (lines < PREVIEW_CHUNK_LINES) end = rest.length;
      preview.chunk.appendData(rest.slice(0, end));
      preview.lines = lines;
      rest = rest.slice(end);
      if (preview.lines >= PREVIEW_CHUNK_LINES) {
        preview.chunk = document.createTextNode('');
        preview.lines = 0;
        preview.code.append(el('span', { class: 'preview-chunk' }, [preview.chunk]));
      }
    }
  }
}
