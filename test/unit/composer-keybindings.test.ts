// A focused chat composer keeps its own keys (Enter, Shift+Enter, Esc, Up). VS Code forwards every keydown
// in a webview to the workbench's keybindings, so a contributed keybinding on one of these keys would fire
// while the user types a question, unless its `when` clause requires an editor to have focus (false while
// the chat webview has it).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Keybinding { command: string; key?: string; mac?: string; win?: string; linux?: string; when?: string }
const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { contributes: { keybindings?: Keybinding[] } };

const COMPOSER_KEYS = new Set(['enter', 'shift+enter', 'escape', 'up']);
/** True only when a text editor (not a webview) has focus. */
const EDITOR_ONLY = /\b(editorTextFocus|editorFocus|textInputFocus && !webviewFocus)\b/;

function stealingComposerKeys(bindings: readonly Keybinding[]): Keybinding[] {
  return bindings.filter((k) => {
    // The first key of a chord is what the composer would lose.
    const keys = [k.key, k.mac, k.win, k.linux].filter((x): x is string => !!x).map((x) => x.toLowerCase().split(' ')[0]!);
    return keys.some((x) => COMPOSER_KEYS.has(x)) && !EDITOR_ONLY.test(k.when ?? '');
  });
}

describe('composer keys vs contributed keybindings', () => {
  it('no contributed keybinding on Enter, Shift+Enter, Esc or Up can fire inside the chat composer', () => {
    assert.deepEqual(stealingComposerKeys(manifest.contributes.keybindings ?? []), []);
  });

  it('the check catches a clash (so it cannot pass vacuously)', () => {
    const bindings: Keybinding[] = [
      { command: 'byok.stop', key: 'escape', when: 'byok.editStreaming' },
      { command: 'byok.send', mac: 'shift+enter' },
      { command: 'byok.cancelEdit', key: 'escape', when: 'byok.editStreaming && editorTextFocus' },
      { command: 'byok.openChat', key: 'ctrl+alt+i' },
    ];
    assert.deepEqual(stealingComposerKeys(bindings).map((k) => k.command), ['byok.stop', 'byok.send']);
  });
});
