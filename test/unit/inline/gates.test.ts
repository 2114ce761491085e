// What a repository's settings can do to the inline gates: only narrow them. And user patterns written
// relative (`*.env`, `secrets/**`) must match files, which VS Code matches by absolute path.
import * as assert from 'node:assert/strict';
import { anchorPattern, INLINE_SCHEMES, mergeExcludes, mergeLanguages } from '../../../src/core/inline/gates';

const DEFAULTS = { '*': true, plaintext: false, markdown: false, scminput: false };

describe('inline: settings gates', () => {
  it('a workspace cannot turn a language back on that the user or the defaults turned off', () => {
    const langs = mergeLanguages({ defaultValue: DEFAULTS, globalValue: { yaml: false }, workspaceValue: { plaintext: true, yaml: true, '*': true } });
    assert.equal(langs.plaintext, false);
    assert.equal(langs.yaml, false);
  });

  it('a workspace or folder can turn a language off', () => {
    const langs = mergeLanguages({ defaultValue: DEFAULTS, workspaceValue: { python: false }, workspaceFolderValue: { go: false, markdown: true } });
    assert.deepEqual([langs.python, langs.go, langs.markdown, langs['*']], [false, false, false, true]);
  });

  it('the user\'s own value overrides the defaults', () => {
    assert.equal(mergeLanguages({ defaultValue: DEFAULTS, globalValue: { markdown: true } }).markdown, true);
  });

  it('relative exclude patterns (*.env, secrets/**, config/prod.yaml) are anchored to match anywhere', () => {
    assert.equal(anchorPattern('*.env'), '**/*.env');
    assert.equal(anchorPattern('secrets/**'), '**/secrets/**');
    assert.equal(anchorPattern('config/prod.yaml'), '**/config/prod.yaml');
    assert.equal(anchorPattern('./local.txt'), '**/local.txt');
    assert.equal(anchorPattern('**/*.pem'), '**/*.pem');
    assert.equal(anchorPattern('/home/me/secret.txt'), '/home/me/secret.txt');
    assert.equal(anchorPattern('C:/work/secret.txt'), 'C:/work/secret.txt');
    assert.deepEqual(mergeExcludes({ defaultValue: ['**/.env*'], globalValue: ['*.env', 'secrets/**'], workspaceFolderValue: ['config/prod.yaml'] }),
      ['**/*.env', '**/secrets/**', '**/config/prod.yaml']);
  });

  it('a workspace cannot empty the exclusion list; folder patterns are added', () => {
    assert.deepEqual(mergeExcludes({ defaultValue: ['**/.env*'], workspaceValue: [], workspaceFolderValue: ['*.secret'] }), ['**/.env*', '**/*.secret']);
  });

  it('snippets and completions only come from file, untitled and vscode-remote documents', () => {
    assert.deepEqual([...INLINE_SCHEMES].sort(), ['file', 'untitled', 'vscode-remote']);
    for (const s of ['vscode-userdata', 'git', 'output', 'vscode-settings']) assert.equal(INLINE_SCHEMES.includes(s), false, s);
  });
});
