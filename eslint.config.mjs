// ESLint flat config: type-aware rules plus the layer rule that keeps the architecture honest.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Shipped code never reaches into the tests (the simulator, fixtures): they are not in the VSIX.
const noTestImports = { regex: '(^|/)test/', message: 'src/ must not import test/ (it is not shipped).' };

// The only src/core modules the webview may take values from. Each must stay zod-free (and import only
// others on this list) so zod never lands in the browser bundle; type-only imports are erased and free.
const WEBVIEW_SAFE_CORE = ['links'];
const webviewSafeCore = WEBVIEW_SAFE_CORE.join('|');

// Per-host behaviour is preset data (ProviderPreset fields), not a comparison with a preset id.
const presetIdHint = 'Per-preset behaviour is preset data: add a field to ProviderPreset (presets.ts) instead of comparing ids.';
const ID = ":matches([property.name='id'], [property.name='presetId'], [name='presetId'])";
const noPresetIdBranches = ['error',
  { selector: `BinaryExpression[operator=/^[!=]==?$/]:matches([left.type='Literal'], [right.type='Literal']):matches(:has(> .left${ID}), :has(> .right${ID}))`, message: presetIdHint },
  { selector: `SwitchStatement > .discriminant${ID}`, message: presetIdHint },
];

// `import { z } from 'zod'` keeps the whole of zod in dist/app.js (about 360 KB raw); `import * as z` lets esbuild drop
// what is unused. The package step's size budget would catch it too, but only at packaging time.
const noNamedZod = { selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']", message: "Use import * as z from 'zod' (the named import ships all of zod)." };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'media/**', '.vscode-test/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', noNamedZod] },
  },
  {
    // Layer rule: the core is pure TypeScript, testable in plain Node and reusable anywhere.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure: no vscode import (put it in src/vscode).' }],
        patterns: [
          { group: ['**/vscode/**', '../vscode', '../../vscode'], message: 'src/core must not import src/vscode.' },
          { group: ['**/webview/**'], message: 'src/core must not import src/webview.' },
          noTestImports,
        ],
      }],
    },
  },
  {
    files: ['src/core/providers/**/*.ts', 'src/core/catalog/**/*.ts'],
    rules: { 'no-restricted-syntax': [...noPresetIdBranches, noNamedZod] },
  },
  {
    // The webview-safe core modules: no zod, and no import of a core module that is not itself on the list.
    files: WEBVIEW_SAFE_CORE.map((m) => `src/core/${m}.ts`),
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'zod', message: 'This module is bundled into the webview: keep it zod-free.' }],
        patterns: [
          { regex: `^\\.{1,2}/(?!(${webviewSafeCore})$)`, message: `A webview-safe core module may import only others of its kind (${WEBVIEW_SAFE_CORE.join(', ')}).` },
          noTestImports,
        ],
      }],
    },
  },
  {
    // The extension host side: it embeds the webview by its built files, never by importing its code.
    files: ['src/vscode/**/*.ts', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)webview/', message: 'src/vscode must not import src/webview (it is browser code, loaded as a built asset).' }, noTestImports],
      }],
    },
  },
  {
    // The webview is browser code: no Node built-ins, no vscode module (it talks to the host by messages only).
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview cannot import vscode: post a protocol message instead.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'The webview runs in a browser: no Node built-ins.' }))],
        patterns: [{ group: ['**/vscode/**'], message: 'The webview must not import src/vscode.' }, noTestImports],
      }],
      // Values only from the webview-safe core modules (zod-free); types from anywhere in core are erased.
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          regex: `(^|/)core/(?!(${webviewSafeCore})$)`,
          allowTypeImports: true,
          message: `The webview may take values only from zod-free core modules (${WEBVIEW_SAFE_CORE.join(', ')}; list in eslint.config.mjs); use import type for protocol types.`,
        }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS by nature (mocha loads reporters with require).
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
