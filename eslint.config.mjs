// Layer boundaries are lint rules, not hopes (docs/ARCHITECTURE.md, « Layers »). Each layer has an ALLOWLIST:
// the folders it may import besides its own and the packages it may import; any other import fails, static,
// re-export or dynamic `import()`. SQL runs in src/main/store only. test/architecture/layers.test.ts proves each rule.
import { posix } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const shellFiles = ['src/main/index.ts', 'src/main/window.ts', 'src/main/menu.ts', 'src/main/ipc.ts'];

// From the widest folder to the narrowest: for a file in several, the last one applies.
// `packages`: 'node:' is every Node module (the bare names are refused), 'x/' a scope, any other an exact name.
const layers = [
  {
    folder: 'src/main',
    may: ['src/shared'],
    packages: ['node:', 'exceljs', 'jszip', 'zod'],
    rule: 'src/main imports itself, src/shared, node:*, exceljs, jszip and zod only (never the renderer, the CLI or electron)',
  },
  {
    folder: 'src/main',
    files: shellFiles,
    may: ['src/shared'],
    packages: ['node:', 'zod', 'electron'],
    rule: 'the Electron shell imports src/main, src/shared, node:*, zod and electron only',
  },
  {
    folder: 'src/main/store',
    may: ['src/shared'],
    packages: ['node:', 'better-sqlite3'],
    rule: 'src/main/store imports src/shared, node:* and better-sqlite3 only',
  },
  {
    folder: 'src/main/services',
    may: ['src/main/store', 'src/main/export', 'src/main/transfer', 'src/main/catalogue', 'src/main/reimbursement', 'src/shared'],
    packages: ['node:', 'zod'],
    rule: 'src/main/services imports store, export, transfer, catalogue, reimbursement, src/shared, node:* and zod only',
  },
  {
    folder: 'src/main/export',
    may: ['src/shared'],
    packages: ['node:', 'exceljs', 'jszip'],
    rule: 'src/main/export imports src/shared, node:*, exceljs and jszip only',
  },
  {
    folder: 'src/preload',
    may: ['src/shared'],
    packages: ['electron'],
    rule: 'the preload imports src/shared and electron only',
  },
  {
    folder: 'src/cli',
    may: ['src/main/services', 'src/shared'],
    packages: ['node:', 'commander'],
    rule: 'src/cli imports src/main/services, src/shared, node:* and commander only',
  },
  {
    folder: 'src/renderer',
    may: ['src/shared'],
    packages: ['ag-grid-community', '@ag-grid-community/'],
    rule: 'the renderer imports src/shared and ag-grid only; it talks to main through window.grille',
  },
  {
    folder: 'src/shared',
    may: [],
    packages: ['zod'],
    rule: 'src/shared runs in every process: it imports itself and zod only',
  },
];
// Globs are written per depth below a layer's folder, since a relative import is read from where the file is.
const MAX_DEPTH = 8;

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// What a file `depth` folders below `layer.folder` may import, as one regex over the import's text.
function allowedImport(layer, depth) {
  const packages = layer.packages.map((p) => (p.endsWith(':') || p.endsWith('/') ? `${escape(p)}.+` : `${escape(p)}(?:/.+)?`));
  const up = (n) => Array.from({ length: n }, () => '..').join('/');
  const own = ['.', ...Array.from({ length: depth }, (_, i) => up(i + 1))];
  const others = layer.may.map((folder) => [up(depth), posix.relative(layer.folder, folder)].filter(Boolean).join('/'));
  // after the prefix, only names: a `..` further on could climb out of the allowed folder
  const relative = `(?:${[...own, ...others].map(escape).join('|')})(?:/(?!\\.\\.?(?:/|$))[^/]+)*`;
  return `(?:${[...packages, relative].join('|')})`;
}

