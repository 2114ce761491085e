// The texts the token-count figures are measured on (bench `token-count` and host suite `token-count`), made from
// this repository: what VS Code hands provideTokenCount is code, prose and JSON, each text new to the counter.
// - warm-up: 20 texts of the tests (test/**/*.ts), counted first, as a session would have counted others before;
// - never seen: 40 other texts, none counted before, 28 of the extension's source (src/**/*.ts), 6 of the README
//   (prose) and 6 of package-lock.json (JSON), each exactly 10,000 characters;
// - a short text, and a 10,000-character text that is counted again and again.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LONG_CHARS = 10_000;
export const SHORT = 'Explain what this function does.';

export interface TokenTexts {
  warmUp: string[];
  neverSeen: string[];
  /** A 10,000-character text for the repeated-text figure (counted over and over). */
  repeated: string;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** `count` texts of LONG_CHARS characters spread evenly over `all` (distinct slices). */
function slices(all: string, count: number): string[] {
  const step = Math.floor((all.length - LONG_CHARS) / Math.max(1, count - 1));
  if (step < LONG_CHARS / 2) throw new Error(`not enough text for ${count} slices (${all.length} characters)`);
  return Array.from({ length: count }, (_, i) => all.slice(i * step, i * step + LONG_CHARS));
}

/** The texts, from a checkout of this repository at `root`. */
export function tokenTexts(root: string): TokenTexts {
  const read = (p: string): string => readFileSync(join(root, p), 'utf8');
  const source = tsFiles(join(root, 'src')).map((p) => readFileSync(p, 'utf8')).join('\n');
  const tests = tsFiles(join(root, 'test')).map((p) => readFileSync(p, 'utf8')).join('\n');
  return {
    warmUp: slices(tests, 20),
    neverSeen: [...slices(source, 28), ...slices(read('README.md'), 6), ...slices(read('package-lock.json'), 6)],
    repeated: read('src/core/chat/tokens.ts').repeat(4).slice(0, LONG_CHARS),
  };
}

/** Nearest-rank percentile (p in 0..1) of some timings. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
