// OpenAI chat completions as the real service speaks it, awkward parts included: a role-only first
// chunk with content "", extra fields on every chunk (obfuscation, service_tier, system_fingerprint),
// `usage: null` on every chunk once include_usage is asked for, then a usage chunk with choices: [],
// then `data: [DONE]`. Reasoning streams in delta.reasoning_content (DeepSeek, Qwen, Z.ai), tool calls
// in pieces. Also serves GET …/models (OpenRouter-shaped under /api/v1, with context and prices).
import {
  chunkText, type FaultKind, type FormatContext, type JsonResponse, type ScriptedReply, type StreamResponse, type WireFormat,
} from '../types';

let nextCompletion = 1;

export type OpenAIFinish = 'stop' | 'length' | 'content_filter' | 'tool_calls';

export function finishWord(reply: ScriptedReply): OpenAIFinish {
  switch (reply.finish) {
    case 'length': return 'length';
    case 'content-filter': return 'content_filter';
    case 'tool-calls': return 'tool_calls';
    case 'stop': return 'stop';
    default: return reply.toolCalls?.length ? 'tool_calls' : 'stop';
  }
}

export function usageBody(reply: ScriptedReply): Record<string, unknown> {
  const u = reply.usage ?? { input: 0, output: 0 };
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    // OpenAI counts cached tokens inside prompt_tokens; OpenRouter adds cache_write_tokens there too.
    prompt_tokens_details: { cached_tokens: u.cached ?? 0, audio_tokens: 0, ...(u.cacheWrite !== undefined ? { cache_write_tokens: u.cacheWrite } : {}) },
    completion_tokens_details: { reasoning_tokens: u.reasoning ?? 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    // OpenRouter: the charge in USD credits, with is_byok when the user's own upstream key served it.
    ...(u.cost !== undefined ? { cost: u.cost, is_byok: false, cost_details: { upstream_inference_cost: null } } : {}),
  };
}

function bodyOf(ctx: FormatContext): Record<string, unknown> {
  return ctx.body && typeof ctx.body === 'object' ? (ctx.body as Record<string, unknown>) : {};
}

export const sse = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;

/** Pads like OpenAI's `obfuscation` field, which hides the length of each delta. */
function obfuscation(i: number): string {
  return 'x9Kq2LmZ'.slice(0, 1 + (i * 5) % 8);
}

export interface ChunkFlavor {
  /** Azure: a first chunk with choices: [] and prompt_filter_results; content_filter_results on each choice. */
  azure?: boolean;
}

const AZURE_FILTER = {
  hate: { filtered: false, severity: 'safe' }, self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' },
};

/** The SSE frames of one streamed answer, shared by the OpenAI and Azure formats. */
export function streamFrames(ctx: FormatContext, model: string, flavor: ChunkFlavor = {}): StreamResponse {
  const body = bodyOf(ctx);
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const reply = ctx.reply;
  const n = reply.chunkChars ?? 8;
  // OpenRouter (served under /api/v1) names each answer with a generation id, its dashboard's lookup key,
  // and sends no x-request-id of its own.
  const openRouter = ctx.path.startsWith('/api/v1/');
  const id = openRouter ? `gen-1760000000-sim${nextCompletion++}` : `chatcmpl-sim${nextCompletion++}`;
  const created = 1_760_000_000;
  let i = 0;
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): string => {
    const choice: Record<string, unknown> = { index: 0, delta, logprobs: null, finish_reason: finish };
    if (flavor.azure) choice.content_filter_results = finish ? {} : AZURE_FILTER;
    const c: Record<string, unknown> = {
      id, object: 'chat.completion.chunk', created, model, service_tier: 'default', system_fingerprint: 'fp_sim0001',
      choices: [choice],
    };
    if (includeUsage) c.usage = null;
    if (!flavor.azure) c.obfuscation = obfuscation(i++);
    return sse(c);
  };
  const frames: string[] = [];
  if (flavor.azure) {
    frames.push(sse({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: AZURE_FILTER }] }));
  }
  frames.push(chunk({ role: 'assistant', content: '', refusal: null }));
  if (reply.reasoning) for (const piece of chunkText(reply.reasoning, n)) frames.push(chunk({ content: null, reasoning_content: piece }));
  for (const piece of chunkText(reply.text, n)) frames.push(chunk({ content: piece }));
  (reply.toolCalls ?? []).forEach((call, index) => {
    frames.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const piece of chunkText(call.argumentsJson, n)) frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  frames.push(chunk({}, finishWord(reply)));
  if (includeUsage) {
    frames.push(sse({ id, object: 'chat.completion.chunk', created, model, service_tier: 'default', system_fingerprint: 'fp_sim0001', choices: [], usage: usageBody(reply), obfuscation: 'q' }));
  }
  frames.push('data: [DONE]\n\n');
  return {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...(openRouter ? {} : { 'x-request-id': `req_${id}` }),
      'openai-processing-ms': '42',
      'x-ratelimit-remaining-requests': '499',
    },
    frames,
    // The finish chunk, the usage chunk (when asked for) and [DONE].
    terminalFrames: includeUsage ? 3 : 2,
    malformedFrame: 'data: {not json\n\n',
    errorFrame: sse({ error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } }),
  };
}

