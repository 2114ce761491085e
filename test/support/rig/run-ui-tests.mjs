// UI tier: packages the VSIX, installs it into a fresh code-server, and runs the Playwright suites
// (test/ui) against it as a user would. Screenshots land in test-results/screenshots (gitignored).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installVsix, repoRoot, startCodeServer, tempDir } from './code-server.mjs';
import { startSimulatorProcess } from './simulator-process.mjs';

const run = (cmd, args) => execFileSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
run('npm', ['run', '--silent', 'package']);
run('node', ['test/support/build-tests.mjs', 'ui']);

const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const extensionsDir = tempDir('ui-ext');
installVsix(join(repoRoot, `byok-${version}.vsix`), extensionsDir);

const workspace = tempDir('ui-workspace');
writeFileSync(join(workspace, 'hello.ts'), 'export function hello(name: string) {\n  return `Hello, ${name}`;\n}\n');
const screenshots = join(repoRoot, 'test-results', 'screenshots');
rmSync(screenshots, { recursive: true, force: true });
mkdirSync(screenshots, { recursive: true });

const sim = await startSimulatorProcess();
const server = await startCodeServer({ workspace, extensionsDir, env: { BYOK_SIMULATOR_URL: sim.url } });
let code;
try {
  const mocha = spawn(process.execPath, [join(repoRoot, 'node_modules/mocha/bin/mocha.js'), '--config', 'test/ui/.mocharc.json'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, BYOK_TIER: 'ui', BYOK_UI_URL: server.url, BYOK_UI_WORKSPACE: workspace, BYOK_SIMULATOR_URL: sim.url, BYOK_SCREENSHOTS: screenshots, BYOK_UI_USER_DATA: server.userDataDir },
  });
  code = await new Promise((r) => mocha.once('exit', (c) => r(c ?? 1)));
} finally {
  await server.stop();
  await sim.stop();
}
console.log(`ui: screenshots in ${screenshots.slice(repoRoot.length + 1)}`);
process.exit(code);
