// Builds the extension (node/cjs), the webview (browser) and one lazily-required chunk per provider SDK.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// Provider SDKs are heavy (openai ~1 MB, the AWS SDK more). Each becomes its own file in dist/sdk/,
// required only on first use, so activation stays instant. A *static* import of one from extension
// code would defeat that, so the build refuses it.
export const lazySdks = {
  'openai': 'openai',
  '@anthropic-ai/sdk': 'anthropic',
  '@google/genai': 'google-genai',
  '@aws-sdk/client-bedrock-runtime': 'bedrock-runtime',
  '@aws-sdk/client-bedrock': 'bedrock',
  '@smithy/node-http-handler': 'smithy-http',
  'gpt-tokenizer': 'gpt-tokenizer',
};

const lazySdkPlugin = {
  name: 'lazy-sdk',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(lazySdks).map((n) => n.replace(/[/@.-]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => {
      if (args.kind !== 'dynamic-import') {
        return { errors: [{ text: `${args.path} must be loaded with await import() so activation does not load it (imported from ${args.importer})` }] };
      }
      return { path: `./sdk/${lazySdks[args.path]}.js`, external: true };
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazySdkPlugin],
  },
  {
    ...common,
    entryPoints: Object.fromEntries(Object.entries(lazySdks).map(([pkg, file]) => [file, `sdk-entry:${pkg}`])),
    outdir: 'dist/sdk',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [{
      name: 'sdk-entry',
      setup(build) {
        build.onResolve({ filter: /^sdk-entry:/ }, (args) => ({ path: args.path.slice('sdk-entry:'.length), namespace: 'sdk-entry' }));
        build.onLoad({ filter: /.*/, namespace: 'sdk-entry' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, resolveDir: process.cwd() }));
      },
    }],
  },
  {
    ...common,
    entryPoints: { main: 'src/webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'css', '.ttf': 'file' },
  },
];

rmSync('dist', { recursive: true, force: true });
if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`esbuild: built ${production ? 'production' : 'development'} bundles in ${Date.now() - started} ms`);
}
