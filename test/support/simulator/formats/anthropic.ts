// Anthropic Messages API, as awkward as the real one: `event:`/`data:` SSE with `ping` events
// anywhere, a signed thinking block before the text, tool input streamed as partial JSON, usage
// split between message_start (input side) and message_delta (output side), and billing problems
// reported as a 400 invalid_request_error rather than a 402.
//
// Routes: POST …/v1/messages (any prefix), POST …/v1/messages/count_tokens, and GET …/v1/models
// only under an `/anthropic` path segment, because the OpenAI format owns a bare /v1/models.
// Point Anthropic connections at `${sim.url}/anthropic` (or e.g. `${sim.url}/api/anthropic`).
import {
  chunkText, type FaultKind, type FormatContext, type JsonResponse, type ScriptedReply, type StreamResponse,
  type WireFormat,
} from '../types';

let requestCounter = 0;
const requestId = (): string => `req_sim_${(++requestCounter).toString().padStart(6, '0')}`;

const ANTHROPIC_SEGMENT = /\/anthropic(?:\/|$)/;

function errorJson(status: number, type: string, message: string, headers: Record<string, string> = {}): JsonResponse {
  return { status, headers: { 'request-id': requestId(), ...headers }, json: { type: 'error', error: { type, message }, request_id: null } };
}

function stopReason(reply: ScriptedReply): string {
  switch (reply.finish) {
    case 'length': return 'max_tokens';
    case 'content-filter': return 'refusal';
    case 'tool-calls': return 'tool_use';
    case 'stop': return 'end_turn';
    default: return reply.toolCalls?.length ? 'tool_use' : 'end_turn';
  }
}

/** Anthropic's input_tokens excludes cache reads: the scripted `input` is the total, so split it. */
function startUsage(reply: ScriptedReply): Record<string, unknown> {
  const u = reply.usage ?? { input: 0, output: 0 };
  const cached = u.cached ?? 0;
  const written = u.cacheWrite ?? 0;
  const written1h = Math.min(u.cacheWrite1h ?? 0, written);
  return {
    input_tokens: Math.max(0, u.input - cached - written),
    cache_creation_input_tokens: written,
    cache_read_input_tokens: cached,
    cache_creation: { ephemeral_5m_input_tokens: written - written1h, ephemeral_1h_input_tokens: written1h },
    output_tokens: 1,
    service_tier: 'standard',
  };
}

function deltaUsage(reply: ScriptedReply): Record<string, unknown> {
  const u = reply.usage ?? { input: 0, output: 0 };
  return { output_tokens: u.output, ...(u.reasoning !== undefined ? { output_tokens_details: { thinking_tokens: u.reasoning } } : {}) };
}

const signatureFor = (text: string): string => Buffer.from(`sim-signature:${text.length}`).toString('base64');

function modelEntry(id: string): Record<string, unknown> {
  const supported = { supported: true };
  return {
    type: 'model',
    id,
    display_name: id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' '),
    created_at: '2026-01-01T00:00:00Z',
    lifecycle: 'active',
    deprecated_at: null,
    retires_at: null,
    line: null,
    max_input_tokens: 200000,
    max_tokens: 64000,
    capabilities: {
      image_input: supported,
      pdf_input: supported,
      thinking: { supported: true, types: { enabled: supported, adaptive: supported, disabled: supported, between_tools: { supported: false } } },
    },
  };
}

function listModels(ctx: FormatContext): JsonResponse {
  const limit = Math.min(1000, Math.max(1, Number(ctx.query.limit ?? 20) || 20));
  const after = ctx.query.after_id;
  const start = after ? ctx.models.indexOf(after) + 1 : 0;
  const page = ctx.models.slice(start, start + limit);
  return {
    status: 200,
    headers: { 'request-id': requestId() },
    json: {
      data: page.map(modelEntry),
      has_more: start + limit < ctx.models.length,
      first_id: page[0] ?? null,
      last_id: page[page.length - 1] ?? null,
    },
  };
}

