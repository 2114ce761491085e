// Runs one bench in a fresh Node with its own V8 flags (the stream-overhead bench wants
// --single-threaded, which can only be set at start-up). The parent waits and returns true; in the
// child, where the work happens, it returns false.
import { spawn } from 'node:child_process';

const MARK = 'BYOK_BENCH_ISOLATED';

export async function ranInFreshNode(bench: string, v8Flags: readonly string[]): Promise<boolean> {
  if (process.env[MARK] === bench) return false;
  const child = spawn(process.execPath, [...v8Flags, process.argv[1]!, bench], { stdio: 'inherit', env: { ...process.env, [MARK]: bench } });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`bench ${bench} exited with ${code}`);
  return true;
}
