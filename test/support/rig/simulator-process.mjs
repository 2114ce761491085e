// Runs the provider simulator as a child process (host and ui tiers, npm start's demo mode).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './code-server.mjs';

/** `port`: a fixed one (npm start's demo, so a saved demo key's host still answers next time); default any free one. */
export async function startSimulatorProcess({ port } = {}) {
  const cli = join(repoRoot, 'out/support/simulator/cli.js');
  if (!existsSync(cli)) throw new Error('simulator not built: node test/support/build-tests.mjs support');
  const child = spawn(process.execPath, [cli, ...(port ? [`--port=${port}`] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Never outlive the runner, even when it crashes.
  process.once('exit', () => child.kill('SIGKILL'));
  const url = await new Promise((resolveUrl, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /SIMULATOR_URL=(\S+)/.exec(buf);
      if (m) resolveUrl(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code})`)));
  });
  const control = async (path, body) => {
    const r = await fetch(`${url}/__sim/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return r.json();
  };
  return {
    url,
    control,
    stop: () => new Promise((done) => { if (child.exitCode !== null) return done(); child.once('exit', () => done()); child.kill('SIGTERM'); }),
  };
}
