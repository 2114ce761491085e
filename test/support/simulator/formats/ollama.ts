// Ollama's native API: GET /api/tags lists models, POST /api/show gives each one's details with the
// context size under model_info["<architecture>.context_length"]. Errors are {"error": "text"}.
// Its OpenAI-compatible /v1/chat/completions and /v1/models are served by the openai format.
import type { FaultKind, FormatContext, JsonResponse, WireFormat } from '../types';

/** Distinct facts per listed model, by position, so tests can tell them apart. */
const FAMILIES = [
  { arch: 'llama', ctx: 131_072, params: '8.0B', caps: ['completion', 'tools'] },
  { arch: 'gemma3', ctx: 8_192, params: '4.3B', caps: ['completion', 'vision'] },
  { arch: 'qwen3', ctx: 40_960, params: '8.2B', caps: ['completion', 'tools', 'thinking'] },
];

/** Coder models have a template with `.Suffix` and the `insert` capability (fill-in-the-middle). */
export const ollamaSupportsInsert = (model: string): boolean => /cod/i.test(model);
const FIM_TEMPLATE = '{{- if .Suffix }}<|fim_prefix|>{{ .Prompt }}<|fim_suffix|>{{ .Suffix }}<|fim_middle|>{{- else }}{{ .Prompt }}{{- end }}';

const factsFor = (i: number): (typeof FAMILIES)[number] => FAMILIES[i % FAMILIES.length]!;
const err = (status: number, error: string, headers?: Record<string, string>): JsonResponse =>
  ({ status, ...(headers ? { headers } : {}), json: { error } });

function requestedModel(ctx: FormatContext): string {
  const b = (ctx.body ?? {}) as { model?: unknown; name?: unknown };
  return typeof b.model === 'string' ? b.model : typeof b.name === 'string' ? b.name : '';
}

export const ollamaFormat: WireFormat = {
  name: 'ollama',
  matches(method, path) {
    return (method === 'GET' && (path === '/api/tags' || path === '/api/version')) || (method === 'POST' && path === '/api/show');
  },
  respond(ctx) {
    if (ctx.path === '/api/version') return { status: 200, json: { version: '0.12.6' } };
    if (ctx.path === '/api/tags') {
      return {
        status: 200,
        json: {
          models: ctx.models.map((name, i) => ({
            name, model: name, modified_at: '2025-10-01T10:00:00.000000000Z', size: 4_920_753_328, digest: `sha256:${String(i).padStart(64, '0')}`,
            details: { parent_model: '', format: 'gguf', family: factsFor(i).arch, families: [factsFor(i).arch], parameter_size: factsFor(i).params, quantization_level: 'Q4_K_M' },
          })),
        },
      };
    }
    const model = requestedModel(ctx);
    const i = ctx.models.indexOf(model);
    if (i < 0) return err(404, `model '${model}' not found`);
    const f = factsFor(i);
    return {
      status: 200,
      json: {
        license: 'SIM LICENSE', modelfile: `FROM ${model}`, parameters: 'stop "<|eot_id|>"', template: ollamaSupportsInsert(model) ? FIM_TEMPLATE : '{{ .Prompt }}',
        details: { parent_model: '', format: 'gguf', family: f.arch, families: [f.arch], parameter_size: f.params, quantization_level: 'Q4_K_M' },
        model_info: {
          'general.architecture': f.arch, 'general.parameter_count': 8_030_261_248, 'general.file_type': 15,
          [`${f.arch}.context_length`]: f.ctx, [`${f.arch}.embedding_length`]: 4096, [`${f.arch}.block_count`]: 32,
          'tokenizer.ggml.model': 'gpt2',
        },
        capabilities: ollamaSupportsInsert(model) ? [...f.caps, 'insert'] : f.caps,
        modified_at: '2025-10-01T10:00:00.000000000Z',
      },
    };
  },
  errorResponse(kind: FaultKind, ctx, retryAfterSec): JsonResponse {
    switch (kind) {
      case 'unauthorized': return err(401, 'unauthorized');
      case 'forbidden': return err(403, 'forbidden');
      case 'quota': return err(402, 'you have reached your usage limit, upgrade for higher limits');
      case 'not-found': return err(404, `model '${requestedModel(ctx) || 'unknown'}' not found`);
      case 'rate-limit': return err(429, 'too many requests', { 'retry-after': String(retryAfterSec) });
      case 'server-error': return err(500, 'llama runner process has terminated: exit status 2');
      case 'unavailable': case 'overloaded': return err(503, 'server busy, please try again. maximum pending requests exceeded');
      case 'context-too-long': return err(400, 'the input length exceeds the context length');
      default: return err(400, 'invalid request');
    }
  },
};
