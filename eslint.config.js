// ESLint flat config. The two restricted-import blocks are architecture rules, not style:
// product logic must run in plain Node (no electron) and only the preload may touch ipcRenderer.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'e2e/artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/main/core/**', 'src/shared/**', 'src/main/daemon/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Product logic must run in plain Node: keep electron in src/main/electron.' }],
          patterns: [{ group: ['electron/*', '**/main/electron/**'], message: 'Product logic must not depend on the Electron shell.' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The renderer talks to window.warmclaw only (sandboxed).' }], patterns: [{ group: ['node:*'], message: 'No Node APIs in the renderer.' }] },
      ],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/preload/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "Identifier[name='ipcRenderer']", message: 'ipcRenderer is only allowed in src/preload.' }],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bin/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
