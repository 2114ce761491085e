// The one path every model request takes (chat, compare, inline, Language Model API, and the listings and
// key checks behind them): refuse what the policy does not allow before any key is read, resolve the key's
// own connection, stream through that provider's adapter, meter usage.
// There is no fallback: a failure is the caller's to show, never a reason to try another key.
import { isProviderError, ProviderError } from '../errors';
import { createAdapter } from '../providers/registry';
import type { ChatRequest, Connection, FimRequest, FimRoute, KeyCheck, ModelInfo, ProviderAdapter, StreamPart, Usage } from '../providers/types';

export interface RouteTarget {
  keyId: string;
  presetId: string;
  modelId: string;
}

export interface MeterRecord {
  at: Date;
  target: RouteTarget;
  usage: Usage;
  /** Where the request came from: 'chat', 'compare', 'inline', 'lm-api', ... */
  origin: string;
}

/** Why the policy refuses something, naming the setting the user can look at. */
export interface PolicyRefusal {
  setting: string;
  message: string;
}

export interface ChatRouterDeps {
  /** Builds the connection for a key (reads its secret). Throws ProviderError kind 'auth' when the key is gone. */
  connectionFor(keyId: string): Promise<Connection>;
  /** The policy over `<presetId>/<modelId>`: undefined when allowed. Read on every request, so a change applies at once. */
  refusal(presetId: string, modelId: string): PolicyRefusal | undefined;
  /** Whether the policy lets this provider be called at all (listing, key checks). */
  providerEnabled(presetId: string): boolean;
  /** Called once per request with the provider's reported usage. */
  meter(record: MeterRecord): void;
  /** Lets tests and the simulator swap the adapter factory. */
  createAdapter?: (connection: Connection) => ProviderAdapter;
}

export class ChatRouter {
  // Adapters hold SDK clients (connection pools) and per-conversation memory (thinking signatures): keep one
  // per key for as long as its connection (secret, host, options) stays the same.
  readonly #adapters = new Map<string, { connection: Connection; adapter: ProviderAdapter }>();
  readonly #deps: ChatRouterDeps;
  #adaptersBuilt = 0;

  constructor(deps: ChatRouterDeps) {
    this.#deps = deps;
  }

  /** How many adapters were built so far (diagnostics: a check result or a refresh must not rebuild one). */
  get adaptersBuilt(): number {
    return this.#adaptersBuilt;
  }

  /** Forget a key's adapter (the key was removed). A changed secret or host is noticed on the next request anyway. */
  invalidate(keyId?: string): void {
    if (keyId === undefined) this.#adapters.clear();
    else this.#adapters.delete(keyId);
  }

  /** Lists a key's models. Refused, without reading the key, when the policy disables its provider. */
  async listModels(keyId: string, presetId: string, signal: AbortSignal): Promise<ModelInfo[]> {
    return (await this.#adapterFor(keyId, presetId)).listModels(signal);
  }

  /** Asks the provider whether a key works. Refused, without reading the key, when the policy disables its provider. */
  async checkKey(keyId: string, presetId: string, signal: AbortSignal): Promise<KeyCheck> {
    return (await this.#adapterFor(keyId, presetId)).checkKey(signal);
  }

  async *stream(target: RouteTarget, request: Omit<ChatRequest, 'model'>, signal: AbortSignal, origin: string): AsyncGenerator<StreamPart> {
    const refusal = this.#deps.refusal(target.presetId, target.modelId);
    if (refusal) throw policyError(target.presetId, refusal);
    const adapter = await this.#adapterFor(target.keyId, target.presetId);
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

  /**
   * Fill-in-the-middle on the key's own host (inline completions): the same policy check, adapter and
   * metering as `stream`. A key whose adapter has no FIM endpoint is refused, never sent elsewhere.
   */
  async *complete(target: RouteTarget, request: Omit<FimRequest, 'model'>, signal: AbortSignal, origin: string): AsyncGenerator<StreamPart> {
    const adapter = await this.#allowedAdapter(target);
    if (!adapter.fim) throw new ProviderError({ kind: 'bad-request', provider: target.presetId, message: `${target.presetId} has no fill-in-the-middle endpoint` });
    yield* this.#metered(target, adapter.fim({ ...request, model: target.modelId }, signal), origin);
  }

  /** Asks the key's host whether a model answers on a FIM route (policy-checked like a request). */
  async probeFim(target: RouteTarget, route: FimRoute, signal: AbortSignal): Promise<boolean> {
    const adapter = await this.#allowedAdapter(target);
    return adapter.probeFim ? adapter.probeFim(route, target.modelId, signal) : false;
  }

  async #allowedAdapter(target: RouteTarget): Promise<ProviderAdapter> {
    const refusal = this.#deps.refusal(target.presetId, target.modelId);
    if (refusal) throw policyError(target.presetId, refusal);
    return this.#adapterFor(target.keyId, target.presetId);
  }

  async *#metered(target: RouteTarget, parts: AsyncIterable<StreamPart>, origin: string): AsyncGenerator<StreamPart> {
    let usage: Usage | undefined;
    try {
      for await (const part of parts) {
        if (part.type === 'usage') usage = part.usage;
        else if (part.type === 'finish' && part.usage) usage = part.usage;
        yield part;
      }
    } finally {
      if (usage) this.#deps.meter({ at: new Date(), target, usage, origin });
    }
  }

  async #adapterFor(keyId: string, presetId: string): Promise<ProviderAdapter> {
    if (!this.#deps.providerEnabled(presetId)) {
      throw policyError(presetId, { setting: 'byok.enabledProviders', message: `${presetId} is not among the providers your organization enabled (byok.enabledProviders)` });
    }
    const connection = await this.#deps.connectionFor(keyId).catch((e: unknown) => {
      // A removed key has no provider of its own any more: report it under the provider the request was for.
      throw isProviderError(e) && e.provider !== presetId ? new ProviderError({ kind: e.kind, provider: presetId, message: e.message }) : e;
    });
    // The policy was checked for `presetId`: a target naming another provider than the key's own must not slip through.
    if (connection.presetId !== presetId) {
      throw new ProviderError({ kind: 'bad-request', provider: presetId, message: `The key belongs to ${connection.presetId}, not ${presetId}` });
    }
    const cached = this.#adapters.get(keyId);
    if (cached && sameConnection(cached.connection, connection)) return cached.adapter;
    const adapter = (this.#deps.createAdapter ?? createAdapter)(connection);
    this.#adaptersBuilt++;
    this.#adapters.set(keyId, { connection, adapter });
    return adapter;
  }
}

function policyError(presetId: string, refusal: PolicyRefusal): ProviderError {
  return new ProviderError({ kind: 'policy', provider: presetId, code: refusal.setting, message: refusal.message });
}

function sameConnection(a: Connection, b: Connection): boolean {
  return a.apiKey === b.apiKey && a.baseUrl === b.baseUrl && JSON.stringify([a.azure, a.bedrock, a.headers]) === JSON.stringify([b.azure, b.bedrock, b.headers]);
}
