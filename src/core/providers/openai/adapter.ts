// One adapter for OpenAI, Azure OpenAI and every OpenAI-compatible host. What differs between them
// is data in the preset (host, auth, headers, Ollama's native listing), not code paths.
import { ProviderError } from '../../errors';
import type { ProviderPreset } from '../presets';
import { guardStream } from '../stream-guard';
import type { ChatRequest, Connection, KeyCheck, ModelInfo, ProviderAdapter, StreamPart } from '../types';
import { azureDeploymentModels } from './azure';
import { buildChatBody } from './build-request';
import { loadClient, ollamaRoot, type LoadedClient } from './client';
import { fromOpenAIError } from './errors';
import { pricesFromModelInfo, withGatewayPrices } from './gateway-prices';
import { parseModelList } from './list-models';
import { listOllamaModels } from './ollama';
import { deferred, fromArray, mapChunks } from './part-iterator';
import { completionToParts, type ChunkLike } from './convert-stream';
import { probeFim, streamFim, type FimDeps } from './fim';

/** Rejects as soon as the signal aborts: the SDK's retry sleep does not listen to it. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DOMException('Aborted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new DOMException('Aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener('abort', onAbort); reject(e instanceof Error ? e : new Error(String(e))); },
    );
  });
}

/** The id the host gives the request (OpenAI x-request-id, Azure apim-request-id, gateways request-id). */
export function requestIdFrom(headers: Headers): string | undefined {
  return headers.get('x-request-id') ?? headers.get('request-id') ?? headers.get('apim-request-id') ?? headers.get('x-litellm-call-id') ?? undefined;
}

export function createOpenAIAdapter(connection: Connection, preset: ProviderPreset): ProviderAdapter {
  // ProviderError.provider is always the preset id; the UI looks the label up.
  const provider = preset.id;
  const secrets = connection.apiKey ? [connection.apiKey] : [];
  let loading: Promise<LoadedClient> | undefined;
  const load = (): Promise<LoadedClient> => {
    loading ??= loadClient(connection, preset).catch((e: unknown) => { loading = undefined; throw e; });
    return loading;
  };

  /** Runs one SDK call and turns any failure into a ProviderError. */
  async function call<T>(signal: AbortSignal, run: (c: LoadedClient) => Promise<T>): Promise<T> {
    let loaded: LoadedClient | undefined;
    try {
      loaded = await load();
      return await untilAborted(run(loaded), signal);
    } catch (e) {
      if (e instanceof ProviderError) throw e;
      if (!loaded) throw new ProviderError({ kind: 'unexpected-response', provider, message: `Could not start the OpenAI client: ${String(e)}`, cause: e });
      throw fromOpenAIError(e, loaded.sdk, { provider, signal, secrets });
    }
  }

  async function listModels(signal: AbortSignal): Promise<ModelInfo[]> {
    if (preset.family === 'azure') return azureDeploymentModels(connection);
    if (preset.ollamaApi) {
      return call(signal, ({ client }) => listOllamaModels(client, ollamaRoot(connection.baseUrl), signal, provider));
    }
    try {
      return await call(signal, async ({ client }) => {
        // Read the raw answer: the SDK turns a non-JSON 200 (a login page, a wrong host) into an empty list.
        const response = await client.models.list({ signal }).asResponse();
        const models = parseModelList(await response.text(), provider);
        if (!preset.gatewayModelInfo) return models;
        // On the same host with the same key. Most hosts have no /model/info: any failure means "no prices here".
        const info = await client.get<unknown>('/model/info', { signal, maxRetries: 0 }).catch(() => undefined);
        return withGatewayPrices(models, pricesFromModelInfo(info));
      });
    } catch (e) {
      // Nothing in GET /models names a model, so a 404 means this host has no such API here.
      if (e instanceof ProviderError && e.status === 404) {
        throw new ProviderError({ kind: 'unexpected-response', provider, status: 404, message: `${connection.baseUrl}/models does not exist: this host is not OpenAI-compatible at this address` });
      }
      throw e;
    }
  }

  async function checkKey(signal: AbortSignal): Promise<KeyCheck> {
    try {
      if (preset.family === 'azure') {
        // Any authenticated data-plane call proves the key and the endpoint; the count is the user's deployments.
        await call(signal, async ({ client }) => { await (await client.models.list({ signal }).asResponse()).text(); });
        return { ok: true, modelCount: azureDeploymentModels(connection).length };
      }
      return { ok: true, modelCount: (await listModels(signal)).length };
    } catch (e) {
      return { ok: false, error: e instanceof ProviderError ? e : fromUnknown(e) };
    }
  }

  function fromUnknown(e: unknown): ProviderError {
    return new ProviderError({ kind: 'unexpected-response', provider, message: String(e), cause: e });
  }

  /** Sends the request and returns the iterator of parts; every failure is already a ProviderError. */
  async function open(request: ChatRequest, signal: AbortSignal): Promise<AsyncIterator<StreamPart>> {
    const body = buildChatBody(request, preset);
    const { sdk, client } = await call(signal, (c) => Promise.resolve(c));
    const fail = (e: unknown): ProviderError => fromOpenAIError(e, sdk, { provider, signal, secrets });
    let response: Response;
    let stream: AsyncIterable<ChunkLike>;
    try {
      ({ data: stream, response } = await untilAborted(client.chat.completions.create(body, { signal }).withResponse(), signal));
    } catch (e) {
      throw fail(e);
    }
    const requestId = requestIdFrom(response.headers);
    const first: StreamPart[] = requestId ? [{ type: 'request-id', id: requestId }] : [];
    const type = response.headers.get('content-type') ?? '';
    if (/html/i.test(type)) {
      await response.body?.cancel().catch(() => undefined);
      throw new ProviderError({ kind: 'unexpected-response', provider, status: response.status, message: 'The host answered with an HTML page instead of a stream' });
    }
    if (/json/i.test(type)) {
      // The host ignored stream: true and sent the whole completion at once.
      try {
        const completion = await response.json() as Parameters<typeof completionToParts>[0] & { id?: unknown };
        const generation: StreamPart[] = preset.responseIdIsRequestId && typeof completion.id === 'string' ? [{ type: 'request-id', id: completion.id }] : [];
        return fromArray([...first, ...generation, ...completionToParts(completion)]);
      } catch (e) {
        throw fail(e);
      }
    }
    return mapChunks(stream, fail, { ...(first[0] ? { first: first[0] } : {}), responseIdIsRequestId: preset.responseIdIsRequestId === true });
  }

  const fimDeps: FimDeps = { connection, preset, load: () => call(new AbortController().signal, (c) => Promise.resolve(c)), secrets };
  return {
    presetId: connection.presetId,
    listModels,
    checkKey,
    stream: (request, signal) => guardStream(provider, signal, () => deferred(() => open(request, signal)), secrets),
    // Only hosts whose preset names FIM routes get the capability; the others fill in through chat.
    ...(preset.fim ? {
      fim: (request, signal) => guardStream(provider, signal, () => streamFim(fimDeps, request, signal), secrets),
      probeFim: (route, model, signal) => probeFim(fimDeps, route, model, signal),
    } satisfies Pick<ProviderAdapter, 'fim' | 'probeFim'> : {}),
  };
}
