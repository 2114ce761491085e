// Paired ratios and a verdict one run can be trusted for: the median's distribution-free 95% confidence
// interval (order statistics of the binomial), compared with the goal. Pairs are measured back to back,
// so drift over the run (JIT, heap, other processes) falls on both members of a pair alike.

export interface RatioSummary {
  n: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  /** ~95% confidence interval of the median ratio. */
  ciLow: number;
  ciHigh: number;
  verdict: 'met' | 'not met' | 'undecided';
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The rank k (1-based) with P(Binomial(n, 1/2) < k) <= 2.5 %: [x_k, x_(n+1-k)] covers the median with >= 95 %. */
export function medianCiRank(n: number): number {
  let cumulative = 0;
  let k = 0;
  let choose = 1; // C(n, 0)
  for (let i = 0; i <= n; i++) {
    const p = choose / 2 ** n;
    if (cumulative + p > 0.025) break;
    cumulative += p;
    k = i + 1;
    choose = (choose * (n - i)) / (i + 1);
  }
  return Math.max(1, k);
}

export function summarizeRatios(ratios: readonly number[], goal: number): RatioSummary {
  const s = [...ratios].sort((a, b) => a - b);
  const n = s.length;
  const k = medianCiRank(n);
  const ciLow = s[k - 1]!;
  const ciHigh = s[n - k]!;
  const verdict = ciHigh <= goal ? 'met' : ciLow > goal ? 'not met' : 'undecided';
  return { n, median: quantile(s, 0.5), q1: quantile(s, 0.25), q3: quantile(s, 0.75), min: s[0]!, max: s[n - 1]!, ciLow, ciHigh, verdict };
}
