// A schema that only one feature uses (the usage panel, Edit Selection, a provider's listing) is built the
// first time that feature parses something, not when dist/app.js loads: zod schemas cost time to construct,
// and the first use of BYOK (a command, the chat view) should not pay for features it does not touch.
// The schema itself is exactly the one written in the builder, so validation is unchanged.
export function lazySchema<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}
