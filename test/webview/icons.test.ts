// Icons are drawn by code point (no 35 kB icon stylesheet): each must match @vscode/codicons.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CODICONS } from '../../src/webview/icons';

describe('codicons', () => {
  it('uses the code points of the installed @vscode/codicons', () => {
    const css = readFileSync(require.resolve('@vscode/codicons/dist/codicon.css'), 'utf8');
    for (const [name, codePoint] of Object.entries(CODICONS)) {
      const match = new RegExp(`\\.codicon-${name}:before\\s*\\{\\s*content:\\s*"\\\\([0-9a-f]+)"`).exec(css);
      assert.ok(match, `codicon-${name} is not in @vscode/codicons`);
      assert.equal(parseInt(match[1]!, 16), codePoint, `codicon-${name}`);
    }
  });
});
