// Shared bits for the Anthropic adapter tests: a fake key, connections to the simulator (first-party
// and a compatible host under another path), and a collector that keeps what streamed and the error.
import { createAnthropicAdapter } from '../../../../src/core/providers/anthropic/adapter';
import { findPreset } from '../../../../src/core/providers/presets';
import type { ChatRequest, Connection, ProviderAdapter } from '../../../../src/core/providers/types';
import type { ProviderSimulator } from '../../../support/simulator';

export const API_KEY = 'sk-ant-sim-key-01';

/** The simulator serves Anthropic under an /anthropic path segment (see formats/anthropic.ts). */
export function connection(sim: ProviderSimulator, over: Partial<Connection> = {}): Connection {
  return { presetId: 'anthropic', baseUrl: `${sim.url}/anthropic`, apiKey: API_KEY, maxRetries: 0, ...over };
}

export function compatConnection(sim: ProviderSimulator, over: Partial<Connection> = {}): Connection {
  // A trailing /v1, as users paste it, must not become /v1/v1/messages.
  return connection(sim, { presetId: 'anthropic-compatible', baseUrl: `${sim.url}/api/anthropic/v1`, ...over });
}

export function adapter(conn: Connection): ProviderAdapter {
  return createAnthropicAdapter(conn, findPreset(conn.presetId)!);
}

export function ask(text: string, over: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'sim-model-1', messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...over };
}

export { type Collected, collect, startRedirector } from '../stream-helpers';
