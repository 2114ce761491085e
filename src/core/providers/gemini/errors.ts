// Gemini failures as ProviderErrors. HTTP failures are classified from status, body and headers;
// an error inside the stream arrives as the SDK's ApiError with the JSON body in its message.
import { ProviderError } from '../../errors';
import { classifyHttpFailure, toProviderError, type HttpFailure, providerErrorInCauses } from '../classify';

interface QuotaFacts { quotaIds: string[]; zeroLimit: boolean; retryDelayMs?: number }

function durationMs(text: unknown): number | undefined {
  const m = typeof text === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(text.trim()) : null;
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

/** The google.rpc details of a RESOURCE_EXHAUSTED answer: which quota, and when to retry. */
export function quotaFacts(body: unknown): QuotaFacts {
  const err = (body as { error?: { details?: unknown; message?: unknown } } | undefined)?.error;
  const details = Array.isArray(err?.details) ? err.details as Record<string, unknown>[] : [];
  const facts: QuotaFacts = { quotaIds: [], zeroLimit: false };
  for (const d of details) {
    const type = typeof d['@type'] === 'string' ? d['@type'] : '';
    if (type.endsWith('google.rpc.QuotaFailure') && Array.isArray(d.violations)) {
      for (const v of d.violations as Record<string, unknown>[]) {
        if (typeof v.quotaId === 'string') facts.quotaIds.push(v.quotaId);
        if (v.quotaValue === '0' || v.quotaValue === 0) facts.zeroLimit = true;
      }
    } else if (type.endsWith('google.rpc.RetryInfo')) {
      const ms = durationMs(d.retryDelay);
      if (ms !== undefined) facts.retryDelayMs = ms;
    }
  }
  if (facts.retryDelayMs === undefined && typeof err?.message === 'string') {
    const m = /retry in (\d+(?:\.\d+)?)s/i.exec(err.message);
    if (m) facts.retryDelayMs = Math.round(Number(m[1]) * 1000);
  }
  return facts;
}

/** Google puts the HTTP status in error.code; the code worth keeping is ErrorInfo's reason, or the status name. */
function googleCode(body: unknown): string | undefined {
  const err = (body as { error?: { details?: unknown; status?: unknown } } | undefined)?.error;
  const details = Array.isArray(err?.details) ? err.details as Record<string, unknown>[] : [];
  const reason = details.map((d) => d.reason).find((r): r is string => typeof r === 'string' && r.length > 0);
  return reason ?? (typeof err?.status === 'string' && err.status ? err.status : undefined);
}

/**
 * classifyHttpFailure plus Gemini's 429 rule. Gemini answers BOTH a per-minute rate limit and an
 * exhausted quota with 429 RESOURCE_EXHAUSTED, and its per-minute message also says "check your plan
 * and billing details". The QuotaFailure detail tells them apart: a per-minute/per-second quota id
 * (with RetryInfo) is a rate limit worth retrying; a per-day quota, or a limit of 0 (the model is not
 * in the free tier at all), is a quota the user must fix.
 */
export function classifyGemini(f: HttpFailure): ProviderError {
  const body = typeof f.body === 'string' ? safeJson(f.body) : f.body;
  const base = classifyHttpFailure({ ...f, body });
  let kind = base.kind;
  let retryAfterMs = base.retryAfterMs;
  if (f.status === 429) {
    const facts = quotaFacts(body);
    const shortWindow = facts.quotaIds.some((id) => /Per(?:Minute|Second)/i.test(id));
    const daily = facts.quotaIds.some((id) => /PerDay/i.test(id));
    if (facts.zeroLimit || (daily && !shortWindow)) kind = 'quota';
    else if (shortWindow || facts.retryDelayMs !== undefined) kind = 'rate-limit';
    if (kind === 'rate-limit') retryAfterMs ??= facts.retryDelayMs;
  }
  const code = googleCode(body) ?? base.code;
  if (kind === base.kind && retryAfterMs === base.retryAfterMs && code === base.code) return base;
  return new ProviderError({
    kind, provider: base.provider, status: base.status ?? f.status, message: base.message,
    ...(code ? { code } : {}),
    ...(retryAfterMs !== undefined && kind === 'rate-limit' ? { retryAfterMs } : {}),
  });
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text) as unknown; } catch { return text; }
}

/** A ProviderError somewhere in the cause chain (our fetch classified the response, or refused a host). */

export function toGeminiError(e: unknown, provider: string, signal: AbortSignal | undefined, secrets: readonly string[]): ProviderError {
  const found = providerErrorInCauses(e);
  if (found) return found;
  if (signal?.aborted) return toProviderError(e, provider, signal, secrets);
  const err = e as { name?: unknown; status?: unknown; message?: unknown };
  if (e instanceof Error && err.name === 'ApiError' && typeof err.status === 'number') {
    // "got status: UNAVAILABLE. {…json…}" (in-stream) or the JSON body itself (HTTP).
    const brace = e.message.indexOf('{');
    const body = brace >= 0 ? safeJson(e.message.slice(brace)) : e.message;
    return classifyGemini({ provider, status: err.status, body, secrets });
  }
  // Decided here because toProviderError's network pattern (/terminated/) also matches JSON's
  // "Unterminated string".
  if (e instanceof SyntaxError || (e instanceof Error && /exception parsing stream chunk/.test(e.message))) {
    return new ProviderError({ kind: 'unexpected-response', provider, message: `Malformed stream chunk: ${redact(e.message, secrets)}`, cause: e });
  }
  if (e instanceof Error && /Incomplete JSON segment/.test(e.message)) {
    return new ProviderError({ kind: 'network', provider, message: 'The stream was cut in the middle of an event (connection dropped?)', cause: e });
  }
  return toProviderError(e, provider, signal, secrets);
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}
