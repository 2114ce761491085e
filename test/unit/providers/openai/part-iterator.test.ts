// The adapter's stream mechanics: chunks mapped to parts through a queue emptied every 64 parts, passed through
// the stream guard; every part arrives once, in order, and failures end the stream as ProviderErrors.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import type { ChunkLike } from '../../../../src/core/providers/openai/convert-stream';
import { deferred, mapChunks } from '../../../../src/core/providers/openai/part-iterator';
import { guardStream } from '../../../../src/core/providers/stream-guard';
import type { StreamPart } from '../../../../src/core/providers/types';

/** Chunks as the SDK hands them over, each a step later; `closed` says whether the caller closed it. */
function source(chunks: ChunkLike[], failAt?: number): AsyncIterable<ChunkLike> & { closed: boolean } {
  const it = {
    closed: false,
    [Symbol.asyncIterator](): AsyncIterator<ChunkLike> {
      let i = 0;
      return {
        next: () => (failAt === i ? Promise.reject(new TypeError('socket hang up')) : Promise.resolve(i < chunks.length ? { value: chunks[i++]!, done: false } : { value: undefined, done: true })),
        return: () => { it.closed = true; return Promise.resolve({ value: undefined, done: true }); },
      };
    },
  };
  return it;
}

const CHUNKS: ChunkLike[] = [
  { id: 'gen-1', choices: [{ index: 0, delta: {} }] }, // role only: nothing for the caller
  ...Array.from({ length: 150 }, (_, i): ChunkLike => ({ choices: [{ index: 0, delta: { content: `t${i} ` } }] })),
  { choices: [{ index: 0, delta: { reasoning_content: 'hm' } }] },
  { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'c1', function: { name: 'get', arguments: '{"a":' } }] } }] },
  { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '1}' } }] }, finish_reason: 'tool_calls' }] },
  { choices: [], usage: { prompt_tokens: 3, completion_tokens: 4 } },
];

/** The mapper's iterator read directly, without the guard. */
const direct = (it: AsyncIterator<StreamPart>): AsyncIterable<StreamPart> => ({ [Symbol.asyncIterator]: () => it });

async function drain(iterable: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const p of iterable) out.push(p);
  return out;
}

describe('OpenAI family: the stream\'s iterators', () => {
  it('the guarded stream gives exactly the mapper\'s parts, every one once and in order, past the queue\'s reset', async () => {
    const first: StreamPart = { type: 'request-id', id: 'req-1' };
    const guarded = await drain(guardStream('openai', new AbortController().signal, () => deferred(() => Promise.resolve(mapChunks(source(CHUNKS), (e) => e, { first })))));
    const unguarded = await drain(direct(mapChunks(source(CHUNKS), (e) => e, { first })));
    assert.deepEqual(guarded, unguarded);
    assert.deepEqual(guarded.flatMap((p) => (p.type === 'text' ? [p.delta] : [])), Array.from({ length: 150 }, (_, i) => `t${i} `), 'every text once, in order');
    assert.deepEqual(guarded.slice(-4).map((p) => p.type), ['reasoning', 'tool-call', 'usage', 'finish']);
    assert.deepEqual(guarded[0], first);
    assert.equal(guarded.length, 1 + 150 + 4, 'no part twice, none lost');
  });

  it('an abort between parts fails the next step as aborted and closes the SDK\'s stream', async () => {
    const controller = new AbortController();
    const chunks = source(CHUNKS);
    const parts = guardStream('openai', controller.signal, () => deferred(() => Promise.resolve(mapChunks(chunks))))[Symbol.asyncIterator]();
    assert.equal((await parts.next()).done, false);
    controller.abort();
    await assert.rejects(parts.next(), (e: unknown) => e instanceof ProviderError && e.kind === 'aborted');
    assert.equal(chunks.closed, true);
  });

  it('a failing source reaches the caller as a classified ProviderError through the guard', async () => {
    const chunks = source(CHUNKS, 5);
    const parts = guardStream('openai', new AbortController().signal, () => deferred(() => Promise.resolve(mapChunks(chunks))));
    await assert.rejects(drain(parts), (e: unknown) => e instanceof ProviderError && e.kind === 'network');
  });

  it('a stream that ends without a finish is an error, not a silent cut, through the guard', async () => {
    const parts = guardStream('openai', new AbortController().signal, () => deferred(() => Promise.resolve(mapChunks(source(CHUNKS.slice(0, 20))))));
    await assert.rejects(drain(parts), /ended before the provider said it was finished/);
  });

  it('a chunk the mapper cannot read fails the stream as a ProviderError through the guard, and the stream is over', async () => {
    const bad = [{ choices: [{ index: 0, delta: { content: 'hi' } }] }, { choices: {} } as unknown as ChunkLike, { choices: [{ index: 0, delta: { content: 'more' } }] }];
    const parts = guardStream('openai', new AbortController().signal, () => deferred(() => Promise.resolve(mapChunks(source(bad)))))[Symbol.asyncIterator]();
    assert.deepEqual(await parts.next(), { value: { type: 'text', delta: 'hi' }, done: false });
    await assert.rejects(parts.next(), (e: unknown) => e instanceof ProviderError);
    assert.deepEqual(await parts.next(), { value: undefined, done: true }, 'nothing is read after the failure');
  });
});
