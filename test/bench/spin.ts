// A fixed amount of CPU work, for the deliberately slowed adapter (BYOK_BENCH_SLOW): a counted loop,
// not a wait on the clock, so a round that is descheduled mid-spin still does the same work.
let sink = 0;

export function spin(iterations: number): void {
  let x = sink;
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
  sink = x;
}

/** Loop iterations per CPU millisecond on this machine now (median of five 20 ms samples). */
export function spinRate(): number {
  const rates: number[] = [];
  for (let s = 0; s < 5; s++) {
    let iterations = 0;
    const c0 = process.cpuUsage();
    let elapsed = 0;
    while (elapsed < 20) {
      spin(10_000);
      iterations += 10_000;
      const c = process.cpuUsage(c0);
      elapsed = (c.user + c.system) / 1000;
    }
    rates.push(iterations / elapsed);
  }
  return rates.sort((a, b) => a - b)[2]!;
}
