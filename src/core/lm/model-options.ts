// modelOptions come from another extension as `{ [name: string]: any }`. We read the few we understand,
// check them here (before any request is sent) and ignore the rest: callers pass options meant for
// other vendors, and refusing those would make the BYOK models unusable for them.
import * as z from 'zod';
import { describeValue, LmApiError } from './errors';

export interface RequestLimits {
  maxOutputTokens?: number;
  temperature?: number;
}

const finiteNumber = (name: string): z.ZodNumber =>
  z.number({ error: (issue) => `${name} must be a finite number, got ${describeValue(issue.input)}` });

/** A token count: whole and positive. A huge one is clamped later, to the model's own limit. */
const tokenCount = (name: string): z.ZodType<number> =>
  z.unknown()
    // Above 2^53 a number is "whole" by accident; it is clamped anyway, so skip the integer check there.
    .pipe(finiteNumber(name))
    .refine((n) => Number.isInteger(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER, { error: `${name} must be a whole number of tokens` })
    .refine((n) => n >= 1, { error: `${name} must be at least 1` });

const ModelOptions = z.looseObject({
  max_tokens: tokenCount('max_tokens').optional(),
  maxOutputTokens: tokenCount('maxOutputTokens').optional(),
  // 0–2 is the widest range any supported provider takes; we refuse rather than silently change it.
  temperature: finiteNumber('temperature').min(0, { error: 'temperature must be from 0 to 2' }).max(2, { error: 'temperature must be from 0 to 2' }).optional(),
});

/**
 * The limits a request may carry, from the caller's modelOptions. Throws LmApiError naming the first
 * bad option. `max_tokens` (OpenAI's name) and `maxOutputTokens` (VS Code's) mean the same.
 */
export function requestLimits(modelOptions: unknown, modelMaxOutputTokens: number): RequestLimits {
  if (modelOptions === undefined || modelOptions === null) return {};
  if (typeof modelOptions !== 'object' || Array.isArray(modelOptions)) throw new LmApiError(`modelOptions must be an object, got ${describeValue(modelOptions)}.`);
  // Only own fields we read are checked: `in` on a class instance or a prototype is not the caller's intent.
  const picked = Object.fromEntries(['max_tokens', 'maxOutputTokens', 'temperature']
    .filter((k) => Object.prototype.hasOwnProperty.call(modelOptions, k) && (modelOptions as Record<string, unknown>)[k] !== undefined)
    .map((k) => [k, (modelOptions as Record<string, unknown>)[k]]));
  const parsed = ModelOptions.safeParse(picked);
  if (!parsed.success) throw new LmApiError(`invalid modelOptions: ${parsed.error.issues[0]?.message ?? 'unreadable'}.`);
  const { max_tokens: maxTokens, maxOutputTokens, temperature } = parsed.data;
  if (maxTokens !== undefined && maxOutputTokens !== undefined && maxTokens !== maxOutputTokens) {
    throw new LmApiError(`invalid modelOptions: max_tokens (${maxTokens}) and maxOutputTokens (${maxOutputTokens}) disagree; pass one.`);
  }
  const asked = maxTokens ?? maxOutputTokens;
  return {
    ...(asked !== undefined ? { maxOutputTokens: Math.min(asked, modelMaxOutputTokens) } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
  };
}
