// Maps what a provider said (status, body, headers) or what the network did to one ProviderError.
// Adapters unwrap their SDK's error into these plain facts; the rules live only here.
import { ProviderError, type ErrorKind } from '../errors';

export interface HttpFailure {
  provider: string;
  status: number;
  /** Parsed JSON body when there was one, else the raw text. */
  body: unknown;
  headers?: Headers | Record<string, string | null | undefined>;
  /** Secrets to scrub from the message on top of the generic patterns. */
  secrets?: readonly string[];
}

function header(headers: HttpFailure['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const rec = headers as Record<string, string | null | undefined>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
  return key ? rec[key] ?? undefined : undefined;
}

/** Retry-After as milliseconds: seconds, an HTTP date, or the retry-after-ms extension. */
export function retryAfterMs(headers: HttpFailure['headers']): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = header(headers, 'retry-after');
  if (!ra) return undefined;
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Math.max(0, Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

interface BodyFacts { message: string; code: string; type: string; html: boolean }

/** Digs the message and code out of every error body shape we know (OpenAI, Anthropic, Google, AWS, Ollama). */
export function readErrorBody(body: unknown): BodyFacts {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    const html = /^<(!doctype|html|head|body)/i.test(trimmed);
    if (!html && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
      try { return readErrorBody(JSON.parse(trimmed)); } catch { /* plain text */ }
    }
    const title = html ? /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim() : undefined;
    return { message: html ? `HTML page instead of an API response${title ? `: ${title}` : ''}` : trimmed.slice(0, 500), code: '', type: '', html };
  }
  const root = Array.isArray(body) ? (body[0] as unknown) : body;
  if (!root || typeof root !== 'object') return { message: '', code: '', type: '', html: false };
  const r = root as Record<string, unknown>;
  const err = (typeof r.error === 'object' && r.error !== null ? r.error : r) as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const details = Array.isArray(err.details) ? (err.details as Record<string, unknown>[]) : [];
  const reason = details.map((d) => str(d.reason)).find(Boolean) ?? '';
  return {
    message: str(err.message) || str(r.message) || str(r.Message) || (typeof r.error === 'string' ? r.error : ''),
    code: reason || (typeof err.code === 'string' ? err.code : '') || str(err.status) || str(r.code),
    type: str(err.type) || str(err.status) || str(r.__type) || str(r.type),
    html: false,
  };
}

const CONTEXT_RE = /context[_ ]length|context window|maximum context|prompt is too long|too many tokens|input (?:is )?too long|exceeds? the (?:maximum|max)|max_tokens.*too large|reduce the length|token limit/i;
const MODEL_RE = /model.*(not[_ ]found|does not exist|not exist|unknown|invalid|not supported|no such|is not available|not available)|(unknown|invalid|no such) model|model_not_found|NOT_FOUND.*model/i;
const QUOTA_RE = /insufficient_quota|quota|billing|credit|balance|payment|exceeded your current|plan and billing/i;
const AUTH_RE = /api[_ ]?key|unauthori[sz]ed|authentication|invalid.*key|incorrect.*key|permission|forbidden|UnrecognizedClient|InvalidSignature|security token/i;

export function classifyHttpFailure(f: HttpFailure): ProviderError {
  const facts = readErrorBody(f.body);
  const all = `${facts.code} ${facts.type} ${facts.message}`;
  let kind: ErrorKind;
  const s = f.status;
  if (facts.html) kind = s >= 500 ? 'server' : s === 401 || s === 403 ? 'auth' : 'unexpected-response';
  else if (s === 401 || s === 403) kind = /quota|billing|credit/i.test(facts.code) ? 'quota' : 'auth';
  else if (s === 402) kind = 'quota';
  else if (s === 429) {
    // OpenAI says "out of money" with 429 + insufficient_quota; that is not retryable.
    kind = /insufficient_quota|billing|credit balance|payment|plan and billing/i.test(all) ? 'quota' : 'rate-limit';
  } else if (s === 404) kind = MODEL_RE.test(all) || /model|DeploymentNotFound/i.test(all) ? 'model-not-found' : 'unexpected-response';
  else if (s === 408) kind = 'timeout';
  else if (s === 413) kind = 'context-too-long';
  else if (s === 400 || s === 422) {
    if (/API_KEY_INVALID|API key not valid|invalid.*api.?key/i.test(all)) kind = 'auth';
    else if (CONTEXT_RE.test(all)) kind = 'context-too-long';
    else if (MODEL_RE.test(all)) kind = 'model-not-found';
    else if (/insufficient_quota|billing|credit balance/i.test(all)) kind = 'quota';
    else kind = 'bad-request';
  } else if (s >= 500) kind = 'server';
  else if (s >= 200 && s < 300) kind = 'unexpected-response';
  else kind = AUTH_RE.test(all) ? 'auth' : QUOTA_RE.test(facts.code) ? 'quota' : 'bad-request';

  const message = facts.message || facts.code || `HTTP ${s}`;
  const ra = retryAfterMs(f.headers);
  return new ProviderError({
    kind,
    provider: f.provider,
    status: s,
    message: redactWith(message, f.secrets),
    ...(facts.code ? { code: facts.code } : {}),
    ...(ra !== undefined ? { retryAfterMs: ra } : {}),
  });
}

function redactWith(message: string, secrets: readonly string[] | undefined): string {
  let out = message;
  for (const s of secrets ?? []) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

const NETWORK_CODES = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EPIPE|EHOSTUNREACH|ENETUNREACH|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED|ERR_TLS_CERT_ALTNAME_INVALID|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_SSL|EPROTO)/;
const TIMEOUT_CODES = /^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|ESOCKETTIMEDOUT|TimeoutError)/;

