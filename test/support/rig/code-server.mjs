// Starts a real VS Code (code-server 4.104.0 = VS Code 1.104.0) on loopback for the host and ui tiers
// and for `npm start`. Each start gets fresh user-data and extensions folders unless told otherwise.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const cacheDir = join(repoRoot, '.vscode-test');
export const node22 = join(cacheDir, 'node22', 'bin', 'node');
export const codeServerBin = join(cacheDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Installs Node 22 and code-server into .vscode-test/ when missing (idempotent). */
export function ensureCodeServer() {
  if (existsSync(node22) && existsSync(codeServerBin)) return;
  execFileSync('bash', [join(repoRoot, 'test/support/rig/install-code-server.sh')], { stdio: 'inherit' });
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolvePort(port)); });
  });
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `byok-${prefix}-`));
}

/** Writes VS Code user settings (theme, no welcome page, no telemetry prompts) into a user-data dir. */
export function writeUserSettings(userDataDir, settings = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'chat.disableAIFeatures': false,
    'workbench.colorTheme': 'Default Dark Modern',
    ...settings,
  }, null, 2));
}

export function installVsix(vsix, extensionsDir) {
  ensureCodeServer();
  execFileSync(node22, [codeServerBin, '--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/**
 * Starts code-server and resolves once it answers HTTP. Returns { url, port, stop, output }.
 * `env` is passed to the server and so to the extension host (tests use it to find the simulator).
 */
export async function startCodeServer({ workspace, extensionsDir = tempDir('ext'), userDataDir = tempDir('user'), env = {}, port, settings } = {}) {
  ensureCodeServer();
  port ??= await freePort();
  writeUserSettings(userDataDir, settings);
  const args = [codeServerBin, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', workspace];
  const child = spawn(node22, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // Never outlive the runner, even when it crashes.
  process.once('exit', () => child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (${child.exitCode}):\n${output}`);
    try { const r = await fetch(`${url}/healthz`); if (r.ok) break; } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill(); throw new Error(`code-server did not start in 60 s:\n${output}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () => new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
  return { url, port, stop, extensionsDir, userDataDir, get output() { return output; } };
}
