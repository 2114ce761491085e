// Iteration mechanics for the adapter's stream, written as plain iterators rather than async
// generators: each generator layer costs several promise hops per chunk, and a long answer has
// tens of thousands of chunks. With these, the only layers between the SDK's stream and the caller
// are one `.then` per chunk and the shared stream guard (see test/bench/stream-overhead.ts).
import type { StreamPart } from '../types';
import { ChunkMapper, type ChunkLike } from './convert-stream';

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };
const QUEUE_RESET = 64;

/**
 * Maps SDK chunks to parts as they are pulled. `fail` turns a failure of the source (network,
 * malformed JSON, an in-stream error event) into the error the caller should see.
 */
export function mapChunks(chunks: AsyncIterable<ChunkLike>, fail: (e: unknown) => unknown = (e) => e, options: { first?: StreamPart; responseIdIsRequestId?: boolean } = {}): AsyncIterator<StreamPart> {
  const source = chunks[Symbol.asyncIterator]();
  const mapper = new ChunkMapper(options.responseIdIsRequestId);
  // A part known before the first chunk (the request id from the response headers) goes out first.
  const queue: StreamPart[] = options.first ? [options.first] : [];
  let head = 0;
  let ended = false;
  const take = (): IteratorResult<StreamPart> => {
    const value = queue[head]!;
    // Emptying the array every part would let V8 drop and regrow its storage once per chunk (20,000 times in a
    // long answer): empty it every QUEUE_RESET parts instead; read slots let go of their part at once.
    queue[head++] = undefined as unknown as StreamPart;
    if (head === queue.length && head >= QUEUE_RESET) { queue.length = 0; head = 0; }
    return { value, done: false };
  };
  const onChunk = (r: IteratorResult<ChunkLike>): IteratorResult<StreamPart> | Promise<IteratorResult<StreamPart>> => {
    if (r.done) { ended = true; mapper.end(queue); } else mapper.accept(r.value, queue);
    if (head < queue.length) return take();
    // A chunk with nothing for the caller (the role-only first chunk, the usage chunk): read on.
    return ended ? DONE : pull();
  };
  const onError = (e: unknown): never => { throw fail(e); };
  const pull = (): Promise<IteratorResult<StreamPart>> => source.next().then(onChunk, onError);
  return {
    next: () => (head < queue.length ? Promise.resolve(take()) : ended ? Promise.resolve(DONE) : pull()),
    // The caller stopped early: closing the SDK's iterator aborts its HTTP request.
    return: async () => {
      ended = true;
      queue.length = 0;
      head = 0;
      await source.return?.();
      return DONE;
    },
  };
}

/** An iterable whose first next() opens the stream; later calls go straight to the opened iterator. */
export function deferred(open: () => Promise<AsyncIterator<StreamPart>>): AsyncIterable<StreamPart> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<StreamPart> {
      let inner: AsyncIterator<StreamPart> | undefined;
      return {
        next: () => (inner ? inner.next() : open().then((opened) => { inner = opened; return opened.next(); })),
        return: async () => {
          await inner?.return?.();
          return DONE;
        },
      };
    },
  };
}

/** Parts already in hand (a non-streamed answer) as an async iterator. */
export function fromArray(parts: readonly StreamPart[]): AsyncIterator<StreamPart> {
  let i = 0;
  return { next: () => Promise.resolve(i < parts.length ? { value: parts[i++]!, done: false } : DONE) };
}

/** The mapping over any async iterable of chunks, for callers that want an iterable (and tests). */
export function chunksToParts(chunks: AsyncIterable<ChunkLike>): AsyncIterable<StreamPart> {
  return { [Symbol.asyncIterator]: () => mapChunks(chunks) };
}
