// npm start: builds and packages the extension, installs the VSIX into a local code-server (the real
// VS Code 1.104 for the browser) and serves it until Ctrl+C. Settings, keys and the extension persist
// in .vscode-test/start/ between runs.
//   npm start                 opens this repository as the workspace
//   npm start -- <folder>     opens another folder
//   npm start -- --demo       also starts the provider simulator's demo host (test/support/simulator/demo): a
//                             working and a wrong key, scripted Markdown answers at a model's pace, a busy model
//   BYOK_PORT=8080 npm start  picks the port (default 8080, or a free one when taken)
//   BYOK_DEMO_PORT=8090       the demo host's port (default 8090, or a free one when taken)
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
  // A fixed port, so the demo key saved last time (its host includes the port) still works; any free one if taken.
  const demoPort = Number(process.env.BYOK_DEMO_PORT ?? 8090);
  sim = await startSimulatorProcess({ port: demoPort }).catch(() => startSimulatorProcess());
}
const server = await startCodeServer({ workspace, extensionsDir, userDataDir, port });
console.log(`\nBYOK ${version} is running in VS Code (code-server 4.104.0):\n\n  ${server.url}/?folder=${encodeURIComponent(workspace)}\n`);
if (sim) {
  console.log([
    'Demo provider (a local simulator; nothing leaves this machine). In VS Code run "BYOK: Add Key", then:',
    '  provider  Custom OpenAI-compatible host',
    '  key       demo-key-that-works   (any other key, e.g. demo-key-wrong, fails with the real invalid-key error)',
    `  host      ${sim.url}/demo/v1`,
    'Models: Demo Writer (~40 tokens/s, try Stop), Demo Fast, Demo Busy (always rate-limited, Retry-After 90 s).',
    'Ask for "a table", "some code" or "a long answer"; BYOK: Show Usage shows what they cost.\n',
  ].join('\n'));
}
console.log('Desktop VS Code: code --install-extension byok-' + version + '.vsix\nPress Ctrl+C to stop.');
const shutdown = async () => { await server.stop(); await sim?.stop(); process.exit(0); };
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
