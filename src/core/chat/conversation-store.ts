// Conversations as JSON files, one per conversation, written atomically (temporary file, then rename)
// so a crash mid-write leaves the previous version intact. A file that does not parse is set aside
// (renamed *.corrupt-<time>) and reported, never allowed to break the chat.
//
// Several windows share the directory. Nothing is cached beyond a file's mtime: each read sees what the
// other windows wrote. A save takes a per-conversation lock file, re-reads the conversation and merges
// (see conversation-merge.ts), so two windows never drop each other's turns. A conversation deleted
// here, or gone from disk after this window saw it (deleted in another window), is never written again.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConversationSchema, matchesQuery, type Conversation } from './conversation';
import { mergeConversation } from './conversation-merge';

export interface ConversationSummary { id: string; title: string; updatedAt: number; messageCount: number }

/** A temporary file younger than this may be another window's write in progress: leave it alone. */
const TEMP_FILE_MAX_AGE_MS = 5 * 60_000;
/** A save holds the lock for milliseconds; one older than this was left by a window that died. */
const STALE_LOCK_MS = 5_000;
const LOCK_WAIT_MS = 6_000;
const ID = /^[A-Za-z0-9_-]+$/;

const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ConversationStore {
  /** Parsed files by name, valid while the file's mtime and size are unchanged. */
  private readonly parsed = new Map<string, { mtimeMs: number; size: number; conversation: Conversation }>();
  /** Per conversation, the message ids this window last read from or wrote to disk: the merge base. */
  private readonly base = new Map<string, Set<string>>();
  /** Ids this window has seen on disk: the only ones it will delete (an id is never trusted as a path). */
  private readonly known = new Set<string>();
  private readonly deleted = new Set<string>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private ready: Promise<void> | undefined;
  /** Problems met while loading (corrupt files set aside), for the UI to show once. */
  readonly problems: string[] = [];

  constructor(private readonly dir: string) {}

  newId(): string {
    return `c${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  }

  private async mkdir(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true }).then(() => undefined);
    await this.ready;
  }

  /** One file, parsed; undefined when it does not exist or was set aside as corrupt. */
  private async read(name: string): Promise<Conversation | undefined> {
    const path = join(this.dir, name);
    try {
      const info = await stat(path);
      const cached = this.parsed.get(name);
      if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.conversation;
      const parsed = ConversationSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid');
      this.parsed.set(name, { mtimeMs: info.mtimeMs, size: info.size, conversation: parsed.data });
      this.known.add(parsed.data.id);
      return parsed.data;
    } catch (e) {
      this.parsed.delete(name);
      if (isMissing(e)) return undefined;
      const aside = `${path}.corrupt-${Date.now()}`;
      await rename(path, aside).catch(() => undefined);
      this.problems.push(`A saved conversation (${name}) could not be read and was set aside as ${aside.slice(this.dir.length + 1)}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private async readAll(): Promise<Conversation[]> {
    await this.mkdir();
    const out: Conversation[] = [];
    for (const name of await readdir(this.dir)) {
      if (name.includes('.tmp-')) {
        // Leftovers of a write that crashed before its rename (the real file is still the previous
        // version), but only old ones: a young one is another window's save between write and rename.
        const path = join(this.dir, name);
        const info = await stat(path).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > TEMP_FILE_MAX_AGE_MS) await rm(path, { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const conversation = await this.read(name);
      if (conversation && !this.deleted.has(conversation.id)) out.push(conversation);
    }
    return out;
  }

  /** A fresh copy from disk; the caller may change it and save it back. */
  async get(id: string): Promise<Conversation | undefined> {
    if (!ID.test(id) || this.deleted.has(id)) return undefined;
    await this.mkdir();
    const found = await this.read(`${id}.json`);
    if (!found) return undefined;
    this.base.set(id, new Set(found.messages.map((m) => m.id)));
    return structuredClone(found);
  }

  async list(query = ''): Promise<ConversationSummary[]> {
    const all = (await this.readAll()).filter((c) => c.messages.length > 0 && matchesQuery(c, query));
    return all.sort((a, b) => b.updatedAt - a.updatedAt).map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, messageCount: c.messages.length }));
  }

  /**
   * Writes the conversation, merged with what other windows saved meanwhile. Returns what is now on disk
   * (the caller's message objects are kept as they are, other windows' messages added), or undefined when
   * the conversation was deleted and so was not written.
   */
  async save(conversation: Conversation): Promise<Conversation | undefined> {
    const id = conversation.id;
    if (!ID.test(id)) throw new Error(`Invalid conversation id ${JSON.stringify(id)}`);
    return this.serialized(id, async () => {
      if (this.deleted.has(id)) return undefined;
      const name = `${id}.json`;
      const disk = await this.read(name);
      if (!disk && this.base.has(id)) {
        // This window saw it on disk and it is gone: another window deleted it. Do not bring it back.
        this.deleted.add(id);
        return undefined;
      }
      const merged = disk ? mergeConversation(conversation, disk, this.base.get(id) ?? new Set()) : conversation;
      const path = join(this.dir, name);
      const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
      await writeFile(tmp, JSON.stringify(merged), 'utf8');
      await rename(tmp, path);
      this.base.set(id, new Set(merged.messages.map((m) => m.id)));
      this.known.add(id);
      return merged;
    });
  }

  async delete(id: string): Promise<void> {
    // Only conversations this window has seen on disk: an id is never trusted as a path.
    if (!ID.test(id) || !this.known.has(id)) return;
    await this.serialized(id, async () => {
      this.deleted.add(id);
      this.parsed.delete(`${id}.json`);
      await rm(join(this.dir, `${id}.json`), { force: true });
    });
  }

  /** One operation at a time per conversation: in this window by a queue, across windows by a lock file. */
  private serialized<T>(id: string, operation: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(id) ?? Promise.resolve()).then(async () => {
      await this.mkdir();
      const release = await this.lock(id);
      try {
        return await operation();
      } finally {
        await release();
      }
    });
    const settled = run.then(() => undefined, () => undefined);
    this.queues.set(id, settled);
    void settled.then(() => { if (this.queues.get(id) === settled) this.queues.delete(id); });
    return run;
  }

  private async lock(id: string): Promise<() => Promise<void>> {
    const path = join(this.dir, `${id}.lock`);
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await (await open(path, 'wx')).close();
        return () => rm(path, { force: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const info = await stat(path).catch(() => undefined);
        // A lock left by a window that died mid-save (or one we waited out) is taken over.
        if (!info || Date.now() - info.mtimeMs > STALE_LOCK_MS || Date.now() > deadline) await rm(path, { force: true });
        else await sleep(20);
      }
    }
  }
}
