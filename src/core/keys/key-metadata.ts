// What BYOK remembers about a saved key, outside SecretStorage. Never the key itself: only a mask
// ("sk-…4f2a") so the user can tell keys apart. Validated on every read, since storage can be stale
// or edited by another version of the extension.
import * as z from 'zod';
import { accessKeyProblem, parseAccessKeyPair } from '../providers/bedrock/credentials';
import type { ProviderPreset } from '../providers/presets';

export const KeyCheckRecord = z.object({
  ok: z.boolean(),
  at: z.number(),
  kind: z.string().optional(),
  message: z.string().optional(),
  modelCount: z.number().optional(),
});
export type KeyCheckRecord = z.infer<typeof KeyCheckRecord>;

export const KeyMetadata = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  presetId: z.string().min(1),
  name: z.string().min(1).max(64),
  baseUrl: z.string().url(),
  masked: z.string(),
  /** Where the secret is in SecretStorage. A new secret gets a new id, so metadata and secret change together. Absent: the key id. */
  secretId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/).optional(),
  createdAt: z.number(),
  azure: z.object({ apiVersion: z.string().min(1), deployments: z.array(z.string().min(1)) }).optional(),
  bedrock: z.object({ region: z.string().min(1) }).optional(),
  lastCheck: KeyCheckRecord.optional(),
});
export type KeyMetadata = z.infer<typeof KeyMetadata>;

/** Parses the stored list, dropping (and reporting) entries that do not validate instead of failing whole. */
export function parseKeyList(raw: unknown): { keys: KeyMetadata[]; problems: string[] } {
  if (raw === undefined) return { keys: [], problems: [] };
  if (!Array.isArray(raw)) return { keys: [], problems: ['The saved key list is not a list; it was ignored.'] };
  const keys: KeyMetadata[] = [];
  const problems: string[] = [];
  for (const [i, entry] of raw.entries()) {
    const r = KeyMetadata.safeParse(entry);
    if (r.success) keys.push(r.data);
    else problems.push(`Saved key #${i + 1} is malformed (${r.error.issues[0]?.message ?? 'invalid'}); it was ignored.`);
  }
  return { keys, problems };
}

/** A key must be one line of visible characters: pasted keys often carry a newline or a space. */
export function validateKeyText(key: string, optional: boolean): string | undefined {
  if (key.length === 0) return optional ? undefined : 'The key is empty.';
  if (/[\r\n]/.test(key)) return 'The key contains a line break: paste only the key.';
  if (/[ \t]/.test(key)) return 'The key contains a space: paste only the key, without quotes or spaces.';
  // HTTP headers carry only Latin-1, and API keys are plain ASCII: anything else (a zero-width space from a
  // web page, a smart quote, a look-alike letter) would fail later as an obscure "ByteString" error.
  const odd = /[^\x21-\x7e]/.exec(key);
  if (odd) {
    const code = `U+${odd[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return `The key contains an invisible or non-ASCII character (${code}) at position ${odd.index + 1}: API keys are plain ASCII letters, digits and punctuation. Copy the key again from the provider.`;
  }
  if (/^["'].*["']$/.test(key)) return 'The key is wrapped in quotes: paste it without them.';
  if (key.length < 8) return 'The key is too short to be an API key.';
  return undefined;
}

/** An AWS region name such as us-east-1 or us-gov-west-1: it becomes part of a host name, so nothing else passes. */
export function validateAwsRegion(region: string): string | undefined {
  return /^[a-z]{2}(?:-(?:gov|iso[a-z]?))?-[a-z]+-\d{1,2}$/.test(region) ? undefined : 'A region such as us-east-1';
}

export { parseAccessKeyPair as splitAwsKeyPair } from '../providers/bedrock/credentials';

/** validateKeyText plus what the provider's family needs (Bedrock's temporary credentials need their token). */
export function validateSecretFor(preset: Pick<ProviderPreset, 'family' | 'keyOptional'>, key: string): string | undefined {
  const problem = validateKeyText(key, preset.keyOptional === true);
  if (problem || preset.family !== 'bedrock') return problem;
  const pair = parseAccessKeyPair(key);
  return pair ? accessKeyProblem(pair) : undefined;
}

/** Whether a new check differs from the stored one in what the UI shows (not just its time). */
export function checkChanged(before: KeyCheckRecord | undefined, after: KeyCheckRecord): boolean {
  return !before || before.ok !== after.ok || before.kind !== after.kind || before.message !== after.message || before.modelCount !== after.modelCount;
}