function event(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

const PING = 'event: ping\ndata: {"type": "ping"}\n\n';

function streamMessage(model: string, reply: ScriptedReply): StreamResponse {
  const n = reply.chunkChars ?? 8;
  const frames: string[] = [];
  frames.push(event('message_start', {
    message: {
      id: `msg_sim_${requestCounter}`, type: 'message', role: 'assistant', model, content: [],
      stop_reason: null, stop_sequence: null, usage: startUsage(reply),
    },
  }));
  frames.push(PING);
  let index = 0;
  if (reply.reasoning) {
    frames.push(event('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    for (const piece of chunkText(reply.reasoning, n)) {
      frames.push(event('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } }));
    }
    frames.push(event('content_block_delta', { index, delta: { type: 'signature_delta', signature: signatureFor(reply.reasoning) } }));
    frames.push(event('content_block_stop', { index }));
    index++;
  }
  if (reply.text) {
    frames.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    chunkText(reply.text, n).forEach((piece, i) => {
      if (i === 2) frames.push(PING);
      frames.push(event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }));
    });
    frames.push(event('content_block_stop', { index }));
    index++;
  }
  for (const call of reply.toolCalls ?? []) {
    frames.push(event('content_block_start', { index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } }));
    // The real API opens with an empty partial_json, then sends the JSON in arbitrary slices.
    frames.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } }));
    for (const piece of chunkText(call.argumentsJson, Math.max(3, n))) {
      frames.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }));
    }
    frames.push(event('content_block_stop', { index }));
    index++;
  }
  frames.push(event('message_delta', { delta: { stop_reason: stopReason(reply), stop_sequence: null }, usage: deltaUsage(reply) }));
  frames.push(event('message_stop', {}));
  return {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': requestId() },
    frames,
    terminalFrames: 2,
    malformedFrame: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"trunc\n\n',
    errorFrame: 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
  };
}

function wholeMessage(model: string, reply: ScriptedReply): JsonResponse {
  const content: Record<string, unknown>[] = [];
  if (reply.reasoning) content.push({ type: 'thinking', thinking: reply.reasoning, signature: signatureFor(reply.reasoning) });
  if (reply.text) content.push({ type: 'text', text: reply.text });
  for (const call of reply.toolCalls ?? []) {
    content.push({ type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.argumentsJson || '{}') as unknown });
  }
  return {
    status: 200,
    headers: { 'request-id': requestId() },
    json: {
      id: `msg_sim_${requestCounter}`, type: 'message', role: 'assistant', model, content,
      stop_reason: stopReason(reply), stop_sequence: null,
      usage: { ...startUsage(reply), ...deltaUsage(reply) },
    },
  };
}

function requestedModel(ctx: FormatContext): string {
  const body = ctx.body as { model?: unknown } | undefined;
  return typeof body?.model === 'string' ? body.model : '';
}

export const anthropicFormat: WireFormat = {
  name: 'anthropic',

  matches(method, path) {
    if (method === 'POST' && /\/v1\/messages(?:\/count_tokens)?$/.test(path)) return true;
    return method === 'GET' && ANTHROPIC_SEGMENT.test(path) && /\/v1\/models(?:\/[^/]+)?$/.test(path);
  },

  respond(ctx) {
    if (ctx.req.method === 'GET') {
      const single = /\/v1\/models\/([^/]+)$/.exec(ctx.path)?.[1];
      if (!single) return listModels(ctx);
      const id = decodeURIComponent(single);
      return ctx.models.includes(id)
        ? { status: 200, headers: { 'request-id': requestId() }, json: modelEntry(id) }
        : errorJson(404, 'not_found_error', `model: ${id}`);
    }
    const model = requestedModel(ctx);
    if (!ctx.models.includes(model)) return errorJson(404, 'not_found_error', `model: ${model}`);
    if (ctx.path.endsWith('/count_tokens')) {
      return { status: 200, headers: { 'request-id': requestId() }, json: { input_tokens: ctx.reply.usage?.input ?? 0 } };
    }
    const stream = (ctx.body as { stream?: unknown }).stream === true;
    return stream ? streamMessage(model, ctx.reply) : wholeMessage(model, ctx.reply);
  },

  errorResponse(kind: FaultKind, ctx, retryAfterSec) {
    switch (kind) {
      case 'unauthorized': {
        // Echoes the key it got (as some providers echo a masked one) so tests prove redaction.
        const key = ctx.req.headers['x-api-key'];
        return errorJson(401, 'authentication_error', `invalid x-api-key${typeof key === 'string' ? ` (${key})` : ''}`);
      }
      case 'forbidden': return errorJson(403, 'permission_error', 'Your API key does not have permission to use the specified resource.');
      case 'quota': return errorJson(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');
      case 'not-found': return errorJson(404, 'not_found_error', `model: ${requestedModel(ctx) || 'unknown'}`);
      case 'rate-limit': return errorJson(429, 'rate_limit_error',
        'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.',
        { 'retry-after': String(retryAfterSec), 'anthropic-ratelimit-requests-limit': '50', 'anthropic-ratelimit-requests-remaining': '0' });
      case 'server-error': return errorJson(500, 'api_error', 'Internal server error');
      case 'unavailable': return errorJson(503, 'api_error', 'Service Unavailable');
      case 'overloaded': return errorJson(529, 'overloaded_error', 'Overloaded');
      case 'context-too-long': return errorJson(400, 'invalid_request_error', 'prompt is too long: 250000 tokens > 200000 maximum');
      case 'bad-request':
      default: return errorJson(400, 'invalid_request_error', 'temperature: Input should be less than or equal to 1');
    }
  },
};
