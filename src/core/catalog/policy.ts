// Which models may be used: an allow-list of glob patterns over model references, and the enabled providers.
//
// Patterns match a whole reference `<presetId>/<modelId>` (see model-ref.ts), case-insensitively:
//   '*' any run of characters, '/' included: 'anthropic/*', '*/gpt-4.1*', '*'
//   '?' exactly one character:             'openai/o?'
// An empty allow-list allows every model; an empty provider list enables every provider.
//
// Settings are user input, so nothing here throws. parsePolicy reports each bad entry in `problems` (for a
// warning in the UI) and fails closed: a broken pattern is kept but matches nothing, an unknown provider id
// enables nothing, and a setting of the wrong type (`5`, `true`, `{}`) blocks every model, so a typo never
// widens what is allowed. Each setting is read on its own: a broken one does not void the other.
import * as z from 'zod';
import { presetIds } from '../providers/presets';
import { parseModelRef } from './model-ref';

export type PolicySetting = 'allowedModels' | 'enabledProviders';

export interface ModelPolicy {
  allowed: string[];
  enabledProviders: string[];
  problems: string[];
  /** Settings whose value has the wrong type: each blocks every model until fixed. */
  blocked: PolicySetting[];
}

/** A list setting: a list, or a single string meaning a list of one. Anything else is a broken setting. */
const ListSetting = z.union([z.string(), z.array(z.unknown())]);

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
  const blocked: PolicySetting[] = [];
  if (settingsValue === undefined) return { allowed: [], enabledProviders: [], problems, blocked };
  if (typeof settingsValue !== 'object' || settingsValue === null || Array.isArray(settingsValue)) {
    problems.push('The model policy settings are not an object with "allowedModels" and "enabledProviders" lists; every model is blocked until this is fixed.');
    return { allowed: [], enabledProviders: [], problems, blocked: ['allowedModels', 'enabledProviders'] };
  }
  const raw = settingsValue as Record<string, unknown>;
  const list = (setting: PolicySetting): unknown[] => {
    const value = raw[setting];
    // Not set: no restriction from this setting. Set to the wrong type: a restriction we cannot read, so nothing passes.
    if (value === undefined) return [];
    const parsed = ListSetting.safeParse(value);
    if (parsed.success) return typeof parsed.data === 'string' ? [parsed.data] : parsed.data;
    problems.push(`byok.${setting} must be a list of text, not ${describe(value)}; every model is blocked until it is fixed.`);
    blocked.push(setting);
    return [];
  };
  // A list that says something but has nothing usable left (`[5]`, `[""]`, "  ") cannot mean "everything": block.
  const nothingUsable = (setting: PolicySetting, written: unknown[], usable: string[]): void => {
    if (written.length === 0 || usable.length > 0 || blocked.includes(setting)) return;
    problems.push(`byok.${setting} has no usable entry; every model is blocked until it is fixed (an empty list [] allows all).`);
    blocked.push(setting);
  };
  const allowed: string[] = [];
  const writtenModels = list('allowedModels');
  for (const [i, item] of writtenModels.entries()) {
    if (typeof item !== 'string') {
      problems.push(`allowedModels[${i}] is not text; ignored.`);
      continue;
    }
    const pattern = item.trim();
    if (!pattern) continue; // an empty entry beside real ones is noise, not intent (a list of only those is blocked below)
    const check = Pattern.safeParse(pattern);
    if (!check.success) problems.push(`Pattern "${pattern}" ${check.error.issues[0]?.message ?? 'is invalid'}; it matches no model until fixed.`);
    allowed.push(pattern);
  }
  nothingUsable('allowedModels', writtenModels, allowed);
  const known = new Set(presetIds());
  const enabledProviders: string[] = [];
  const writtenProviders = list('enabledProviders');
  for (const [i, item] of writtenProviders.entries()) {
    if (typeof item !== 'string') {
      problems.push(`enabledProviders[${i}] is not text; ignored.`);
      continue;
    }
    const id = item.trim().toLowerCase();
    if (!id) continue;
    if (!known.has(id)) problems.push(`Unknown provider "${item.trim()}" in enabledProviders (known: ${[...known].join(', ')}).`);
    enabledProviders.push(id);
  }
  nothingUsable('enabledProviders', writtenProviders, enabledProviders);
  return { allowed, enabledProviders, problems, blocked };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
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

/** isAllowed with a parsed policy; a setting of the wrong type blocks everything. */
export function allowedByPolicy(ref: string, policy: Pick<ModelPolicy, 'allowed' | 'enabledProviders'> & Partial<Pick<ModelPolicy, 'blocked'>>): boolean {
  return policyRefusal(ref, policy) === undefined;
}

/** Whether the policy lets a provider be called at all (listing models, checking a key, any request). */
export function providerEnabled(presetId: string, policy: Pick<ModelPolicy, 'enabledProviders'> & Partial<Pick<ModelPolicy, 'blocked'>>): boolean {
  if (policy.blocked?.includes('enabledProviders')) return false;
  return policy.enabledProviders.length === 0 || policy.enabledProviders.some((p) => p.toLowerCase() === presetId.toLowerCase());
}

/** Why the policy refuses a model, naming the setting to look at; undefined when it is allowed. */
export function policyRefusal(ref: string, policy: Pick<ModelPolicy, 'allowed' | 'enabledProviders'> & Partial<Pick<ModelPolicy, 'blocked'>>): { setting: `byok.${PolicySetting}`; message: string } | undefined {
  const parsed = parseModelRef(ref);
  if (!parsed) return { setting: 'byok.allowedModels', message: `"${ref}" is not a model reference` };
  const broken = policy.blocked?.[0];
  if (broken) return { setting: `byok.${broken}`, message: `byok.${broken} has a value of the wrong type, so your organization's policy blocks every model until it is fixed` };
  if (!providerEnabled(parsed.presetId, policy)) return { setting: 'byok.enabledProviders', message: `${parsed.presetId} is not among the providers your organization enabled (byok.enabledProviders)` };
  if (!isAllowed(ref, policy.allowed, [])) return { setting: 'byok.allowedModels', message: `${ref} is not allowed by your organization's model policy (byok.allowedModels)` };
  return undefined;
}
