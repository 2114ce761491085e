// Conversations as JSON files, one per conversation, written atomically (temporary file, then rename)
// so a crash mid-write leaves the previous version intact. A file that does not parse is set aside
// (renamed *.corrupt-<time>) and reported, never allowed to break the chat.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConversationSchema, matchesQuery, type Conversation } from './conversation';

export interface ConversationSummary { id: string; title: string; updatedAt: number; messageCount: number }

export class ConversationStore {
  private cache: Map<string, Conversation> | undefined;
  /** Problems met while loading (corrupt files set aside), for the UI to show once. */
  readonly problems: string[] = [];

  constructor(private readonly dir: string) {}

  newId(): string {
    return `c${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  }

  private async load(): Promise<Map<string, Conversation>> {
    if (this.cache) return this.cache;
    await mkdir(this.dir, { recursive: true });
    const map = new Map<string, Conversation>();
    for (const name of await readdir(this.dir)) {
      const path = join(this.dir, name);
      // Leftovers of a write that crashed before its rename: the real file is still the previous version.
      if (name.includes('.tmp-')) { await rm(path, { force: true }); continue; }
      if (!name.endsWith('.json')) continue;
      try {
        const parsed = ConversationSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
        if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid');
        map.set(parsed.data.id, parsed.data);
      } catch (e) {
        const aside = `${path}.corrupt-${Date.now()}`;
        await rename(path, aside).catch(() => undefined);
        this.problems.push(`A saved conversation (${name}) could not be read and was set aside as ${aside.slice(this.dir.length + 1)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    this.cache = map;
    return map;
  }

  async get(id: string): Promise<Conversation | undefined> {
    return (await this.load()).get(id);
  }

  async list(query = ''): Promise<ConversationSummary[]> {
    const all = [...(await this.load()).values()].filter((c) => c.messages.length > 0 && matchesQuery(c, query));
    return all.sort((a, b) => b.updatedAt - a.updatedAt).map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, messageCount: c.messages.length }));
  }

  async save(conversation: Conversation): Promise<void> {
    const map = await this.load();
    map.set(conversation.id, conversation);
    const path = join(this.dir, `${conversation.id}.json`);
    const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
    await writeFile(tmp, JSON.stringify(conversation), 'utf8');
    await rename(tmp, path);
  }

  async delete(id: string): Promise<void> {
    const map = await this.load();
    // Only conversations we loaded: an id is never trusted as a path.
    if (!map.has(id)) return;
    map.delete(id);
    await rm(join(this.dir, `${id}.json`), { force: true });
  }
}
