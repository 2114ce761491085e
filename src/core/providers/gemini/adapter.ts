// The Google Gemini adapter (Gemini API, generativelanguage.googleapis.com).
import type { GenerateContentResponse, GoogleGenAI } from '@google/genai';
import type { ProviderError } from '../../errors';
import { DEFAULT_MAX_RETRIES } from '../defaults';
import type { ProviderPreset } from '../presets';
import { guardStream, openWithRetry } from '../stream-guard';
import type { ChatRequest, Connection, ModelInfo, ProviderAdapter, StreamPart } from '../types';
import { buildParams } from './build-request';
import { SignatureMemory } from './call-memory';
import { createGeminiClient } from './client';
import { toGeminiError } from './errors';
import { canChat, toModelInfo } from './list-models';
import { mapGeminiChunks } from './convert-stream';

export function createGeminiAdapter(connection: Connection, preset: ProviderPreset): ProviderAdapter {
  // ProviderError.provider is always the preset id; the UI looks the label up.
  const provider = preset.id;
  const secrets = connection.apiKey ? [connection.apiKey] : [];
  const signatures = new SignatureMemory();
  let client: Promise<GoogleGenAI> | undefined;

  const getClient = (): Promise<GoogleGenAI> => {
    client ??= createGeminiClient(connection, preset, provider, secrets).catch((e: unknown) => { client = undefined; throw e; });
    return client;
  };
  const fail = (e: unknown, signal?: AbortSignal): ProviderError => toGeminiError(e, provider, signal, secrets);

  async function fetchModels(signal: AbortSignal): Promise<ModelInfo[]> {
    try {
      const c = await getClient();
      const out: ModelInfo[] = [];
      // The pager follows nextPageToken.
      const pager = await c.models.list({ config: { pageSize: 1000, abortSignal: signal } });
      for await (const m of pager) if (canChat(m)) out.push(toModelInfo(m));
      return out;
    } catch (e) {
      throw fail(e, signal);
    }
  }

  async function* run(request: ChatRequest, signal: AbortSignal): AsyncGenerator<StreamPart> {
    // The SDK's stream only releases its reader when the consumer stops early; aborting our own
    // signal on the way out closes the socket too.
    const local = new AbortController();
    const forward = (): void => local.abort(signal.reason);
    signal.addEventListener('abort', forward, { once: true });
    try {
      let chunks: AsyncIterable<GenerateContentResponse>;
      try {
        const c = await getClient();
        const params = buildParams(request, local.signal, (id) => signatures.recall(id));
        // The SDK does not retry by default (and its retry ignores Retry-After): retry opening the
        // stream here, before any token, on 429/5xx/network.
        chunks = await openWithRetry(() => c.models.generateContentStream(params).catch((e: unknown) => { throw fail(e, signal); }), {
          provider, signal, maxRetries: connection.maxRetries ?? DEFAULT_MAX_RETRIES, secrets,
        });
      } catch (e) {
        throw fail(e, signal);
      }
      try {
        yield* mapGeminiChunks(chunks, (id, sig) => signatures.remember(id, sig));
      } catch (e) {
        throw fail(e, signal);
      }
    } finally {
      signal.removeEventListener('abort', forward);
      local.abort();
    }
  }

  return {
    presetId: preset.id,
    listModels: fetchModels,

    async checkKey(signal) {
      try {
        const models = await fetchModels(signal);
        return { ok: true, modelCount: models.length };
      } catch (e) {
        return { ok: false, error: fail(e, signal) };
      }
    },

    stream(request, signal) {
      return guardStream(provider, signal, () => run(request, signal), secrets);
    },
  };
}
