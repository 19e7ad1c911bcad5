import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Process boundaries (DESIGN.md "Processes", STYLE.md): enforced here, not in prose.
const noElectron = { name: 'electron', message: 'electron belongs to src/main and src/preload only.' };
const intoMain = { group: ['**/main/**', '**/main'], message: 'Nothing imports src/main.' };
const intoRenderer = { group: ['**/renderer/**'], message: 'Nothing imports src/renderer.' };
const intoCli = { group: ['**/cli/**', '**/cli'], message: 'Nothing imports src/cli: it is the command line only.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-warning-comments': ['error', { terms: ['todo', 'fixme', 'xxx'], location: 'start' }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
    },
  },
  {
    files: ['src/core/**', 'src/shared/**', 'src/helper/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [intoMain, intoRenderer, intoCli] }],
    },
  },
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [intoMain, intoRenderer] }],
    },
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [intoRenderer, intoCli] }],
    },
  },
  {
    files: ['src/renderer/**'],
    // The renderer is its own TypeScript project (DOM, JSX, no Node types): tsconfig.json leaves it out.
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.renderer.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'child_process', 'net', 'dgram', 'os', 'path'], message: 'The renderer runs in a browser: no Node modules.' },
          intoMain,
        ],
        paths: [noElectron],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
