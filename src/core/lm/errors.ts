// A request through VS Code's Language Model API that we refuse before (or instead of) sending it:
// another extension's input that no provider would accept, or a model's tool call the caller cannot use.
// The message is for the calling extension's developer, so it names the field and what was wrong.
export class LmApiError extends Error {
  override readonly name = 'LmApiError';

  constructor(problem: string) {
    super(`BYOK: ${problem}`);
  }
}

/** A short, safe picture of a value another extension sent (never the whole of a long string). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)})`;
  if (typeof value === 'number') return `the number ${value}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
