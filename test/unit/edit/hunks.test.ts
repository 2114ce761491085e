import assert from 'node:assert/strict';
import { alignedHunks, applyHunks, finalHunks, reindent, streamingHunks } from '../../../src/core/edit/hunks';

const original = ['function f(a, b) {', '  const s = a + b;', '  log(s);', '  return s;', '}'];

describe('edit/hunks: streaming diff and the final Myers re-diff', () => {
  it('final hunks are the minimal line diff, and applying them gives exactly the proposal', () => {
    const proposed = ['function f(a, b) {', '  const sum = a + b;', '  return sum;', '}'];
    const hunks = finalHunks(original, proposed);
    assert.deepEqual(hunks, [{ origStart: 1, origLines: ['  const s = a + b;', '  log(s);', '  return s;'], newLines: ['  const sum = a + b;', '  return sum;'] }]);
    assert.deepEqual(applyHunks(original, hunks), proposed);
  });

  it('separate changes become separate hunks (one CodeLens each)', () => {
    const proposed = ['// adds', 'function f(a, b) {', '  const s = a + b;', '  log(s);', '  return s;', '};'];
    const hunks = finalHunks(original, proposed);
    assert.equal(hunks.length, 2);
    assert.deepEqual(hunks[0], { origStart: 0, origLines: [], newLines: ['// adds'] });
    assert.deepEqual(hunks[1], { origStart: 4, origLines: ['}'], newLines: ['};'] });
    assert.deepEqual(applyHunks(original, hunks), proposed);
    // Accepting only the second hunk applies only it.
    assert.deepEqual(applyHunks(original, [hunks[1]]), [...original.slice(0, 4), '};']);
  });

  it('an identical proposal has no hunks', () => {
    assert.deepEqual(finalHunks(original, [...original]), []);
  });

  it('indentation tolerance: a flush-left answer to an indented selection is re-indented, so unchanged lines stay unchanged', () => {
    const indented = ['    if (x) {', '        y();', '    }'];
    const answer = ['if (x) {', '    y();', '    z();', '}'];
    const fixed = reindent(indented, answer);
    assert.deepEqual(fixed, ['    if (x) {', '        y();', '        z();', '    }']);
    assert.deepEqual(finalHunks(indented, fixed), [{ origStart: 2, origLines: [], newLines: ['        z();'] }]);
    // An answer already at the right depth is left alone.
    assert.deepEqual(reindent(indented, indented), indented);
  });

  it('hunks from a partial stream cover only what was streamed, ignoring indentation while matching', () => {
    const partial = ['function f(a, b) {', '    const sum = a + b;'];
    const { hunks, reached } = streamingHunks(original, partial);
    assert.deepEqual(hunks, [{ origStart: 1, origLines: [], newLines: ['    const sum = a + b;'] }]);
    assert.equal(reached, 1, 'the rest of the original is not yet accounted for');
    const streamed = [...partial, '  return s;', '}'];
    const more = streamingHunks(original, streamed);
    assert.equal(more.reached, 5);
    // What was streamed is exactly the reached part of the original with the provisional hunks applied.
    assert.deepEqual(applyHunks(original.slice(0, more.reached), more.hunks), streamed);
    // Re-indented lines match their original while streaming (no spurious hunk).
    assert.deepEqual(streamingHunks(original, ['function f(a, b) {', '    const s = a + b;']).hunks, []);
  });

  it('a short line like "}" does not match far ahead while streaming', () => {
    const { hunks, reached } = streamingHunks(original, ['function f(a, b) {', '}']);
    assert.equal(reached, 1);
    assert.deepEqual(hunks, [{ origStart: 1, origLines: [], newLines: ['}'] }]);
  });
});

describe('edit/hunks: a rewrite too large to diff in time', () => {
  const big = Array.from({ length: 2000 }, (_, i) => `line ${i}`);
  it('falls back to an exact alignment: line-for-line hunks when the shape is the same', () => {
    const proposed = big.map((l, i) => (i % 3 === 0 ? `${l};` : l));
    const hunks = finalHunks(big, proposed, 0);
    assert.deepEqual(applyHunks(big, hunks), proposed);
    assert.equal(hunks.length, 667);
    assert.ok(hunks.every((h) => h.origLines.length === 1 && h.newLines.length === 1));
  });
  it('one hunk for the differing middle when the line counts differ', () => {
    const proposed = ['line 0', 'new', ...big.slice(5, 1990).map((l) => `${l}!`), 'line 1999'];
    const hunks = alignedHunks(big, proposed);
    assert.equal(hunks.length, 1);
    assert.equal(hunks[0]!.origStart, 1);
    assert.deepEqual(applyHunks(big, hunks), proposed);
  });
});
