import assert from 'node:assert/strict';
import { editModel } from '../../../src/vscode/edit/edit-model';
import type { ByokModel } from '../../../src/vscode/models/model-catalog';
import type { Purpose, Selection } from '../../../src/vscode/models/selection';

const model = (ref: string): ByokModel => ({ ref, id: `k/${ref}`, keyId: 'k', keyName: 'work' } as unknown as ByokModel);
const selection = (by: Record<Purpose, Selection>) => ({ current: (p: Purpose) => by[p] });

describe('edit/model choice: the inline model, the chat model only when none is chosen, never a fallback', () => {
  it('uses the inline model when one is chosen', () => {
    const r = editModel(selection({ inline: { kind: 'byok', model: model('a/inline') }, chat: { kind: 'byok', model: model('b/chat') } }));
    assert.ok(r.ok && r.model.ref === 'a/inline' && r.purpose === 'inline');
  });

  it('uses the chat model only when no inline model is chosen', () => {
    const r = editModel(selection({ inline: { kind: 'none' }, chat: { kind: 'byok', model: model('b/chat') } }));
    assert.ok(r.ok && r.model.ref === 'b/chat' && r.purpose === 'chat');
  });

  it('an unavailable inline model is an error even when the chat model works', () => {
    const r = editModel(selection({ inline: { kind: 'unavailable', ref: 'a/x', reason: 'The key "old" for a/x was removed' }, chat: { kind: 'byok', model: model('b/chat') } }));
    assert.ok(!r.ok);
    assert.match(r.message, /inline model is unavailable: The key "old"/);
  });

  it('a model from another extension cannot go through the router: an error, not a fallback', () => {
    const r = editModel(selection({ inline: { kind: 'external', vendor: 'copilot', id: 'gpt', ref: 'vscode-lm:copilot/gpt' }, chat: { kind: 'byok', model: model('b/chat') } }));
    assert.ok(!r.ok && /another extension/.test(r.message));
  });

  it('no model at all asks the user to choose one', () => {
    const r = editModel(selection({ inline: { kind: 'none' }, chat: { kind: 'none' } }));
    assert.ok(!r.ok && r.choose);
  });
});
