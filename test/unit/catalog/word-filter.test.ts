// The model picker's word filter: every word, any order, across key name, provider and model.
import * as assert from 'node:assert/strict';
import { firstMatch, markMatches, queryWords } from '../../../src/core/catalog/word-filter';

interface Row { label: string; description?: string; detail?: string; alwaysShow?: boolean; separator?: true }
const rows: Row[] = [
  { label: 'Your models', separator: true },
  { label: '$(check) GPT-4o', description: 'OpenAI · work', detail: 'gpt-4o · 128K context' },
  { label: 'GPT-4o mini', description: 'OpenAI · work', detail: 'gpt-4o-mini · 128K context' },
  { label: 'GPT-4o mini', description: 'OpenAI · personal', detail: 'gpt-4o-mini · 128K context' },
  { label: 'Claude Sonnet 4.5', description: 'Anthropic · work', detail: 'claude-sonnet-4-5 · 200K context' },
  { label: 'Other', separator: true },
  { label: '$(add) Add a key…', description: 'Bring your own key', alwaysShow: true },
];
const isSeparator = (r: Row): boolean => r.separator === true;
/** The rows the quick pick must show whatever its own filter says. */
const shown = (query: string): string[] => markMatches(rows, query, isSeparator).filter((r) => r.alwaysShow).map((r) => `${r.label} (${r.description ?? ''})`);

describe('model picker word filter', () => {
  it('"work gpt-4o" matches a key name and a model id from different fields', () => {
    assert.deepEqual(shown('work gpt-4o'), ['$(check) GPT-4o (OpenAI · work)', 'GPT-4o mini (OpenAI · work)', '$(add) Add a key… (Bring your own key)']);
  });

  it('"gpt mini" and "mini GPT" (any order, any case) match both keys\' mini', () => {
    const expected = ['GPT-4o mini (OpenAI · work)', 'GPT-4o mini (OpenAI · personal)', '$(add) Add a key… (Bring your own key)'];
    assert.deepEqual(shown('gpt mini'), expected);
    assert.deepEqual(shown('  MINI   gpt '), expected);
  });

  it('a word that matches nothing marks nothing but the always-shown actions', () => {
    assert.deepEqual(shown('work gemini'), ['$(add) Add a key… (Bring your own key)']);
  });

  it('rows keep their places (the quick pick picks by position), and an empty query changes nothing', () => {
    const marked = markMatches(rows, 'anthropic sonnet', isSeparator);
    assert.equal(marked.length, rows.length);
    assert.deepEqual(marked.map((r) => r.label), rows.map((r) => r.label));
    assert.deepEqual(markMatches(rows, '   ', isSeparator), rows);
  });

  it('Enter before the marks arrive takes the first row with every word', () => {
    assert.equal(firstMatch(rows, 'personal mini', isSeparator)?.description, 'OpenAI · personal');
    assert.equal(firstMatch(rows, 'nothing here', isSeparator), undefined);
    assert.equal(firstMatch(rows, '', isSeparator), undefined);
  });

  it('icons are not text: "check" does not match the current model\'s $(check)', () => {
    assert.deepEqual(shown('check'), ['$(add) Add a key… (Bring your own key)']);
    assert.deepEqual(queryWords(' a  B '), ['a', 'b']);
  });
});
