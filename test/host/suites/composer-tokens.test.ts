// The chat view's composer token count, end to end in the extension host: the webview's (untrusted)
// countTokens message is validated, counted for the chosen model and answered with the same seq.
import * as assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/core/protocol';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { byok, chatThroughSimulatorKey, sim } from '../support';

suite('chat composer token count', () => {
  const posted: HostMessage[] = [];
  let key: AddKeyResult;

  suiteSetup(async () => {
    await sim('reset', {});
    key = await chatThroughSimulatorKey('tokens', 'sk-tokentest-4Qx1', posted);
  });

  suiteTeardown(async () => {
    const { app } = await byok();
    await app.keys.remove(key.keyId);
  });

  const counts = (): Extract<HostMessage, { type: 'tokenCount' }>[] =>
    posted.filter((m): m is Extract<HostMessage, { type: 'tokenCount' }> => m.type === 'tokenCount');

  test('a countTokens from the view is answered with the count for the chosen model, same seq', async () => {
    const { app } = await byok();
    posted.length = 0;
    const t0 = performance.now();
    await app.chatView.receive({ type: 'countTokens', text: 'How do I read a file in Node?', seq: 41 });
    const ms = performance.now() - t0;
    const [count] = counts();
    assert.ok(count, 'answered');
    assert.equal(count.seq, 41);
    assert.ok(count.tokens > 0 && count.contextTokens > count.tokens, JSON.stringify(count));
    assert.ok(count.limit !== undefined && count.limit > 0, 'the chosen model has a context window to judge against');
    console.log(`      composer token count round trip in the host: ${ms.toFixed(1)} ms`);
  });

  test('a malformed countTokens is ignored (nothing counted, nothing posted)', async () => {
    const { app } = await byok();
    posted.length = 0;
    await app.chatView.receive({ type: 'countTokens', text: 'x', seq: 'one' });
    await app.chatView.receive({ type: 'countTokens', seq: 1 });
    assert.deepEqual(counts(), []);
  });
});
