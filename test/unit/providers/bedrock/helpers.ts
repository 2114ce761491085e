// Shared bits for the Bedrock adapter tests: fake credentials, a connection to the simulator, and a
// collector that keeps both what streamed and the error that ended it.
import { createBedrockAdapter } from '../../../../src/core/providers/bedrock/adapter';
import { findPreset } from '../../../../src/core/providers/presets';
import type { ChatRequest, Connection, ProviderAdapter } from '../../../../src/core/providers/types';
import type { ProviderSimulator } from '../../../support/simulator';

// Short, obviously fake values (Bedrock API keys start with ABSK, access key ids with AKIA).
export const API_KEY = 'ABSKc2ltLWtleS0x';
export const ACCESS_KEY_ID = 'AKIASIMULATOR0001';
export const SECRET_KEY = 'simSecret/0000xyz';

export function connection(sim: ProviderSimulator, over: Partial<Connection> = {}): Connection {
  return { presetId: 'bedrock', baseUrl: sim.url, apiKey: API_KEY, bedrock: { region: 'us-east-1' }, maxRetries: 0, ...over };
}

export function adapter(conn: Connection): ProviderAdapter {
  return createBedrockAdapter(conn, findPreset('bedrock')!);
}

export function ask(text: string, over: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'sim-model-1', messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...over };
}

export { type Collected, collect } from '../stream-helpers';
