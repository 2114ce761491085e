// VS Code asks provideTokenCount for the same texts over and over: repeats are answered from a small LRU.
import assert from 'node:assert/strict';
import { CACHE_MIN_CHARS, cachedCount, countTokens, loadTokenCounter } from '../../../src/core/chat/tokens';

const text = (i: number, length = 100): string => `${i}:`.padEnd(length, 'x');

describe('chat/tokens count cache', () => {
  it('a repeated text is counted once; a different text is counted', () => {
    const calls: string[] = [];
    const count = cachedCount((s) => { calls.push(s); return s.length; });
    assert.equal(count(text(1)), 100);
    assert.equal(count(text(1)), 100);
    assert.equal(count(`${text(1)}`.slice(0)), 100, 'another string with the same content');
    assert.equal(calls.length, 1);
    assert.equal(count(text(2)), 100);
    assert.equal(calls.length, 2);
  });

  it('short texts are counted afresh (cheaper than caching them)', () => {
    let calls = 0;
    const count = cachedCount((s) => { calls++; return s.length; });
    const short = 'x'.repeat(CACHE_MIN_CHARS - 1);
    count(short); count(short);
    assert.equal(calls, 2);
  });

  it('keeps the most recently used texts within its entry limit', () => {
    const calls: string[] = [];
    const count = cachedCount((s) => { calls.push(s); return 1; }, 3);
    for (const i of [1, 2, 3]) count(text(i));
    count(text(1)); // 1 is now the most recent; 2 is the oldest
    count(text(4)); // evicts 2
    calls.length = 0;
    for (const i of [1, 3, 4]) count(text(i));
    assert.deepEqual(calls, [], '1, 3 and 4 are still cached');
    count(text(2));
    assert.deepEqual(calls, [text(2)], '2 was evicted');
  });

  it('bounds the characters it holds, so a few huge texts cannot pin memory', () => {
    const calls: string[] = [];
    const count = cachedCount((s) => { calls.push(s); return 1; }, 100, 1_000);
    count(text(1, 600));
    count(text(2, 600)); // 1,200 chars: the older text goes
    calls.length = 0;
    count(text(2, 600));
    count(text(1, 600));
    assert.deepEqual(calls, [text(1, 600)]);
    count(text(3, 5_000)); // larger than the whole cache: counted, never stored
    count(text(3, 5_000));
    assert.equal(calls.filter((s) => s === text(3, 5_000)).length, 2);
  });

  it('the model counters use it, and cached counts are the real ones', async () => {
    const long = 'function add(a: number, b: number): number { return a + b; }\n'.repeat(200);
    const first = await countTokens(long, 'openai/gpt-4.1');
    assert.equal(await countTokens(long, 'gpt-4o'), first, 'same tokenizer, same count');
    const counter = await loadTokenCounter('openai/gpt-5');
    assert.equal(counter, await loadTokenCounter('openai/gpt-4.1'), 'one counter per tokenizer');
    const library = await import('gpt-tokenizer/encoding/o200k_base');
    assert.equal(first, library.countTokens(long, { disallowedSpecial: new Set() }));
  });
});
