// Fill-in-the-middle endpoints as the real hosts speak them, for inline completions:
// - Mistral (Codestral) POST …/v1/fim/completions {prompt, suffix}: chat-completion-shaped SSE chunks (delta.content);
// - DeepSeek POST /beta/completions and OpenAI-compatible POST …/completions {prompt, suffix}: text-completion
//   SSE chunks (choices[0].text), usage in a last chunk when asked, then [DONE]; or one JSON body without stream;
// - DashScope's Qwen coder models on …/completions with <|fim_prefix|>…<|fim_suffix|>…<|fim_middle|> in the prompt;
// - Ollama POST /api/generate {prompt, suffix}: NDJSON lines, refused with 400 for a model without `insert`;
// - llama.cpp POST /infill {input_prefix, input_suffix}: SSE `data: {content, stop}` frames, no [DONE].
// Each request's prefix and suffix are recorded (RecordedRequest.fim). Faults apply as for chat.
import { sse, usageBody, openAIError, modelNotFound } from './openai';
import { ollamaSupportsInsert } from './ollama';
import { chunkText, type FaultKind, type FormatContext, type JsonResponse, type StreamResponse, type WireFormat } from '../types';

type Route = 'mistral' | 'deepseek' | 'completions' | 'ollama' | 'infill';

function routeOf(path: string): Route | undefined {
  if (path.endsWith('/fim/completions')) return 'mistral';
  if (path.endsWith('/beta/completions')) return 'deepseek';
  if (path === '/api/generate') return 'ollama';
  if (path === '/infill') return 'infill';
  if (path.endsWith('/completions') && !path.endsWith('/chat/completions')) return 'completions';
  return undefined;
}

