// Work that can wait for the browser to be idle (older messages filling in after a restore), in
// slices short enough that scrolling and typing stay smooth.

/** How long one slice may run before it yields to input and painting. */
export const SLICE_MS = 8;

type IdleDeadline = { timeRemaining(): number };
const idle: ((cb: (d: IdleDeadline) => void, opts?: { timeout: number }) => number) | undefined =
  typeof requestIdleCallback === 'function' ? requestIdleCallback.bind(window) : undefined;

/**
 * Calls `step` in idle slices until it returns false, and `commit` at the end of each slice (one DOM
 * insertion, one layout per slice). `step` does one small unit of work. Returns a function that
 * cancels what has not run yet.
 */
export function runWhenIdle(step: () => boolean, commit: () => void = () => undefined): () => void {
  let cancelled = false;
  const slice = (deadline?: IdleDeadline): void => {
    if (cancelled) return;
    // The browser's idle deadline (up to 50 ms) already leaves room for input; a timed-out callback gets one short slice.
    const end = performance.now() + Math.max(SLICE_MS, deadline ? deadline.timeRemaining() : 0);
    let more: boolean;
    do more = step(); while (more && performance.now() < end);
    commit();
    if (more) next();
  };
  // The timeout bounds the wait on a busy page (a streaming answer): the fill-in still finishes.
  const next = (): void => {
    if (idle) idle(slice, { timeout: 100 });
    else setTimeout(slice, 0);
  };
  next();
  return () => { cancelled = true; };
}
