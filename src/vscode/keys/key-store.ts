// Keys: the secret only in SecretStorage, everything else (provider, name, host, options, last check)
// in globalState. Other windows learn about changes through secrets.onDidChange.
//
// Reading a secret: SecretStorage sits in an ES #private field, and the only function that reads it, the
// connection resolver, is handed out once by KeyStore.open() for the composition root to give to the
// ChatRouter. Nothing reachable from a KeyStore (or from the extension's exports) yields a secret.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { maskKey, ProviderError } from '../../core/errors';
import { toConnection } from '../../core/keys/connection';
import { checkChanged, parseKeyList, type KeyCheckRecord, type KeyMetadata } from '../../core/keys/key-metadata';
import type { Connection } from '../../core/providers/types';

const LIST_KEY = 'byok.keys';
const SECRET_PREFIX = 'byok.key.';

/** What changed about a key. The router drops its adapter only for 'secret', 'host' and 'removed'. */
export type KeyChange = 'added' | 'secret' | 'host' | 'renamed' | 'check' | 'removed';
export interface KeyChangeEvent { keyId: string; change: KeyChange }

/** Builds a key's connection (reads its secret). Throws ProviderError kind 'auth' when the key or its secret is gone. */
export type ConnectionResolver = (keyId: string) => Promise<Connection>;

export class KeyStore implements vscode.Disposable {
  readonly #state: vscode.Memento;
  readonly #secrets: vscode.SecretStorage;
  readonly #log: vscode.LogOutputChannel;
  readonly #changed = new vscode.EventEmitter<KeyChangeEvent>();
  readonly #subscription: vscode.Disposable;
  /** Problems with the stored list already logged: list() runs often, a problem is worth one line. */
  readonly #reported = new Set<string>();
  /** Our own SecretStorage writes not yet echoed back by onDidChange: those are announced by the store itself. */
  readonly #ownWrites = new Map<string, number>();
  readonly onDidChange = this.#changed.event;