/** A non-streamed completion (stream: false). */
export function completionJson(ctx: FormatContext, model: string): JsonResponse {
  const reply = ctx.reply;
  const message: Record<string, unknown> = { role: 'assistant', content: reply.text, refusal: null, annotations: [] };
  if (reply.reasoning) message.reasoning_content = reply.reasoning;
  if (reply.toolCalls?.length) {
    message.tool_calls = reply.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.argumentsJson } }));
  }
  return {
    status: 200,
    json: {
      id: `chatcmpl-sim${nextCompletion++}`, object: 'chat.completion', created: 1_760_000_000, model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishWord(reply) }],
      usage: usageBody(reply), service_tier: 'default', system_fingerprint: 'fp_sim0001',
    },
  };
}

export function openAIError(status: number, message: string, type: string | null, code: string | null, param: string | null = null, headers?: Record<string, string>): JsonResponse {
  return { status, ...(headers ? { headers } : {}), json: { error: { message, type, param, code } } };
}

export function modelNotFound(model: string): JsonResponse {
  return openAIError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
}

/** OpenAI masks a wrong key as its first characters and last four. */
function maskedKey(ctx: FormatContext): string {
  const auth = ctx.req.headers.authorization ?? '';
  const key = auth.replace(/^Bearer\s+/i, '');
  return key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(8)}${key.slice(-4)}` : '***';
}

const isOpenRouter = (path: string): boolean => path.startsWith('/api/v1/');

function listModels(ctx: FormatContext): JsonResponse {
  if (isOpenRouter(ctx.path)) {
    return {
      status: 200,
      json: {
        data: ctx.models.map((id, i) => ({
          id, canonical_slug: id, name: `Sim: ${id}`, created: 1_750_000_000, description: 'A simulated model.',
          context_length: 200_000 - i * 72_000,
          architecture: { modality: 'text+image->text', input_modalities: i === 0 ? ['text', 'image'] : ['text'], output_modalities: ['text'], tokenizer: 'Other', instruct_type: null },
          pricing: { prompt: '0.000003', completion: '0.000015', request: '0', image: '0', web_search: '0', internal_reasoning: '0', input_cache_read: '0.0000003' },
          top_provider: { context_length: 200_000 - i * 72_000, max_completion_tokens: 64_000, is_moderated: false },
          per_request_limits: null,
          supported_parameters: i === 0 ? ['max_tokens', 'temperature', 'tools', 'tool_choice', 'reasoning', 'include_reasoning'] : ['max_tokens', 'temperature'],
        })),
      },
    };
  }
  return {
    status: 200,
    json: { object: 'list', data: ctx.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' })) },
  };
}

export const openaiFormat: WireFormat = {
  name: 'openai',
  matches(method, path) {
    if (method === 'POST' && path.endsWith('/chat/completions')) return true;
    // Gemini's /v1beta/models is not ours.
    return method === 'GET' && path.endsWith('/models') && !path.includes('/v1beta/');
  },
  respond(ctx) {
    if (ctx.req.method === 'GET') return listModels(ctx);
    const body = bodyOf(ctx);
    const model = typeof body.model === 'string' ? body.model : '';
    if (!model) return openAIError(400, 'you must provide a model parameter', 'invalid_request_error', null, 'model');
    if (!ctx.models.includes(model)) return modelNotFound(model);
    if (!Array.isArray(body.messages)) return openAIError(400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', 'messages');
    return body.stream === true ? streamFrames(ctx, model) : completionJson(ctx, model);
  },
  errorResponse(kind: FaultKind, ctx, retryAfterSec): JsonResponse {
    const model = typeof bodyOf(ctx).model === 'string' ? (bodyOf(ctx).model as string) : 'gpt-4o';
    const router = isOpenRouter(ctx.path);
    switch (kind) {
      case 'unauthorized':
        return router
          ? { status: 401, json: { error: { message: 'No auth credentials found', code: 401 } } }
          : openAIError(401, `Incorrect API key provided: ${maskedKey(ctx)}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key');
      case 'forbidden':
        return openAIError(403, 'You have insufficient permissions for this operation. Missing scopes: model.request.', 'invalid_request_error', null);
      case 'quota':
        // OpenRouter (and DeepSeek) say "no credit" with 402; OpenAI with 429 insufficient_quota.
        return router
          ? { status: 402, json: { error: { message: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits', code: 402 } } }
          : openAIError(429, 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'insufficient_quota', 'insufficient_quota');
      case 'not-found':
        return modelNotFound(model);
      case 'rate-limit':
        return openAIError(429, `Rate limit reached for ${model} in organization org-sim on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${retryAfterSec}s.`, 'requests', 'rate_limit_exceeded', null,
          { 'retry-after': String(retryAfterSec), 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${retryAfterSec}s` });
      case 'server-error':
        return openAIError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null);
      case 'unavailable':
      case 'overloaded':
        return openAIError(503, 'The engine is currently overloaded, please try again later.', 'server_error', null);
      case 'context-too-long':
        return openAIError(400, `This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.`, 'invalid_request_error', 'context_length_exceeded', 'messages');
      default:
        return openAIError(400, "Invalid type for 'temperature': expected a decimal, but got a string instead.", 'invalid_request_error', 'invalid_type', 'temperature');
    }
  },
};
