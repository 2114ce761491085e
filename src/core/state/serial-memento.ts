// globalState, written one update at a time, in the order the writes were made.
//
// VS Code keeps an extension's whole globalState as one blob and replaces its in-memory copy whenever the
// workbench reports that blob changed. With several stores writing at once (the key list, a model listing, the
// user's model choice) the host tests saw a just-written model choice come back as the previous one, now and
// then; with every write queued behind the previous one they never did. Pending values are served to readers
// meanwhile, so a write is visible at once, as with a plain Memento.

/** The part of vscode.Memento this needs (structurally the same, so a Memento fits). */
export interface Memento {
  keys(): readonly string[];
  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): Thenable<void>;
}

export class SerialMemento implements Memento {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<string, { value: unknown }>();

  constructor(private readonly inner: Memento) {}

  keys(): readonly string[] {
    const keys = new Set(this.inner.keys());
    for (const [key, { value }] of this.pending) {
      if (value === undefined) keys.delete(key);
      else keys.add(key);
    }
    return [...keys];
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    const pending = this.pending.get(key);
    if (pending) return pending.value === undefined ? defaultValue : (pending.value as T);
    return this.inner.get<T>(key) ?? defaultValue;
  }

  update(key: string, value: unknown): Promise<void> {
    const entry = { value };
    this.pending.set(key, entry);
    const run = this.tail.then(() => this.inner.update(key, value)).finally(() => {
      if (this.pending.get(key) === entry) this.pending.delete(key);
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}