  /** The store, and the one function that reads secrets: give it to the ChatRouter and keep it nowhere else. */
  static open(state: vscode.Memento, secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): { keys: KeyStore; connectionFor: ConnectionResolver } {
    const keys = new KeyStore(state, secrets, log);
    return { keys, connectionFor: (keyId) => keys.#connectionFor(keyId) };
  }

  private constructor(state: vscode.Memento, secrets: vscode.SecretStorage, log: vscode.LogOutputChannel) {
    this.#state = state;
    this.#secrets = secrets;
    this.#log = log;
    // Another window added, replaced or removed a key.
    this.#subscription = secrets.onDidChange((e) => {
      if (!e.key.startsWith(SECRET_PREFIX)) return;
      const own = this.#ownWrites.get(e.key);
      if (own) {
        if (own > 1) this.#ownWrites.set(e.key, own - 1);
        else this.#ownWrites.delete(e.key);
        return;
      }
      const name = e.key.slice(SECRET_PREFIX.length);
      const keyId = this.list().find((k) => secretName(k) === e.key)?.id ?? name.split('.')[0]!;
      this.#changed.fire({ keyId, change: this.get(keyId) ? 'secret' : 'removed' });
    });
  }

  list(): KeyMetadata[] {
    const { keys, problems } = parseKeyList(this.#state.get<unknown>(LIST_KEY));
    for (const p of problems) {
      if (this.#reported.has(p)) continue;
      this.#reported.add(p);
      this.#log.warn(p);
    }
    return keys;
  }

  get(keyId: string): KeyMetadata | undefined {
    return this.list().find((k) => k.id === keyId);
  }

  findByName(presetId: string, name: string): KeyMetadata | undefined {
    return this.list().find((k) => k.presetId === presetId && k.name.toLowerCase() === name.toLowerCase());
  }

  /** Whether SecretStorage holds this key's secret (never the secret itself); also for a key just removed. */
  async hasSecret(key: Pick<KeyMetadata, 'id' | 'secretId'>): Promise<boolean> {
    return (await this.#secrets.get(secretName(key))) !== undefined;
  }

  /** Saves the secret first, then the metadata: a crash in between leaves an orphan secret, never a key without one. */
  async add(meta: Omit<KeyMetadata, 'id' | 'masked' | 'createdAt' | 'secretId'>, secret: string): Promise<KeyMetadata> {
    const id = `k${randomBytes(4).toString('hex')}`;
    const full: KeyMetadata = { ...meta, id, masked: mask(secret), createdAt: Date.now() };
    await this.#storeSecret(secretName(full), secret);
    await this.#writeList([...this.list(), full]);
    this.#log.info(`Saved key "${full.name}" for ${meta.presetId} (${full.masked}) at ${meta.baseUrl}`);
    this.#changed.fire({ keyId: id, change: 'added' });
    return full;
  }

  async rename(keyId: string, name: string): Promise<void> {
    await this.#patch(keyId, { name });
    this.#changed.fire({ keyId, change: 'renamed' });
  }

  /**
   * A new secret, optionally for a new host, with the check that was made for the pair. The secret goes
   * under a temporary id, then one metadata write switches host and secret together: whoever reads the key
   * at any moment gets the old pair or the new one, never a mix. Then the secret settles back under the key's
   * own name (`byok.key.<id>`) and the temporary one is deleted, so the stored form stays the one every
   * version of BYOK reads (a window still running an older version, or a downgrade, keeps a working key).
   */
  async replace(keyId: string, next: { secret: string; baseUrl?: string; lastCheck?: KeyCheckRecord }): Promise<void> {
    const current = this.get(keyId);
    if (!current) throw new Error('This key no longer exists.');
    const temporary = `${keyId}.${randomBytes(4).toString('hex')}`;
    await this.#storeSecret(SECRET_PREFIX + temporary, next.secret);
    await this.#patch(keyId, {
      secretId: temporary, masked: mask(next.secret),
      ...(next.baseUrl !== undefined ? { baseUrl: next.baseUrl } : {}),
      ...(next.lastCheck ? { lastCheck: next.lastCheck } : {}),
    });
    // The metadata now names the temporary secret: the key's own name can take the new secret safely.
    await this.#storeSecret(SECRET_PREFIX + keyId, next.secret);
    await this.#patch(keyId, { secretId: undefined });
    await this.#deleteSecret(SECRET_PREFIX + temporary);
    if (current.secretId && current.secretId !== keyId) await this.#deleteSecret(SECRET_PREFIX + current.secretId);
    const hostChanged = next.baseUrl !== undefined && next.baseUrl !== current.baseUrl;
    this.#log.info(`Replaced the secret of key "${current.name}" for ${current.presetId}${hostChanged ? `; its host is now ${next.baseUrl}` : ''}`);
    this.#changed.fire({ keyId, change: hostChanged ? 'host' : 'secret' });
  }

  /** Stores a check; tells listeners only when what the UI shows changed (not for a newer time alone). */
  async recordCheck(keyId: string, check: KeyCheckRecord): Promise<void> {
    const current = this.get(keyId);
    if (!current) return;
    // Another window may have removed the key (its secret is gone, its list update not here yet): writing our
    // stale list now would bring the removed key back.
    if (!(await this.hasSecret(current))) return;
    await this.#patch(keyId, { lastCheck: check });
    if (checkChanged(current.lastCheck, check)) this.#changed.fire({ keyId, change: 'check' });
  }

  /** Deletes the secret first: a crash in between leaves a listed key that says its secret is missing, never a hidden secret. */
  async remove(keyId: string): Promise<void> {
    const key = this.get(keyId);
    await this.#deleteSecret(key ? secretName(key) : SECRET_PREFIX + keyId);
    if (key?.secretId) await this.#deleteSecret(SECRET_PREFIX + keyId);
    await this.#writeList(this.list().filter((k) => k.id !== keyId));
    if (key) this.#log.info(`Removed key "${key.name}" for ${key.presetId}`);
    this.#changed.fire({ keyId, change: 'removed' });
  }

  /** The connection for a key: its secret goes only to the host it was saved with. */
  async #connectionFor(keyId: string): Promise<Connection> {
    const meta = this.get(keyId);
    if (!meta) throw new ProviderError({ kind: 'auth', provider: 'byok', message: 'This key was removed: add it again with "BYOK: Add Key".' });
    const secret = await this.#secrets.get(secretName(meta));
    if (secret === undefined) {
      throw new ProviderError({ kind: 'auth', provider: meta.presetId, message: `The secret of key "${meta.name}" is missing from VS Code's secret storage: replace it in "BYOK: Manage Keys".` });
    }
    return toConnection(meta, secret);
  }

  async #storeSecret(name: string, secret: string): Promise<void> {
    this.#ownWrites.set(name, (this.#ownWrites.get(name) ?? 0) + 1);
    await this.#secrets.store(name, secret);
  }

  async #deleteSecret(name: string): Promise<void> {
    this.#ownWrites.set(name, (this.#ownWrites.get(name) ?? 0) + 1);
    await this.#secrets.delete(name);
  }

  async #patch(keyId: string, patch: Partial<Omit<KeyMetadata, 'id'>>): Promise<void> {
    if (!this.get(keyId)) throw new Error('This key no longer exists.');
    await this.#writeList(this.list().map((k) => (k.id === keyId ? withoutUndefined({ ...k, ...patch }) : k)));
  }

  async #writeList(keys: KeyMetadata[]): Promise<void> {
    await this.#state.update(LIST_KEY, keys);
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#changed.dispose();
  }
}

function secretName(meta: Pick<KeyMetadata, 'id' | 'secretId'>): string {
  return SECRET_PREFIX + (meta.secretId ?? meta.id);
}

function mask(secret: string): string {
  return secret ? maskKey(secret) : '(no key)';
}

/** `secretId: undefined` in a patch means the field is gone, not a stored `undefined` (JSON drops it anyway). */
function withoutUndefined(meta: KeyMetadata): KeyMetadata {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as KeyMetadata;
}
