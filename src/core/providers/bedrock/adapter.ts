// AWS Bedrock: ConverseStream through the official runtime SDK for chat (one API for every model family on
// Bedrock); ListFoundationModels, for the model list and the key check, as a signed fetch (control-plane.ts).
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ProviderError } from '../../errors';
import type { ProviderPreset } from '../presets';
import { guardStream } from '../stream-guard';
import type { ChatRequest, Connection, KeyCheck, ModelInfo, ProviderAdapter, StreamPart } from '../types';
import { buildConverseInput } from './build-request';
import { createRuntimeClient } from './client';
import { listFoundationModels } from './control-plane';
import { convertStream } from './convert-stream';
import { controlPlaneUrl, resolveAuth, resolveRegion, secretsOf } from './credentials';
import { toModelInfos } from './list-models';
import { mapBedrockError } from './errors';

export function createBedrockAdapter(connection: Connection, preset: ProviderPreset): ProviderAdapter {
  // ProviderError.provider is always the preset id; the UI looks the label up.
  const provider = preset.id;
  const secrets = secretsOf(connection);
  const region = resolveRegion(connection);
  let runtime: Promise<BedrockRuntimeClient> | undefined;

  // Cached per adapter; a failed creation is forgotten so the next call can try again.
  const runtimeClient = (): Promise<BedrockRuntimeClient> => {
    runtime ??= createRuntimeClient(connection, connection.baseUrl, region, resolveAuth(connection, provider), provider)
      .catch((e: unknown) => { runtime = undefined; throw e; });
    return runtime;
  };

  async function listModels(signal: AbortSignal): Promise<ModelInfo[]> {
    try {
      const target = { connection, endpoint: controlPlaneUrl(connection, region), region, auth: resolveAuth(connection, provider), provider, secrets };
      return toModelInfos(await listFoundationModels(target, signal), region);
    } catch (e) {
      throw mapBedrockError(e, provider, signal, secrets);
    }
  }

  async function* run(request: ChatRequest, signal: AbortSignal): AsyncGenerator<StreamPart> {
    let stream;
    try {
      const client = await runtimeClient();
      const { ConverseStreamCommand } = await import('@aws-sdk/client-bedrock-runtime');
      // The SDK retries 429/5xx here (honoring Retry-After), before any event has been read.
      const out = await client.send(new ConverseStreamCommand(buildConverseInput(request, provider)), { abortSignal: signal });
      stream = out.stream;
      // x-amzn-requestid, as the SDK reads it: what CloudTrail and AWS support know the call by.
      if (out.$metadata.requestId) yield { type: 'request-id', id: out.$metadata.requestId };
    } catch (e) {
      throw mapBedrockError(e, provider, signal, secrets);
    }
    if (!stream) throw new ProviderError({ kind: 'unexpected-response', provider, message: 'ConverseStream answered without an event stream' });
    try {
      yield* convertStream(stream);
    } catch (e) {
      throw mapBedrockError(e, provider, signal, secrets);
    }
  }

  return {
    presetId: connection.presetId,
    listModels,
    async checkKey(signal: AbortSignal): Promise<KeyCheck> {
      // ListFoundationModels is free and needs the same credentials as chat.
      try {
        return { ok: true, modelCount: (await listModels(signal)).length };
      } catch (e) {
        return { ok: false, error: mapBedrockError(e, provider, signal, secrets) };
      }
    },
    stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
      return guardStream(provider, signal, () => run(request, signal), secrets);
    },
  };
}