/** Walks an error's cause chain for the first Node/undici error code. */
export function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 8; depth++) {
    const c = cur as { code?: unknown; name?: unknown; cause?: unknown; errno?: unknown };
    if (typeof c.code === 'string' && c.code) return c.code;
    if (c.name === 'TimeoutError') return 'TimeoutError';
    cur = c.cause;
  }
  return undefined;
}

/** A ProviderError somewhere in an error's cause chain (SDKs wrap what our fetch threw). */
export function providerErrorInCauses(e: unknown): ProviderError | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 8; depth++) {
    if (cur instanceof ProviderError) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The one place where "something went wrong" becomes a ProviderError. Adapters call it in every catch. */
export function toProviderError(e: unknown, provider: string, signal?: AbortSignal, secrets?: readonly string[]): ProviderError {
  if (e instanceof ProviderError) return e;
  const name = (e as { name?: unknown })?.name;
  if (signal?.aborted || name === 'AbortError' || name === 'APIUserAbortError') {
    return new ProviderError({ kind: 'aborted', provider, message: 'Request cancelled', cause: e });
  }
  const raw = e instanceof Error ? e.message : String(e);
  const message = redactWith(raw, secrets);
  const code = errorCode(e);
  if (code && TIMEOUT_CODES.test(code)) return new ProviderError({ kind: 'timeout', provider, message, code, cause: e });
  if (code && NETWORK_CODES.test(code)) return new ProviderError({ kind: 'network', provider, message: `${message} (${code})`, code, cause: e });
  if (e instanceof SyntaxError) {
    return new ProviderError({ kind: 'unexpected-response', provider, message: `Malformed response: ${message}`, cause: e });
  }
  if (/timed? ?out/i.test(raw)) return new ProviderError({ kind: 'timeout', provider, message, cause: e });
  if (/fetch failed|connection error|socket hang up|network|\bterminated\b|ECONNRESET|other side closed/i.test(raw)) {
    return new ProviderError({ kind: 'network', provider, message, cause: e });
  }
  if (/JSON|Unexpected token|could not parse/i.test(raw)) {
    return new ProviderError({ kind: 'unexpected-response', provider, message: `Malformed response: ${message}`, cause: e });
  }
  return new ProviderError({ kind: 'unexpected-response', provider, message, cause: e });
}
