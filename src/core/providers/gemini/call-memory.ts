// What a Gemini function call needs when it is sent back in the history, and ChatMessage cannot hold:
// - its thought signature (Gemini 3 rejects a function-call turn without one: 400 "missing a
//   thought_signature"); remembered by call id for this adapter's lifetime;
// - whether its id came from Gemini (sent back) or from us (Gemini often sends none; ids we made up
//   are not sent back, so the service never sees an id it did not issue).

/** Google's documented placeholder for calls whose real signature is unknown (e.g. after a reload). */
export const SKIP_SIGNATURE = 'skip_thought_signature_validator';

const OWN_PREFIX = 'gcall_';
let counter = 0;

export function newCallId(): string {
  return `${OWN_PREFIX}${Date.now().toString(36)}_${(counter++).toString(36)}`;
}

export function isOwnCallId(id: string): boolean {
  return id.startsWith(OWN_PREFIX);
}

export class SignatureMemory {
  private readonly byCallId = new Map<string, string>();

  constructor(private readonly limit = 512) {}

  remember(callId: string, signature: string): void {
    this.byCallId.delete(callId);
    this.byCallId.set(callId, signature);
    while (this.byCallId.size > this.limit) {
      const oldest = this.byCallId.keys().next().value;
      if (oldest === undefined) break;
      this.byCallId.delete(oldest);
    }
  }

  recall(callId: string): string | undefined {
    return this.byCallId.get(callId);
  }
}
