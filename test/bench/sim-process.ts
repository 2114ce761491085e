// Runs the provider simulator in its own process, so a benchmark's CPU figures count only the
// client side (the simulator's frame writing would otherwise be billed to both contenders alike).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createSimulator } from '../support/simulator';

export interface RunningSimulator {
  url: string;
  /** POSTs to the simulator's control API (/__sim/reply, /__sim/fault, …). */
  control(path: string, body: unknown): Promise<void>;
  stop(): Promise<void>;
  /** True when it runs in this process (the built CLI was missing). */
  inProcess: boolean;
}

export async function startSimulatorProcess(): Promise<RunningSimulator> {
  // The bench build also builds out/support/simulator/cli.js; this file is bundled into out/bench/.
  const cli = join(__dirname, '..', 'support', 'simulator', 'cli.js');
  if (!existsSync(cli)) {
    const sim = createSimulator();
    const url = await sim.start();
    return { url, inProcess: true, control: (path, body) => post(url, path, body), stop: () => sim.stop() };
  }
  const child: ChildProcess = spawn(process.execPath, [cli], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => { const m = /^SIMULATOR_URL=(\S+)/.exec(line); if (m) resolve(m[1]!); });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}) before printing its URL`)));
  });
  return {
    url,
    inProcess: false,
    control: (path, body) => post(url, path, body),
    stop: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

async function post(url: string, path: string, body: unknown): Promise<void> {
  const send = (): Promise<Response> => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // After a long phase without requests the pooled connection may have just been closed by the server's
  // keep-alive timeout ("other side closed"); control calls are idempotent, so one retry on a new one.
  const res = await send().catch(send);
  if (!res.ok) throw new Error(`simulator control ${path}: HTTP ${res.status}`);
}
