// Builds the extension (node/cjs), the webview (browser) and one lazily-required chunk per provider SDK.
// Usage: node esbuild.mjs [--production [--sourcemap]] [--watch]
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { O200K_RANKS_FILE, o200kRanksBrotli } from './test/support/rig/o200k-ranks.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// The host tests run the production bundles (what users get, so their figures are the shipped code's) with
// linked source maps, so a failure still names source lines; the VSIX ships no maps (.vscodeignore).
const sourcemap = !production || process.argv.includes('--sourcemap');

// Provider SDKs are heavy (openai ~1 MB, the AWS SDK more). Each becomes its own file in dist/sdk/,
// required only on first use, so activation stays instant. A *static* import of one from extension
// code would defeat that, so the build refuses it.
export const lazySdks = {
  'openai': 'openai',
  '@anthropic-ai/sdk': 'anthropic',
  '@google/genai': 'google-genai',
  '@aws-sdk/client-bedrock-runtime': 'bedrock-runtime',
  '@smithy/signature-v4': 'sigv4',
  '@smithy/node-http-handler': 'smithy-http',
  'gpt-tokenizer': 'gpt-tokenizer',
};

// gpt-tokenizer ships every encoding; only o200k_base (every current OpenAI model) is shipped, and not as the
// library's 2.77 MB JavaScript array: the chunk is src/core/chat/o200k.ts (the library's BPE engine) and reads
// its ranks from dist/sdk/o200k_base.ranks.json.br (Brotli, ~0.75 MB) on the first count. Code keeps importing
// the library's name, so the unit tests (unbundled) count with the library itself.
lazySdks['gpt-tokenizer/encoding/o200k_base'] = 'tokenizer-o200k_base';
delete lazySdks['gpt-tokenizer'];
const sdkEntryContents = {
  'gpt-tokenizer/encoding/o200k_base': `module.exports = require('./src/core/chat/o200k.ts').o200kFromDir(__dirname, ${JSON.stringify(O200K_RANKS_FILE)});`,
};
// The AWS packages share most of their code (smithy, credential chain): one chunk holds all three,
// and each package name maps to a one-line file that re-exports its part. The SigV4 signer is already
// inside the runtime client, so the model listing signs its fetch with it for free (no control-plane client).
const awsGroup = { '@aws-sdk/client-bedrock-runtime': 'runtime', '@smithy/node-http-handler': 'http', '@smithy/signature-v4': 'sigv4' };

// The extension itself is two files: a tiny bootstrap (dist/extension.js) that registers
// contributions, and the app (dist/app.js: zod, the core, every feature) required on first use.
const lazyApp = { './vscode/app': './app.js' };
const sdkPaths = Object.fromEntries(Object.entries(lazySdks).map(([pkg, file]) => [pkg, `./sdk/${file}.js`]));

// Code the SDKs reach only on paths BYOK never takes, replaced in the chunks by stand-ins that refuse:
// - google-auth-library (Vertex AI and Application Default Credentials; with it gaxios, node-fetch and a
//   web-streams polyfill) and ws (the Live API): the Gemini client is always built with an API key and
//   vertexai: false (gemini/client.ts), and NodeAuth touches GoogleAuth only without a key. ~100 KB of the VSIX.
// - The AWS default credential and token chains (env, ~/.aws, SSO, instance metadata; with them the STS and
//   SSO clients): BYOK passes the key it saved explicitly (bedrock/client.ts) and must never fall back to
//   the machine's ambient credentials, so here the fallback cannot even run. ~30 KB of the VSIX.
// Each stand-in throws a plain error if it is ever reached, instead of sending anything.
const refuse = (what) => `() => async () => { throw new Error(${JSON.stringify(`${what} is not shipped with BYOK`)}); }`;
const notShipped = {
  'google-auth-library': `class GoogleAuth { constructor() { throw new Error('Google Cloud credentials are not shipped with BYOK: use an API key'); } }\nmodule.exports = { GoogleAuth };`,
  'ws': `class WebSocket { constructor() { throw new Error('The Gemini Live API is not shipped with BYOK'); } }\nmodule.exports = { WebSocket };`,
  '@aws-sdk/credential-provider-node': `module.exports = { defaultProvider: ${refuse('The AWS default credential chain')} };`,
  '@aws-sdk/token-providers': `module.exports = { fromEnvSigningName: ${refuse('AWS_BEARER_TOKEN_BEDROCK')}, nodeProvider: ${refuse('The AWS SSO token chain')}, fromSso: ${refuse('The AWS SSO token chain')} };`,
};

