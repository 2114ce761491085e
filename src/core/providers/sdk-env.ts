// The openai and Anthropic SDKs read OPENAI_CUSTOM_HEADERS / ANTHROPIC_CUSTOM_HEADERS in their constructors
// and put every header named there into each request, over the SDK's own (User-Agent, Idempotency-Key,
// anthropic-version, ...). pinnedFetch's allow-list only knows names, so a gateway token hidden under
// `User-Agent:` would still reach every host. Nulling those names in defaultHeaders would also remove
// the SDK's own values; instead the constructor never sees the variables, so a client sends exactly
// what it would send on a machine without them.

/** The variables the Stainless SDKs turn into request headers. */
export const SDK_HEADER_ENV = ['OPENAI_CUSTOM_HEADERS', 'ANTHROPIC_CUSTOM_HEADERS'] as const;

/**
 * Runs `build` (a synchronous SDK constructor) with the named variables absent from process.env, and
 * puts them back before returning. Nothing else can run in between: JavaScript does not interleave a
 * synchronous block, so no other extension in the host ever sees the variables missing.
 */
export function withoutEnv<T>(names: readonly string[], build: () => T): T {
  const env = globalThis.process?.env;
  if (!env) return build();
  const saved = new Map<string, string>();
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) { saved.set(name, value); delete env[name]; }
  }
  try {
    return build();
  } finally {
    for (const [name, value] of saved) env[name] = value;
  }
}
