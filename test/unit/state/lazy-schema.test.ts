import assert from 'node:assert/strict';
import * as z from 'zod';
import { lazySchema } from '../../../src/core/lazy-schema';
import { parseChatMessage, parseCompareMessage } from '../../../src/core/protocol';

describe('lazy schemas (built on first use, validating exactly as written)', () => {
  it('builds nothing until first used, then once', () => {
    let builds = 0;
    const schema = lazySchema(() => { builds++; return z.object({ n: z.number().int() }).strict(); });
    assert.equal(builds, 0, 'not built when declared (module load)');
    assert.equal(schema().safeParse({ n: 1 }).success, true);
    assert.equal(schema().safeParse({ n: 1.5 }).success, false);
    assert.equal(schema().safeParse({ n: 1, extra: true }).success, false, 'strict still strict');
    assert.equal(builds, 1, 'built once');
    assert.equal(schema(), schema(), 'the same schema every time');
  });

  it('the webview protocols still refuse what they refused: a path as a conversation id, a command not on the list, an unknown type', () => {
    assert.equal(parseChatMessage({ type: 'openConversation', conversationId: '../../etc/passwd' }).ok, false);
    assert.equal(parseChatMessage({ type: 'runCommand', command: 'workbench.action.terminal.new' }).ok, false);
    assert.equal(parseChatMessage({ type: 'compareRun', text: 'x', modelIds: ['a', 'b'] }).ok, false, 'a compare message is not a chat message');
    assert.equal(parseCompareMessage({ type: 'send', text: 'x' }).ok, false, 'nor the other way round');
    assert.equal(parseChatMessage({ type: 'send', text: 'hello' }).ok, true);
    assert.equal(parseCompareMessage({ type: 'compareRun', text: 'x', modelIds: ['a', 'b'] }).ok, true);
  });
});
