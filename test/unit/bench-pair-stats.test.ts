// The stream-overhead bench's verdict: one run says met / NOT met only when the 95% interval of the
// per-round ratio is on one side of the goal, and that interval must really cover the true ratio 95%
// of the time (too narrow and the bench would call noise a verdict; too wide and it could never judge).
import assert from 'node:assert/strict';
import { hodgesLehmann, signedRankCiRank, summarizeRatios, verdictFor } from '../bench/pair-stats';

/** A seeded generator (mulberry32) and normal deviates, so the coverage check is the same every run. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe('bench: paired-ratio verdict', () => {
  it('uses the exact signed-rank distribution for the 95% interval (the published critical values)', () => {
    // Two-sided 5% critical values of Wilcoxon's T: n = 10 -> 8, n = 20 -> 52, n = 30 -> 137; the interval
    // starts at the next Walsh average.
    assert.equal(signedRankCiRank(10), 9);
    assert.equal(signedRankCiRank(20), 53);
    assert.equal(signedRankCiRank(30), 138);
    // Too few values for any 95% interval: the widest one (min and max) is all there is.
    assert.equal(signedRankCiRank(3), 1);
  });

  it('estimates the location as the median of the pairwise means', () => {
    // Walsh averages of 1, 2, 3, 10: 1, 1.5, 2, 2, 2.5, 3, 5.5, 6, 6.5, 10 -> median 2.75; the outlier barely moves it.
    assert.equal(hodgesLehmann([1, 2, 3, 10]).estimate, 2.75);
    assert.equal(hodgesLehmann([3, 1, 10, 2]).estimate, 2.75);
    const ci = hodgesLehmann([1, 2, 3, 10]);
    assert.equal(ci.ciLow, 1);
    assert.equal(ci.ciHigh, 10);
  });

  it('covers the true ratio about 95% of the time, and is narrow enough to judge 1.05 from 30 rounds', () => {
    // Rounds as the bench sees them: the true ratio times log-normal noise of 3 %, with an occasional wild round.
    const draw = normals(15);
    const truth = 1.03;
    let covered = 0;
    let widthSum = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const ratios = Array.from({ length: 30 }, (_, i) => truth * Math.exp(0.03 * draw() + (i === 7 && t % 5 === 0 ? 0.3 : 0)));
      const s = summarizeRatios(ratios, 1.05);
      if (s.ciLow <= truth && truth <= s.ciHigh) covered++;
      widthSum += (s.ciHigh - s.ciLow) / 2 / truth;
    }
    const coverage = covered / trials;
    assert.ok(coverage >= 0.91 && coverage <= 0.99, `coverage ${coverage}`);
    // Half-width about 1.96 * 3 % / sqrt(30) * 1.02: ~1.1 %; the bench needs well under 3 %.
    const halfWidth = widthSum / trials;
    assert.ok(halfWidth > 0.007 && halfWidth < 0.015, `half-width ${halfWidth}`);
  });

  it('met only when the whole interval is at or below the goal, not met only when all of it is above', () => {
    assert.equal(verdictFor(0.98, 1.05, 1.05), 'met');
    assert.equal(verdictFor(1.051, 1.2, 1.05), 'not met');
    assert.equal(verdictFor(1.0, 1.06, 1.05), 'undecided');
    const around = (c: number): number[] => Array.from({ length: 30 }, (_, i) => c * Math.exp((i - 14.5) * 0.002));
    assert.equal(summarizeRatios(around(1.0), 1.05).verdict, 'met');
    assert.equal(summarizeRatios(around(1.12), 1.05).verdict, 'not met');
    const wide = Array.from({ length: 30 }, (_, i) => 0.6 + i * 0.04); // ~1.18 in the middle, spread 0.6-1.76
    const s = summarizeRatios(wide, 1.05);
    assert.equal(s.verdict, 'undecided');
    assert.ok(s.ciLow <= 1.05 && s.ciHigh > 1.05);
    assert.equal(s.min, 0.6);
    assert.ok(s.q1 < s.median && s.median < s.q3);
  });
});
