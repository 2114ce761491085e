// Names for models, as text.
//
// Two forms, never mixed in one field:
//  - A model reference `<presetId>/<modelId>` ('openai/gpt-4.1', 'openrouter/anthropic/claude-sonnet-4.5') names
//    a model of a provider. Policies, prices and settings use it: they must not depend on which key is used.
//  - A key-scoped id `<keyId>/<modelId>` names a model *through one saved key*. The picker and the chat store
//    it, because two keys of the same provider (work and personal) can offer the same model, and the user
//    chooses which one pays. Turn it into a model reference with the key's presetId (toModelRef) before
//    checking the policy or looking up the price.
// The model id is everything after the FIRST '/': provider model ids contain slashes ('openai/gpt-oss-120b'
// on Groq) but preset ids and key ids never do.

export interface ModelRef {
  presetId: string;
  modelId: string;
}

export interface KeyModelRef {
  keyId: string;
  modelId: string;
}

/** Preset ids and key ids: letters, digits, '-', '_' and '.'; never a '/'. */
const PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function split(text: string): { prefix: string; modelId: string } | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) return undefined;
  const prefix = text.slice(0, slash);
  const modelId = text.slice(slash + 1);
  if (!PREFIX.test(prefix) || modelId.trim() !== modelId) return undefined;
  return { prefix, modelId };
}

/** 'openai/gpt-4.1' -> { presetId: 'openai', modelId: 'gpt-4.1' }; undefined when it is not a reference. */
export function parseModelRef(ref: string): ModelRef | undefined {
  const parts = split(ref);
  return parts ? { presetId: parts.prefix, modelId: parts.modelId } : undefined;
}

export function formatModelRef(presetId: string, modelId: string): string {
  if (!PREFIX.test(presetId)) throw new Error(`Invalid provider id "${presetId}"`);
  if (!modelId) throw new Error('A model reference needs a model id');
  return `${presetId}/${modelId}`;
}

/** 'k3f9/gpt-4.1' -> { keyId: 'k3f9', modelId: 'gpt-4.1' }; undefined when malformed. */
export function parseKeyModelId(id: string): KeyModelRef | undefined {
  const parts = split(id);
  return parts ? { keyId: parts.prefix, modelId: parts.modelId } : undefined;
}

export function formatKeyModelId(keyId: string, modelId: string): string {
  if (!PREFIX.test(keyId)) throw new Error(`Invalid key id "${keyId}"`);
  if (!modelId) throw new Error('A model id is required');
  return `${keyId}/${modelId}`;
}

/** The model reference behind a key-scoped id, given how to find a key's provider. */
export function toModelRef(keyModelId: string, presetOfKey: (keyId: string) => string | undefined): string | undefined {
  const parsed = parseKeyModelId(keyModelId);
  const presetId = parsed && presetOfKey(parsed.keyId);
  return parsed && presetId ? `${presetId}/${parsed.modelId}` : undefined;
}
