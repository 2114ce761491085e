// Runs the webview tests: bundles every test/webview/**/*.test.ts into one file (so they share one
// Chromium and one harness server) and runs it with mocha. The specs build the webview themselves
// (minified, as shipped) into out/webview-harness.
// Usage: node test/webview/run.mjs [--grep <pattern>]
import * as esbuild from 'esbuild';
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const specs = readdirSync('test/webview', { recursive: true }).map(String).filter((f) => f.endsWith('.test.ts')).sort();
const outfile = resolve('out/webview-tests/index.js');
await esbuild.build({
  stdin: { contents: specs.map((f) => `import './${f.replaceAll('\\', '/')}';`).join('\n'), resolveDir: resolve('test/webview'), loader: 'ts', sourcefile: 'index.ts' },
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  sourcesContent: false,
  packages: 'external',
  logLevel: 'warning',
});

const grepAt = process.argv.indexOf('--grep');
process.env.BYOK_TIER = 'webview';
const mocha = new Mocha({ timeout: 30_000, reporter: resolve('test/support/summary-reporter.cjs'), ...(grepAt > 0 ? { grep: process.argv[grepAt + 1] } : {}) });
mocha.addFile(outfile);
mocha.run((failures) => {
  process.exitCode = failures ? 1 : 0;
});