const bodyOf = (ctx: FormatContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' ? (ctx.body as Record<string, unknown>) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The prefix and suffix a FIM request carried, whatever its route's field names. */
export function fimParts(path: string, body: unknown): { prefix: string; suffix: string } | undefined {
  const route = routeOf(path);
  if (!route || !body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (route === 'infill') return { prefix: str(b.input_prefix), suffix: str(b.input_suffix) };
  const prompt = str(b.prompt);
  const tokens = /^<\|fim_prefix\|>([\s\S]*)<\|fim_suffix\|>([\s\S]*)<\|fim_middle\|>$/.exec(prompt);
  if (tokens && b.suffix === undefined) return { prefix: tokens[1]!, suffix: tokens[2]! };
  return { prefix: prompt, suffix: str(b.suffix) };
}

let nextId = 1;

function sseStream(frames: string[], terminalFrames: number): StreamResponse {
  return {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
    frames,
    terminalFrames,
    malformedFrame: 'data: {not json\n\n',
    errorFrame: sse({ error: { message: 'The server had an error while processing your request.', type: 'server_error' } }),
  };
}

function openAIStyle(ctx: FormatContext, model: string, chatShaped: boolean): JsonResponse | StreamResponse {
  const body = bodyOf(ctx);
  const reply = ctx.reply;
  const id = `cmpl-sim${nextId++}`;
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true || chatShaped;
  if (body.stream !== true) {
    return {
      status: 200,
      json: { id, object: 'text_completion', created: 1_760_000_000, model, choices: [{ index: 0, text: reply.text, logprobs: null, finish_reason: 'stop' }], usage: usageBody(reply) },
    };
  }
  const choice = (text: string, finish: string | null): Record<string, unknown> =>
    chatShaped ? { index: 0, delta: { content: text }, finish_reason: finish } : { index: 0, text, logprobs: null, finish_reason: finish };
  const chunk = (text: string, finish: string | null = null, usage?: unknown): string =>
    sse({ id, object: chatShaped ? 'chat.completion.chunk' : 'text_completion', created: 1_760_000_000, model, choices: [choice(text, finish)], ...(usage ? { usage } : {}) });
  const frames = chunkText(reply.text, reply.chunkChars ?? 8).map((t) => chunk(t));
  // Mistral puts usage on the finish chunk; the completions endpoints send it in a chunk of its own.
  if (chatShaped) frames.push(chunk('', 'stop', usageBody(reply)));
  else {
    frames.push(chunk('', 'stop'));
    if (includeUsage) frames.push(sse({ id, object: 'text_completion', created: 1_760_000_000, model, choices: [], usage: usageBody(reply) }));
  }
  frames.push('data: [DONE]\n\n');
  return sseStream(frames, frames.length - chunkText(reply.text, reply.chunkChars ?? 8).length);
}

function ollama(ctx: FormatContext, model: string): JsonResponse | StreamResponse {
  const body = bodyOf(ctx);
  if (body.suffix !== undefined && !ollamaSupportsInsert(model)) return { status: 400, json: { error: `registry.ollama.ai/library/${model}:latest does not support insert` } };
  const reply = ctx.reply;
  const u = reply.usage ?? { input: 0, output: 0 };
  const line = (o: unknown): string => `${JSON.stringify(o)}\n`;
  const at = '2025-10-01T10:00:00.000000000Z';
  const frames = chunkText(reply.text, reply.chunkChars ?? 8).map((t) => line({ model, created_at: at, response: t, done: false }));
  frames.push(line({ model, created_at: at, response: '', done: true, done_reason: 'stop', context: [1, 2, 3], total_duration: 1_000_000, prompt_eval_count: u.input, eval_count: u.output }));
  return {
    headers: { 'content-type': 'application/x-ndjson' },
    frames,
    terminalFrames: 1,
    malformedFrame: '{not json\n',
    errorFrame: line({ error: 'an error was encountered while running the model: unexpected EOF' }),
  };
}

function infill(ctx: FormatContext): StreamResponse {
  const reply = ctx.reply;
  const u = reply.usage ?? { input: 0, output: 0 };
  const frames = chunkText(reply.text, reply.chunkChars ?? 8).map((t) => sse({ index: 0, content: t, stop: false, id_slot: 0 }));
  frames.push(sse({ index: 0, content: '', stop: true, id_slot: 0, stop_type: 'eos', tokens_evaluated: u.input, tokens_predicted: u.output, timings: { prompt_n: u.input, predicted_n: u.output } }));
  return sseStream(frames, 1);
}

export const fimFormat: WireFormat = {
  name: 'fim',
  matches(method, path) {
    return method === 'POST' && routeOf(path) !== undefined;
  },
  respond(ctx) {
    const route = routeOf(ctx.path)!;
    if (route === 'infill') return infill(ctx);
    const model = str(bodyOf(ctx).model);
    if (!ctx.models.includes(model)) return route === 'ollama' ? { status: 404, json: { error: `model '${model}' not found` } } : modelNotFound(model);
    if (route === 'ollama') return ollama(ctx, model);
    if (typeof bodyOf(ctx).prompt !== 'string') return openAIError(400, "Missing required parameter: 'prompt'.", 'invalid_request_error', 'missing_required_parameter', 'prompt');
    return openAIStyle(ctx, model, route === 'mistral');
  },
  errorResponse(kind: FaultKind, ctx, retryAfterSec): JsonResponse {
    const err = (status: number, message: string, headers?: Record<string, string>): JsonResponse =>
      routeOf(ctx.path) === 'ollama' || routeOf(ctx.path) === 'infill'
        ? { status, ...(headers ? { headers } : {}), json: { error: routeOf(ctx.path) === 'infill' ? { code: status, message, type: 'server_error' } : message } }
        : openAIError(status, message, null, null, null, headers);
    switch (kind) {
      case 'unauthorized': return err(401, 'Authentication Fails (no such user)');
      case 'forbidden': return err(403, 'Forbidden');
      case 'quota': return err(402, 'Insufficient Balance');
      case 'not-found': return err(404, `The model \`${str(bodyOf(ctx).model)}\` does not exist`);
      case 'rate-limit': return err(429, 'Rate limit exceeded: 30 requests per minute', { 'retry-after': String(retryAfterSec) });
      case 'server-error': return err(500, 'internal server error');
      case 'unavailable': case 'overloaded': return err(503, 'The server is overloaded');
      case 'context-too-long': return err(400, 'the request exceeds the available context size');
      default: return err(400, 'invalid request');
    }
  },
};
