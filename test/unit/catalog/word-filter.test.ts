// The model picker's word filter: every word, any order, across key name, provider and model.
import * as assert from 'node:assert/strict';
import { filterByWords, queryWords } from '../../../src/core/catalog/word-filter';

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
const labels = (query: string): string[] => filterByWords(rows, query, (r) => r.separator === true).map((r) => `${r.label}${r.description ? ` (${r.description})` : ''}`);

describe('model picker word filter', () => {
  it('"work gpt-4o" matches a key name and a model id from different fields', () => {
    assert.deepEqual(labels('work gpt-4o'), ['Your models', '$(check) GPT-4o (OpenAI · work)', 'GPT-4o mini (OpenAI · work)', 'Other', '$(add) Add a key… (Bring your own key)']);
  });

  it('"gpt mini" and "mini GPT" (any order, any case) match both keys\' mini', () => {
    const expected = ['Your models', 'GPT-4o mini (OpenAI · work)', 'GPT-4o mini (OpenAI · personal)', 'Other', '$(add) Add a key… (Bring your own key)'];
    assert.deepEqual(labels('gpt mini'), expected);
    assert.deepEqual(labels('  MINI   gpt '), expected);
  });

  it('a word that matches nothing leaves only always-shown actions, and no empty separator', () => {
    assert.deepEqual(labels('work gemini'), ['Other', '$(add) Add a key… (Bring your own key)']);
  });

  it('matched rows are marked alwaysShow (VS Code\'s per-field filter would hide them otherwise); an empty query changes nothing', () => {
    const kept = filterByWords(rows, 'anthropic sonnet', (r) => r.separator === true);
    assert.equal(kept.find((r) => r.label.startsWith('Claude'))?.alwaysShow, true);
    assert.deepEqual(filterByWords(rows, '   ', (r) => r.separator === true), rows);
  });

  it('icons are not text: "check" does not match the current model\'s $(check)', () => {
    assert.deepEqual(labels('check'), ['Other', '$(add) Add a key… (Bring your own key)']);
    assert.deepEqual(queryWords(' a  B '), ['a', 'b']);
  });
});
