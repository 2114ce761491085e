// A fixed amount of CPU work, for the deliberately slowed adapter (BYOK_BENCH_SLOW). It spins on the
// monotonic clock rather than counting loop iterations: the same counted loop cost 4x more when called
// from inside the stream's async step than in a calibration loop (different JIT code for the two call
// sites), while a 1-2 µs spin on the clock is CPU time almost always (being descheduled inside so short
// a window is rare, and would only make the stand-in look faster, never slower).
export function spinFor(microseconds: number): void {
  const until = performance.now() + microseconds / 1000;
  while (performance.now() < until) { /* busy */ }
}
