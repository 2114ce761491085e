// Conversations as JSON files, one per conversation, written atomically (temporary file, then rename)
// so a crash mid-write leaves the previous version intact. Only a file that is not JSON at all is set
// aside (renamed *.corrupt-<time>) and reported. A file that is JSON but not a conversation this version
// understands was most likely written by a newer version in another window: it is reported and left
// untouched (never set aside, never overwritten). Any other error (permissions, a busy or locked file,
// too many open files) is thrown, so the save fails visibly and the conversation stays in memory.
//
// Several windows share the directory. Nothing is cached beyond a file's mtime: each read sees what the
// other windows wrote. A save takes a per-conversation lock file, re-reads the conversation and merges
// (see conversation-merge.ts), so two windows never drop each other's turns. A deleted conversation
// leaves a tombstone (<id>.deleted): only that, never a merely missing file, stops later saves.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { ConversationSchema, matchesQuery, type Conversation } from './conversation';
import { mergeConversation } from './conversation-merge';

export interface ConversationSummary { id: string; title: string; updatedAt: number; messageCount: number }

/** A temporary file younger than this may be another window's write in progress: leave it alone. */
const TEMP_FILE_MAX_AGE_MS = 5 * 60_000;
/**
 * A holder refreshes its lock's mtime while it holds it; a lock not refreshed for this long was left by a
 * window that died (and on this host, only when its process is gone).
 */
const STALE_LOCK_MS = 5_000;
/** A live lock is never taken: after this long the save fails visibly instead (the conversation stays in memory). */
const LOCK_WAIT_MS = 30_000;
const ID = /^[A-Za-z0-9_-]+$/;

