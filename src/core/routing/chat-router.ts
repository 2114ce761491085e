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
  /** When the request was sent. */
  at: Date;
  target: RouteTarget;
  /** The provider's reported usage; undefined when it reported none (an early error, a stop before the usage frame). */
  usage: Usage | undefined;
  /** Where the request came from: 'chat', 'compare', 'inline', 'lm-api', ... */
  origin: string;
  /** 'ok', 'stopped', or the ProviderError kind (the router always sets it; absent reads as 'ok'). */
  outcome?: string;
  latencyMs?: number;
  /** Until the first text, reasoning or tool call; undefined when none came. */
  ttftMs?: number;
  requestId?: string;
  /** The key's name (never the key) and the host it went to. */
  keyName?: string;
  host?: string;
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
  /** Called once per request that reached a provider (answered, stopped or failed), with what it reported. */
  meter(record: MeterRecord): void;
  /**
   * The budget's say over a request (byok.budget.action): undefined when it may go ahead. Read on every request;
   * a promise while the month's spend is still being read from disk (a window just started).
   */
  budgetRefusal?(target: RouteTarget, origin: string): PolicyRefusal | undefined | Promise<PolicyRefusal | undefined>;
  /** The organization's say over a host (byok.allowCustomHosts, byok.allowedHosts): undefined when allowed. */
  hostRefusal?(presetId: string, baseUrl: string): PolicyRefusal | undefined;
  /** The key's name for the ledger. */
  keyName?(keyId: string): string | undefined;
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

  /** Streams one chat answer through the key's own adapter. */
  stream(target: RouteTarget, request: Omit<ChatRequest, 'model'>, signal: AbortSignal, origin: string): AsyncGenerator<StreamPart> {
    return this.#run(target, origin, (adapter) => adapter.stream({ ...request, model: target.modelId }, signal));
  }

  /**
   * Fill-in-the-middle on the key's own host (inline completions): the same policy and budget checks, adapter
   * and metering as `stream`. A key whose adapter has no FIM endpoint is refused, never sent elsewhere.
   */
  complete(target: RouteTarget, request: Omit<FimRequest, 'model'>, signal: AbortSignal, origin: string): AsyncGenerator<StreamPart> {
    return this.#run(target, origin, (adapter) => {
      if (!adapter.fim) throw new ProviderError({ kind: 'bad-request', provider: target.presetId, message: `${target.presetId} has no fill-in-the-middle endpoint` });
      return adapter.fim({ ...request, model: target.modelId }, signal);
    });
  }

  /** Asks the key's host whether a model answers on a FIM route (policy- and budget-checked like a request). */
  async probeFim(target: RouteTarget, route: FimRoute, signal: AbortSignal): Promise<boolean> {
    const { adapter, connection } = await this.#admit(target, 'inline');
    if (!adapter.probeFim) return false;
    // A probe is a real (tiny, billed) request: it gets its row in the ledger like every other one.
    const at = new Date();
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await adapter.probeFim(route, target.modelId, signal);
    } catch (e) {
      outcome = outcomeOf(e);
      throw e;
    } finally {
      this.#record({ at, target, usage: undefined, origin: 'inline-probe', outcome, latencyMs: performance.now() - started }, connection);
    }
  }

  /** The policy (model, provider) and the budget, then the key's own adapter. Nothing is read or sent before both pass. */
  async #admit(target: RouteTarget, origin: string): Promise<{ adapter: ProviderAdapter; connection: Connection }> {
    const refusal = this.#deps.refusal(target.presetId, target.modelId) ?? (await this.#deps.budgetRefusal?.(target, origin));
    if (refusal) throw policyError(target.presetId, refusal);
    return this.#resolve(target.keyId, target.presetId);
  }

  // One generator per request (no nested generators: a part costs one hop), for chat and FIM alike.
  async *#run(target: RouteTarget, origin: string, open: (adapter: ProviderAdapter) => AsyncIterable<StreamPart>): AsyncGenerator<StreamPart> {
    const { adapter, connection } = await this.#admit(target, origin);
    let usage: Usage | undefined;
    let requestId: string | undefined;
    let ttftMs: number | undefined;
    let outcome = 'stopped';
    const at = new Date();
    const started = performance.now();
    try {
      for await (const part of open(adapter)) {
        if (part.type === 'usage') usage = part.usage;
        else if (part.type === 'finish' && part.usage) usage = part.usage;
        else if (part.type === 'request-id') requestId = part.id;
        else if (ttftMs === undefined && part.type !== 'finish') ttftMs = performance.now() - started;
        if (part.type === 'finish') outcome = 'ok';
        yield part;
      }
    } catch (e) {
      outcome = outcomeOf(e);
      throw e;
    } finally {
      // One row per request that reached the provider, even when it failed or was stopped: the provider
      // bills what it reported, and a failure is part of the log. A consumer that stops iterating early
      // (the finally runs without a finish) is a stop.
      this.#record({
        at, target, usage, origin, outcome, latencyMs: performance.now() - started,
        ...(ttftMs !== undefined ? { ttftMs } : {}), ...(requestId ? { requestId } : {}),
      }, connection);
    }
  }

  /** One ledger row, with the key's name and host (never the key). Recording never throws into a request. */
  #record(row: Omit<MeterRecord, 'keyName' | 'host'>, connection: Connection): void {
    try {
      const keyName = this.#deps.keyName?.(row.target.keyId);
      this.#deps.meter({ ...row, ...(keyName ? { keyName } : {}), host: hostOf(connection.baseUrl) });
    } catch { /* metering must not turn an answer into an error */ }
  }

  async #adapterFor(keyId: string, presetId: string): Promise<ProviderAdapter> {
    return (await this.#resolve(keyId, presetId)).adapter;
  }

  async #resolve(keyId: string, presetId: string): Promise<{ adapter: ProviderAdapter; connection: Connection }> {
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
    // Checked on every call, after the connection is known and before anything is sent: a key saved before
    // the organization narrowed its hosts stops working at once.
    const hostRefusal = this.#deps.hostRefusal?.(presetId, connection.baseUrl);
    if (hostRefusal) throw policyError(presetId, hostRefusal);
    const cached = this.#adapters.get(keyId);
    if (cached && sameConnection(cached.connection, connection)) return { adapter: cached.adapter, connection };
    const adapter = (this.#deps.createAdapter ?? createAdapter)(connection);
    this.#adaptersBuilt++;
    this.#adapters.set(keyId, { connection, adapter });
    return { adapter, connection };
  }
}

function policyError(presetId: string, refusal: PolicyRefusal): ProviderError {
  return new ProviderError({ kind: 'policy', provider: presetId, code: refusal.setting, message: refusal.message });
}

function hostOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).host || undefined;
  } catch {
    return undefined;
  }
}

function sameConnection(a: Connection, b: Connection): boolean {
  return a.apiKey === b.apiKey && a.baseUrl === b.baseUrl && JSON.stringify([a.azure, a.bedrock, a.headers]) === JSON.stringify([b.azure, b.bedrock, b.headers]);
}

/** The ledger's outcome for a request that threw: a stop, or the error's kind. */
function outcomeOf(e: unknown): string {
  return isProviderError(e) ? (e.kind === 'aborted' ? 'stopped' : e.kind) : 'unexpected-response';
}
