// The stream-overhead bench's verdict: one run says met / not met only when the median's 95% interval is on one side.
import assert from 'node:assert/strict';
import { medianCiRank, summarizeRatios } from '../bench/pair-stats';

describe('bench: paired-ratio verdict', () => {
  it('uses the binomial order statistics for the median\'s 95% interval', () => {
    // Tables: n = 10 -> ranks 2 and 9; n = 20 -> 6 and 15; n = 40 -> 14 and 27.
    assert.equal(medianCiRank(10), 2);
    assert.equal(medianCiRank(20), 6);
    assert.equal(medianCiRank(40), 14);
  });

  it('met only when the whole interval is at or below the goal, not met only when all of it is above', () => {
    const tight = (c: number): number[] => Array.from({ length: 20 }, (_, i) => c + (i - 10) * 0.002);
    assert.equal(summarizeRatios(tight(1.0), 1.05).verdict, 'met');
    assert.equal(summarizeRatios(tight(1.12), 1.05).verdict, 'not met');
    const wide = Array.from({ length: 20 }, (_, i) => 0.6 + i * 0.06); // median ~1.17, spread 0.6-1.74
    const s = summarizeRatios(wide, 1.05);
    assert.equal(s.verdict, 'undecided');
    assert.ok(s.ciLow <= 1.05 && s.ciHigh > 1.05);
    assert.equal(s.min, 0.6);
    assert.ok(s.q1 < s.median && s.median < s.q3);
  });
});
