// Probe results for hosts whose FIM endpoint is only known by asking (Ollama's capabilities, custom
// OpenAI-compatible hosts), remembered per key and model in globalState so a model is probed once.
import type * as vscode from 'vscode';
import * as z from 'zod';
import { probeKey, type ProbeResult } from '../../core/inline/route';

const STATE_KEY = 'byok.inline.fimRoutes';
const Stored = z.record(z.string(), z.string());

export class RouteMemory {
  constructor(private readonly state: vscode.Memento) {}

  get(keyId: string, modelId: string): ProbeResult | undefined {
    const parsed = Stored.safeParse(this.state.get<unknown>(STATE_KEY) ?? {});
    return parsed.success ? (parsed.data[probeKey(keyId, modelId)] as ProbeResult | undefined) : undefined;
  }

  async set(keyId: string, modelId: string, result: ProbeResult): Promise<void> {
    const parsed = Stored.safeParse(this.state.get<unknown>(STATE_KEY) ?? {});
    await this.state.update(STATE_KEY, { ...(parsed.success ? parsed.data : {}), [probeKey(keyId, modelId)]: result });
  }

  /** A key was removed or changed host: what it answered says nothing about its successor. */
  async forgetKey(keyId: string): Promise<void> {
    const parsed = Stored.safeParse(this.state.get<unknown>(STATE_KEY) ?? {});
    if (!parsed.success) return;
    const kept = Object.fromEntries(Object.entries(parsed.data).filter(([k]) => !k.startsWith(`${keyId}\u0000`)));
    await this.state.update(STATE_KEY, kept);
  }
}
