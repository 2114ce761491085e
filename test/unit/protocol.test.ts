import * as assert from 'node:assert/strict';
import { isSafeLink, parseChatMessage, parseCompareMessage } from '../../src/core/protocol';

// Messages both views post: code-block toolbars, links and the handshake.
const shared = [
  { type: 'ready' }, { type: 'copyCode', code: 'x' }, { type: 'insertCode', code: 'x' }, { type: 'openCodeInEditor', code: 'x', language: 'c++' },
  { type: 'openLink', href: 'https://example.com' }, { type: 'runCommand', command: 'byok.addKey' },
];
const chatOnly = [
  { type: 'send', text: 'hi' }, { type: 'stop' }, { type: 'regenerate', messageId: 'a1' },
  { type: 'editAndResend', messageId: 'u1', text: 'again' }, { type: 'newChat' }, { type: 'listConversations', query: '' },
  { type: 'attach', what: 'selection' }, { type: 'errorAction', action: 'retry', messageId: 'a1' }, { type: 'errorAction', action: 'chooseModel' },
  { type: 'pickModel' }, { type: 'retry', messageId: 'a1' }, { type: 'removeAttachment', attachmentId: 'x1' },
  { type: 'openConversation', conversationId: 'c_1' }, { type: 'deleteConversation', conversationId: 'c_1' },
];
const compareOnly = [
  { type: 'compareRun', text: 'q', modelIds: ['k1/a', 'k2/b'] }, { type: 'compareStop' },
  { type: 'errorAction', action: 'retry', messageId: 'col1' }, { type: 'errorAction', action: 'updateKey', messageId: 'col1' },
];

describe('webview protocol', () => {
  it('the chat view accepts every well-formed chat message', () => {
    for (const m of [...shared, ...chatOnly]) assert.equal(parseChatMessage(m).ok, true, JSON.stringify(m));
  });

  it('the compare view accepts every well-formed compare message', () => {
    for (const m of [...shared, ...compareOnly]) assert.equal(parseCompareMessage(m).ok, true, JSON.stringify(m));
  });

  it('the chat view does not accept compare-only messages, nor compare the chat-only ones', () => {
    for (const m of [{ type: 'compareRun', text: 'q', modelIds: ['k1/a', 'k2/b'] }, { type: 'compareStop' }]) {
      assert.equal(parseChatMessage(m).ok, false, `chat refuses ${JSON.stringify(m)}`);
    }
    const chatOnlyTypes = chatOnly.filter((m) => m.type !== 'errorAction');
    for (const m of chatOnlyTypes) assert.equal(parseCompareMessage(m).ok, false, `compare refuses ${JSON.stringify(m)}`);
    // Compare's error card acts on a column: it must say which one; choosing a model happens in the panel itself.
    assert.equal(parseCompareMessage({ type: 'errorAction', action: 'retry' }).ok, false);
    assert.equal(parseCompareMessage({ type: 'errorAction', action: 'chooseModel', messageId: 'col1' }).ok, false);
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
      for (const parse of [parseChatMessage, parseCompareMessage]) {
        const r = parse(m);
        assert.equal(r.ok, false, `rejects ${JSON.stringify(m)}`);
        if (!r.ok) assert.ok(r.error.length > 0);
      }
    }
  });

  it('opens only http, https and mailto links', () => {
    for (const href of ['https://code.visualstudio.com', 'http://localhost:3000/x', 'mailto:a@b.c']) assert.equal(isSafeLink(href), true, href);
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'command:workbench.action.quit', 'vscode://file/etc/passwd', 'file:///etc/passwd', 'not a url', ' javascript:alert(1)']) {
      assert.equal(isSafeLink(href), false, href);
    }
  });
});
