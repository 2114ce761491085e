// Keys: the secret only in SecretStorage, everything else (provider, name, host, options, last check)
// in globalState. Other windows learn about changes through secrets.onDidChange.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { maskKey, ProviderError } from '../../core/errors';
import { parseKeyList, splitAwsKeyPair, type KeyCheckRecord, type KeyMetadata } from '../../core/keys/key-metadata';
import { findPreset } from '../../core/providers/presets';
import type { Connection } from '../../core/providers/types';

const LIST_KEY = 'byok.keys';
const SECRET_PREFIX = 'byok.key.';

export class KeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<{ keyId?: string; change?: 'added' | 'secret' | 'host' | 'renamed' | 'check' | 'removed' }>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // Another window added, replaced or removed a key.
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(SECRET_PREFIX)) this.changed.fire({ keyId: e.key.slice(SECRET_PREFIX.length) });
    });
  }

  list(): KeyMetadata[] {
    const { keys, problems } = parseKeyList(this.state.get<unknown>(LIST_KEY));
    for (const p of problems) this.log.warn(p);
    return keys;
  }

  get(keyId: string): KeyMetadata | undefined {
    return this.list().find((k) => k.id === keyId);
  }

  findByName(presetId: string, name: string): KeyMetadata | undefined {
    return this.list().find((k) => k.presetId === presetId && k.name.toLowerCase() === name.toLowerCase());
  }

  /** Saves the secret first, then the metadata: a crash in between leaves an orphan secret, never a key without one. */
  async add(meta: Omit<KeyMetadata, 'id' | 'masked' | 'createdAt'>, secret: string): Promise<KeyMetadata> {
    const id = `k${randomBytes(4).toString('hex')}`;
    const full: KeyMetadata = { ...meta, id, masked: secret ? maskKey(secret) : '(no key)', createdAt: Date.now() };
    await this.secrets.store(SECRET_PREFIX + id, secret);
    await this.writeList([...this.list(), full]);
    this.log.info(`Saved key "${full.name}" for ${meta.presetId} (${full.masked}) at ${meta.baseUrl}`);
    this.changed.fire({ keyId: id });
    return full;
  }

  async update(keyId: string, patch: Partial<Omit<KeyMetadata, 'id'>>, secret?: string): Promise<KeyMetadata> {
    const current = this.get(keyId);
    if (!current) throw new Error('This key no longer exists.');
    const next: KeyMetadata = { ...current, ...patch, ...(secret !== undefined ? { masked: secret ? maskKey(secret) : '(no key)' } : {}) };
    if (secret !== undefined) await this.secrets.store(SECRET_PREFIX + keyId, secret);
    await this.writeList(this.list().map((k) => (k.id === keyId ? next : k)));
    this.changed.fire({ keyId });
    return next;
  }

  async recordCheck(keyId: string, check: KeyCheckRecord): Promise<void> {
    if (!this.get(keyId)) return;
    await this.writeList(this.list().map((k) => (k.id === keyId ? { ...k, lastCheck: check } : k)));
    this.changed.fire({ keyId });
  }

  async remove(keyId: string): Promise<void> {
    const key = this.get(keyId);
    await this.secrets.delete(SECRET_PREFIX + keyId);
    await this.writeList(this.list().filter((k) => k.id !== keyId));
    if (key) this.log.info(`Removed key "${key.name}" for ${key.presetId}`);
    this.changed.fire({ keyId });
  }

  async secretOf(keyId: string): Promise<string | undefined> {
    return this.secrets.get(SECRET_PREFIX + keyId);
  }

  /** The connection for a key: its secret goes only to the host it was saved with. */
  async connectionFor(keyId: string): Promise<Connection> {
    const meta = this.get(keyId);
    if (!meta) throw new ProviderError({ kind: 'auth', provider: 'byok', message: 'This key was removed: add it again with "BYOK: Add Key".' });
    const secret = await this.secretOf(keyId);
    if (secret === undefined) {
      throw new ProviderError({ kind: 'auth', provider: meta.presetId, message: `The secret of key "${meta.name}" is missing from VS Code's secret storage: replace it in "BYOK: Manage Keys".` });
    }
    return toConnection(meta, secret);
  }

  private async writeList(keys: KeyMetadata[]): Promise<void> {
    await this.state.update(LIST_KEY, keys);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function toConnection(meta: Pick<KeyMetadata, 'presetId' | 'baseUrl' | 'azure' | 'bedrock'>, secret: string): Connection {
  const preset = findPreset(meta.presetId);
  const pair = meta.presetId === 'bedrock' ? splitAwsKeyPair(secret) : undefined;
  return {
    presetId: meta.presetId,
    baseUrl: meta.baseUrl,
    apiKey: pair ? '' : secret,
    ...(meta.azure ? { azure: meta.azure } : {}),
    ...(meta.bedrock ? { bedrock: { region: meta.bedrock.region, ...(pair ?? {}) } } : {}),
    ...(preset?.headers ? { headers: preset.headers } : {}),
  };
}
