// Shared bits for the Bedrock adapter tests: fake credentials, a connection to the simulator, and a
// collector that keeps both what streamed and the error that ended it.
import { ProviderError } from '../../../../src/core/errors';
import { createBedrockAdapter } from '../../../../src/core/providers/bedrock/adapter';
import { findPreset } from '../../../../src/core/providers/presets';
import type { ChatRequest, Connection, ProviderAdapter, StreamPart } from '../../../../src/core/providers/types';
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

export interface Collected {
  parts: StreamPart[];
  text: string;
  reasoning: string;
  error?: ProviderError;
}

export async function collect(stream: AsyncIterable<StreamPart>, onPart?: (p: StreamPart) => void): Promise<Collected> {
  const out: Collected = { parts: [], text: '', reasoning: '' };
  try {
    for await (const p of stream) {
      out.parts.push(p);
      if (p.type === 'text') out.text += p.delta;
      if (p.type === 'reasoning') out.reasoning += p.delta;
      onPart?.(p);
    }
  } catch (e) {
    if (!(e instanceof ProviderError)) throw new Error(`stream threw a non-ProviderError: ${String(e)}`, { cause: e });
    out.error = e;
  }
  return out;
}
