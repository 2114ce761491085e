import assert from 'node:assert/strict';
import { toolResultText } from '../../../src/core/lm/tool-result';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('LM API tool result content', () => {
  it('sends text parts as they are, in order', () => {
    assert.equal(toolResultText([{ kind: 'text', value: 'a.txt\n' }, { kind: 'text', value: 'b.txt' }]), 'a.txt\nb.txt');
  });

  it('decodes data parts that are text or JSON', () => {
    assert.equal(toolResultText([{ kind: 'data', mimeType: 'application/json', data: bytes('{"ok":true}') }, { kind: 'data', mimeType: 'text/plain; charset=utf-8', data: bytes(' ü') }]), '{"ok":true} ü');
  });

  it('replaces an image or a prompt-tsx part by a note the model can read, not silence', () => {
    const text = toolResultText([{ kind: 'text', value: 'Screenshot: ' }, { kind: 'data', mimeType: 'image/png', data: bytes('png') }, { kind: 'prompt-tsx' }]);
    assert.match(text, /^Screenshot: \[BYOK: the tool returned an image \(image\/png\), which is not sent/);
    assert.match(text, /prompt-tsx part, which is not sent: render it to a LanguageModelTextPart first/);
  });

  it('skips caller markers and unknown parts (Copilot\'s cache_control data parts are not content)', () => {
    assert.equal(toolResultText([{ kind: 'text', value: 'done' }, { kind: 'data', mimeType: 'cache_control', data: bytes('ephemeral') }, { kind: 'unknown' }]), 'done');
  });
});
