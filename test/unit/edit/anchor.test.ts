import { ProposalState } from '../../../src/core/edit/proposal-state';
import assert from 'node:assert/strict';
import { lineBreaks, reanchor } from '../../../src/core/edit/anchor';
import { FrameThrottle, type Clock } from '../../../src/core/edit/frame-throttle';
import { enclosingBlock } from '../../../src/core/edit/scope';
import { editMessages } from '../../../src/core/edit/prompt';

describe('edit/anchor: re-anchoring after user edits', () => {
  // A hunk on lines 10-12.
  it('a line typed above moves the hunk down, a line deleted above moves it up', () => {
    assert.equal(reanchor(10, 3, { startLine: 2, endLine: 2, insertedBreaks: 1 }), 11);
    assert.equal(reanchor(10, 3, { startLine: 2, endLine: 4, insertedBreaks: 0 }), 8);
    assert.equal(reanchor(10, 3, { startLine: 9, endLine: 9, insertedBreaks: 2 }), 12, 'Enter at the end of the line just above');
  });

  it('an edit below the hunk leaves it where it is', () => {
    assert.equal(reanchor(10, 3, { startLine: 13, endLine: 20, insertedBreaks: 5 }), 10);
  });

  it('an edit that touches the hunk\'s lines withdraws it instead of guessing', () => {
    assert.equal(reanchor(10, 3, { startLine: 11, endLine: 11, insertedBreaks: 0 }), undefined);
    assert.equal(reanchor(10, 3, { startLine: 5, endLine: 10, insertedBreaks: 0 }), undefined);
    assert.equal(reanchor(10, 3, { startLine: 12, endLine: 15, insertedBreaks: 0 }), undefined);
    // A pure insertion is anchored to the line it goes before.
    assert.equal(reanchor(10, 0, { startLine: 10, endLine: 10, insertedBreaks: 0 }), undefined);
    assert.equal(reanchor(10, 0, { startLine: 11, endLine: 11, insertedBreaks: 0 }), 10);
  });

  it('counts line breaks like VS Code', () => {
    assert.equal(lineBreaks('a\r\nb\nc\rd'), 3);
  });
});

describe('edit/frame-throttle: at most one decoration update per animation frame', () => {
  it('a burst of requests runs once per 16 ms frame, and flush runs what is pending', () => {
    let now = 0;
    const timers: { at: number; run: () => void }[] = [];
    const clock: Clock = { now: () => now, setTimeout: (run, ms) => { const t = { at: now + ms, run }; timers.push(t); return t; }, clearTimeout: (t) => { timers.splice(timers.indexOf(t as never), 1); } };
    let runs = 0;
    const throttle = new FrameThrottle(() => runs++, 16, clock);
    const advance = (to: number): void => {
      now = to;
      for (;;) { const due = timers.find((t) => t.at <= now); if (!due) break; timers.splice(timers.indexOf(due), 1); due.run(); }
    };
    for (let t = 0; t < 1000; t++) { advance(t); throttle.request(); }
    advance(1100);
    assert.ok(runs <= Math.ceil(1000 / 16) + 1, `${runs} updates in one second`);
    assert.ok(runs >= 50, 'but it keeps updating');
    throttle.request();
    const before = runs;
    throttle.flush();
    assert.equal(runs, before + 1);
  });
});

describe('edit/scope: the block around the cursor when nothing is selected', () => {
  const lines = ['import x;', '', 'function f() {', '  if (a) {', '    b();', '  }', '  return 1;', '}', 'const z = 1;'];
  it('a line inside a body takes the enclosing block, closing brace included', () => {
    assert.deepEqual(enclosingBlock(lines, 4), { start: 3, end: 5 });
    assert.deepEqual(enclosingBlock(lines, 6), { start: 2, end: 7 });
  });
  it('a head line takes its own block; a top-level statement is taken alone', () => {
    assert.deepEqual(enclosingBlock(lines, 2), { start: 2, end: 7 });
    assert.deepEqual(enclosingBlock(lines, 8), { start: 8, end: 8 });
  });
  it('works for indentation-only languages', () => {
    assert.deepEqual(enclosingBlock(['def f():', '    x = 1', '    return x', 'y = 2'], 1), { start: 0, end: 2 });
  });
});