const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A file that is JSON but not a conversation this version understands (most likely a newer version's). */
class ForeignFile extends Error {}

interface LockOwner { token: string; pid: number; host: string }
const LockOwnerSchema = z.object({ token: z.string(), pid: z.number(), host: z.string() });

/** Tokens of the locks this process holds: a lock naming this process and none of these was leaked. */
const heldTokens = new Set<string>();

export interface ConversationStoreOptions { staleLockMs?: number; lockWaitMs?: number }
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ConversationStore {
  /** Parsed files by name, valid while the file's mtime and size are unchanged. */
  private readonly parsed = new Map<string, { mtimeMs: number; size: number; conversation: Conversation }>();
  /** Per conversation, the message ids this window last read from or wrote to disk. */
  private readonly base = new Map<string, Set<string>>();
  /**
   * Per conversation, the message ids this window last READ on disk: only one of these, gone from disk now,
   * was removed by another window. A message this window wrote but never saw on disk may have been lost to
   * a racing write; it is written again, never dropped.
   */
  private readonly seen = new Map<string, Set<string>>();
  /** Ids this window has seen on disk: the only ones it will delete (an id is never trusted as a path). */
  private readonly known = new Set<string>();
  private readonly deleted = new Set<string>();
  /** Files this version cannot understand, by name, with the mtime they had: left alone until they change. */
  private readonly foreign = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private ready: Promise<void> | undefined;
  private readonly staleLockMs: number;
  private readonly lockWaitMs: number;
  /** Problems met by any operation (files set aside or left alone), for the UI to show after it. */
  readonly problems: string[] = [];

  constructor(private readonly dir: string, options: ConversationStoreOptions = {}) {
    this.staleLockMs = options.staleLockMs ?? STALE_LOCK_MS;
    this.lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_MS;
  }

  newId(): string {
    return `c${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  }

  private async mkdir(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true }).then(() => undefined);
    await this.ready;
  }

  /**
   * One file, parsed; undefined when it does not exist or was set aside as not JSON. Throws ForeignFile for
   * a file this version does not understand, and any I/O error as it is.
   */
  private async read(name: string): Promise<Conversation | undefined> {
    const path = join(this.dir, name);
    let info;
    let text;
    try {
      info = await stat(path);
      const cached = this.parsed.get(name);
      if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.conversation;
      text = await readFile(path, 'utf8');
    } catch (e) {
      this.parsed.delete(name);
      if (isMissing(e)) return undefined;
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      // Not JSON at all: a broken file. Set aside (kept, never deleted) so the chat keeps working.
      this.parsed.delete(name);
      const aside = `${path}.corrupt-${Date.now()}`;
      try {
        await rename(path, aside);
      } catch (moveError) {
        if (isMissing(moveError)) return undefined; // another window set it aside first
        throw moveError; // never write over a file that could not be set aside
      }
      this.problems.push(`A saved conversation (${name}) could not be read and was set aside as ${aside.slice(this.dir.length + 1)}: ${message(e)}`);
      return undefined;
    }
    const parsed = ConversationSchema.safeParse(json);
    if (!parsed.success) {
      this.parsed.delete(name);
      // Reported once per version of the file; the file is left exactly as it is.
      if (this.foreign.get(name) !== info.mtimeMs) {
        this.foreign.set(name, info.mtimeMs);
        this.problems.push(`A saved conversation (${name}) is in a form this version of BYOK does not understand (perhaps a newer version wrote it); it is left untouched: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      }
      throw new ForeignFile(`The conversation file ${name} was written in a form this version of BYOK does not understand (perhaps a newer version in another window); it is left untouched and this conversation is not saved over it.`);
    }
    this.foreign.delete(name);
    this.parsed.set(name, { mtimeMs: info.mtimeMs, size: info.size, conversation: parsed.data });
    this.known.add(parsed.data.id);
    return parsed.data;
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
      try {
        const conversation = await this.read(name);
        if (conversation && !this.deleted.has(conversation.id)) out.push(conversation);
      } catch (e) {
        // One file this window cannot read does not hide the others; it is reported, not touched.
        if (!(e instanceof ForeignFile)) this.problems.push(`A saved conversation (${name}) could not be read: ${message(e)}`);
      }
    }
    return out;
  }

  private async isTombstoned(id: string): Promise<boolean> {
    if (this.deleted.has(id)) return true;
    const gone = await stat(join(this.dir, `${id}.deleted`)).then(() => true, (e: unknown) => { if (isMissing(e)) return false; throw e; });
    if (gone) this.deleted.add(id);
    return gone;
  }

  private remember(id: string, onDisk: Conversation | undefined, written?: Conversation): void {
    const seen = new Set(onDisk?.messages.map((m) => m.id) ?? []);
    this.seen.set(id, seen);
    this.base.set(id, new Set([...seen, ...(written?.messages.map((m) => m.id) ?? [])]));
  }

  /** A fresh copy from disk; the caller may change it and save it back. Throws when the file cannot be read. */
  async get(id: string): Promise<Conversation | undefined> {
    if (!ID.test(id) || this.deleted.has(id)) return undefined;
    await this.mkdir();
    if (await this.isTombstoned(id)) return undefined;
    const found = await this.read(`${id}.json`);
    if (!found) return undefined;
    this.remember(id, found);
    return structuredClone(found);
  }

  async list(query = ''): Promise<ConversationSummary[]> {
    const all = (await this.readAll()).filter((c) => c.messages.length > 0 && matchesQuery(c, query));
    return all.sort((a, b) => b.updatedAt - a.updatedAt).map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, messageCount: c.messages.length }));
  }

  /**
   * Writes the conversation, merged with what other windows saved meanwhile. Returns what is now on disk
   * (the caller's message objects are kept as they are, other windows' messages added), or undefined when
   * the conversation was deleted (a tombstone) and so was not written. Throws when it could not be written.
   */
  async save(conversation: Conversation): Promise<Conversation | undefined> {
    const id = conversation.id;
    if (!ID.test(id)) throw new Error(`Invalid conversation id ${JSON.stringify(id)}`);
    return this.serialized(id, async () => {
      if (await this.isTombstoned(id)) return undefined;
      const name = `${id}.json`;
      const disk = await this.read(name);
      // A file missing without a tombstone was not deleted (set aside, never written yet): write it.
      const merged = disk ? mergeConversation(conversation, disk, this.base.get(id) ?? new Set(), this.seen.get(id) ?? new Set()) : conversation;
      const path = join(this.dir, name);
      const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
      await writeFile(tmp, JSON.stringify(merged), 'utf8');
      await rename(tmp, path);
      this.remember(id, disk, merged);
      this.known.add(id);
      return merged;
    });
  }

  async delete(id: string): Promise<void> {
    // Only conversations this window has seen on disk: an id is never trusted as a path.
    if (!ID.test(id) || !this.known.has(id)) return;
    await this.serialized(id, async () => {
      // The tombstone first: every window's later save sees it, even one that never saw the file.
      await writeFile(join(this.dir, `${id}.deleted`), '', 'utf8');
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

  /**
   * Takes the conversation's lock file, which names its owner (a random token, pid and host). The owner
   * refreshes its mtime while it holds it and removes it only while it is still its own. A lock is taken
   * over only when stale (not refreshed, and on this host its process is gone), atomically: it is renamed
   * to a unique name first, so of two windows that both found it stale only one removes it.
   */
  private async lock(id: string): Promise<() => Promise<void>> {
    const path = join(this.dir, `${id}.lock`);
    const owner: LockOwner = { token: randomBytes(8).toString('hex'), pid: process.pid, host: hostname() };
    const deadline = Date.now() + this.lockWaitMs;
    for (;;) {
      try {
        const file = await open(path, 'wx');
        try { await file.writeFile(JSON.stringify(owner)); } finally { await file.close(); }
        return this.held(path, owner);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = await this.lockHolder(path);
      if (holder && holder.stale) await this.takeOver(path, holder.token);
      else if (Date.now() > deadline) throw new Error(`The conversation is being saved by another window that has held it for over ${Math.round(this.lockWaitMs / 1000)} s; not saved this time.`);
      else await sleep(20);
    }
  }

  /** Who holds the lock and whether it is stale; undefined when it is gone (free again). */
  private async lockHolder(path: string): Promise<{ token: string; stale: boolean } | undefined> {
    let info;
    let text;
    try {
      info = await stat(path);
      text = await readFile(path, 'utf8');
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    // A lock being written this instant (empty, half JSON) is young; an older version's lock is empty.
    const owner = LockOwnerSchema.safeParse(parseJson(text));
    const token = owner.success ? owner.data.token : `mtime:${info.mtimeMs}`;
    if (Date.now() - info.mtimeMs <= this.staleLockMs) return { token, stale: false };
    // On this host a process that still runs is alive, however late its refresh (a suspended machine).
    const alive = owner.success && owner.data.host === hostname() && processAlive(owner.data.pid) && (owner.data.pid !== process.pid || heldTokens.has(owner.data.token));
    return { token, stale: !alive };
  }

  /** Moves a stale lock aside; if what was moved turns out to be another, fresh lock, puts it back. */
  private async takeOver(path: string, staleToken: string): Promise<void> {
    const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
    try {
      await rename(path, aside);
    } catch (e) {
      if (isMissing(e)) return; // another window moved it first
      throw e;
    }
    const moved = await this.lockHolder(aside);
    if (moved && moved.token !== staleToken && !moved.stale) {
      // A window took the lock between our look and our rename: give it back. link, unlike rename, never
      // replaces a lock a third window has taken since (then that one holds it, and this one is lost).
      await link(aside, path).catch(() => undefined);
    }
    await rm(aside, { force: true });
  }

  private held(path: string, owner: LockOwner): () => Promise<void> {
    heldTokens.add(owner.token);
    const refresh = setInterval(() => {
      void (async () => {
        const now = new Date();
        if ((await this.lockHolder(path).catch(() => undefined))?.token === owner.token) await utimes(path, now, now).catch(() => undefined);
      })();
    }, Math.max(10, Math.floor(this.staleLockMs / 4)));
    refresh.unref?.();
    return async () => {
      clearInterval(refresh);
      heldTokens.delete(owner.token);
      try {
        // Only our own lock: if it was taken over, the file is someone else's now.
        const current = LockOwnerSchema.safeParse(parseJson(await readFile(path, 'utf8')));
        if (current.success && current.data.token === owner.token) await rm(path, { force: true });
      } catch (e) {
        // The operation itself is done; a lock left behind goes stale (it is no longer refreshed or held).
        if (!isMissing(e)) this.problems.push(`A conversation lock (${path.slice(this.dir.length + 1)}) could not be released: ${message(e)}`);
      }
    };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
