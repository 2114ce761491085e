// Desktop runner for the same host suites: downloads VS Code with @vscode/test-electron (needs the
// internet, so it is not part of npm test here) and runs out/host/index.js in its extension host.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot, tempDir } from './code-server.mjs';
import { startSimulatorProcess } from './simulator-process.mjs';

execFileSync('node', ['esbuild.mjs', '--production', '--sourcemap'], { cwd: repoRoot, stdio: 'inherit' });
execFileSync('node', ['test/support/build-tests.mjs', 'host'], { cwd: repoRoot, stdio: 'inherit' });
const workspace = tempDir('workspace');
writeFileSync(join(workspace, 'hello.ts'), 'export const hello = (name: string) => `Hello, ${name}`;\n');
const sim = await startSimulatorProcess();
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.104.0',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out/host/index.js'),
    extensionTestsEnv: { BYOK_SIMULATOR_URL: sim.url },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`electron host tests failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await sim.stop();
}
