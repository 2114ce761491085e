import * as assert from 'node:assert/strict';
import { isSafeLink, parseWebviewMessage } from '../../src/core/protocol';

describe('webview protocol', () => {
  it('accepts every well-formed message', () => {
    const good = [
      { type: 'ready' }, { type: 'send', text: 'hi' }, { type: 'stop' }, { type: 'regenerate', messageId: 'a1' },
      { type: 'editAndResend', messageId: 'u1', text: 'again' }, { type: 'newChat' }, { type: 'listConversations', query: '' },
      { type: 'attach', what: 'selection' }, { type: 'openCodeInEditor', code: 'x', language: 'c++' },
      { type: 'compareRun', text: 'q', modelIds: ['k1/a', 'k2/b'] }, { type: 'errorAction', action: 'retry', messageId: 'a1' },
    ];
    for (const m of good) assert.equal(parseWebviewMessage(m).ok, true, JSON.stringify(m));
  });

  it('rejects malformed messages with a reason', () => {
    const bad: unknown[] = [
      null, 'send', 42, {}, { type: 'nope' }, { type: 'send' }, { type: 'send', text: '' }, { type: 'send', text: 7 },
      { type: 'runCommand', command: 'workbench.action.terminal.sendSequence' },
      { type: 'openCodeInEditor', code: 'x', language: '"><script>' },
      { type: 'compareRun', text: 'q', modelIds: ['only-one'] },
      { type: 'compareRun', text: 'q', modelIds: ['a', 'b', 'c', 'd', 'e'] },
      { type: 'attach', what: '/etc/passwd' },
      { type: 'regenerate', messageId: 'x'.repeat(500) },
      { type: 'deleteConversation', conversationId: '../../../../home/u/proj/package' },
      { type: 'openConversation', conversationId: 'a/b' },
    ];
    for (const m of bad) {
      const r = parseWebviewMessage(m);
      assert.equal(r.ok, false, `rejects ${JSON.stringify(m)}`);
      if (!r.ok) assert.ok(r.error.length > 0);
    }
  });

  it('opens only http, https and mailto links', () => {
    for (const href of ['https://code.visualstudio.com', 'http://localhost:3000/x', 'mailto:a@b.c']) assert.equal(isSafeLink(href), true, href);
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'command:workbench.action.quit', 'vscode://file/etc/passwd', 'file:///etc/passwd', 'not a url', ' javascript:alert(1)']) {
      assert.equal(isSafeLink(href), false, href);
    }
  });
});
