// With thinking on, Anthropic rejects a tool-use continuation unless the assistant turn that made the
// calls is sent back starting with its signed thinking blocks, unchanged. ChatMessage has no place for
// them (they are Anthropic-only and signed), so the adapter remembers them by tool-call id.
import type { RedactedThinkingBlockParam, ThinkingBlockParam } from '@anthropic-ai/sdk/resources/messages';

export type SignedThinking = ThinkingBlockParam | RedactedThinkingBlockParam;

export class ThinkingMemory {
  private readonly byCallId = new Map<string, SignedThinking[]>();

  /** Bounded: only the latest tool loops matter, older turns are sent without thinking. */
  constructor(private readonly limit = 256) {}

  remember(callIds: readonly string[], blocks: readonly SignedThinking[]): void {
    if (!blocks.length) return;
    for (const id of callIds) {
      this.byCallId.delete(id);
      this.byCallId.set(id, [...blocks]);
    }
    while (this.byCallId.size > this.limit) {
      const oldest = this.byCallId.keys().next().value;
      if (oldest === undefined) break;
      this.byCallId.delete(oldest);
    }
  }

  recall(callId: string): SignedThinking[] | undefined {
    return this.byCallId.get(callId);
  }
}
