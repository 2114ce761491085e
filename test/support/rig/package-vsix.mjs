// Packages the production build into byok-<version>.vsix with @vscode/vsce, then checks what went in:
// no node_modules, sources, tests or source maps; prints the size of every file (raw and as stored in
// the VSIX) and fails when the VSIX or any big file is over its budget (size-budget.json).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './code-server.mjs';
import { checkBudget, readBudget, sizeTable, zipEntries } from './size-report.mjs';

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
const zip = readFileSync(vsix);
const budget = readBudget(join(repoRoot, 'test/support/rig/size-budget.json'));
const entries = zipEntries(zip);
console.log(`\n${sizeTable(entries, zip.length, budget)}\n`);
const breaches = checkBudget(entries, zip.length, budget);
if (breaches.length) {
  console.error(`package: over budget (test/support/rig/size-budget.json):\n  ${breaches.join('\n  ')}`);
  process.exit(1);
}
console.log(`package: ${vsix.slice(repoRoot.length + 1)} is ${(zip.length / 1024).toFixed(0)} KB (${listing.length} files; budget ${budget.vsixKB} KB)`);
