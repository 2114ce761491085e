// The two ways of reading one streamed answer that the stream-overhead bench compares: the bare
// openai SDK as its README shows it, and our adapter (src/core/providers/openai/adapter.ts) with
// everything it adds (pinned fetch, header allow-list, error policy, chunk mapping, stream guard).
// Both get the same transport, so the only difference is the code between the bytes and the text.
// Each opened stream is read in steps, so the bench can take turns between two open streams.
import OpenAI from 'openai';
import { createOpenAIAdapter } from '../../src/core/providers/openai/adapter';
import { findPreset } from '../../src/core/providers/presets';
import type { ChatRequest } from '../../src/core/providers/types';

/** One open stream: step(n) reads up to n items (SDK chunks or adapter parts); false once it ended. */
export interface OpenStream {
  step(n: number): Promise<boolean>;
  /** Text characters (UTF-16 units) received so far. */
  chars: number;
}
/** Sends the request and returns the stream, nothing read yet. */
export type Contender = () => Promise<OpenStream>;

export const MODEL = 'sim-model-1';
/** A made-up key that no vendor's key scanner (or reader) would take for a real one. */
export const BENCH_KEY = 'bench-key-not-secret';
const PROMPT = 'Write a long answer.';

/** The chat.completions body both contenders send (the adapter builds the same one from its request). */
export const requestBody = (): OpenAI.ChatCompletionCreateParamsStreaming => ({
  model: MODEL, messages: [{ role: 'user', content: PROMPT }], stream: true, stream_options: { include_usage: true },
});

export function bareSdk(baseURL: string, fetchImpl?: typeof fetch): Contender {
  const sdk = new OpenAI({ apiKey: BENCH_KEY, baseURL, maxRetries: 0, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return async () => {
    const chunks = (await sdk.chat.completions.create(requestBody()))[Symbol.asyncIterator]();
    const open: OpenStream = {
      chars: 0,
      async step(n) {
        for (let i = 0; i < n; i++) {
          const r = await chunks.next();
          if (r.done) return false;
          const delta = r.value.choices[0]?.delta?.content;
          if (delta) open.chars += delta.length;
        }
        return true;
      },
    };
    return open;
  };
}

/** `spinPerDelta`: a busy loop run for every text delta (the slowed stand-in; see spin.ts). */
export function ourAdapter(baseURL: string, fetchImpl?: typeof fetch, spinPerDelta?: () => void): Contender {
  const adapter = createOpenAIAdapter({ presetId: 'openai', baseUrl: baseURL, apiKey: BENCH_KEY, maxRetries: 0, ...(fetchImpl ? { fetch: fetchImpl } : {}) }, findPreset('openai')!);
  const request: ChatRequest = { model: MODEL, messages: [{ role: 'user', content: [{ type: 'text', text: PROMPT }] }] };
  return () => {
    const parts = adapter.stream(request, new AbortController().signal)[Symbol.asyncIterator]();
    const open: OpenStream = {
      chars: 0,
      async step(n) {
        for (let i = 0; i < n; i++) {
          const r = await parts.next();
          if (r.done) return false;
          if (r.value.type === 'text') {
            spinPerDelta?.();
            open.chars += r.value.delta.length;
          }
        }
        return true;
      },
    };
    return Promise.resolve(open);
  };
}
