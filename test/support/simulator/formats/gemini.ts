// Google Gemini API (generativelanguage v1beta), as awkward as the real one: SSE events separated by
// CRLF, thought parts (thought: true) before the answer, a function call without an id but with a
// thought signature, usage on every chunk with thoughts counted apart from candidates, and an
// invalid key reported as HTTP 400 API_KEY_INVALID rather than 401.
//
// Routes (any path prefix): GET …/v1beta/models (pageSize/pageToken), GET …/v1beta/models/{id},
// POST …/v1beta/models/{id}:streamGenerateContent?alt=sse, :generateContent, :countTokens.
import {
  chunkText, type FaultKind, type FormatContext, type JsonResponse, type ScriptedReply, type StreamResponse,
  type WireFormat,
} from '../types';

const ROUTE = /\/v1beta\/models(?:\/([^/:]+)(?::(streamGenerateContent|generateContent|countTokens))?)?$/;

/** Real listings include models that cannot chat; adapters must filter on supportedGenerationMethods. */
const EMBEDDING_MODEL = 'gemini-embedding-sim-001';

function errorJson(status: number, grpcStatus: string, message: string, details: Record<string, unknown>[] = [], headers: Record<string, string> = {}): JsonResponse {
  return { status, headers, json: { error: { code: status, message, status: grpcStatus, ...(details.length ? { details } : {}) } } };
}

function modelEntry(id: string): Record<string, unknown> {
  const embedding = id === EMBEDDING_MODEL;
  return {
    name: `models/${id}`,
    version: '001',
    displayName: id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' '),
    description: 'A simulated model.',
    inputTokenLimit: embedding ? 2048 : 1048576,
    outputTokenLimit: embedding ? 1 : 65536,
    supportedGenerationMethods: embedding ? ['embedContent', 'countTextTokens'] : ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    ...(embedding ? {} : { temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true }),
  };
}

function listModels(ctx: FormatContext): JsonResponse {
  const all = [...ctx.models, EMBEDDING_MODEL];
  const size = Math.min(1000, Math.max(1, Number(ctx.query.pageSize ?? 50) || 50));
  const start = ctx.query.pageToken ? Number(Buffer.from(ctx.query.pageToken, 'base64').toString('utf8')) || 0 : 0;
  const page = all.slice(start, start + size);
  const next = start + size < all.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
  return { status: 200, json: { models: page.map(modelEntry), ...(next ? { nextPageToken: next } : {}) } };
}

function finishReason(reply: ScriptedReply): string {
  switch (reply.finish) {
    case 'length': return 'MAX_TOKENS';
    case 'content-filter': return 'SAFETY';
    default: return 'STOP'; // Gemini says STOP for function calls too
  }
}

/** Gemini's promptTokenCount includes cached tokens, and candidatesTokenCount excludes thoughts. */
function usageMetadata(reply: ScriptedReply, final: boolean): Record<string, unknown> {
  const u = reply.usage ?? { input: 0, output: 0 };
  if (!final) return { promptTokenCount: u.input, totalTokenCount: u.input, promptTokensDetails: [{ modality: 'TEXT', tokenCount: u.input }] };
  const thoughts = u.reasoning ?? 0;
  const candidates = Math.max(0, u.output - thoughts);
  return {
    promptTokenCount: u.input,
    candidatesTokenCount: candidates,
    totalTokenCount: u.input + candidates + thoughts,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: u.input }],
    ...(u.cached !== undefined ? { cachedContentTokenCount: u.cached } : {}),
    ...(u.reasoning !== undefined ? { thoughtsTokenCount: u.reasoning } : {}),
  };
}

const signature = (seed: string): string => Buffer.from(`sim-thought-signature:${seed}`).toString('base64');

function chunk(parts: Record<string, unknown>[], reply: ScriptedReply, model: string, extra: Record<string, unknown> = {}, final = false): Record<string, unknown> {
  return {
    candidates: [{ content: { parts, role: 'model' }, index: 0, ...extra }],
    usageMetadata: usageMetadata(reply, final),
    modelVersion: model,
    responseId: 'sim-response-1',
  };
}

