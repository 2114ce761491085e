// The fetch the Gemini SDK gets. On top of the pinned fetch (key only to its origin) it adds what
// the SDK lacks: a timeout for the response headers only (the SDK's own timeout also cuts long
// streams), and error classification with the response headers in hand (the SDK's ApiError keeps
// only the status and body, losing Retry-After).
import { DEFAULT_TIMEOUT_MS } from '../defaults';
import { headerAllowList } from '../header-allow-list';
import { pinnedFetch } from '../pinned-fetch';
import type { ProviderPreset } from '../presets';
import type { Connection } from '../types';
import { classifyGemini } from './errors';

/** The SDK's own client description, beside the common headers and x-goog-api-key (the preset's auth). */
const SDK_HEADERS = ['x-goog-api-client'];

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!(response.headers.get('content-type') ?? '').includes('json')) return text;
  try { return JSON.parse(text) as unknown; } catch { return text; }
}

export function geminiFetch(connection: Connection, preset: ProviderPreset, provider: string, secrets: readonly string[]): typeof fetch {
  const pinned = pinnedFetch(connection.baseUrl, provider, headerAllowList(preset, connection, SDK_HEADERS), connection.fetch);
  const firstByteMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const timer = new AbortController();
    const t = setTimeout(() => timer.abort(new DOMException(`No response within ${firstByteMs} ms`, 'TimeoutError')), firstByteMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal;
    let response: Response;
    try {
      response = await pinned(input, { ...init, signal });
    } finally {
      clearTimeout(t);
    }
    if (!response.ok) {
      throw classifyGemini({ provider, status: response.status, body: await readBody(response), headers: response.headers, secrets });
    }
    return response;
  };
}
