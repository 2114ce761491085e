import assert from 'node:assert/strict';
import { parseEditReply, streamingCode, editCutOff } from '../../../src/core/edit/reply';

describe('edit/reply: strict parsing of the model\'s answer', () => {
  it('takes the one fenced block and drops the prose around it', () => {
    const reply = 'Sure! Here is the rewritten function, with better names.\n\n```ts\nfunction add(a: number, b: number) {\n  return a + b;\n}\n```\n\nThis version is clearer because it names things.';
    assert.deepEqual(parseEditReply(reply), { ok: true, code: 'function add(a: number, b: number) {\n  return a + b;\n}' });
  });

  it('takes the whole reply when it is plain code with no fence', () => {
    assert.deepEqual(parseEditReply('\nconst x = 1;\nconst y = 2;\n'), { ok: true, code: 'const x = 1;\nconst y = 2;' });
  });

  it('refuses prose with no code, and says nothing was changed', () => {
    const r = parseEditReply('I cannot rewrite this code because it is already perfect.');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /prose.*nothing was changed/);
  });

  it('refuses two code blocks instead of guessing which one is the rewrite', () => {
    const r = parseEditReply('```js\na();\n```\nor\n```js\nb();\n```');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /2 code blocks/);
  });

  it('refuses a block that was cut off before its closing fence', () => {
    assert.equal(parseEditReply('```py\ndef f():\n    pass').ok, false);
  });

  it('refuses an empty reply', () => {
    assert.equal(parseEditReply('  \n').ok, false);
  });

  it('a longer fence holds code that contains ``` itself', () => {
    assert.deepEqual(parseEditReply('````md\n```js\nx\n```\n````'), { ok: true, code: '```js\nx\n```' });
  });

  it('keeps an indented prose-looking line (a docstring) as code', () => {
    assert.equal(parseEditReply('def f():\n    Return the sum of both numbers.\n    return 1').ok, true);
  });

  it('streams only complete code lines: after the fence opens, not the preamble, not the growing last line', () => {
    assert.deepEqual(streamingCode('Here is the updated code for you:\n'), []);
    assert.deepEqual(streamingCode('Here is the updated code for you:\n```ts\nconst a = 1;\nconst b'), ['const a = 1;']);
    assert.deepEqual(streamingCode('```ts\nconst a = 1;\n```\nThat is all.'), ['const a = 1;']);
    assert.deepEqual(streamingCode('const a = 1;\nconst b = 2;\n'), ['const a = 1;', 'const b = 2;']);
  });

  it('an answer that did not finish normally is not an edit (a cut-off plain-code answer would delete its missing tail)', () => {
    assert.equal(editCutOff('stop'), undefined);
    for (const reason of ['length', 'content-filter', 'tool-calls', undefined]) assert.match(editCutOff(reason) ?? '', /./, String(reason));
  });
});
