// What BYOK remembers about a saved key, outside SecretStorage. Never the key itself: only a mask
// ("sk-…4f2a") so the user can tell keys apart. Validated on every read, since storage can be stale
// or edited by another version of the extension.
import { z } from 'zod';

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
  if (/\s/.test(key)) return 'The key contains a space: paste only the key, without quotes or spaces.';
  if (/^["'].*["']$/.test(key)) return 'The key is wrapped in quotes: paste it without them.';
  if (key.length < 8) return 'The key is too short to be an API key.';
  return undefined;
}

/** Bedrock takes either a Bedrock API key or "ACCESS_KEY_ID:SECRET_ACCESS_KEY". */
export function splitAwsKeyPair(secret: string): { accessKeyId: string; secretAccessKey: string } | undefined {
  const m = /^((?:AKIA|ASIA)[A-Z0-9]{12,}):(.+)$/.exec(secret);
  return m ? { accessKeyId: m[1]!, secretAccessKey: m[2]! } : undefined;
}
