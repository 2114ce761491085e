// The sign-ins this window has started and not finished. Each state answers once: a second callback with
// the same state, a callback after expiry or after the user cancelled is refused, and so is one whose
// state this window never made. The verifier stays here until the one callback that may use it.
import { challengeFor, createState, createVerifier } from './pkce';

/** How long a sign-in waits for its callback. */
export const SIGN_IN_EXPIRY_MS = 5 * 60_000;

export interface PendingSignIn {
  state: string;
  verifier: string;
  challenge: string;
  startedAt: number;
  expiresAt: number;
}

export type CallbackRefusal = 'unknown-state' | 'expired' | 'used' | 'cancelled';

export type TakeResult = { ok: true; signIn: PendingSignIn } | { ok: false; reason: CallbackRefusal };

/** What the user is told for each refusal (never the code, the state or the verifier). */
export const REFUSAL_MESSAGES: Record<CallbackRefusal, string> = {
  'unknown-state': 'This sign-in link was not started from this VS Code window (its state does not match), so it was refused and nothing was saved. Run "BYOK: Sign in with OpenRouter" again.',
  expired: 'This sign-in took longer than 5 minutes and has expired, so nothing was saved. Run "BYOK: Sign in with OpenRouter" again.',
  used: 'This sign-in link was already used, so it was refused and nothing more was saved.',
  cancelled: 'This sign-in was cancelled, so its link was refused and nothing was saved.',
};

export class PendingSignIns {
  private readonly pending = new Map<string, PendingSignIn>();
  /** States that are finished, and how: a late or repeated callback gets the right message. */
  private readonly finished = new Map<string, CallbackRefusal>();

  constructor(private readonly now: () => number = Date.now, private readonly expiryMs: () => number = () => SIGN_IN_EXPIRY_MS) {}

  start(): PendingSignIn {
    const verifier = createVerifier();
    const startedAt = this.now();
    const signIn: PendingSignIn = { state: createState(), verifier, challenge: challengeFor(verifier), startedAt, expiresAt: startedAt + this.expiryMs() };
    this.pending.set(signIn.state, signIn);
    return signIn;
  }

  /** Consumes the sign-in a callback names: it can be taken once, and only before it expires. */
  take(state: string | undefined): TakeResult {
    if (!state) return { ok: false, reason: 'unknown-state' };
    const signIn = this.pending.get(state);
    if (!signIn) return { ok: false, reason: this.finished.get(state) ?? 'unknown-state' };
    this.pending.delete(state);
    if (this.now() >= signIn.expiresAt) {
      this.finished.set(state, 'expired');
      return { ok: false, reason: 'expired' };
    }
    this.finished.set(state, 'used');
    return { ok: true, signIn };
  }

  /** Ends a sign-in without a callback (the user cancelled, or it timed out): its link is refused from now on. */
  end(state: string, how: 'cancelled' | 'expired'): void {
    if (this.pending.delete(state)) this.finished.set(state, how);
  }

  isPending(state: string): boolean {
    return this.pending.has(state);
  }

  /** Milliseconds left before the sign-in expires (0 when it has). */
  remainingMs(state: string): number {
    const signIn = this.pending.get(state);
    return signIn ? Math.max(0, signIn.expiresAt - this.now()) : 0;
  }
}
