// Lint rules, and the layer rules of STYLE.md: shared/ is pure, renderer/ never reaches into
// main/, Node or Electron, and only main/electron/ may import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
/** Packages shared/ may import: the crypto and columnar-data libraries, nothing else. */
const SHARED_ALLOWED_PACKAGES = '^(libsodium-wrappers|libsodium-wrappers-sumo|apache-arrow)(/|$)';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', '.bench-cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^(?!\\.{1,2}/|${SHARED_ALLOWED_PACKAGES.slice(1)})`, message: 'shared/ is pure: it imports only shared/ and libsodium.' },
            { group: ['**/main/**', '**/renderer/**', '**/test/**'], message: 'shared/ imports nothing outside shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...NODE_BUILTINS.map((name) => ({ name, message: 'renderer/ runs in the page: no Node modules.' })),
            { name: 'electron', message: 'renderer/ talks to the main process only through its typed API.' },
          ],
          patterns: [{ group: ['**/main/**', 'node:*', 'electron/*'], message: 'renderer/ never imports main/, Node or Electron.' }],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron/ may import electron: services stay host-neutral.' }],
          patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports renderer/.' }],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports renderer/.' }] }],
    },
  },
);
