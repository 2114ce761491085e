// Three-way merge of one conversation saved by two windows. Each window knows which message ids it last
// saw on disk (the base); a message on disk that is not in the base was added by another window and is
// kept, a message in the base that this window no longer has was removed here (regenerate, edit and
// resend) and stays removed. Turns stay whole: another window's new messages go right after the message
// that preceded them on disk, in their disk order, so an answer never lands apart from its question.
import type { Conversation, StoredMessage } from './conversation';

export function mergeConversation(ours: Conversation, disk: Conversation, base: ReadonlySet<string>): Conversation {
  const ourIds = new Set(ours.messages.map((m) => m.id));
  const diskIds = new Set(disk.messages.map((m) => m.id));
  const onDisk = new Map(disk.messages.map((m) => [m.id, m]));
  // What another window removed (it was in the base, it is gone from disk) is removed here too; a message
  // both have is taken from whichever copy got further (another window may have finished that answer).
  const merged: StoredMessage[] = ours.messages
    .filter((m) => !base.has(m.id) || diskIds.has(m.id))
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