function allParts(reply: ScriptedReply, n: number): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = [];
  if (reply.reasoning) for (const piece of chunkText(reply.reasoning, n)) out.push([{ text: piece, thought: true }]);
  for (const piece of chunkText(reply.text, n)) out.push([{ text: piece }]);
  const calls = reply.toolCalls ?? [];
  if (calls.length) {
    // Parallel calls come in one chunk; only the first carries the thought signature.
    out.push(calls.map((c, i) => ({
      functionCall: { name: c.name, args: JSON.parse(c.argumentsJson || '{}') as unknown },
      ...(i === 0 ? { thoughtSignature: signature(c.name) } : {}),
    })));
  }
  return out;
}

function streamAnswer(model: string, reply: ScriptedReply): StreamResponse {
  const sse = (json: unknown): string => `data: ${JSON.stringify(json)}\r\n\r\n`;
  const frames = allParts(reply, reply.chunkChars ?? 8).map((parts) => sse(chunk(parts, reply, model)));
  // The real service often ends with a chunk whose only part is an empty text.
  frames.push(sse(chunk([{ text: '' }], reply, model, { finishReason: finishReason(reply) }, true)));
  return {
    headers: { 'content-type': 'text/event-stream', 'x-content-type-options': 'nosniff', vary: 'Origin' },
    frames,
    terminalFrames: 1,
    malformedFrame: 'data: {"candidates": [{"content": {"parts": [{"text": "trunc\r\n\r\n',
    errorFrame: sse({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }),
  };
}

function wholeAnswer(model: string, reply: ScriptedReply): JsonResponse {
  const parts = allParts(reply, Number.MAX_SAFE_INTEGER).flat();
  return { status: 200, json: chunk(parts.length ? parts : [{ text: '' }], reply, model, { finishReason: finishReason(reply) }, true) };
}

function notFound(id: string): JsonResponse {
  return errorJson(404, 'NOT_FOUND', `models/${id} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`);
}

const quotaFailure = (quotaId: string, value: string): Record<string, unknown> => ({
  '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
  violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId, quotaDimensions: { location: 'global', model: 'sim-model-1' }, quotaValue: value }],
});

export const geminiFormat: WireFormat = {
  name: 'gemini',

  matches(method, path) {
    const m = ROUTE.exec(path);
    if (!m) return false;
    return m[2] ? method === 'POST' : method === 'GET';
  },

  respond(ctx) {
    const [, id, action] = ROUTE.exec(ctx.path) ?? [];
    if (!id) return listModels(ctx);
    const model = decodeURIComponent(id);
    if (!ctx.models.includes(model) && !(model === EMBEDDING_MODEL && !action)) return notFound(model);
    if (!action) return { status: 200, json: modelEntry(model) };
    if (action === 'countTokens') return { status: 200, json: { totalTokens: ctx.reply.usage?.input ?? 0 } };
    return action === 'streamGenerateContent' ? streamAnswer(model, ctx.reply) : wholeAnswer(model, ctx.reply);
  },

  errorResponse(kind: FaultKind, ctx, retryAfterSec) {
    const id = ROUTE.exec(ctx.path)?.[1] ?? 'unknown';
    switch (kind) {
      case 'unauthorized': {
        // Gemini answers a bad key with 400, not 401. The key is echoed (as some providers echo a
        // masked one) so tests prove redaction.
        const key = ctx.req.headers['x-goog-api-key'];
        return errorJson(400, 'INVALID_ARGUMENT', `API key not valid. Please pass a valid API key.${typeof key === 'string' ? ` (${key})` : ''}`, [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
          { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
        ]);
      }
      case 'forbidden': return errorJson(403, 'PERMISSION_DENIED', 'Permission denied: Consumer does not have access to the Generative Language API.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'CONSUMER_INVALID', domain: 'googleapis.com' },
      ]);
      case 'quota': return errorJson(429, 'RESOURCE_EXHAUSTED',
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
        [quotaFailure('GenerateRequestsPerDayPerProjectPerModel-FreeTier', '250'), { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] }]);
      case 'rate-limit': return errorJson(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).',
        [quotaFailure('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', '10'), { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSec}s` }],
        { 'retry-after': String(retryAfterSec) });
      case 'not-found': return notFound(id);
      case 'server-error': return errorJson(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
      case 'unavailable':
      case 'overloaded': return errorJson(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
      case 'context-too-long': return errorJson(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).');
      case 'bad-request':
      default: return errorJson(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unknown name "foo" at \'generation_config\': Cannot find field.');
    }
  },
};
