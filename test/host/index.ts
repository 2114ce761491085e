// The host suite index: `run()` is what VS Code calls with extensionTestsPath, both in code-server
// (npm run test:host) and in a desktop VS Code downloaded by @vscode/test-electron (npm run test:electron).
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { ByokApi } from '../../src/extension';

export async function run(): Promise<void> {
  // BYOK_HOST_GREP runs only matching tests (handy while working on one feature).
  const grep = process.env.BYOK_HOST_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  // Suites are bundled into this file: define mocha's globals, then evaluate them.
  // The extension pre-builds its code cache in a worker thread right after activation. Let it finish before the
  // suites' first use, as it would in a window open for a moment (first-use.test.ts checks that use took it).
  const api = await vscode.extensions.getExtension<ByokApi>('byok.byok')?.activate();
  await api?.codeCache?.().prebuilding;
  mocha.suite.emit('pre-require', globalThis, 'host-suites', mocha);
  await import('./suites');
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    // The reporter's epilogue can race the host's exit: keep every failure for the runner to print.
    const failed: { title: string; error: string }[] = [];
    runner.on('fail', (test, err: Error) => failed.push({ title: test.fullTitle(), error: err.stack ?? err.message }));
    runner.on('end', () => {
      const file = process.env.BYOK_TEST_RESULTS;
      if (file) writeFileSync(file, JSON.stringify({ ...runner.stats, failed }));
    });
  });
  if (failures > 0) throw new Error(`${failures} host test(s) failed`);
}
