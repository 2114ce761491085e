// Paired ratios and a verdict one run can be trusted for. Each round gives one ratio (adapter CPU /
// bare-SDK CPU, both measured in the same round); the estimate is the Hodges-Lehmann location of the
// log ratios (the median of all pairwise means: as robust as the median, and about as efficient as the
// mean, so 30 rounds judge what the plain median's interval needed ~100 for), and its 95% interval
// comes from the exact Wilcoxon signed-rank distribution. No assumption about the noise beyond symmetry
// of the log ratios; no random numbers, so the same rounds always give the same verdict.

export type Verdict = 'met' | 'not met' | 'undecided';

export interface Location {
  n: number;
  /** Hodges-Lehmann estimate: the median of the Walsh averages (x_i + x_j) / 2, i <= j. */
  estimate: number;
  /** ~95% confidence interval of the location. */
  ciLow: number;
  ciHigh: number;
}

export interface RatioSummary extends Location {
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  verdict: Verdict;
}

export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The rank k (1-based) with P(T < k) <= alpha/2 for the signed-rank statistic T of n values (exact,
 * by counting rank subsets): [W_(k), W_(N+1-k)] of the N = n(n+1)/2 sorted Walsh averages covers the
 * location with >= 1 - alpha. Tables: n = 10 -> 9, n = 20 -> 53, n = 30 -> 138 (critical values 8, 52, 137).
 */
export function signedRankCiRank(n: number, alpha = 0.05): number {
  const max = (n * (n + 1)) / 2;
  // dist[t] = P(T = t) under the null: each rank 1..n is in the positive set with probability 1/2.
  let dist = new Float64Array(max + 1);
  dist[0] = 1;
  for (let r = 1; r <= n; r++) {
    const next = new Float64Array(max + 1);
    for (let t = 0; t + r <= max; t++) {
      const p = dist[t]!;
      if (!p) continue;
      next[t] = next[t]! + p / 2;
      next[t + r] = next[t + r]! + p / 2;
    }
    dist = next;
  }
  let cumulative = 0;
  let k = 0;
  while (k <= max && cumulative + dist[k]! <= alpha / 2) cumulative += dist[k++]!;
  return Math.max(1, k);
}

/** Hodges-Lehmann location of xs with its signed-rank confidence interval. */
export function hodgesLehmann(xs: readonly number[], alpha = 0.05): Location {
  const n = xs.length;
  const walsh: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh.push((xs[i]! + xs[j]!) / 2);
  walsh.sort((a, b) => a - b);
  const k = Math.min(signedRankCiRank(n, alpha), Math.ceil(walsh.length / 2));
  return { n, estimate: quantile(walsh, 0.5), ciLow: walsh[k - 1]!, ciHigh: walsh[walsh.length - k]! };
}

/** The verdict for "ratio <= goal": met only when the whole interval is at or below it, not met only when all of it is above. */
export function verdictFor(ciLow: number, ciHigh: number, goal: number): Verdict {
  return ciHigh <= goal ? 'met' : ciLow > goal ? 'not met' : 'undecided';
}

/** Per-round ratios (each measured within one round) summarized on the log scale, so 0.9 and 1.11 weigh alike. */
export function summarizeRatios(ratios: readonly number[], goal: number): RatioSummary {
  const s = [...ratios].sort((a, b) => a - b);
  const hl = hodgesLehmann(s.map(Math.log));
  const ciLow = Math.exp(hl.ciLow);
  const ciHigh = Math.exp(hl.ciHigh);
  return {
    n: s.length,
    estimate: Math.exp(hl.estimate),
    ciLow,
    ciHigh,
    median: quantile(s, 0.5),
    q1: quantile(s, 0.25),
    q3: quantile(s, 0.75),
    min: s[0]!,
    max: s[s.length - 1]!,
    verdict: verdictFor(ciLow, ciHigh, goal),
  };
}

/** A one-line text histogram of values between lo and hi (for the bench's printout). */
export function histogram(values: readonly number[], lo: number, hi: number, bins = 12): string {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)))]!++;
  const bars = ' ▁▂▃▄▅▆▇█';
  const top = Math.max(...counts, 1);
  return counts.map((c) => bars[c === 0 ? 0 : Math.max(1, Math.round((c / top) * 8))]).join('');
}
