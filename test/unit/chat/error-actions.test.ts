// What an error card offers when nothing could be asked: the way forward, then Retry.
import * as assert from 'node:assert/strict';
import { actionsFor } from '../../../src/vscode/chat/views';

describe('error card actions for a question nothing could answer', () => {
  it('no key yet: Add Key and Retry, never "Choose another model" with nothing to choose', () => {
    assert.deepEqual(actionsFor('no-key'), ['addKey', 'retry']);
  });
  it('keys but no usable model: Choose a model and Retry', () => {
    assert.deepEqual(actionsFor('no-model'), ['chooseModel', 'retry']);
  });
});
