// Ollama's native listing: /api/tags names the models, /api/show tells each one's real context
// size (model_info["<architecture>.context_length"]) and capabilities. Its /v1 listing has neither.
import type * as OpenAISdk from 'openai';
import { ProviderError } from '../../errors';
import type { ModelInfo } from '../types';
import { DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_OUTPUT } from './list-models';

const SHOW_CONCURRENCY = 4;

interface ShowFacts { contextWindow?: number; capabilities: string[] }

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

async function readJson(response: Response, provider: string, what: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    const json = obj(JSON.parse(text));
    if (json) return json;
  } catch { /* reported below */ }
  throw new ProviderError({ kind: 'unexpected-response', provider, message: `${what} is not Ollama's JSON: ${text.slice(0, 80)}` });
}

/** The model names from GET /api/tags. */
export async function ollamaTags(client: OpenAISdk.OpenAI, root: string, signal: AbortSignal, provider: string): Promise<string[]> {
  const response = await client.get(`${root}/api/tags`, { signal }).asResponse();
  const json = await readJson(response, provider, 'The model list');
  if (!Array.isArray(json.models)) {
    throw new ProviderError({ kind: 'unexpected-response', provider, message: 'The model list has no "models" array: is this an Ollama server?' });
  }
  return json.models.map((m) => obj(m)?.name ?? obj(m)?.model).filter((n): n is string => typeof n === 'string');
}

/** Reads POST /api/show's answer. Pure, for tests. */
export function parseShow(json: Record<string, unknown>): ShowFacts {
  const info = obj(json.model_info) ?? {};
  const arch = info['general.architecture'];
  const ctx = typeof arch === 'string' ? info[`${arch}.context_length`] : undefined;
  const capabilities = Array.isArray(json.capabilities) ? json.capabilities.filter((c): c is string => typeof c === 'string') : [];
  return { ...(typeof ctx === 'number' && ctx > 0 ? { contextWindow: ctx } : {}), capabilities };
}

async function show(client: OpenAISdk.OpenAI, root: string, model: string, signal: AbortSignal, provider: string): Promise<ShowFacts> {
  const response = await client.post(`${root}/api/show`, { body: { model }, signal }).asResponse();
  return parseShow(await readJson(response, provider, 'The model details'));
}

export function ollamaModelInfo(name: string, facts: ShowFacts | undefined): ModelInfo {
  const contextWindow = facts?.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  const caps = facts?.capabilities ?? [];
  return {
    id: name,
    name,
    contextWindow,
    maxOutputTokens: Math.min(DEFAULT_MAX_OUTPUT, contextWindow),
    vision: caps.includes('vision'),
    // Without /api/show facts, assume tools work: Ollama answers plainly when a model has none.
    toolCalling: facts ? caps.includes('tools') : true,
    reasoning: caps.includes('thinking'),
    source: 'live',
  };
}

/** Lists the models with their details; a model whose details fail still appears, with defaults. */
export async function listOllamaModels(client: OpenAISdk.OpenAI, root: string, signal: AbortSignal, provider: string): Promise<ModelInfo[]> {
  const names = await ollamaTags(client, root, signal, provider);
  const facts: (ShowFacts | undefined)[] = new Array<ShowFacts | undefined>(names.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const i = next++;
      try {
        facts[i] = await show(client, root, names[i]!, signal, provider);
      } catch (e) {
        if (signal.aborted) throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SHOW_CONCURRENCY, names.length) }, worker));
  return names.map((name, i) => ollamaModelInfo(name, facts[i]));
}
