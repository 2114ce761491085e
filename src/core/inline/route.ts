// Which endpoint an inline model takes, decided from data before any request: the preset's `fim` field,
// Ollama's capabilities, and a probe result remembered per key and model. Everything else fills in through chat.
import { matchesPattern } from '../catalog/policy';
import type { ProviderPreset } from '../providers/presets';
import type { FimRoute } from '../providers/types';

export type InlineRoute =
  | { kind: 'fim'; route: FimRoute; label: string }
  | { kind: 'chat'; label: string }
  /** The host must be asked once (routes in order; 'capability' = Ollama's /api/show); then remember the answer. */
  | { kind: 'probe'; candidates: FimRoute[] };

/** A remembered probe: the route that answered, or 'chat' when none did. */
export type ProbeResult = FimRoute | 'chat';

export function chatRoute(modelId: string): InlineRoute {
  return { kind: 'chat', label: `chat fill-in via ${modelId}` };
}

export function inlineRoute(preset: ProviderPreset | undefined, modelId: string, probed: ProbeResult | undefined): InlineRoute {
  const fim = preset?.fim;
  if (!fim || (fim.models && !fim.models.some((p) => matchesPattern(modelId, p)))) return chatRoute(modelId);
  const label = `${fim.label} (${modelId})`;
  if (fim.decide === 'fixed') return { kind: 'fim', route: fim.routes[0]!, label };
  if (probed === 'chat') return chatRoute(modelId);
  if (probed && fim.routes.includes(probed)) return { kind: 'fim', route: probed, label };
  return { kind: 'probe', candidates: [...fim.routes] };
}

/** The key under which a probe result is remembered: per key and model, since a host is per key. */
export function probeKey(keyId: string, modelId: string): string {
  return `${keyId}\u0000${modelId}`;
}
