// Runs the host suites (test/host) inside a real VS Code extension host: code-server 4.104.0 driven
// by Chromium. The suite index is the same one @vscode/test-electron runs on a desktop.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { repoRoot, startCodeServer, tempDir } from './code-server.mjs';
import { mapStack } from './map-stack.mjs';
import { startSimulatorProcess } from './simulator-process.mjs';

import { format } from 'node:util';
/** The extension host forwards console calls unformatted (mocha logs with %s/%d): format them here. */
const formatLog = (args) => format(...args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
// The production bundles, as users get them (the footprint suite measures them), with source maps for failures.
run('node', ['esbuild.mjs', '--production', '--sourcemap']);
run('node', ['test/support/build-tests.mjs', 'host']);

const workspace = tempDir('workspace');
writeFileSync(join(workspace, 'hello.ts'), 'export function hello(name: string) {\n  return `Hello, ${name}`;\n}\n');
const resultsFile = join(tempDir('results'), 'host-results.json');
const sim = await startSimulatorProcess();
const server = await startCodeServer({ workspace, env: { BYOK_SIMULATOR_URL: sim.url, BYOK_TEST_RESULTS: resultsFile } });
const browser = await launchBrowser();
let exitCode = 1;
try {
  const page = await browser.newPage();
  const finished = new Promise((resolveExit) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = formatLog(Array.isArray(args) ? args : [args]);
    // The workbench's own complaints about the extension gallery (no internet here) are noise.
    if (/open-vsx\.org|ENOTFOUND|^\s+at /m.test(line)) return;
    (type === 'error' ? console.error : console.log)(line);
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(join(repoRoot, 'out/host/index.js'))],
    ['skipWelcome', 'true'],
  ];
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const timeout = new Promise((r) => setTimeout(() => r('timeout'), 5 * 60_000));
  const result = await Promise.race([finished, timeout]);
  if (result === 'timeout') {
    console.error('host tests: no result after 5 minutes');
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-results', 'host-timeout.png') });
  } else {
    exitCode = Number(result);
  }
} finally {
  await browser.close();
  await server.stop();
  await sim.stop();
}
if (existsSync(resultsFile)) {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  for (const [i, f] of (r.failed ?? []).entries()) console.error(`\n  ${i + 1}) ${f.title}\n     ${mapStack(f.error, repoRoot).split('\n').slice(0, 8).join('\n     ')}`);
  console.log(`host: ${r.passes} passed, ${r.failures} failed${r.pending ? `, ${r.pending} skipped` : ''}`);
  if (r.failures > 0 || r.passes === 0) exitCode = exitCode || 1;
  rmSync(resultsFile);
} else if (exitCode === 0) {
  console.error('host tests: the suite reported success but wrote no results');
  exitCode = 1;
}
process.exit(exitCode);
