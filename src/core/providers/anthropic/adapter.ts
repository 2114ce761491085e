// The Anthropic adapter: the first-party API and every Anthropic-compatible host (same wire format).
import type Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ProviderError } from '../../errors';
import type { ProviderPreset } from '../presets';
import { guardStream } from '../stream-guard';
import type { ChatRequest, Connection, KeyCheck, ModelInfo, ProviderAdapter, StreamPart } from '../types';
import { buildParams, type ModelFacts } from './build-request';
import { createAnthropicClient } from './client';
import { toAnthropicError } from './errors';
import { toModelFacts, toModelInfo } from './list-models';
import { mapAnthropicEvents } from './convert-stream';
import { ThinkingMemory } from './thinking-memory';

export function createAnthropicAdapter(connection: Connection, preset: ProviderPreset): ProviderAdapter {
  // ProviderError.provider is always the preset id; the UI looks the label up.
  const provider = preset.id;
  const secrets = connection.apiKey ? [connection.apiKey] : [];
  const memory = new ThinkingMemory();
  const facts = new Map<string, ModelFacts>();
  let client: Promise<Anthropic> | undefined;

  const getClient = (): Promise<Anthropic> => {
    client ??= createAnthropicClient(connection, preset, provider).catch((e: unknown) => { client = undefined; throw e; });
    return client;
  };
  const fail = (e: unknown, signal?: AbortSignal): ProviderError => toAnthropicError(e, provider, signal, secrets);

  async function fetchModels(signal: AbortSignal): Promise<ModelInfo[]> {
    const c = await getClient();
    const out: ModelInfo[] = [];
    // The SDK follows has_more/last_id across pages.
    for await (const m of c.models.list({ limit: 100 }, { signal })) {
      facts.set(m.id, toModelFacts(m));
      out.push(toModelInfo(m));
    }
    return out;
  }

  /**
   * For a compatible host without GET /v1/models: an empty message request is free and is rejected
   * for the key (401/403) before it is rejected for being empty (400/404).
   */
  async function probeKey(signal: AbortSignal): Promise<KeyCheck> {
    try {
      const c = await getClient();
      await c.messages.create({ model: '', max_tokens: 1, messages: [] }, { signal, maxRetries: 0 });
      return { ok: true, modelCount: 0 };
    } catch (e) {
      const error = fail(e, signal);
      const keyProblem = error.kind === 'auth' || error.kind === 'quota' || !error.status;
      return keyProblem ? { ok: false, error } : { ok: true, modelCount: 0 };
    }
  }

  async function* run(request: ChatRequest, signal: AbortSignal): AsyncGenerator<StreamPart> {
    let events: AsyncIterable<RawMessageStreamEvent>;
    try {
      const c = await getClient();
      const params = buildParams(request, { promptCaching: preset.promptCaching === true, facts: facts.get(request.model), recall: (id) => memory.recall(id) });
      const { data, request_id: requestId } = await c.messages.create(params, { signal }).withResponse();
      events = data;
      // The request-id header: what Anthropic's console and support look requests up by.
      if (requestId) yield { type: 'request-id', id: requestId };
    } catch (e) {
      throw fail(e, signal);
    }
    try {
      yield* mapAnthropicEvents(events, (ids, blocks) => memory.remember(ids, blocks));
    } catch (e) {
      throw fail(e, signal);
    }
  }

  return {
    presetId: preset.id,

    async listModels(signal) {
      try {
        return await fetchModels(signal);
      } catch (e) {
        const error = fail(e, signal);
        // Some compatible hosts serve only /v1/messages: no listing is not an error there.
        if (preset.listingOptional && error.status === 404) return [];
        throw error;
      }
    },

    async checkKey(signal) {
      try {
        const models = await fetchModels(signal);
        return { ok: true, modelCount: models.length };
      } catch (e) {
        const error = fail(e, signal);
        if (preset.listingOptional && error.status === 404) return probeKey(signal);
        return { ok: false, error };
      }
    },

    stream(request, signal) {
      return guardStream(provider, signal, () => run(request, signal), secrets);
    },
  };
}
