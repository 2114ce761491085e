// Keeps the conversation's end in view while the user is there, and only then.
//
// "At the end" is decided by what the user did, not by every scroll event: a scroll event that comes
// from the content changing size (a 'state' that drops the answer being regenerated, the browser
// clamping scrollTop) must not un-stick the view, or the new answer streams off-screen. So the view
// un-sticks only when it moved up while the content kept its height, or right after the user's own
// input (wheel, touch, keys, a press on the scrollbar), which also covers scrolling up mid-stream.
// Right after the user asks to follow (send, regenerate, resend), a scroll still under way from before
// (a smooth wheel scroll finishing) does not count: only new input does.
// Away from the end, a "Scroll to bottom" button (codicon arrow-down, a real button) appears.
import { button, setHidden } from '../dom';
import { scheduleAfterWrites } from '../frame';
import { icon } from '../icons';

/** Closer than this to the bottom counts as "at the bottom": new text keeps it there. */
export const STICKY_PX = 32;
/** The button shows only this far from the end: nearer, it would float over the last answer's own buttons. */
const BUTTON_PX = 72;
/** A scroll event this soon after the user's own input is the user's. */
const INPUT_MS = 600;
/** After follow(), scroll events without new input are leftovers of an earlier scroll for this long. */
const FOLLOW_GRACE_MS = 1000;
const SCROLL_KEYS = new Set(['ArrowUp', 'PageUp', 'Home', 'ArrowDown', 'PageDown', 'End', ' ']);

export class ScrollFollower {
  readonly button: HTMLButtonElement;
  private stick = true;
  private lastInput = -Infinity;
  private followedAt = -Infinity;
  private lastHeight = 0;
  private readonly keep = (): void => {
    if (this.stick) this.scroller.scrollTop = this.scroller.scrollHeight;
    this.lastHeight = this.scroller.scrollHeight;
    this.updateButton();
  };

  constructor(private readonly scroller: HTMLElement, private readonly moved: (top: number | undefined) => void, onButton: () => void) {
    this.button = button('Scroll to bottom', {
      class: 'scroll-to-bottom', icon: icon('arrow-down'), showLabel: false, testid: 'scroll-to-bottom', hidden: true,
      onClick: () => {
        this.follow();
        onButton();
      },
    });
    const input = (): void => { this.lastInput = performance.now(); };
    scroller.addEventListener('wheel', (e) => {
      input();
      // Decide now: the next frame's keep() must not pull a user who is scrolling up back down.
      if (e.deltaY < 0) this.stick = false;
    }, { passive: true });
    scroller.addEventListener('touchmove', input, { passive: true });
    // A press on the scrollbar targets the scroller itself; a click on a button inside (Regenerate) is not scrolling.
    scroller.addEventListener('pointerdown', (e) => { if (e.target === scroller) input(); }, { passive: true });
    scroller.addEventListener('keydown', (e) => {
      if (SCROLL_KEYS.has(e.key) && !(e.target instanceof Element && e.target.closest('button, textarea, input, summary, a'))) input();
    });
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  get sticking(): boolean {
    return this.stick;
  }

  get atBottom(): boolean {
    const m = this.scroller;
    return m.scrollHeight - m.scrollTop - m.clientHeight < STICKY_PX;
  }

  /** Stay at (or go to) the end from the next frame on: the user sent, regenerated or resent. */
  follow(): void {
    this.stick = true;
    this.followedAt = performance.now();
    scheduleAfterWrites(this.keep);
  }

  /** Content changed: after this frame's writes, keep the end in view if the user is there. */
  contentChanged(): void {
    scheduleAfterWrites(this.keep);
  }

  /** Restores a saved position (the view was hidden and shown again). */
  restore(top: number): void {
    this.scroller.scrollTop = top;
    this.stick = this.atBottom;
    this.lastHeight = this.scroller.scrollHeight;
    this.updateButton();
  }

  /** Inserts content above what is on screen without moving what the user sees. */
  insertAbove(insert: () => void): void {
    const m = this.scroller;
    const top = m.scrollTop;
    const height = m.scrollHeight;
    insert();
    if (this.stick) m.scrollTop = m.scrollHeight;
    else m.scrollTop = top + (m.scrollHeight - height);
    this.lastHeight = m.scrollHeight;
  }

  private onScroll(): void {
    const m = this.scroller;
    const now = performance.now();
    const leftover = this.lastInput < this.followedAt && now - this.followedAt < FOLLOW_GRACE_MS;
    if (this.atBottom) this.stick = true;
    else if (leftover) scheduleAfterWrites(this.keep);
    else if (m.scrollHeight === this.lastHeight || now - this.lastInput < INPUT_MS) this.stick = false;
    this.lastHeight = m.scrollHeight;
    this.updateButton();
    this.moved(this.stick ? undefined : m.scrollTop);
  }

  private updateButton(): void {
    // Hidden while the conversation is hidden (history open) or nothing overflows.
    const m = this.scroller;
    setHidden(this.button, this.stick || m.scrollHeight - m.scrollTop - m.clientHeight < BUTTON_PX);
  }
}
