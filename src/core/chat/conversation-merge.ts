// Three-way merge of one conversation saved by two windows. Each window knows which message ids it last
// read from or wrote to disk (the base) and which of them it actually read there (seen). A message on disk
// that is not in the base was added by another window and is kept; a message in the base that this window
// no longer has was removed here (regenerate, edit and resend) and stays removed. A message this window
// has that is gone from disk was removed by another window only if this window had seen it there: one it
// wrote but never saw may have been lost to a racing write, and is kept (nothing the user wrote is lost). Turns stay whole: another window's new messages go right after the message
// that preceded them on disk, in their disk order, so an answer never lands apart from its question.
import type { Conversation, StoredMessage } from './conversation';

export function mergeConversation(ours: Conversation, disk: Conversation, base: ReadonlySet<string>, seen: ReadonlySet<string>): Conversation {
  const ourIds = new Set(ours.messages.map((m) => m.id));
  const diskIds = new Set(disk.messages.map((m) => m.id));
  const onDisk = new Map(disk.messages.map((m) => [m.id, m]));
  // What another window removed (this window saw it on disk, it is gone now) is removed here too; a message
  // both have is taken from whichever copy got further (another window may have finished that answer).
  const merged: StoredMessage[] = ours.messages
    .filter((m) => !seen.has(m.id) || diskIds.has(m.id))
    .map((m) => further(m, onDisk.get(m.id)));
  let anchor: string | undefined;
  let offset = 0;
  for (const m of disk.messages) {
    if (ourIds.has(m.id) || base.has(m.id)) {
      anchor = m.id;
      offset = 0;
      continue;
    }
    const at = anchor === undefined ? -1 : merged.findIndex((x) => x.id === anchor);
    const index = at < 0 && anchor !== undefined ? merged.length : at + 1 + offset;
    merged.splice(index, 0, m);
    offset += 1;
  }
  return {
    ...ours,
    title: ours.messages.length === 0 && disk.title ? disk.title : ours.title,
    createdAt: Math.min(ours.createdAt, disk.createdAt),
    updatedAt: Math.max(ours.updatedAt, disk.updatedAt),
    messages: merged,
  };
}

const progress = (m: StoredMessage): number => (m.status === 'streaming' ? 0 : m.status === 'interrupted' ? 1 : 2);

/** Answers only grow and only move from streaming to an end: the copy with more text, or the same text further along. */
function further(ours: StoredMessage, disk: StoredMessage | undefined): StoredMessage {
  if (!disk) return ours;
  if (disk.text.length > ours.text.length) return disk;
  return disk.text.length === ours.text.length && progress(disk) > progress(ours) ? disk : ours;
}

/**
 * Brings what a save wrote into the conversation a window holds, in place. `given` is the ids the save was
 * handed; anything added to `messages` since (a question asked while the save was writing) is kept where
 * it is. Only messages the save knew about can be dropped (another window removed them) or replaced by the
 * copy another window took further; other windows' messages go in after the message preceding them on disk.
 */
export function adoptSaved(messages: StoredMessage[], given: ReadonlySet<string>, saved: readonly StoredMessage[]): void {
  const savedById = new Map(saved.map((m) => [m.id, m]));
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (!given.has(m.id)) continue;
    const kept = savedById.get(m.id);
    if (!kept) messages.splice(i, 1);
    else if (kept !== m) messages[i] = kept;
  }
  let at = 0;
  for (const m of saved) {
    const i = messages.findIndex((x) => x.id === m.id);
    if (i >= 0) {
      at = i + 1;
      continue;
    }
    messages.splice(at, 0, m);
    at += 1;
  }
}
