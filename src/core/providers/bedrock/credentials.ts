// Which of Bedrock's two credentials a connection holds, and where its region comes from.
// A Bedrock API key is a bearer token; an IAM access key pair signs with SigV4. We never fall back to
// the machine's ambient AWS credentials (env, ~/.aws, instance metadata): the user chose a key for
// this connection, and only that key is sent.
import { ProviderError } from '../../errors';
import type { Connection } from '../types';

export type BedrockAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'sigv4'; accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const ACCESS_KEY_PAIR = /^((?:AKIA|ASIA)[A-Z0-9]{12,}):(\S+)$/;

export function resolveAuth(connection: Connection, provider: string): BedrockAuth {
  const b = connection.bedrock;
  const key = connection.apiKey.trim();
  if (b?.accessKeyId) {
    // The secret may be stored beside the id or in the key field (the key prompt accepts either).
    const secretAccessKey = b.secretAccessKey || key;
    if (!secretAccessKey) throw new ProviderError({ kind: 'auth', provider, message: 'The access key id has no secret access key' });
    return { kind: 'sigv4', accessKeyId: b.accessKeyId, secretAccessKey, ...(b.sessionToken ? { sessionToken: b.sessionToken } : {}) };
  }
  // The key prompt's "ACCESS_KEY_ID:SECRET_ACCESS_KEY" form.
  const pair = ACCESS_KEY_PAIR.exec(key);
  if (pair) return { kind: 'sigv4', accessKeyId: pair[1]!, secretAccessKey: pair[2]!, ...(b?.sessionToken ? { sessionToken: b.sessionToken } : {}) };
  if (!key) throw new ProviderError({ kind: 'auth', provider, message: 'No Bedrock API key or access key pair was given' });
  return { kind: 'bearer', token: key };
}

/** Everything that must never appear in a message: the key field, the secret key, the session token. */
export function secretsOf(connection: Connection): string[] {
  const b = connection.bedrock;
  const out = [connection.apiKey, b?.secretAccessKey, b?.sessionToken];
  const pair = ACCESS_KEY_PAIR.exec(connection.apiKey.trim());
  if (pair) out.push(pair[2]);
  return out.filter((s): s is string => typeof s === 'string' && s.length > 0);
}

const AWS_HOST = /^bedrock(?:-runtime)?(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/**
 * The region to sign for. An AWS host names its region, and a signature for another region is
 * refused, so the host wins; a custom host (proxy, simulator) uses the saved region.
 */
export function resolveRegion(connection: Connection): string {
  try {
    const m = AWS_HOST.exec(new URL(connection.baseUrl).hostname);
    if (m?.[1]) return m[1];
  } catch { /* not a URL: the fallbacks below */ }
  return connection.bedrock?.region || 'us-east-1';
}

/**
 * Where ListFoundationModels goes. On AWS the control plane is another host
 * (bedrock.<region>.amazonaws.com); a custom base URL (proxy, simulator) serves both APIs as given.
 */
export function controlPlaneUrl(connection: Connection, region: string): string {
  const url = new URL(connection.baseUrl);
  if (AWS_HOST.test(url.hostname)) {
    const suffix = url.hostname.endsWith('.amazonaws.com.cn') ? 'amazonaws.com.cn' : 'amazonaws.com';
    const fips = url.hostname.includes('-fips.') ? '-fips' : '';
    return `https://bedrock${fips}.${region}.${suffix}`;
  }
  return connection.baseUrl;
}
