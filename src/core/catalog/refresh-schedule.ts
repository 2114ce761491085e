// When to list a key's models again: at once when it has no listing, when its listing goes stale, and
// after a failure only once its backoff has passed (1 min, doubling to 1 h). Every key is tried at most
// once per MIN_GAP_MS whatever happens, so no sequence of events can turn into a loop of requests.
// Pure timing logic: the VS Code layer supplies the keys and the refresh itself.

export interface RefreshScheduleDeps {
  /** Every key that may be listed, with the time its listing goes stale (-Infinity when it has none). */
  due(): { keyId: string; dueAt: number }[];
  refresh(keyId: string): Promise<void>;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
export const MIN_GAP_MS = 30_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export class RefreshSchedule {
  private readonly failures = new Map<string, { count: number; retryAt: number }>();
  private readonly attempted = new Map<string, number>();
  private readonly running = new Set<string>();
  private timer: unknown;
  private disposed = false;
  private readonly now: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly deps: RefreshScheduleDeps) {
    this.now = deps.now ?? Date.now;
    this.setTimer = deps.setTimer ?? ((run, ms) => { const t = setTimeout(run, ms); t.unref?.(); return t; });
    this.clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  }

  /** Starts what is due now and arms one timer for the next due key. Cheap: call it whenever keys or settings change. */
  kick(): void {
    if (this.disposed) return;
    if (this.timer !== undefined) { this.clearTimer(this.timer); this.timer = undefined; }
    const now = this.now();
    let next = Infinity;
    for (const { keyId, dueAt } of this.deps.due()) {
      if (this.running.has(keyId)) continue;
      const at = Math.max(dueAt, this.failures.get(keyId)?.retryAt ?? -Infinity, (this.attempted.get(keyId) ?? -Infinity) + MIN_GAP_MS);
      if (at <= now) this.start(keyId);
      else next = Math.min(next, at);
    }
    if (next !== Infinity) this.timer = this.setTimer(() => { this.timer = undefined; this.kick(); }, Math.min(MAX_TIMER_MS, next - now));
  }

  /** A listing failed: wait 1 min, 2, 4, ... up to 1 h before the next try. */
  failed(keyId: string): void {
    const count = (this.failures.get(keyId)?.count ?? 0) + 1;
    const wait = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (count - 1));
    this.failures.set(keyId, { count, retryAt: this.now() + wait });
  }

  succeeded(keyId: string): void {
    this.failures.delete(keyId);
  }

  /** A new secret or host, or a removed key: forget its history so the new one gets a fresh try. */
  reset(keyId: string): void {
    this.failures.delete(keyId);
    this.attempted.delete(keyId);
  }

  /** The backoff state of a key, for tests and diagnostics. */
  backoffOf(keyId: string): { count: number; retryAt: number } | undefined {
    return this.failures.get(keyId);
  }

  private start(keyId: string): void {
    this.running.add(keyId);
    this.attempted.set(keyId, this.now());
    void this.deps.refresh(keyId)
      .catch(() => this.failed(keyId))
      .finally(() => { this.running.delete(keyId); this.kick(); });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }
}
