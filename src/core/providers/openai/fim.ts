// Native fill-in-the-middle for the OpenAI family's hosts. Every route goes through the adapter's own SDK
// client (its pinned fetch, auth headers and error classification), so a FIM request reaches only the
// key's host and fails with the same kinds as chat. One line reader serves all routes: SSE (Mistral,
// DeepSeek, /v1/completions, DashScope, llama.cpp) and NDJSON (Ollama); the SDK's completions.create
// only knows one of those shapes, and a second stream path would double the abort and usage handling.
import { ProviderError } from '../../errors';
import type { ProviderPreset } from '../presets';
import type { Connection, FimRequest, FimRoute, StreamPart, Usage } from '../types';
import { ollamaRoot, type LoadedClient } from './client';
import { fromOpenAIError } from './errors';

/** What one frame of a FIM stream says. */
export interface FimFrame { text?: string; usage?: Usage; done?: boolean }

interface RouteSpec {
  framing: 'sse' | 'ndjson';
  url(connection: Connection): string;
  body(r: FimRequest): Record<string, unknown>;
  frame(json: Record<string, unknown>): FimFrame;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const stripV1 = (base: string): string => base.replace(/\/v1$/, '');

/** OpenAI-shaped chunks: `choices[0].text` (completions) or `choices[0].delta.content` (Mistral FIM). */
function openAIFrame(json: Record<string, unknown>): FimFrame {
  const choice = obj(Array.isArray(json.choices) ? json.choices[0] : undefined);
  const text = typeof choice.text === 'string' ? choice.text : obj(choice.delta).content;
  const u = obj(json.usage);
  const usage = json.usage ? { inputTokens: num(u.prompt_tokens), outputTokens: num(u.completion_tokens) } : undefined;
  return {
    ...(typeof text === 'string' && text ? { text } : {}),
    ...(usage ? { usage } : {}),
    ...(typeof choice.finish_reason === 'string' ? { done: true } : {}),
  };
}

const common = (r: FimRequest): Record<string, unknown> => ({
  model: r.model, max_tokens: r.maxOutputTokens, temperature: r.temperature, stream: true,
  ...(r.stop?.length ? { stop: r.stop } : {}),
});

/** The wire shape of each route, as data. */
export const FIM_ROUTES: Readonly<Record<FimRoute, RouteSpec>> = {
  'mistral-fim': {
    framing: 'sse',
    url: (c) => `${c.baseUrl}/fim/completions`,
    body: (r) => ({ ...common(r), prompt: r.prefix, suffix: r.suffix }),
    frame: openAIFrame,
  },
  'deepseek-beta': {
    framing: 'sse',
    // DeepSeek serves FIM beside its API root, not under /v1.
    url: (c) => `${stripV1(c.baseUrl)}/beta/completions`,
    body: (r) => ({ ...common(r), prompt: r.prefix, suffix: r.suffix, stream_options: { include_usage: true } }),
    frame: openAIFrame,
  },
  'openai-completions': {
    framing: 'sse',
    url: (c) => `${c.baseUrl}/completions`,
    body: (r) => ({ ...common(r), prompt: r.prefix, suffix: r.suffix, stream_options: { include_usage: true } }),
    frame: openAIFrame,
  },
  'dashscope-completions': {
    framing: 'sse',
    // DashScope's Qwen coder models take FIM as special tokens in the prompt, not a `suffix` field.
    url: (c) => `${c.baseUrl}/completions`,
    body: (r) => ({ ...common(r), prompt: `<|fim_prefix|>${r.prefix}<|fim_suffix|>${r.suffix}<|fim_middle|>`, stream_options: { include_usage: true } }),
    frame: openAIFrame,
  },
  'ollama-generate': {
    framing: 'ndjson',
    url: (c) => `${ollamaRoot(c.baseUrl)}/api/generate`,
    body: (r) => ({
      model: r.model, prompt: r.prefix, suffix: r.suffix, stream: true,
      options: { num_predict: r.maxOutputTokens, temperature: r.temperature, ...(r.stop?.length ? { stop: r.stop } : {}) },
    }),
    frame: (json) => ({
      ...(typeof json.response === 'string' && json.response ? { text: json.response } : {}),
      ...(json.done === true ? { done: true, usage: { inputTokens: num(json.prompt_eval_count), outputTokens: num(json.eval_count) } } : {}),
    }),
  },
  'llamacpp-infill': {
    framing: 'sse',
    url: (c) => `${stripV1(c.baseUrl)}/infill`,
    body: (r) => ({
      input_prefix: r.prefix, input_suffix: r.suffix, n_predict: r.maxOutputTokens, temperature: r.temperature, stream: true,
      ...(r.stop?.length ? { stop: r.stop } : {}),
    }),
    frame: (json) => ({
      ...(typeof json.content === 'string' && json.content ? { text: json.content } : {}),
      ...(json.stop === true ? { done: true, usage: { inputTokens: num(json.tokens_evaluated), outputTokens: num(json.tokens_predicted) } } : {}),
    }),
  },
};

/** Splits a byte stream into lines and hands each line's JSON to `onJson`. Pure over the stream, for tests. */
export async function* readFrames(body: ReadableStream<Uint8Array>, framing: 'sse' | 'ndjson'): AsyncGenerator<Record<string, unknown> | 'done'> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const parse = (line: string): Record<string, unknown> | 'done' | undefined => {
    let data = line.trim();
    if (!data) return undefined;
    if (framing === 'sse') {
      if (!data.startsWith('data:')) return undefined; // event:, id:, comments
      data = data.slice(5).trim();
      if (data === '[DONE]') return 'done';
    }
    let json: unknown;
    try { json = JSON.parse(data); } catch {
      throw new Error(`A stream frame is not JSON: ${data.slice(0, 60)}`);
    }
    const error = obj(json).error;
    if (error) {
      const message = typeof error === 'string' ? error : obj(error).message;
      throw new Error(typeof message === 'string' ? message : 'The host reported an error in the stream');
    }
    return obj(json);
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const frame = parse(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        if (frame !== undefined) yield frame;
      }
    }
    const last = parse(buffer + decoder.decode());
    if (last !== undefined) yield last;
  } finally {
    // An early return (the user typed on) closes the response, and with it the socket.
    await reader.cancel().catch(() => undefined);
  }
}

