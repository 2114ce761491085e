// Which of Bedrock's two credentials a connection holds, and where its region comes from.
// A Bedrock API key is a bearer token; an IAM access key pair signs with SigV4. We never fall back to
// the machine's ambient AWS credentials (env, ~/.aws, instance metadata): the user chose a key for
// this connection, and only that key is sent.
import { ProviderError } from '../../errors';
import type { Connection } from '../types';

export type BedrockAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'sigv4'; accessKeyId: string; secretAccessKey: string; sessionToken?: string };

// "ACCESS_KEY_ID:SECRET_ACCESS_KEY" or, for temporary credentials, "…:SESSION_TOKEN" (none of the three holds a colon).
const ACCESS_KEY_PAIR = /^((?:AKIA|ASIA)[A-Z0-9]{12,}):([^\s:]+)(?::([^\s:]+))?$/;

export interface AccessKeyPair { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

/** Splits the key prompt's access key form; undefined for a Bedrock API key. */
export function parseAccessKeyPair(secret: string): AccessKeyPair | undefined {
  const m = ACCESS_KEY_PAIR.exec(secret.trim());
  return m ? { accessKeyId: m[1]!, secretAccessKey: m[2]!, ...(m[3] ? { sessionToken: m[3] } : {}) } : undefined;
}

/** Temporary credentials (ASIA…) are refused by AWS without their session token: say so before sending. */
export function accessKeyProblem(pair: AccessKeyPair): string | undefined {
  return pair.accessKeyId.startsWith('ASIA') && !pair.sessionToken
    ? 'Temporary AWS credentials (ASIA…) need their session token: enter ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN.'
    : undefined;
}

export function resolveAuth(connection: Connection, provider: string): BedrockAuth {
  const b = connection.bedrock;
  const key = connection.apiKey.trim();
  if (b?.accessKeyId) {
    // The secret may be stored beside the id or in the key field (the key prompt accepts either).
    const secretAccessKey = b.secretAccessKey || key;
    if (!secretAccessKey) throw new ProviderError({ kind: 'auth', provider, message: 'The access key id has no secret access key' });
    return sigv4({ accessKeyId: b.accessKeyId, secretAccessKey, ...(b.sessionToken ? { sessionToken: b.sessionToken } : {}) }, provider);
  }
  // The key prompt's "ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]" form.
  const pair = parseAccessKeyPair(key);
  if (pair) return sigv4({ ...pair, ...(!pair.sessionToken && b?.sessionToken ? { sessionToken: b.sessionToken } : {}) }, provider);
  if (!key) throw new ProviderError({ kind: 'auth', provider, message: 'No Bedrock API key or access key pair was given' });
  return { kind: 'bearer', token: key };
}

function sigv4(pair: AccessKeyPair, provider: string): BedrockAuth {
  const problem = accessKeyProblem(pair);
  if (problem) throw new ProviderError({ kind: 'auth', provider, message: problem });
  return { kind: 'sigv4', ...pair };
}

/** Everything that must never appear in a message: the key field, the secret key, the session token. */
export function secretsOf(connection: Connection): string[] {
  const b = connection.bedrock;
  const out = [connection.apiKey, b?.secretAccessKey, b?.sessionToken];
  const pair = parseAccessKeyPair(connection.apiKey);
  if (pair) out.push(pair.secretAccessKey, pair.sessionToken);
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
