// Lint configuration: typescript-eslint's type-aware recommended rules on every TypeScript file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/e2e/node_modules/**', '.vscode-test/**',
      'media/**/*.js', 'test/e2e/**', 'samples/**', 'scripts/**', 'esbuild.mjs', 'eslint.config.mjs', 'test/e2e/**/*.mjs', 'test/vscode/run.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'max-len': ['error', { code: 100, ignoreUrls: true, ignoreStrings: false,
        ignoreTemplateLiterals: false, ignoreRegExpLiterals: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'eqeqeq': ['error', 'always'],
      'curly': ['error', 'multi-line'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core must not depend on VS Code.' },
          { name: 'fs', message: 'src/core must not touch the file system.' },
          { name: 'node:fs', message: 'src/core must not touch the file system.' },
          { name: 'fs/promises', message: 'src/core must not touch the file system.' },
          { name: 'node:fs/promises', message: 'src/core must not touch the file system.' },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
