// Which models may be used: an allow-list of glob patterns over model references, and the enabled providers.
//
// Patterns match a whole reference `<presetId>/<modelId>` (see model-ref.ts), case-insensitively:
//   '*' any run of characters, '/' included: 'anthropic/*', '*/gpt-4.1*', '*'
//   '?' exactly one character:             'openai/o?'
// An empty allow-list allows every model; an empty provider list enables every provider.
//
// Settings are user input, so nothing here throws. parsePolicy reports each bad entry in `problems` (for a
// warning in the UI) and fails closed: a broken pattern is kept but matches nothing, an unknown provider id
// enables nothing, so a typo never widens what is allowed.
import { z } from 'zod';
import { presetIds } from '../providers/presets';
import { parseModelRef } from './model-ref';

export interface ModelPolicy {
  allowed: string[];
  enabledProviders: string[];
  problems: string[];
}

/** The shape of the settings object: `byok.allowedModels` and `byok.enabledProviders`. A single string is one pattern. */
const SettingsSchema = z.object({
  allowedModels: z.union([z.string(), z.array(z.unknown())]).nullish(),
  enabledProviders: z.union([z.string(), z.array(z.unknown())]).nullish(),
});

/** Regular-expression syntax that means nothing in a glob: someone wrote a regex. */
const REGEX_SYNTAX = /[\\^$|()[\]{}]/;

const Pattern = z.string().superRefine((p, ctx) => {
  if (/\s/.test(p)) ctx.addIssue({ code: 'custom', message: 'contains a space' });
  else if (REGEX_SYNTAX.test(p)) ctx.addIssue({ code: 'custom', message: 'looks like a regular expression: use * for any run of characters and ? for one' });
  else if (!p.includes('/') && !p.startsWith('*')) ctx.addIssue({ code: 'custom', message: `has no provider part: write e.g. "openai/${p}" or "*/${p}"` });
});

/** Reads the policy settings. Never throws: whatever is wrong ends up in `problems`. */
export function parsePolicy(settingsValue: unknown): ModelPolicy {
  const problems: string[] = [];
  const parsed = SettingsSchema.safeParse(settingsValue ?? {});
  if (!parsed.success) {
    problems.push('The model policy settings are not an object with "allowedModels" and "enabledProviders" lists; no policy is applied.');
    return { allowed: [], enabledProviders: [], problems };
  }
  const allowed: string[] = [];
  for (const [i, item] of asList(parsed.data.allowedModels).entries()) {
    if (typeof item !== 'string') {
      problems.push(`allowedModels[${i}] is not text; ignored.`);
      continue;
    }
    const pattern = item.trim();
    if (!pattern) continue; // an empty entry in a settings list is noise, not intent
    const check = Pattern.safeParse(pattern);
    if (!check.success) problems.push(`Pattern "${pattern}" ${check.error.issues[0]?.message ?? 'is invalid'}; it matches no model until fixed.`);
    allowed.push(pattern);
  }
  const known = new Set(presetIds());
  const enabledProviders: string[] = [];
  for (const [i, item] of asList(parsed.data.enabledProviders).entries()) {
    if (typeof item !== 'string') {
      problems.push(`enabledProviders[${i}] is not text; ignored.`);
      continue;
    }
    const id = item.trim().toLowerCase();
    if (!id) continue;
    if (!known.has(id)) problems.push(`Unknown provider "${item.trim()}" in enabledProviders (known: ${[...known].join(', ')}).`);
    enabledProviders.push(id);
  }
  return { allowed, enabledProviders, problems };
}

function asList(value: string | unknown[] | null | undefined): unknown[] {
  if (value === null || value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

const compiled = new Map<string, RegExp>();

/** The glob as an anchored, case-insensitive regular expression. Every other character is literal. */
export function globToRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = Array.from(pattern, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))).join('');
    re = new RegExp(`^${body}$`, 'is');
    compiled.set(pattern, re);
  }
  return re;
}

export function matchesPattern(ref: string, pattern: string): boolean {
  return globToRegExp(pattern).test(ref);
}

/** Whether a model reference passes the policy. A malformed reference is never allowed. */
export function isAllowed(ref: string, allowedPatterns: readonly string[], enabledProviders: readonly string[]): boolean {
  const parsed = parseModelRef(ref);
  if (!parsed) return false;
  if (enabledProviders.length > 0 && !enabledProviders.some((p) => p.toLowerCase() === parsed.presetId.toLowerCase())) return false;
  if (allowedPatterns.length === 0) return true;
  return allowedPatterns.some((p) => matchesPattern(ref, p));
}

/** isAllowed with a parsed policy. */
export function allowedByPolicy(ref: string, policy: Pick<ModelPolicy, 'allowed' | 'enabledProviders'>): boolean {
  return isAllowed(ref, policy.allowed, policy.enabledProviders);
}
