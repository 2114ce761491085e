// The delay before a completion request, adapted to the user: each rejected suggestion makes it longer
// (×1.5), each accepted one shorter (×0.8), clamped to 50–3,000 ms, and it decays back toward the
// configured start over minutes (the numbers Copilot's next-edit suggestions use). A user who keeps
// dismissing suggestions gets fewer requests; one who accepts them gets them sooner.
export interface Clock { now(): number }

export const DEBOUNCE_MIN_MS = 50;
export const DEBOUNCE_MAX_MS = 3_000;
const REJECT_FACTOR = 1.5;
const ACCEPT_FACTOR = 0.8;
/** Half of the distance to the start value goes away every this many ms. */
const DECAY_HALF_LIFE_MS = 2 * 60_000;

export class AdaptiveDebounce {
  #value: number;
  #at: number;

  constructor(private start: number, private readonly clock: Clock) {
    this.start = clamp(start);
    this.#value = this.start;
    this.#at = clock.now();
  }

  /** The delay to wait now. */
  get delayMs(): number {
    const elapsed = this.clock.now() - this.#at;
    const decayed = this.start + (this.#value - this.start) * Math.pow(0.5, elapsed / DECAY_HALF_LIFE_MS);
    return Math.round(clamp(decayed));
  }

  accepted(): void { this.#set(this.delayMs * ACCEPT_FACTOR); }
  rejected(): void { this.#set(this.delayMs * REJECT_FACTOR); }

  /** The setting changed: start over from the new value. */
  reset(start: number): void {
    this.start = clamp(start);
    this.#set(this.start);
  }

  #set(v: number): void {
    this.#value = clamp(v);
    this.#at = this.clock.now();
  }
}

function clamp(v: number): number {
  return Math.min(DEBOUNCE_MAX_MS, Math.max(DEBOUNCE_MIN_MS, Number.isFinite(v) ? v : 150));
}
