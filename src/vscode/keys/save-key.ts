// Validating, checking and saving a key: shared by the palette flow, the argument form and Manage Keys.
import * as z from 'zod';
import { isProviderError, ProviderError, redactSecrets } from '../../core/errors';
import { toConnection } from '../../core/keys/connection';
import { validateAwsRegion, validateSecretFor } from '../../core/keys/key-metadata';
import { isInsecureRemote, normalizeBaseUrl } from '../../core/providers/base-url';
import { findPreset, presetIds, type ProviderPreset } from '../../core/providers/presets';
import { createAdapter } from '../../core/providers/registry';
import type { ModelInfo } from '../../core/providers/types';

export { DEFAULT_AZURE_API_VERSION } from '../../core/providers/defaults';
import { DEFAULT_AZURE_API_VERSION } from '../../core/providers/defaults';

/** The argument object of `byok.addKey` for automation and tests. Strict: unknown fields are errors. */
export const AddKeyArgs = z.object({
  provider: z.string().min(1),
  name: z.string().optional(),
  apiKey: z.string(),
  baseUrl: z.string().optional(),
  options: z.object({
    apiVersion: z.string().optional(),
    deployments: z.array(z.string()).optional(),
    region: z.string().optional(),
    /** Save without checking (for a host that is offline now). */
    skipCheck: z.boolean().optional(),
    /** Confirms sending the key over http:// to a host that is not this machine. */
    allowInsecureHttp: z.boolean().optional(),
  }).strict().optional(),
}).strict();
export type AddKeyArgs = z.infer<typeof AddKeyArgs>;

export interface KeyDraft {
  preset: ProviderPreset;
  name: string;
  secret: string;
  baseUrl: string;
  azure?: { apiVersion: string; deployments: string[] };
  bedrock?: { region: string };
}

export function resolvePreset(id: string): ProviderPreset {
  const preset = findPreset(id);
  if (!preset) throw new Error(`Unknown provider "${id}". Known providers: ${presetIds().join(', ')}.`);
  return preset;
}

/** Refuses a provider the organization's policy disables, before anything is sent. */
export function refuseDisabled(preset: ProviderPreset, isProviderEnabled: (presetId: string) => boolean): void {
  if (!isProviderEnabled(preset.id)) {
    throw new Error(`${preset.label} is disabled by your organization's policy (setting byok.enabledProviders), so its keys cannot be added.`);
  }
}

export function bedrockHost(region: string): string {
  return `https://bedrock-runtime.${region}.amazonaws.com`;
}

/** Validates a draft from the argument object; throws an Error whose message says what to fix. */
export function draftFromArgs(raw: unknown, existingNames: (presetId: string) => string[], isProviderEnabled: (presetId: string) => boolean = () => true): { draft: KeyDraft; skipCheck: boolean; allowInsecureHttp: boolean } {
  const parsed = AddKeyArgs.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid byok.addKey arguments: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')}`);
  }
  const args = parsed.data;
  const preset = resolvePreset(args.provider);
  refuseDisabled(preset, isProviderEnabled);
  const keyProblem = validateSecretFor(preset, args.apiKey);
  if (keyProblem) throw new Error(keyProblem);
  const name = (args.name ?? preset.label).trim();
  const nameProblem = validateName(name, existingNames(preset.id));
  if (nameProblem) throw new Error(nameProblem);
  const region = args.options?.region?.trim();
  // The region becomes part of a host name: the same rule as the interactive prompt.
  const regionProblem = region !== undefined ? validateAwsRegion(region) : undefined;
  if (regionProblem) throw new Error(`options.region: ${regionProblem}.`);
  const host = args.baseUrl ?? (preset.family === 'bedrock' && region ? bedrockHost(region) : preset.defaultBaseUrl);
  if (!host) throw new Error(`${preset.label} needs a host: pass baseUrl.`);
  const baseUrl = normalizeBaseUrl(host, preset.id);
  const draft: KeyDraft = { preset, name, secret: args.apiKey, baseUrl };
  if (preset.family === 'azure') {
    const deployments = (args.options?.deployments ?? []).map((d) => d.trim()).filter(Boolean);
    if (deployments.length === 0) throw new Error('Azure OpenAI needs at least one deployment name (options.deployments).');
    draft.azure = { apiVersion: args.options?.apiVersion?.trim() || DEFAULT_AZURE_API_VERSION, deployments };
  }
  if (preset.family === 'bedrock') draft.bedrock = { region: region || 'us-east-1' };
  return { draft, skipCheck: args.options?.skipCheck === true, allowInsecureHttp: args.options?.allowInsecureHttp === true };
}

export function validateName(name: string, existing: string[]): string | undefined {
  if (!name.trim()) return 'Give the key a name, such as "work" or "personal".';
  if (name.length > 64) return 'Keep the name under 64 characters.';
  if (existing.some((n) => n.toLowerCase() === name.trim().toLowerCase())) return `A key named "${name.trim()}" already exists for this provider: choose another name.`;
  return undefined;
}

export { isInsecureRemote };

export type CheckOutcome = { ok: true; models: ModelInfo[] } | { ok: false; error: ProviderError };

/** Asks the provider whether the key works, and lists its models while at it. */
export async function checkDraft(draft: KeyDraft, signal: AbortSignal, isProviderEnabled: (presetId: string) => boolean): Promise<CheckOutcome> {
  // A draft has no key id yet, so it cannot go through the ChatRouter; the router's provider rule applies here too.
  if (!isProviderEnabled(draft.preset.id)) {
    return { ok: false, error: new ProviderError({ kind: 'policy', provider: draft.preset.id, code: 'byok.enabledProviders', message: `${draft.preset.label} is disabled by your organization's policy (byok.enabledProviders): nothing was sent` }) };
  }
  try {
    const adapter = createAdapter(toConnection({ presetId: draft.preset.id, baseUrl: draft.baseUrl, azure: draft.azure, bedrock: draft.bedrock }, draft.secret));
    const check = await adapter.checkKey(signal);
    if (!check.ok) return { ok: false, error: check.error };
    const models = await adapter.listModels(signal).catch(() => [] as ModelInfo[]);
    return { ok: true, models };
  } catch (e) {
    const error = isProviderError(e) ? e : new ProviderError({ kind: 'unexpected-response', provider: draft.preset.id, message: redactSecrets(String(e), [draft.secret]) });
    return { ok: false, error };
  }
}