export interface FimDeps {
  connection: Connection;
  preset: ProviderPreset;
  load(): Promise<LoadedClient>;
  secrets: readonly string[];
}

/** Opens one FIM stream. Parts are text deltas and one finish (with usage) when the host says it is done. */
export async function* streamFim(deps: FimDeps, request: FimRequest, signal: AbortSignal): AsyncGenerator<StreamPart> {
  const provider = deps.preset.id;
  const spec = FIM_ROUTES[request.route];
  const { sdk, client } = await deps.load();
  const fail = (e: unknown): ProviderError => fromOpenAIError(e, sdk, { provider, signal, secrets: deps.secrets });
  let response: Response;
  try {
    // No SDK retries: a 429 pauses completions (with Retry-After) instead of being retried behind the user's back.
    response = await client.post(spec.url(deps.connection), { body: spec.body(request), signal, maxRetries: 0 }).asResponse();
  } catch (e) {
    throw fail(e);
  }
  if (!response.body || /html/i.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel().catch(() => undefined);
    throw new ProviderError({ kind: 'unexpected-response', provider, status: response.status, message: 'The host did not answer with a completion stream' });
  }
  let usage: Usage | undefined;
  let done = false;
  try {
    for await (const raw of readFrames(response.body, spec.framing)) {
      if (raw === 'done') { done = true; continue; }
      const frame = spec.frame(raw);
      if (frame.usage) usage = frame.usage;
      if (frame.text) yield { type: 'text', delta: frame.text };
      if (frame.done) done = true;
    }
  } catch (e) {
    throw fail(e);
  }
  // A stream cut before the host said it was done is reported by the stream guard (no finish part).
  if (done) yield { type: 'finish', reason: 'stop', ...(usage ? { usage } : {}) };
}

/** Whether `model` answers on `route`: Ollama lists the `insert` capability; other hosts take one tiny request. */
export async function probeFim(deps: FimDeps, route: FimRoute, model: string, signal: AbortSignal): Promise<boolean> {
  const { sdk, client } = await deps.load();
  const provider = deps.preset.id;
  try {
    if (route === 'ollama-generate') {
      const response = await client.post(`${ollamaRoot(deps.connection.baseUrl)}/api/show`, { body: { model }, signal, maxRetries: 0 }).asResponse();
      const caps = obj(await response.json()).capabilities;
      return Array.isArray(caps) && caps.includes('insert');
    }
    const spec = FIM_ROUTES[route];
    const response = await client.post(spec.url(deps.connection), {
      body: { ...spec.body({ route, model, prefix: 'def f(', suffix: ')\n', maxOutputTokens: 1, temperature: 0 }), stream: false },
      signal, maxRetries: 0,
    }).asResponse();
    await response.body?.cancel().catch(() => undefined);
    return !/html/i.test(response.headers.get('content-type') ?? '');
  } catch (e) {
    const error = fromOpenAIError(e, sdk, { provider, signal, secrets: deps.secrets });
    // "No such endpoint" or "this endpoint refuses these fields" means: not this route. Anything else
    // (a bad key, a rate limit, an unreachable host) says nothing about the route and is the caller's to show.
    if (error.status !== undefined && [400, 404, 405, 422, 501].includes(error.status)) return false;
    throw error;
  }
}