const escape = (n) => n.replace(/[/@.-]/g, '\\$&');
function lazyPlugin(map) {
  return {
    name: 'lazy-chunks',
    setup(build) {
      const filter = new RegExp(`^(${Object.keys(map).map(escape).join('|')})$`);
      // Any other entry point into these packages would be bundled whole into the eager code.
      build.onResolve({ filter: /^(openai|@anthropic-ai\/sdk|@google\/genai|@aws-sdk\/|@smithy\/node-http-handler|@smithy\/signature-v4|gpt-tokenizer)/ }, (args) => {
        if (map[args.path]) return undefined;
        return { errors: [{ text: `${args.path} is not a lazy chunk: import one of ${Object.keys(map).filter((k) => !k.startsWith('.')).join(', ')} (from ${args.importer})` }] };
      });
      build.onResolve({ filter }, (args) => {
        if (args.kind !== 'dynamic-import') {
          return { errors: [{ text: `${args.path} must be loaded with await import() so activation does not load it (imported from ${args.importer})` }] };
        }
        return { path: map[args.path], external: true };
      });
    },
  };
}
const lazySdkPlugin = lazyPlugin(sdkPaths);

const common = {
  bundle: true,
  minify: production,
  sourcemap: sourcemap ? 'linked' : false,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};
// Node bundles turn import() into require() so lazy chunks load through the extension host's
// CommonJS loader (and show up in require.cache, which the activation test inspects).
const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20', supported: { 'dynamic-import': false } };

const builds = [
  {
    ...nodeCommon,
    // The code cache's pre-build runs in a worker thread of its own (src/core/code-cache-worker.ts).
    entryPoints: { extension: 'src/extension.ts', 'code-cache-worker': 'src/core/code-cache-worker.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [lazyPlugin({ ...sdkPaths, ...lazyApp })],
  },
  {
    ...nodeCommon,
    entryPoints: { app: 'src/vscode/app.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [lazySdkPlugin],
  },
  {
    ...nodeCommon,
    entryPoints: {
      ...Object.fromEntries(Object.entries(lazySdks).filter(([pkg]) => !awsGroup[pkg]).map(([pkg, file]) => [file, `sdk-entry:${pkg}`])),
      ...Object.fromEntries(Object.keys(awsGroup).map((pkg) => [lazySdks[pkg], `sdk-alias:${pkg}`])),
      aws: 'sdk-aws:',
    },
    outdir: 'dist/sdk',
    plugins: [{
      name: 'sdk-entry',
      setup(build) {
        build.onResolve({ filter: new RegExp(`^(${Object.keys(notShipped).map(escape).join('|')})$`) }, (args) => ({ path: args.path, namespace: 'not-shipped' }));
        build.onLoad({ filter: /.*/, namespace: 'not-shipped' }, (args) => ({ contents: notShipped[args.path], loader: 'js' }));
        build.onResolve({ filter: /^sdk-(entry|alias|aws):/ }, (args) => {
          const [, kind, path] = /^sdk-(entry|alias|aws):(.*)$/.exec(args.path);
          return { path: path || 'aws', namespace: `sdk-${kind}` };
        });
        build.onResolve({ filter: /^\.\/aws\.js$/ }, () => ({ path: './aws.js', external: true }));
        build.onLoad({ filter: /.*/, namespace: 'sdk-entry' }, (args) => ({
          contents: sdkEntryContents[args.path] ?? `module.exports = require(${JSON.stringify(args.path)});`,
          resolveDir: process.cwd(),
          loader: 'ts',
        }));
        build.onLoad({ filter: /.*/, namespace: 'sdk-alias' }, (args) => ({ contents: `module.exports = require('./aws.js').${awsGroup[args.path]};`, resolveDir: process.cwd() }));
        build.onLoad({ filter: /.*/, namespace: 'sdk-aws' }, () => ({
          contents: Object.entries(awsGroup).map(([pkg, key]) => `exports.${key} = require(${JSON.stringify(pkg)});`).join('\n'),
          resolveDir: process.cwd(),
        }));
      },
    }],
  },
  {
    ...common,
    // The usage panel is its own small bundle (d3-scale/d3-shape), so the chat never loads it.
    entryPoints: { main: 'src/webview/main.ts', usage: 'src/webview/usage/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'css', '.ttf': 'file' },
  },
];

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/sdk', { recursive: true });
writeFileSync(`dist/sdk/${O200K_RANKS_FILE}`, o200kRanksBrotli());
if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`esbuild: built ${production ? 'production' : 'development'} bundles${production && sourcemap ? ' (with source maps)' : ''} in ${Date.now() - started} ms`);
}
