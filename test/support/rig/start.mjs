// npm start: builds and packages the extension, installs the VSIX into a local code-server (the real
// VS Code 1.104 for the browser) and serves it until Ctrl+C. Settings, keys and the extension persist
// in .vscode-test/start/ between runs.
//   npm start                 opens this repository as the workspace
//   npm start -- <folder>     opens another folder
//   npm start -- --demo       also starts the provider simulator, a fake OpenAI-compatible host to try keys on
//   BYOK_PORT=8080 npm start  picks the port (default 8080, or a free one when taken)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir, freePort, installVsix, repoRoot, startCodeServer } from './code-server.mjs';
import { startSimulatorProcess } from './simulator-process.mjs';

const args = process.argv.slice(2);
const demo = args.includes('--demo');
const workspace = resolve(args.find((a) => !a.startsWith('--')) ?? repoRoot);

execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const home = join(cacheDir, 'start');
const extensionsDir = join(home, 'extensions');
const userDataDir = join(home, 'user-data');
mkdirSync(extensionsDir, { recursive: true });
installVsix(join(repoRoot, `byok-${version}.vsix`), extensionsDir);

let port = Number(process.env.BYOK_PORT ?? 8080);
try { const r = await fetch(`http://127.0.0.1:${port}/healthz`); if (r) port = await freePort(); } catch { /* port is free */ }

let sim;
if (demo) {
  execFileSync('node', ['test/support/build-tests.mjs', 'support'], { cwd: repoRoot, stdio: 'inherit' });
  sim = await startSimulatorProcess();
}
const server = await startCodeServer({ workspace, extensionsDir, userDataDir, port });
console.log(`\nBYOK ${version} is running in VS Code (code-server 4.104.0):\n\n  ${server.url}/?folder=${encodeURIComponent(workspace)}\n`);
if (sim) console.log(`Demo provider (simulator): add a key for "Custom OpenAI-compatible host" with host ${sim.url}/v1 and any key.\n`);
console.log('Desktop VS Code: code --install-extension byok-' + version + '.vsix\nPress Ctrl+C to stop.');
const shutdown = async () => { await server.stop(); await sim?.stop(); process.exit(0); };
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
