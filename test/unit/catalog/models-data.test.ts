// Invariants of the curated table, and guards that fail when the installed SDKs and the table drift apart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CURATED, LAST_REVIEWED, PROVIDER_DEFAULTS, VENDOR_TABLE } from '../../../src/core/catalog/models.data';
import { presetIds } from '../../../src/core/providers/presets';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

describe('catalog/models.data', () => {
  it('has a table for every provider the brief names, and only for known presets', () => {
    for (const id of ['openai', 'anthropic', 'gemini', 'bedrock', 'deepseek', 'mistral', 'xai', 'groq', 'openrouter', 'qwen', 'zai', 'minimax']) {
      assert.ok(CURATED[id], `missing table for ${id}`);
    }
    const known = new Set(presetIds());
    for (const id of [...Object.keys(CURATED), ...Object.keys(PROVIDER_DEFAULTS), ...Object.values(VENDOR_TABLE)]) {
      assert.ok(known.has(id), `${id} is not a preset id`);
    }
  });

  it('has a review date and well-formed rows', () => {
    assert.match(LAST_REVIEWED, ISO_DAY);
    for (const [preset, rows] of Object.entries(CURATED)) {
      const ids = rows.map((r) => r.id.toLowerCase());
      assert.equal(new Set(ids).size, ids.length, `duplicate id in ${preset}`);
      for (const r of rows) {
        const where = `${preset}/${r.id}`;
        assert.ok(r.name.trim(), `${where} has no name`);
        if (r.contextWindow !== undefined) assert.ok(Number.isInteger(r.contextWindow) && r.contextWindow >= 4096, `${where} context`);
        if (r.maxOutputTokens !== undefined) {
          assert.ok(Number.isInteger(r.maxOutputTokens) && r.maxOutputTokens > 0, `${where} output`);
          if (r.contextWindow !== undefined) assert.ok(r.maxOutputTokens <= r.contextWindow, `${where} output > context`);
        }
        if (r.deprecated !== undefined) assert.match(r.deprecated, ISO_DAY, `${where} deprecated`);
        const p = r.pricing;
        if (p) {
          assert.ok(p.inputPerMTok > 0 && p.outputPerMTok > 0, `${where} price`);
          assert.ok(p.outputPerMTok >= p.inputPerMTok, `${where} output cheaper than input?`);
          if (p.cachedInputPerMTok !== undefined) assert.ok(p.cachedInputPerMTok < p.inputPerMTok, `${where} cached >= input`);
          if (p.cacheWritePerMTok !== undefined) assert.ok(p.cacheWritePerMTok >= p.inputPerMTok, `${where} cache write < input`);
        }
      }
    }
  });

  it('prices the well-known models', () => {
    const price = (preset: string, id: string) => CURATED[preset]?.find((r) => r.id === id)?.pricing;
    assert.deepEqual(price('openai', 'gpt-4o-mini'), { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 });
    assert.deepEqual(price('openai', 'gpt-5'), { inputPerMTok: 1.25, outputPerMTok: 10, cachedInputPerMTok: 0.125 });
    assert.deepEqual(price('anthropic', 'claude-opus-4-5'), { inputPerMTok: 5, outputPerMTok: 25, cachedInputPerMTok: 0.5, cacheWritePerMTok: 6.25 });
    assert.deepEqual(price('gemini', 'gemini-2.5-pro'), { inputPerMTok: 1.25, outputPerMTok: 10 });
    assert.deepEqual(price('deepseek', 'deepseek-reasoner'), { inputPerMTok: 0.28, outputPerMTok: 0.42, cachedInputPerMTok: 0.028 });
  });

  it('carries every end-of-life date the Anthropic SDK warns about', () => {
    // The SDK does not export this file, so read its source: it is the list the SDK warns from.
    const src = readFileSync('node_modules/@anthropic-ai/sdk/src/internal/data/deprecated-models.ts', 'utf8');
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const warned = [...src.matchAll(/'([a-z0-9-]+)':\s*'(\w+) (\d+)\w*, (\d{4})'/g)];
    assert.ok(warned.length >= 2, 'could not read the SDK list');
    for (const [, id, month, day, year] of warned) {
      const iso = `${year}-${String(months.indexOf(month ?? '') + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const base = (id ?? '').replace(/-\d{8}$/, '');
      const row = CURATED.anthropic?.find((r) => r.id === base);
      assert.ok(row, `${id} is deprecated in the SDK but not in the table`);
      assert.equal(row.deprecated, iso, `${id} end of life`);
    }
  });

  it('agrees with the OpenAI limits gpt-tokenizer ships', async () => {
    const specs = (await import('gpt-tokenizer/models.gen')) as unknown as Record<string, { context_window?: number; max_output_tokens?: number; modalities?: { input?: string[] } } | undefined>;
    let checked = 0;
    for (const r of CURATED.openai ?? []) {
      const spec = specs[r.id];
      if (!spec || r.contextWindow === undefined) continue;
      checked += 1;
      assert.equal(r.contextWindow, spec.context_window, `${r.id} context`);
      assert.equal(r.maxOutputTokens, spec.max_output_tokens, `${r.id} output`);
      if (r.vision !== undefined && spec.modalities?.input) assert.equal(r.vision, spec.modalities.input.includes('image'), `${r.id} vision`);
    }
    assert.ok(checked >= 20, `only ${checked} rows checked`);
  });
});
