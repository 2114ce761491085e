// `npm start -- --demo`'s provider: an OpenAI-compatible host under /demo/ that behaves like a real one,
// so a newcomer sees the product and not a stub. One key works, every other key gets OpenAI's own
// invalid-key error; answers are scripted Markdown streamed at a model's pace (Stop has time to act);
// one model is always rate-limited (429 with Retry-After); the listing carries prices for Usage.
import type { FaultKind, FormatContext, JsonResponse, WireFormat } from '../types';
import { completionJson, modelNotFound, openAIError, openaiFormat, streamFrames } from '../formats/openai';
import { demoAnswerFor } from './answers';

/** The base URL's path: a key for "Custom OpenAI-compatible host" with host `<simulator>/demo/v1`. */
export const DEMO_PATH = '/demo/v1';
export const DEMO_KEY = 'demo-key-that-works';
export const DEMO_WRONG_KEY = 'demo-key-wrong';
/**
 * Seconds the busy model asks to wait: longer than BYOK waits on its own (60 s, policy-fetch.ts), so the
 * error card shows at once instead of after silent retries.
 */
export const DEMO_RETRY_AFTER_SEC = 90;

interface DemoModel {
  id: string; name: string; context: number;
  /** USD per token, as OpenRouter-shaped listings give them. */
  prompt: string; completion: string;
  /** Characters per frame and ms between frames: 4 chars ≈ 1 token. */
  chunkChars: number; frameDelayMs: number;
  busy?: boolean;
}

export const DEMO_MODELS: readonly DemoModel[] = [
  { id: 'demo-writer', name: 'Demo Writer', context: 128_000, prompt: '0.000003', completion: '0.000015', chunkChars: 4, frameDelayMs: 25 }, // ~40 tokens/s
  { id: 'demo-fast', name: 'Demo Fast', context: 64_000, prompt: '0.00000015', completion: '0.0000006', chunkChars: 8, frameDelayMs: 17 }, // ~120 tokens/s
  { id: 'demo-busy', name: 'Demo Busy (always rate-limited)', context: 32_000, prompt: '0.000001', completion: '0.000002', chunkChars: 4, frameDelayMs: 25, busy: true },
];

const body = (ctx: FormatContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' ? ctx.body as Record<string, unknown> : {});

function lastQuestion(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  const user = (messages as unknown[]).slice().reverse().find((m) => (m as { role?: unknown }).role === 'user') as { content?: unknown } | undefined;
  const content = user?.content;
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((p) => (typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join(' ') : '';
}

/** Roughly what a tokenizer would say: four characters a token. */
const tokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

function refuseKey(ctx: FormatContext): JsonResponse | undefined {
  const auth = ctx.req.headers.authorization ?? '';
  if (!auth) {
    return openAIError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', null);
  }
  return auth === `Bearer ${DEMO_KEY}` ? undefined : openaiFormat.errorResponse('unauthorized', ctx, 0);
}

function listing(): JsonResponse {
  return {
    status: 200,
    json: {
      object: 'list',
      data: DEMO_MODELS.map((m) => ({
        id: m.id, object: 'model', created: 1_750_000_000, owned_by: 'byok-demo', name: m.name, context_length: m.context,
        pricing: { prompt: m.prompt, completion: m.completion },
        architecture: { input_modalities: ['text'], output_modalities: ['text'] },
        supported_parameters: ['max_tokens', 'temperature'],
      })),
    },
  };
}

export const demoFormat: WireFormat = {
  name: 'demo',
  matches: (_method, path) => path.startsWith('/demo/'),
  respond(ctx) {
    const refused = refuseKey(ctx);
    if (refused) return refused;
    if (ctx.req.method === 'GET' && ctx.path === `${DEMO_PATH}/models`) return listing();
    if (ctx.req.method !== 'POST' || ctx.path !== `${DEMO_PATH}/chat/completions`) {
      return openAIError(404, `Invalid URL (${ctx.req.method ?? 'GET'} ${ctx.path})`, 'invalid_request_error', null);
    }
    const b = body(ctx);
    const id = typeof b.model === 'string' ? b.model : '';
    const model = DEMO_MODELS.find((m) => m.id === id);
    if (!model) return modelNotFound(id);
    if (model.busy) return openaiFormat.errorResponse('rate-limit', ctx, DEMO_RETRY_AFTER_SEC);
    const question = lastQuestion(b.messages);
    const text = demoAnswerFor(question);
    const input = tokens(JSON.stringify(b.messages ?? ''));
    const reply = { text, chunkChars: model.chunkChars, usage: { input, output: tokens(text) } };
    const scripted = { ...ctx, reply, models: DEMO_MODELS.map((m) => m.id) };
    if (b.stream !== true) return completionJson(scripted, id);
    return { ...streamFrames(scripted, id), frameDelayMs: model.frameDelayMs };
  },
  errorResponse(kind: FaultKind, ctx, retryAfterSec): JsonResponse {
    return openaiFormat.errorResponse(kind, ctx, retryAfterSec);
  },
};
