// Layer boundaries are lint rules, not hopes (see docs/ARCHITECTURE.md):
//  - src/shared imports no Node, DOM or Electron module, and nothing from main, cli or renderer;
//  - only the Electron shell files (src/main/{index,window,menu,ipc}.ts, src/preload) import 'electron';
//  - the renderer imports no Node module and nothing from main or cli.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https',
  'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'string_decoder', 'timers', 'tls', 'tty', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
const electronShell = ['src/main/index.ts', 'src/main/window.ts', 'src/main/menu.ts', 'src/main/ipc.ts', 'src/preload/**'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', structuredClone: 'readonly', performance: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', AbortController: 'readonly', queueMicrotask: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "Only the Electron shell files import 'electron' (it downloads its binary in plain Node)." }] }],
    },
  },
  {
    files: electronShell,
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'exceljs', 'commander', ...nodeBuiltins].map((name) => ({
            name,
            message: 'src/shared runs in every process: no Node, DOM or Electron module.',
          })),
          patterns: [
            { group: ['node:*'], message: 'src/shared runs in every process: no Node module.' },
            { group: ['**/main/**', '**/cli/**', '**/renderer/**', '**/preload/**'], message: 'src/shared imports nothing from the processes.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', '__dirname', 'Buffer', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'exceljs', 'commander', ...nodeBuiltins].map((name) => ({ name, message: 'The renderer asks the main process through the api; it imports no Node module.' })),
          patterns: [
            { group: ['node:*'], message: 'The renderer imports no Node module.' },
            { group: ['**/main/**', '**/cli/**', '**/preload/**'], message: 'The renderer only imports src/shared.' },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.cjs', 'scripts/**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
