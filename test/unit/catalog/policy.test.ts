import assert from 'node:assert/strict';
import { allowedByPolicy, isAllowed, matchesPattern, parsePolicy, policyRefusal, providerEnabled } from '../../../src/core/catalog/policy';

describe('catalog/policy', () => {
  describe('globs', () => {
    it('"*" matches any run of characters, slashes included', () => {
      assert.ok(matchesPattern('openai/gpt-4.1', '*'));
      assert.ok(matchesPattern('groq/openai/gpt-oss-120b', '*/gpt-oss-120b'));
      assert.ok(matchesPattern('openrouter/anthropic/claude-sonnet-4.5', 'openrouter/*claude*'));
      assert.ok(!matchesPattern('openrouter/openai/gpt-4o', 'openrouter/*claude*'));
    });

    it('a prefix glob matches the model and its variants, nothing else', () => {
      const p = 'openai/gpt-4.1*';
      assert.ok(matchesPattern('openai/gpt-4.1', p));
      assert.ok(matchesPattern('openai/gpt-4.1-mini-2025-04-14', p));
      assert.ok(!matchesPattern('openai/gpt-4o', p));
      assert.ok(!matchesPattern('azure/gpt-4.1', p), 'the provider part counts');
      assert.ok(!matchesPattern('xopenai/gpt-4.1', p), 'anchored at the start');
    });

    it('"provider/*" does not leak to a provider whose id starts the same', () => {
      assert.ok(matchesPattern('anthropic/claude-haiku-4-5', 'anthropic/*'));
      assert.ok(!matchesPattern('anthropic-compatible/claude-haiku-4-5', 'anthropic/*'));
    });

    it('"?" is exactly one character', () => {
      assert.ok(matchesPattern('openai/o3', 'openai/o?'));
      assert.ok(!matchesPattern('openai/o', 'openai/o?'));
      assert.ok(!matchesPattern('openai/o3-mini', 'openai/o?'));
    });

    it('every other character is literal (a dot is not "any character")', () => {
      assert.ok(!matchesPattern('openai/gpt-4x1', 'openai/gpt-4.1'));
      assert.ok(matchesPattern('bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0', 'bedrock/*.anthropic.claude-*-v1:0'));
      assert.ok(!matchesPattern('openai/gpt-4o', 'openai/gpt-4(o)'));
    });

    it('matches case-insensitively (model ids differ in case between providers)', () => {
      assert.ok(matchesPattern('minimax/MiniMax-M2', 'minimax/minimax-m2'));
      assert.ok(matchesPattern('openrouter/minimax/minimax-m2', '*/MiniMax-*'));
    });
  });

  describe('isAllowed', () => {
    it('allows everything with empty lists', () => {
      assert.ok(isAllowed('openai/gpt-4.1', [], []));
    });

    it('allows only matching models', () => {
      const allowed = ['openai/gpt-4.1*', 'anthropic/*'];
      assert.ok(isAllowed('openai/gpt-4.1-mini', allowed, []));
      assert.ok(isAllowed('anthropic/claude-opus-4-5', allowed, []));
      assert.ok(!isAllowed('openai/gpt-4o', allowed, []));
      assert.ok(!isAllowed('gemini/gemini-2.5-pro', allowed, []));
    });

    it('blocks providers that are not enabled even when a pattern allows them', () => {
      assert.ok(!isAllowed('openai/gpt-4.1', ['*'], ['anthropic']));
      assert.ok(isAllowed('anthropic/claude-haiku-4-5', ['*'], ['anthropic']));
      assert.ok(isAllowed('anthropic/claude-haiku-4-5', [], ['Anthropic']));
    });

    it('never allows a malformed reference', () => {
      assert.ok(!isAllowed('gpt-4.1', [], []));
      assert.ok(!isAllowed('/gpt-4.1', ['*'], []));
      assert.ok(!isAllowed('openai/', ['*'], []));
    });
  });

  describe('parsePolicy', () => {
    it('reads the settings object', () => {
      const policy = parsePolicy({ allowedModels: [' openai/gpt-4.1* ', 'anthropic/*'], enabledProviders: ['openai', 'Anthropic'] });
      assert.deepEqual(policy, { allowed: ['openai/gpt-4.1*', 'anthropic/*'], enabledProviders: ['openai', 'anthropic'], problems: [], blocked: [] });
    });

    it('means "no policy" when nothing is set', () => {
      assert.deepEqual(parsePolicy(undefined), { allowed: [], enabledProviders: [], problems: [], blocked: [] });
      assert.deepEqual(parsePolicy({}), { allowed: [], enabledProviders: [], problems: [], blocked: [] });
      assert.deepEqual(parsePolicy({ allowedModels: [], enabledProviders: [] }), { allowed: [], enabledProviders: [], problems: [], blocked: [] });
      assert.deepEqual(parsePolicy({ allowedModels: ['', '  ', 'openai/*'] }).allowed, ['openai/*']);
    });

    it('takes a single string as one pattern', () => {
      assert.deepEqual(parsePolicy({ allowedModels: 'openai/*' }).allowed, ['openai/*']);
    });

    it('reports a regex-looking pattern and fails closed on it', () => {
      const policy = parsePolicy({ allowedModels: ['^openai/.*$'] });
      assert.equal(policy.problems.length, 1);
      assert.match(policy.problems[0] ?? '', /\^openai\/\.\*\$.*regular expression/);
      assert.ok(!allowedByPolicy('openai/gpt-4o', policy), 'a broken pattern must not open access');
    });

    it('reports a pattern without a provider part with a suggestion', () => {
      const policy = parsePolicy({ allowedModels: ['gpt-4.1', '*mini'] });
      assert.equal(policy.problems.length, 1, '"*mini" is fine: it can match any provider');
      assert.match(policy.problems[0] ?? '', /"\*\/gpt-4\.1"/);
      assert.ok(!allowedByPolicy('openai/gpt-4.1', policy));
      assert.ok(allowedByPolicy('openai/gpt-4.1-mini', policy));
    });

    it('reports a pattern with a space', () => {
      const policy = parsePolicy({ allowedModels: ['openai/gpt 4'] });
      assert.match(policy.problems[0] ?? '', /space/);
    });

    it('reports non-text entries and ignores them beside usable ones', () => {
      const policy = parsePolicy({ allowedModels: [42, 'openai/*'], enabledProviders: [true, 'openai'] });
      assert.deepEqual(policy.allowed, ['openai/*']);
      assert.deepEqual(policy.enabledProviders, ['openai']);
      assert.deepEqual(policy.problems, ['allowedModels[0] is not text; ignored.', 'enabledProviders[0] is not text; ignored.']);
      assert.deepEqual(policy.blocked, []);
    });

    it('a list with nothing usable in it blocks every model instead of allowing them all', () => {
      for (const bad of [[5], [null], [''], '   ', [{}], [true, '  ']]) {
        const models = parsePolicy({ allowedModels: bad });
        assert.ok(!allowedByPolicy('openai/gpt-4o', models), `allowedModels: ${JSON.stringify(bad)}`);
        assert.deepEqual(models.blocked, ['allowedModels']);
        assert.ok(models.problems.some((p) => /no usable entry/.test(p)));
        const providers = parsePolicy({ enabledProviders: bad });
        assert.ok(!providerEnabled('deepseek', providers), `enabledProviders: ${JSON.stringify(bad)}`);
        assert.ok(!allowedByPolicy('deepseek/deepseek-chat', providers));
      }
    });

    it('reports an unknown provider id and enables nothing with it', () => {
      const policy = parsePolicy({ enabledProviders: ['opnai'] });
      assert.match(policy.problems[0] ?? '', /Unknown provider "opnai".*openai/);
      assert.ok(!allowedByPolicy('openai/gpt-4o', policy));
    });

    it('reports settings of the wrong shape instead of throwing, and allows nothing', () => {
      for (const bad of ['openai/*', 42, [], null, { allowedModels: 42 }]) {
        const policy = parsePolicy(bad);
        assert.equal(policy.problems.length, 1, JSON.stringify(bad));
        assert.deepEqual(policy.allowed, []);
        assert.ok(!allowedByPolicy('openai/gpt-4o', policy), `${JSON.stringify(bad)} must not open access`);
      }
    });

    it('a policy setting of the wrong type blocks every model instead of allowing them all', () => {
      for (const bad of [5, true, {}, null, { '*': true }]) {
        const policy = parsePolicy({ allowedModels: bad, enabledProviders: ['openai'] });
        assert.ok(!allowedByPolicy('openai/gpt-4o', policy), `allowedModels: ${JSON.stringify(bad)}`);
        assert.deepEqual(policy.blocked, ['allowedModels']);
        assert.equal(policy.problems.length, 1);
        assert.match(policy.problems[0] ?? '', /byok\.allowedModels must be a list.*blocked/);
        const providers = parsePolicy({ allowedModels: ['*'], enabledProviders: bad });
        assert.ok(!allowedByPolicy('openai/gpt-4o', providers), `enabledProviders: ${JSON.stringify(bad)}`);
        assert.ok(!providerEnabled('openai', providers));
      }
    });

    it('reads each setting on its own: a broken one keeps the other in force', () => {
      const policy = parsePolicy({ allowedModels: 'anthropic/*', enabledProviders: 7 });
      assert.deepEqual(policy.allowed, ['anthropic/*']);
      assert.deepEqual(policy.blocked, ['enabledProviders']);
      assert.equal(policy.problems.length, 1);
    });
  });

  describe('policyRefusal', () => {
    it('names the setting that refuses a model', () => {
      assert.equal(policyRefusal('openai/gpt-4o', parsePolicy({ allowedModels: ['anthropic/*'] }))?.setting, 'byok.allowedModels');
      assert.equal(policyRefusal('openai/gpt-4o', parsePolicy({ enabledProviders: ['anthropic'] }))?.setting, 'byok.enabledProviders');
      assert.equal(policyRefusal('openai/gpt-4o', parsePolicy({ allowedModels: 5 }))?.setting, 'byok.allowedModels');
      assert.equal(policyRefusal('openai/gpt-4o', parsePolicy({ allowedModels: ['openai/*'] })), undefined);
    });

    it('a disabled provider is not enabled for any call, an unlisted one neither', () => {
      const policy = parsePolicy({ enabledProviders: ['anthropic'] });
      assert.ok(!providerEnabled('openai', policy));
      assert.ok(providerEnabled('anthropic', policy));
      assert.ok(providerEnabled('openai', parsePolicy({})));
    });
  });
});
