// ListFoundationModels as one GET through pinnedFetch, signed with the SigV4 signer the runtime client
// already ships (@smithy/signature-v4, in the AWS chunk) or sent with the Bedrock API key as a bearer token.
// The control-plane SDK client (@aws-sdk/client-bedrock) cost ~135 KB of minified code for this one call.
// What the SDK gave us is kept: the same host (pinned), only the headers we chose, a first-byte timeout,
// retries of 429/5xx honouring Retry-After, and AWS errors with their type, so mapBedrockError
// classifies them exactly as it classified the SDK's exceptions.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import * as z from 'zod';
import { ProviderError } from '../../errors';
import { lazySchema } from '../../lazy-schema';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../defaults';
import { pinnedFetch } from '../pinned-fetch';
import type { Connection } from '../types';
import type { BedrockAuth } from './credentials';
import { mapBedrockError } from './errors';

/** One row of ListFoundationModels, as much of it as the picker reads (built on the first Bedrock listing). */
const Summary = lazySchema(() => z.object({
  modelArn: z.string().optional(),
  modelId: z.string().optional(),
  modelName: z.string().optional(),
  providerName: z.string().optional(),
  inputModalities: z.array(z.string()).optional(),
  outputModalities: z.array(z.string()).optional(),
  inferenceTypesSupported: z.array(z.string()).optional(),
  modelLifecycle: z.object({ status: z.string().optional() }).optional(),
}));
export type FoundationModelSummary = z.infer<ReturnType<typeof Summary>>;
const ListResponse = lazySchema(() => z.object({ modelSummaries: z.array(Summary()).optional() }));

/**
 * What a listing request may carry: the signer's own headers (x-amz-date, x-amz-content-sha256,
 * x-amz-security-token, authorization) and what we set. The host header is signed but set by fetch itself.
 */
export const LISTING_HEADERS: ReadonlySet<string> = new Set(['accept', 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token']);

export interface ListingTarget {
  connection: Connection;
  /** The control plane's origin (controlPlaneUrl), with any path prefix a proxy needs. */
  endpoint: string;
  region: string;
  auth: BedrockAuth;
  provider: string;
  secrets: readonly string[];
}

/** node:crypto in the shape the signer wants (the SDK's own hash package is not in the chunk). */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(chunk: Uint8Array): void { this.hash.update(chunk); }
  digest(): Promise<Uint8Array> { return Promise.resolve(new Uint8Array(this.hash.digest())); }
  reset(): void { throw new Error('not supported'); }
}
function toBytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** The request's headers: the bearer token, or a SigV4 signature for service "bedrock" in the region. */
async function authorize(url: URL, target: ListingTarget): Promise<Record<string, string>> {
  const base = { accept: 'application/json' };
  if (target.auth.kind === 'bearer') return { ...base, authorization: `Bearer ${target.auth.token}` };
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { accessKeyId, secretAccessKey, sessionToken } = target.auth;
  const signer = new SignatureV4({
    service: 'bedrock',
    region: target.region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...base, host: url.host },
  });
  const { host: _host, ...headers } = signed.headers;
  return headers;
}

/** An AWS error response in the shape the SDK's exceptions had, for mapBedrockError. */
async function awsError(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text().catch(() => '');
  const headers = Object.fromEntries(response.headers);
  let body: Record<string, unknown> = {};
  try { body = z.record(z.string(), z.unknown()).parse(JSON.parse(text)); } catch { /* not JSON: a proxy page */ }
  // x-amzn-errortype is "Type:namespace"; a JSON body's __type is "namespace#Type".
  const type = (response.headers.get('x-amzn-errortype') ?? (typeof body.__type === 'string' ? body.__type : '')).split(':')[0]!.split('#').pop()!;
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : '';
  return {
    name: type || (message ? 'UnknownError' : 'SyntaxError'),
    message: message || `HTTP ${response.status}`,
    $metadata: { httpStatusCode: response.status },
    $response: { statusCode: response.status, headers },
    ...(type || message ? {} : { $responseBodyText: text }),
  };
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> => new Promise((resolve, reject) => {
  const t = setTimeout(() => { signal.removeEventListener('abort', stop); resolve(); }, ms);
  const stop = (): void => { clearTimeout(t); reject(signal.reason instanceof Error ? signal.reason : new Error('aborted')); };
  signal.addEventListener('abort', stop, { once: true });
});

/** GET /foundation-models?byOutputModality=TEXT; retried like the SDK's "standard" mode. */
export async function listFoundationModels(target: ListingTarget, signal: AbortSignal): Promise<FoundationModelSummary[]> {
  const { connection, provider, secrets } = target;
  const url = new URL(target.endpoint);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/foundation-models`;
  url.search = new URLSearchParams({ byOutputModality: 'TEXT' }).toString();
  const pinned = pinnedFetch(target.endpoint, provider, LISTING_HEADERS, connection.fetch);
  const retries = connection.maxRetries ?? DEFAULT_MAX_RETRIES;
  const firstByteMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    let failure: ProviderError;
    try {
      // Signed per attempt: a signature is valid for minutes only, and carries its own date.
      const headers = await authorize(url, target);
      const timer = AbortSignal.timeout(firstByteMs);
      const response = await pinned(url, { method: 'GET', headers, signal: AbortSignal.any([signal, timer]) });
      if (response.ok) {
        const parsed = ListResponse().safeParse(await response.json());
        if (!parsed.success) throw new ProviderError({ kind: 'unexpected-response', provider, status: response.status, message: 'ListFoundationModels answered in an unknown shape' });
        return parsed.data.modelSummaries ?? [];
      }
      failure = mapBedrockError(await awsError(response), provider, signal, secrets);
    } catch (e) {
      failure = e instanceof ProviderError ? e : mapBedrockError(e, provider, signal, secrets);
    }
    const retryable = failure.kind === 'rate-limit' || failure.kind === 'server';
    if (!retryable || attempt >= retries || signal.aborted) throw failure;
    await sleep(failure.retryAfterMs ?? Math.min(20_000, 500 * 2 ** attempt * (0.5 + Math.random())), signal);
  }
}
