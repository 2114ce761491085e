// Shared bits for the Gemini adapter tests: a fake key, a connection to the simulator, and a
// collector that keeps what streamed and the error that ended it.
import { createGeminiAdapter } from '../../../../src/core/providers/gemini/adapter';
import { findPreset } from '../../../../src/core/providers/presets';
import type { ChatRequest, Connection, ProviderAdapter } from '../../../../src/core/providers/types';
import type { ProviderSimulator } from '../../../support/simulator';

export const API_KEY = 'AIzaSim-gem-key1';

export function connection(sim: ProviderSimulator, over: Partial<Connection> = {}): Connection {
  return { presetId: 'gemini', baseUrl: sim.url, apiKey: API_KEY, maxRetries: 0, ...over };
}

export function adapter(conn: Connection): ProviderAdapter {
  return createGeminiAdapter(conn, findPreset(conn.presetId)!);
}

export function ask(text: string, over: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'sim-model-1', messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...over };
}

export { type Collected, collect, startRedirector } from '../stream-helpers';
