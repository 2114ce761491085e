// Packages the production build into byok-<version>.vsix with @vscode/vsce, then checks what went in:
// no node_modules, sources, tests or source maps, and under 2 MB.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './code-server.mjs';

const LIMIT = 2 * 1024 * 1024;
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const vsix = join(repoRoot, `byok-${version}.vsix`);
// --no-dependencies: esbuild already bundled everything the extension needs.
execFileSync(process.execPath, [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix],
  { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
const listing = execFileSync(process.execPath, [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' })
  .split('\n').filter(Boolean);
const forbidden = listing.filter((f) => /(^|\/)(node_modules|src|test|out)\/|\.map$|\.ts$/.test(f));
if (forbidden.length) {
  console.error(`package: the VSIX must not contain:\n  ${forbidden.join('\n  ')}`);
  process.exit(1);
}
const size = statSync(vsix).size;
console.log(`package: ${vsix.slice(repoRoot.length + 1)} is ${(size / 1024).toFixed(0)} KB (${listing.length} files; limit 2048 KB)`);
if (size > LIMIT) { console.error('package: the VSIX is over 2 MB'); process.exit(1); }
