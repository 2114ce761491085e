// The block splitter decides what is re-rendered per frame; its cuts must not depend on chunking.
import assert from 'node:assert/strict';
import { BlockSplitter } from '../../src/webview/render/blocks';

function blocks(text: string, chunkSizes: number[] = [text.length]): string[] {
  const splitter = new BlockSplitter();
  const out: string[] = [];
  let open = '';
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const size = Math.max(1, chunkSizes[k++ % chunkSizes.length]!);
    open += text.slice(i, i + size);
    i += size;
    let previous = 0;
    for (const cut of splitter.take(open)) {
      out.push(open.slice(previous, cut));
      previous = cut;
    }
    open = open.slice(previous);
  }
  if (open) out.push(open);
  return out;
}

export const SAMPLE = [
  '# Title', '', 'A paragraph that', 'spans lines.', '', '- one', '- two', '', '- loose three', '  continued', '',
  '1. first', '', '2. second', '', 'Then code:', '```ts', 'const a = 1;', '', '', 'const b = 2;', '```', 'After the fence.', '',
  '> quote', '> more', '', '    indented code', '', '    still code', '', '~~~', '```not a closer for tildes', '~~~', '',
  '| a | b |', '|---|--:|', '| 1 | 2 |', '', 'Last line without newline',
].join('\n');

describe('block splitter', () => {
  it('cuts at blank lines, around top-level fences, and nowhere inside a fence', () => {
    assert.deepEqual(blocks(SAMPLE), [
      '# Title\n\n',
      'A paragraph that\nspans lines.\n\n',
      '- one\n- two\n\n- loose three\n  continued\n\n',
      '1. first\n\n2. second\n\n',
      'Then code:\n',
      '```ts\nconst a = 1;\n\n\nconst b = 2;\n```\n',
      'After the fence.\n\n',
      // An indented line is never a cut (it may continue a list item), even after a quote.
      '> quote\n> more\n\n    indented code\n\n    still code\n\n',
      '~~~\n```not a closer for tildes\n~~~\n',
      // The last line is incomplete, so it cannot start a block yet.
      '\n| a | b |\n|---|--:|\n| 1 | 2 |\n\nLast line without newline',
    ]);
  });

  it('gives the same blocks however the text is chunked', () => {
    const whole = blocks(SAMPLE);
    for (const sizes of [[1], [2], [3], [7], [20], [1, 5, 2, 40], [13, 1, 1]]) {
      assert.deepEqual(blocks(SAMPLE, sizes), whole, `chunks of ${sizes.join(',')}`);
    }
  });

  it('joins back to the original text', () => {
    assert.equal(blocks(SAMPLE, [3]).join(''), SAMPLE);
  });

  it('keeps a fence open until a closer of the same character and at least the same length', () => {
    const text = '````md\n```js\nx\n```\n\nstill inside\n````\nout\n';
    assert.deepEqual(blocks(text), ['````md\n```js\nx\n```\n\nstill inside\n````\n', 'out\n']);
  });

  it('keeps a fence indented inside a list item within the list', () => {
    const text = '1. step\n\n   ```sh\n   npm i\n\n   npm t\n   ```\n2. next\n\nAfter\n';
    assert.deepEqual(blocks(text), ['1. step\n\n   ```sh\n   npm i\n\n   npm t\n   ```\n2. next\n\n', 'After\n']);
  });

  it('handles CRLF line ends', () => {
    assert.deepEqual(blocks('a\r\n\r\nb\r\n```\r\nx\r\n```\r\nc'), ['a\r\n\r\n', 'b\r\n', '```\r\nx\r\n```\r\n', 'c']);
  });
});

describe('block splitter against markdown-it', () => {
  // Rendering the blocks one by one must give exactly what rendering the whole answer gives.
  it('renders blocks to the same HTML as the whole document', async () => {
    const { default: MarkdownIt } = await import('markdown-it');
    const { answer } = await import('./corpus');
    const md = new MarkdownIt({ html: false, linkify: true });
    for (const text of [SAMPLE, answer(20_000, 1), answer(20_000, 2), answer(20_000, 3)]) {
      const pieces = blocks(text, [17]);
      assert.ok(pieces.length > 3);
      assert.equal(pieces.map((p) => md.render(p)).join(''), md.render(text));
    }
  });
});
