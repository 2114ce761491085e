// Builds the AWS SDK runtime client (ConverseStream), loaded on first use; ListFoundationModels is a
// signed fetch (control-plane.ts). Choices made here on purpose:
// - HTTP/1.1 (NodeHttpHandler): the runtime client defaults to HTTP/2, which bypasses VS Code's proxy
//   support and which a plain http:// loopback server (the simulator, local proxies) does not speak.
// - A fixed endpoint, explicit region, retry and defaults mode, and explicit credentials: nothing is
//   read from the environment, ~/.aws or instance metadata.
// - One auth scheme preferred (bearer for a Bedrock API key, SigV4 for an access key pair).
// - A last middleware that refuses any request to another origin, the SDK-side twin of pinnedFetch,
//   and one before signing that drops headers we did not choose (the SDK adds X-Amzn-Trace-Id from
//   AWS_LAMBDA_FUNCTION_NAME/_X_AMZN_TRACE_ID in the environment), the twin of pinnedFetch's allow-list.
import type { BedrockRuntimeClient, BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { ProviderError } from '../../errors';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../defaults';
import type { Connection } from '../types';
import type { BedrockAuth } from './credentials';

type SharedConfig = BedrockRuntimeClientConfig;

interface PinnableClient {
  middlewareStack: {
    add(mw: unknown, options: { step: 'build'; name: string; priority: 'low' }): void;
    add(mw: unknown, options: { step: 'finalizeRequest'; name: string; priority: 'low' }): void;
  };
}

/**
 * What the request carries when it is built, before retry and signing add their own (amz-sdk-*,
 * authorization, x-amz-date, x-amz-content-sha256, x-amz-security-token): the body's type and length,
 * the host and the SDK's user agents.
 */
export const BUILT_HEADERS: ReadonlySet<string> = new Set(['host', 'content-type', 'content-length', 'accept', 'user-agent', 'x-amz-user-agent']);

/** Drops, before signing, any header not on the allow-list (signing after the drop keeps the signature valid). */
export function dropUnlistedHeaders(client: PinnableClient, allowed: ReadonlySet<string> = BUILT_HEADERS): void {
  const drop = (next: (args: { request: unknown }) => Promise<unknown>) => (args: { request: unknown }): Promise<unknown> => {
    const headers = (args.request as { headers?: Record<string, string> }).headers;
    if (headers) for (const name of Object.keys(headers)) if (!allowed.has(name.toLowerCase())) delete headers[name];
    return next(args);
  };
  client.middlewareStack.add(drop, { step: 'build', name: 'byokHeaderAllowList', priority: 'low' });
}

async function sharedConfig(connection: Connection, endpoint: string, region: string, auth: BedrockAuth): Promise<SharedConfig> {
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  const identity: Partial<SharedConfig> = auth.kind === 'bearer'
    ? { token: { token: auth.token }, authSchemePreference: ['httpBearerAuth'] }
    : {
      credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: auth.secretAccessKey, ...(auth.sessionToken ? { sessionToken: auth.sessionToken } : {}) },
      authSchemePreference: ['sigv4'],
    };
  return {
    region,
    endpoint,
    maxAttempts: (connection.maxRetries ?? DEFAULT_MAX_RETRIES) + 1,
    retryMode: 'standard',
    // 'auto' would probe EC2 instance metadata; 'standard' is a fixed table.
    defaultsMode: 'standard',
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    userAgentAppId: 'byok-vscode',
    // requestTimeout ends when the response headers arrive: a time-to-first-byte limit, as the contract wants.
    requestHandler: new NodeHttpHandler({ requestTimeout: connection.timeoutMs ?? DEFAULT_TIMEOUT_MS, throwOnRequestTimeout: true }),
    ...identity,
  };
}

/** Refuses, after signing, any request whose origin is not the configured endpoint's. */
export function pinOrigin(client: PinnableClient, endpoint: string, provider: string): void {
  const allowed = new URL(endpoint);
  const defaultPort = allowed.protocol === 'https:' ? '443' : '80';
  const allowedPort = allowed.port || defaultPort;
  const pin = (next: (args: { request: unknown }) => Promise<unknown>) => async (args: { request: unknown }): Promise<unknown> => {
    const r = args.request as { protocol?: string; hostname?: string; port?: number };
    const port = r.port ? String(r.port) : defaultPort;
    if (r.protocol !== allowed.protocol || r.hostname !== allowed.hostname || port !== allowedPort) {
      throw new ProviderError({ kind: 'bad-request', provider, message: `Refused to send the key to ${r.protocol ?? ''}//${r.hostname ?? '?'}: it belongs to ${allowed.origin}` });
    }
    return next(args);
  };
  client.middlewareStack.add(pin, { step: 'finalizeRequest', name: 'byokPinOrigin', priority: 'low' });
}

export async function createRuntimeClient(connection: Connection, endpoint: string, region: string, auth: BedrockAuth, provider: string): Promise<BedrockRuntimeClient> {
  const { BedrockRuntimeClient } = await import('@aws-sdk/client-bedrock-runtime');
  const client = new BedrockRuntimeClient(await sharedConfig(connection, endpoint, region, auth));
  dropUnlistedHeaders(client);
  pinOrigin(client, endpoint, provider);
  return client;
}
