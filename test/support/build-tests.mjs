// Compiles a test tier with esbuild (fast, no type-check: `npm run typecheck` does that).
// Usage: node test/support/build-tests.mjs <unit|host|ui|bench|support>...
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const tiers = process.argv.slice(2);
const files = (dir, suffix) => (existsSync(dir) ? readdirSync(dir, { recursive: true }) : [])
  .map(String).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  supported: { 'dynamic-import': false },
  sourcemap: 'inline',
  sourcesContent: false,
  // Real packages resolve from node_modules at run time, as the SDKs would in the extension.
  packages: 'external',
  external: ['vscode'],
  logLevel: 'warning',
};

const plans = {
  // TEST_FILTER=openai builds only matching unit tests (handy while working on one provider).
  unit: { entryPoints: files('test/unit', '.test.ts').filter((f) => f.includes(process.env.TEST_FILTER ?? '')), outdir: 'out/unit', outbase: 'test/unit' },
  // Host suites run inside VS Code's extension host; the index bundles every suite.
  host: { entryPoints: ['test/host/index.ts'], outdir: 'out/host', outbase: 'test/host' },
  ui: { entryPoints: files('test/ui', '.test.ts'), outdir: 'out/ui', outbase: 'test/ui' },
  bench: { entryPoints: ['test/bench/index.ts'], outdir: 'out/bench', outbase: 'test/bench' },
  support: { entryPoints: ['test/support/simulator/cli.ts'], outdir: 'out/support/simulator', outbase: 'test/support/simulator' },
};

for (const tier of tiers.length ? tiers : ['unit']) {
  const plan = plans[tier];
  if (!plan) throw new Error(`unknown tier ${tier}`);
  if (!process.env.TEST_FILTER) rmSync(plan.outdir, { recursive: true, force: true });
  if (plan.entryPoints.length === 0) throw new Error(`no ${tier} tests found`);
  await esbuild.build({ ...common, ...plan });
  if (tier !== 'support' && existsSync('test/support/simulator/cli.ts')) {
    await esbuild.build({ ...common, ...plans.support });
  }
}