// Value imports of the pricing engines: the renderer gets every amount over IPC, with its explanation.
const pricingModules = 'quote|quote-lines|quote-plan|mav|impact|participation|pricing-rules|eligibility|members|assistance|reimbursement(?:-(?:claim|context|cover|guarantee|offer|pay|responsible|result|ss|trace))?';
const pricingFunctions = [
  'quoteProducts', 'quoteHousehold', 'priceMav', 'priceMembers', 'computeTotals', 'computeImpact', 'planFor',
  'reviseCells', 'reviseVersion', 'reviseWithFactor', 'revisionFactor', 'inverseRevision', 'simulate',
  'participationFor', 'applyFactor', 'applyFactorBig', 'roundDiv', 'roundDivNumber', 'lateRequestRemainingDays',
];
const noPricing = 'The renderer computes no price: it asks a service over IPC and shows its answer';
const rendererPricing = [
  { regex: `(?:^|/)shared/core/(?:${pricingModules})$`, caseSensitive: true, allowTypeImports: true, message: `${noPricing} (types only from the pricing engines).` },
  { regex: '(?:^|/)shared/core/revision$', caseSensitive: true, allowTypeImports: true, allowImportNames: ['diffCells', 'cellsOfVersion'], message: `${noPricing} (from the revision engine, only diffCells and cellsOfVersion).` },
  { regex: '(?:^|/)shared/core/money$', caseSensitive: true, allowTypeImports: true, allowImportNamePattern: '^(?:format|parse)', message: `${noPricing} (from money, only formatting and parsing).` },
  // the same functions re-exported by another module of shared
  { regex: '(?:^|/)shared/', caseSensitive: true, importNames: pricingFunctions, message: `${noPricing} (a pricing function, wherever it is re-exported).` },
];

// SQL runs in src/main/store only (with its migrations). A regular expression's `exec` is told apart by its
// literal, `new RegExp`, or its name (a CONSTANT, re, regex, pattern, or a name ending in Re/Regex/Pattern).
const sqlOnlyInStore = 'SQL runs in src/main/store only: ask the store for what you need.';
const sqlCalls = [
  { selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(?:prepare|pragma|transaction)$/]", message: sqlOnlyInStore },
  {
    selector:
      "CallExpression[callee.type='MemberExpression'][callee.property.name='exec']:not([callee.object.regex]):not([callee.object.callee.name='RegExp'])" +
      ':not([callee.object.name=/^(?:[A-Z][A-Z0-9_]*|re|regex|pattern|[a-z][A-Za-z0-9]*(?:Re|Regex|Pattern))$/])',
    message: sqlOnlyInStore,
  },
];

const unknownFolder = 'Layers (docs/ARCHITECTURE.md): this folder of src has no layer in eslint.config.mjs yet.';

function layerConfigs(layer) {
  return Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => {
    const forbidden = `^(?!${allowedImport(layer, depth)}$)`;
    const message = `Layers (docs/ARCHITECTURE.md): ${layer.rule}.`;
    const files = layer.files ?? [`${layer.folder}/${'*/'.repeat(depth)}*`];
    return {
      files,
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ regex: forbidden, caseSensitive: true, message }, ...(layer.folder === 'src/renderer' ? rendererPricing : [])] }],
        'no-restricted-syntax': [
          'error',
          // esquery reads a regex up to its first unescaped slash
          { selector: `ImportExpression[source.value=/${forbidden.replace(/\//g, '\\/')}/]`, message },
          ...(layer.folder === 'src/main/store' ? [] : sqlCalls),
        ],
      },
    };
  }).slice(0, layer.files ? 1 : undefined);
}

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
      // tests, scripts and benchmarks run in plain Node, where electron is only its installer
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "Only the Electron shell files import 'electron' (it downloads its binary in plain Node)." }] }],
    },
  },
  {
    files: ['src/**'],
    rules: {
      // a require() would pass around the import allowlists
      '@typescript-eslint/no-require-imports': 'error',
      // a folder of src that no layer below names imports nothing, until it is given its layer
      'no-restricted-imports': ['error', { patterns: [{ regex: '', message: unknownFolder }] }],
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: unknownFolder }, ...sqlCalls],
    },
  },
  ...layers.flatMap(layerConfigs),
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', '__dirname', 'Buffer', 'navigator', 'localStorage'] },
  },
  {
    files: ['bin/**/*.cjs', 'scripts/**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
