// Builds the webview exactly as esbuild.mjs does (browser iife, css + ttf loaders, minified as in the
// VSIX), into a directory of its own, so tests never touch dist/ while the extension is in use.
// BYOK_NO_MINIFY=1 keeps names readable (for a CPU profile of the bench).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface WebviewBuild {
  dir: string;
  /** File name -> bytes, for every emitted asset except source maps. */
  sizes: Record<string, number>;
}

export async function buildWebview(dir: string, root = process.cwd()): Promise<WebviewBuild> {
  rmSync(dir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/webview/main.ts' },
    outdir: dir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: process.env.BYOK_NO_MINIFY ? false : true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    loader: { '.css': 'css', '.ttf': 'file' },
  });
  const sizes: Record<string, number> = {};
  for (const file of readdirSync(dir)) sizes[file] = statSync(join(dir, file)).size;
  return { dir, sizes };
}

export function describeSizes(sizes: Record<string, number>): string {
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  return `${Object.entries(sizes).map(([f, n]) => `${f} ${kb(n)}`).join(', ')}; total ${kb(total)}`;
}

/** The sanitizer alone, for tests that feed it raw HTML (served as /extra/sanitizer.js). */
export async function buildSanitizerScript(dir: string, root = process.cwd()): Promise<void> {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { sanitizer: 'test/webview/harness/sanitizer-entry.ts' },
    outdir: dir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
}