describe('edit/prompt', () => {
  it('sends the selection, context and instruction with a fence the code cannot close', () => {
    const { system, messages } = editMessages({ instruction: 'rename s', path: 'a.md', language: 'markdown', before: ['x'], selection: ['```js', 'y', '```'], after: [] });
    assert.match(system, /exactly one fenced code block/);
    const text = messages[0]!.role === 'user' && messages[0]!.content[0]!.type === 'text' ? messages[0]!.content[0]!.text : '';
    assert.match(text, /````markdown\n```js\ny\n```\n````/);
    assert.match(text, /Instruction: rename s/);
  });
});

describe('edit/proposal-state: hunks stay on their lines while the user edits', () => {
  const original = ['a', 'b', 'c', 'd', 'e', 'f'];
  const review = (): ProposalState => {
    const s = new ProposalState(10, original);
    s.finish(['a', 'B', 'c', 'd', 'e', 'F']);
    return s;
  };

  it('final hunks are placed on document lines', () => {
    assert.deepEqual(review().hunks.map((h) => [h.line, h.origLines, h.newLines]), [[11, ['b'], ['B']], [15, ['f'], ['F']]]);
  });

  it('a line typed above moves every hunk; a line typed between hunks moves only those below it', () => {
    const s = review();
    assert.equal(s.applyChange({ startLine: 0, endLine: 0, insertedBreaks: 2 }), 'moved');
    assert.deepEqual(s.hunks.map((h) => h.line), [13, 17]);
    assert.equal(s.applyChange({ startLine: 15, endLine: 15, insertedBreaks: 1 }), 'moved', 'on an unchanged line between the hunks');
    assert.deepEqual(s.hunks.map((h) => h.line), [13, 18]);
  });

  it('an edit on a pending hunk\'s lines is a conflict; while streaming, any edit inside the region is', () => {
    assert.equal(review().applyChange({ startLine: 11, endLine: 11, insertedBreaks: 0 }), 'conflict');
    const streaming = new ProposalState(10, original);
    streaming.stream(['a']);
    assert.equal(streaming.applyChange({ startLine: 14, endLine: 14, insertedBreaks: 0 }), 'conflict');
    assert.equal(streaming.applyChange({ startLine: 2, endLine: 2, insertedBreaks: 1 }), 'moved');
    assert.equal(streaming.regionStart, 11);
  });

  it('a flush-left reply to an indented selection yields only the real change (indentation put back)', () => {
    const s = new ProposalState(3, ['    if (x) {', '        y();', '    }']);
    s.finish(['if (x) {', '    y(1);', '}']);
    assert.deepEqual(s.hunks.map((h) => [h.line, h.origLines, h.newLines]), [[4, ['        y();'], ['        y(1);']]]);
  });

  it('accepting one hunk moves the hunks below it by the lines it added or removed', () => {
    const s = new ProposalState(0, original);
    s.finish(['a', 'B1', 'B2', 'B3', 'c', 'd', 'e', 'F']);
    const [first, second] = s.hunks;
    s.applied(first!.id);
    assert.deepEqual(s.hunks.map((h) => h.id), [second!.id]);
    assert.equal(s.hunks[0]!.line, 5 + 2);
  });
});

describe('edit/frame-throttle: a timer that fires early', () => {
  it('waits out the rest of the frame instead of drawing twice in it', () => {
    let now = 0;
    const timers: { at: number; run: () => void }[] = [];
    // This clock's timers fire 5 ms early, as Node's do when the event loop's cached time lags.
    const clock: Clock = { now: () => now, setTimeout: (run, ms) => { const t = { at: now + ms - Math.min(5, Math.floor(ms / 2)), run }; timers.push(t); return t; }, clearTimeout: (t) => { timers.splice(timers.indexOf(t as never), 1); } };
    const runs: number[] = [];
    const throttle = new FrameThrottle(() => runs.push(now), 16, clock);
    for (let t = 0; t <= 200; t++) {
      now = t;
      for (;;) { const due = timers.find((x) => x.at <= now); if (!due) break; timers.splice(timers.indexOf(due), 1); due.run(); }
      throttle.request();
    }
    const gaps = runs.slice(1).map((r, i) => r - runs[i]!);
    assert.ok(gaps.length > 5);
    assert.ok(gaps.every((g) => g >= 16), `gaps ${gaps.join(', ')}`);
  });
});
