// Runs an update at most once per animation frame (16 ms), however fast the stream is: a token-by-token
// redraw of editor decorations would cost more than the model takes to write them.

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export const FRAME_MS = 16;

export class FrameThrottle {
  private timer: unknown;
  private last = -Infinity;

  constructor(private readonly run: () => void, private readonly frameMs = FRAME_MS, private readonly clock: Clock = realClock) {}

  /** Asks for an update; it happens at the start of the next free frame. */
  request(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.last + this.frameMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => this.fire(), wait);
  }

  /** Runs a pending update now (the stream ended). */
  flush(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.fire();
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    // Node's timers count from the event loop's cached time, which lags a busy loop: a timer can fire a few
    // ms before its frame really ends. Then it waits out the rest instead of drawing a second time in the frame.
    const early = this.last + this.frameMs - this.clock.now();
    if (early > 0.5 && this.timer !== undefined) {
      this.timer = this.clock.setTimeout(() => this.fire(), early);
      return;
    }
    this.timer = undefined;
    this.last = this.clock.now();
    this.run();
  }
}
