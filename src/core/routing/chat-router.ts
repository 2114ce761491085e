// The one path every model request takes (chat, inline, Language Model API): resolve the key's
// connection, refuse models outside the policy, stream through the provider's adapter, meter usage.
// There is no fallback: a failure is the caller's to show, never a reason to try another key.
import { ProviderError } from '../errors';
import { createAdapter } from '../providers/registry';
import type { ChatRequest, Connection, ProviderAdapter, StreamPart, Usage } from '../providers/types';

export interface RouteTarget {
  keyId: string;
  presetId: string;
  modelId: string;
}

export interface MeterRecord {
  at: Date;
  target: RouteTarget;
  usage: Usage;
  /** Where the request came from: 'chat', 'inline', 'lm-api', ... */
  origin: string;
}

export interface ChatRouterDeps {
  /** Builds the connection for a key (reads its secret). Throws ProviderError kind 'auth' when the key is gone. */
  connectionFor(keyId: string): Promise<Connection>;
  /** The policy check over `<presetId>/<modelId>`. */
  isAllowed(presetId: string, modelId: string): boolean;
  /** Called once per request with the provider's reported usage. */
  meter(record: MeterRecord): void;
  /** Lets tests and the simulator swap the adapter factory. */
  createAdapter?: (connection: Connection) => ProviderAdapter;
}

export class ChatRouter {
  // Adapters hold SDK clients (connection pools): keep one per key until the key changes.
  // ES #private: the connection resolver reads secrets and cached connections hold them; nothing outside
  // the router (nothing reachable from the app object) may get at either.
  readonly #adapters = new Map<string, { connection: Connection; adapter: ProviderAdapter }>();
  readonly #deps: ChatRouterDeps;

  constructor(deps: ChatRouterDeps) {
    this.#deps = deps;
  }

  /** Forget a key's adapter (its secret, host or options changed; a replaced key applies at once). */
  invalidate(keyId?: string): void {
    if (keyId === undefined) this.#adapters.clear();
    else this.#adapters.delete(keyId);
  }

  async adapterFor(keyId: string): Promise<ProviderAdapter> {
    const connection = await this.#deps.connectionFor(keyId);
    const cached = this.#adapters.get(keyId);
    if (cached && sameConnection(cached.connection, connection)) return cached.adapter;
    const adapter = (this.#deps.createAdapter ?? createAdapter)(connection);
    this.#adapters.set(keyId, { connection, adapter });
    return adapter;
  }

  async *stream(target: RouteTarget, request: Omit<ChatRequest, 'model'>, signal: AbortSignal, origin: string): AsyncGenerator<StreamPart> {
    if (!this.#deps.isAllowed(target.presetId, target.modelId)) {
      throw new ProviderError({ kind: 'model-not-found', provider: target.presetId, message: `${target.presetId}/${target.modelId} is not allowed by your organization's model policy (byok.allowedModels)` });
    }
    const adapter = await this.adapterFor(target.keyId);
    let usage: Usage | undefined;
    try {
      for await (const part of adapter.stream({ ...request, model: target.modelId }, signal)) {
        if (part.type === 'usage') usage = part.usage;
        else if (part.type === 'finish' && part.usage) usage = part.usage;
        yield part;
      }
    } finally {
      // Metered even when the stream fails or is stopped: the provider bills what it reported.
      if (usage) this.#deps.meter({ at: new Date(), target, usage, origin });
    }
  }
}

function sameConnection(a: Connection, b: Connection): boolean {
  return a.apiKey === b.apiKey && a.baseUrl === b.baseUrl && JSON.stringify([a.azure, a.bedrock, a.headers]) === JSON.stringify([b.azure, b.bedrock, b.headers]);
}
