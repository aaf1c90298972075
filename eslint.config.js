// Lint rules that catch bugs, not style: formatting is left to the editor.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.archangel/**', 'test/fixtures/**', 'bench/mentor/cases/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The CLI edge, benchmarks and tests talk to the terminal directly.
    files: ['bin/**', 'bench/**', 'test/**', 'src/commands/**', 'src/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
