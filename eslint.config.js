import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint-rules/layers.js';

// Layer rules from DESIGN.md, enforced: core is pure, services never touch electron, the renderer never
// touches node or main, and only the shell files import electron.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'util', 'url', 'http', 'https', 'net'];
const noNode = nodeBuiltins.map((name) => ({
  group: [name, `${name}/*`],
  message: 'This layer must not use Node built-ins (DESIGN.md layers).',
}));
const noElectron = {
  group: ['electron', 'electron/*'],
  message: 'Only src/main/index.ts, ipc.ts, pdf.ts and src/preload/index.ts may import electron.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'tests/accuracy/harness/**',
      'coverage/**',
      'test-results/**',
      'docs/**',
      'tests/.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Type-aware rules where a mistake is silent at run time: a promise nobody awaits (a lost write, an
    // unreported IPC failure), a promise where a boolean or a callback is expected, await on a non-promise.
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  {
    // Resolved-path layer check (eslint-rules/layers.js): catches '../errors' from a service, which an
    // import-specifier pattern cannot.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['**/*.test.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/no-cross-layer': ['error', { root: import.meta.dirname }] },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noNode,
            noElectron,
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', '**/shared/**'],
              message: 'src/core imports nothing outside itself.',
            },
            { group: ['systeminformation', 'playwright-core', 'svelte', 'svelte/*'], message: 'src/core may use only pure libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts', 'src/preload/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/ipc.ts', 'src/main/pdf.ts', 'src/preload/index.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noElectron, { group: ['**/renderer/**'], message: 'Main-side code never imports the renderer.' }] },
      ],
    },
  },
  {
    // Spread in a call (f(...list), push(...list), Math.max(...list)) puts every item on the stack: a
    // crafted file with 1.2 M tensors overflowed it. Loops or reduce instead (issue 13 item 10).
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts', 'src/core/model/**/*.ts', 'src/core/quant/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/main/index.ts', 'src/main/security.ts', 'src/main/pdf.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression > SpreadElement',
          message: 'No spread in call arguments: an unbounded list overflows the stack. Use a loop or reduce.',
        },
        {
          selector: 'NewExpression > SpreadElement',
          message: 'No spread in constructor arguments: an unbounded list overflows the stack.',
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noNode,
            noElectron,
            {
              group: ['**/main/**', '**/cli/**', '**/preload/index*', '$preload/index*'],
              message: 'The renderer reaches main only through window.api.',
            },
          ],
        },
      ],
    },
  },
);
