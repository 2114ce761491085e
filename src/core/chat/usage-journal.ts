// The usage ledger on disk, shared by every window: one append-only JSON Lines file. Each window appends
// its own records with O_APPEND (one small write per line, so lines from two windows never interleave)
// and reads the others' records from where it stopped. Nothing is ever rewritten, so no window's
// record can overwrite another's. Each line carries an id, so a window never counts its own line twice.
// A window reads with readNewAsync: a year of heavy use is 100,000 rows (about 40 MB), which read at once
// would hold the extension host for seconds; read in small chunks, every other extension keeps running.
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, open } from 'node:fs/promises';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseEntry, serializeEntry, type LedgerEntry } from './usage-ledger';

export class UsageJournal {
  /** Bytes read so far: always just after a newline. */
  private offset = 0;
  private readonly seen = new Set<string>();
  private readonly windowId = randomBytes(4).toString('hex');
  private sequence = 0;
  private writes: Promise<void> = Promise.resolve();
  /** The read in progress: reads run one after another, so `offset` always moves forward from a newline. */
  private reading: Promise<unknown> = Promise.resolve();

  /** `onProblem` hears about lines that cannot be read (they are skipped, never a reason to fail). */
  constructor(readonly path: string, private readonly onProblem: (message: string) => void = () => undefined) {}

  /** Entries appended (by any window but this one) since the last call; the first call reads them all. Blocks while it reads (tests, tools): a window uses readNewAsync. */
  readNew(): LedgerEntry[] {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    let chunk: Buffer;
    try {
      const size = fstatSync(fd).size;
      if (size < this.offset) this.offset = 0; // replaced by a shorter file: read it again (ids dedupe)
      chunk = Buffer.alloc(size - this.offset);
      let read = 0;
      while (read < chunk.length) {
        const n = readSync(fd, chunk, read, chunk.length - read, this.offset + read);
        if (n === 0) break;
        read += n;
      }
      chunk = chunk.subarray(0, read);
    } finally {
      closeSync(fd);
    }
    // A line another window is still writing has no newline yet: it is read next time.
    const end = chunk.lastIndexOf(0x0a);
    if (end < 0) return [];
    this.offset += end + 1;
    return this.parse(chunk.subarray(0, end));
  }

  /**
   * Like readNew, without blocking the event loop: reads `chunkBytes` at a time with fs/promises, hands each
   * chunk's entries to `onBatch`, and yields to the event loop between chunks. Calls run one after another
   * (never two reads of the same bytes). Resolves with the number of entries handed over.
   */
  readNewAsync(onBatch: (entries: LedgerEntry[]) => void, chunkBytes = 32 * 1024): Promise<number> {
    const run = this.reading.catch(() => undefined).then(() => this.readChunks(onBatch, chunkBytes));
    this.reading = run;
    return run;
  }

  private async readChunks(onBatch: (entries: LedgerEntry[]) => void, chunkBytes: number): Promise<number> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
    let count = 0;
    try {
      const size = (await handle.stat()).size;
      if (size < this.offset) this.offset = 0; // replaced by a shorter file: read it again (ids dedupe)
      // `pending` always starts at `offset`: the bytes of a line whose newline is in a later chunk.
      let pending = Buffer.alloc(0);
      let position = this.offset;
      while (position < size) {
        const buffer = Buffer.alloc(Math.min(chunkBytes, size - position));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        const data = pending.length ? Buffer.concat([pending, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
        const end = data.lastIndexOf(0x0a);
        if (end < 0) {
          pending = data;
          continue;
        }
        pending = data.subarray(end + 1);
        this.offset += end + 1;
        const entries = this.parse(data.subarray(0, end));
        count += entries.length;
        if (entries.length) onBatch(entries);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      await handle.close();
    }
    return count;
  }

  /** Complete lines to entries; lines already seen (this window's own, or read before) are left out. */
  private parse(lines: Buffer): LedgerEntry[] {
    const out: LedgerEntry[] = [];
    for (const line of lines.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const data = JSON.parse(line) as { id?: unknown };
        const id = typeof data.id === 'string' ? data.id : undefined;
        if (id && this.seen.has(id)) continue;
        if (id) this.seen.add(id);
        out.push(parseEntry(data));
      } catch (e) {
        this.onProblem(`A usage record could not be read and was skipped: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  }

  /** Appends one entry. Writes from this window keep their order; await the result to know it is on disk. */
  append(entry: LedgerEntry): Promise<void> {
    const id = `${this.windowId}-${(this.sequence++).toString(36)}`;
    this.seen.add(id);
    // The leading newline ends a line a crashed window left half-written, so this record is never glued to it.
    const line = `\n${JSON.stringify({ id, ...serializeEntry(entry) })}\n`;
    // One failed append (a full disk, a locked file) must not stop every later one: chain past failures.
    const write = this.writes.catch(() => undefined).then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, line, { encoding: 'utf8', flag: 'a' });
    });
    this.writes = write;
    return write;
  }

  /**
   * Starts the journal from older data (the ledger kept before the journal existed) when the journal does
   * not exist yet. Only one window wins the exclusive create, so the old entries are written once.
   */
  seedIfAbsent(entries: readonly LedgerEntry[]): boolean {
    mkdirSync(dirname(this.path), { recursive: true });
    const lines = entries.map((e, i) => `${JSON.stringify({ id: `seed-${i.toString(36)}`, ...serializeEntry(e) })}\n`).join('');
    try {
      writeFileSync(this.path, lines, { encoding: 'utf8', flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  }
}
