// Errors without spam. A rate limit pauses completions quietly until its Retry-After (or an exponential
// back-off) has passed; an auth, quota, model or policy error shows one notification and pauses
// completions until the key or model changes. Nothing is retried on another key, ever.
import type { ProviderError } from '../errors';
import type { Clock } from './debounce';

export type PauseState =
  | { kind: 'running' }
  | { kind: 'backoff'; untilMs: number; reason: string }
  | { kind: 'stopped'; reason: string; error: ProviderError };

const BACKOFF_START_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** Errors the user has to fix (key, billing, model, policy): retrying would only repeat them. */
const STOPPING = new Set(['auth', 'quota', 'model-not-found', 'policy']);
/** Errors worth a short quiet pause (the host is struggling); anything else is dropped per request. */
const BACKING_OFF = new Set(['rate-limit', 'server', 'network', 'timeout']);

export class InlinePause {
  #state: PauseState = { kind: 'running' };
  #backoff = BACKOFF_START_MS;

  constructor(private readonly clock: Clock) {}

  get state(): PauseState {
    if (this.#state.kind === 'backoff' && this.clock.now() >= this.#state.untilMs) this.#state = { kind: 'running' };
    return this.#state;
  }

  get paused(): boolean { return this.state.kind !== 'running'; }

  /** Records a failure. Returns 'notify' the first time a stopping error arrives, else 'quiet'. */
  failed(error: ProviderError): 'notify' | 'quiet' {
    if (error.kind === 'aborted') return 'quiet';
    if (STOPPING.has(error.kind)) {
      const first = this.#state.kind !== 'stopped';
      this.#state = { kind: 'stopped', reason: error.fix, error };
      return first ? 'notify' : 'quiet';
    }
    if (BACKING_OFF.has(error.kind)) {
      const wait = error.retryAfterMs ?? this.#backoff;
      this.#backoff = Math.min(BACKOFF_MAX_MS, this.#backoff * 2);
      this.#state = { kind: 'backoff', untilMs: this.clock.now() + wait, reason: error.kind === 'rate-limit' ? 'rate limited' : `${error.kind} error` };
    }
    return 'quiet';
  }

  succeeded(): void {
    this.#backoff = BACKOFF_START_MS;
    if (this.#state.kind === 'backoff') this.#state = { kind: 'running' };
  }

  /** The key, the model or the setting changed: try again. */
  resume(): void {
    this.#state = { kind: 'running' };
    this.#backoff = BACKOFF_START_MS;
  }
}
