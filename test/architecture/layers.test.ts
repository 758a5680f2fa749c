import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Each layer rule of eslint.config.mjs, proved on small sources linted as if they stood in a folder: a forbidden
// text must fail with the rule's own error, its allowed neighbour must pass clean (so a rule can be neither
// loosened nor tightened by accident).
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(code: string, filePath: string): Promise<{ rule: string; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => ({ rule: m.ruleId ?? 'fatal', message: m.message }));
}
const use = (names: string) => `\nexport const used = [${names}];\n`;

const LAYERS = 'Layers (docs/ARCHITECTURE.md)';
const ENGINE = 'types only from the pricing engines';
const REVISION = 'only diffCells and cellsOfVersion';
const MONEY = 'only formatting and parsing';
const REEXPORTED = 'wherever it is re-exported';
const SQL = 'SQL runs in src/main/store only';

type Case = [what: string, code: string, file: string, rule: string, message: string];

const forbidden: Case[] = [
  ['store importing the renderer', "import { el } from '../../renderer/ui/dom';" + use('el'), 'src/main/store/x.ts', 'no-restricted-imports', LAYERS],
  ['store importing services', "import { openCatalogue } from '../services/catalogue';" + use('openCatalogue'), 'src/main/store/x.ts', 'no-restricted-imports', LAYERS],
  ['store importing exceljs', "import ExcelJS from 'exceljs';" + use('ExcelJS'), 'src/main/store/x.ts', 'no-restricted-imports', LAYERS],
  ['store climbing out through shared', "import { el } from '../../shared/../renderer/ui/dom';" + use('el'), 'src/main/store/x.ts', 'no-restricted-imports', LAYERS],
  ['store loading the renderer on demand', "export const later = () => import('../../renderer/main');", 'src/main/store/x.ts', 'no-restricted-syntax', LAYERS],
  ['services importing the IPC layer', "import { code } from '../../ipc-handler';" + use('code'), 'src/main/services/edits/x.ts', 'no-restricted-imports', LAYERS],
  ['services importing the CLI', "import { program } from '../../cli/index';" + use('program'), 'src/main/services/x.ts', 'no-restricted-imports', LAYERS],
  ['services importing better-sqlite3', "import Database from 'better-sqlite3';" + use('Database'), 'src/main/services/x.ts', 'no-restricted-imports', LAYERS],
  ['export importing the store', "import { getProduct } from '../store/reader';" + use('getProduct'), 'src/main/export/x.ts', 'no-restricted-imports', LAYERS],
  ['transfer importing better-sqlite3', "import Database from 'better-sqlite3';" + use('Database'), 'src/main/transfer/x.ts', 'no-restricted-imports', LAYERS],
  ['main importing the renderer', "import { el } from '../renderer/ui/dom';" + use('el'), 'src/main/ipc-handlers.ts', 'no-restricted-imports', LAYERS],
  ['a bare Node module name', "import { join } from 'path';" + use('join'), 'src/main/services/x.ts', 'no-restricted-imports', LAYERS],
  ['the CLI importing the renderer', "import { el } from '../renderer/ui/dom';" + use('el'), 'src/cli/x.ts', 'no-restricted-imports', LAYERS],
  ['the CLI importing the store', "import { getProduct } from '../../main/store/reader';" + use('getProduct'), 'src/cli/commands/x.ts', 'no-restricted-imports', LAYERS],
  ['the CLI importing transfer', "import { exportCatalogue } from '../main/transfer/export';" + use('exportCatalogue'), 'src/cli/x.ts', 'no-restricted-imports', LAYERS],
  ['the renderer importing main', "import { quote } from '../../main/services/pricing';" + use('quote'), 'src/renderer/views/x.ts', 'no-restricted-imports', LAYERS],
  ['the renderer importing a Node module', "import { readFileSync } from 'node:fs';" + use('readFileSync'), 'src/renderer/x.ts', 'no-restricted-imports', LAYERS],
  ['the renderer pricing a household', "import { quoteProducts } from '../../shared/core/quote';" + use('quoteProducts'), 'src/renderer/views/x.ts', 'no-restricted-imports', ENGINE],
  ['the renderer pricing through a re-export', "import { quoteProducts } from '../../shared/api';" + use('quoteProducts'), 'src/renderer/views/x.ts', 'no-restricted-imports', REEXPORTED],
  ['the renderer pricing MAV', "import { priceMav } from '../shared/core/mav';" + use('priceMav'), 'src/renderer/x.ts', 'no-restricted-imports', ENGINE],
  ['the renderer revising a tariff', "import { reviseCells } from '../../shared/core/revision';" + use('reviseCells'), 'src/renderer/ui/x.ts', 'no-restricted-imports', REVISION],
  ['the renderer rounding money', "import { roundDiv } from '../../shared/core/money';" + use('roundDiv'), 'src/renderer/ui/x.ts', 'no-restricted-imports', MONEY],
  ['the renderer simulating reimbursements', "import * as engine from '../../shared/core/reimbursement';" + use('engine'), 'src/renderer/views/x.ts', 'no-restricted-imports', ENGINE],
  ['shared importing jszip', "import JSZip from 'jszip';" + use('JSZip'), 'src/shared/core/x.ts', 'no-restricted-imports', LAYERS],
  ['shared importing a Node module', "import { readFileSync } from 'node:fs';" + use('readFileSync'), 'src/shared/x.ts', 'no-restricted-imports', LAYERS],
  ['shared importing main', "import { getProduct } from '../../main/store/reader';" + use('getProduct'), 'src/shared/core/x.ts', 'no-restricted-imports', LAYERS],
  ['shared re-exporting from the renderer', "export { el } from '../renderer/ui/dom';", 'src/shared/x.ts', 'no-restricted-imports', LAYERS],
  ['a require() in src', "const fs = require('node:fs');" + use('fs'), 'src/main/services/x.ts', '@typescript-eslint/no-require-imports', ''],
  ['a prepared statement in services', "export const n = (db: { prepare(s: string): { get(): unknown } }) => db.prepare('SELECT 1').get();", 'src/main/services/x.ts', 'no-restricted-syntax', SQL],
  ['an exec in transfer', "export const f = (db: { exec(s: string): void }) => db.exec('DELETE FROM products');", 'src/main/transfer/x.ts', 'no-restricted-syntax', SQL],
  ['a pragma in the CLI', "export const f = (cat: { db: { pragma(s: string): unknown } }) => cat.db.pragma('user_version');", 'src/cli/x.ts', 'no-restricted-syntax', SQL],
  ['a transaction in main', "export const f = (db: { transaction(f: () => void): () => void }) => db.transaction(() => {})();", 'src/main/jobs/x.ts', 'no-restricted-syntax', SQL],
];

const allowed: [what: string, code: string, file: string][] = [
  ['store: shared, Node, better-sqlite3 and itself', "import Database from 'better-sqlite3';\nimport { join } from 'node:path';\nimport { roundDiv } from '../../shared/core/money';\nimport { migrations } from './schema';" + use('Database, join, roundDiv, migrations'), 'src/main/store/x.ts'],
  ['store: SQL', "export const f = (db: { prepare(s: string): { get(): unknown }; exec(s: string): void; pragma(s: string): unknown; transaction(f: () => void): () => void }) => {\n  db.exec('SELECT 1');\n  db.pragma('user_version');\n  db.transaction(() => {})();\n  return db.prepare('SELECT 1').get();\n};", 'src/main/store/x.ts'],
  ['services: store, export, transfer, catalogue, reimbursement, shared, zod, Node', "import { z } from 'zod';\nimport { readFileSync } from 'node:fs';\nimport { getProduct } from '../store/reader';\nimport { exportCatalogue } from '../transfer/export';\nimport { loadDataDir } from '../catalogue/data-dir';\nimport { simulate } from '../reimbursement/service';\nimport { quoteProducts } from '../../shared/core/quote';\nimport { openCatalogue } from './catalogue';" + use('z, readFileSync, getProduct, exportCatalogue, loadDataDir, simulate, quoteProducts, openCatalogue') + "export const later = () => import('../export/comparison-workbook');", 'src/main/services/x.ts'],
  ['services from a subfolder', "import { getProduct } from '../../store/reader';\nimport { formatEuros } from '../../../shared/core/money';\nimport { openCatalogue } from '../catalogue';\nimport { plan } from './plan';" + use('getProduct, formatEuros, openCatalogue, plan'), 'src/main/services/edits/x.ts'],
  ['services: a regular expression\'s exec', "const RATE_RE = /^\\d+$/;\nconst pattern = /x/;\nexport const f = (s: string) => [/^(\\d+)$/.exec(s), RATE_RE.exec(s), pattern.exec(s), new RegExp('y').exec(s)];", 'src/main/services/x.ts'],
  ['export: shared, exceljs, jszip, Node and itself', "import ExcelJS from 'exceljs';\nimport JSZip from 'jszip';\nimport { PassThrough } from 'node:stream';\nimport { styles } from '../styles';\nimport { formatEuros } from '../../../shared/core/money';" + use('ExcelJS, JSZip, PassThrough, styles, formatEuros'), 'src/main/export/deliberation/x.ts'],
  ['main: any of main, shared, exceljs, jszip, zod', "import ExcelJS from 'exceljs';\nimport JSZip from 'jszip';\nimport { openCatalogue } from '../services/catalogue';\nimport { getProduct } from '../store/reader';\nimport { GrilleError } from '../../shared/errors';" + use('ExcelJS, JSZip, openCatalogue, getProduct, GrilleError'), 'src/main/transfer/x.ts'],
  ['the Electron shell', "import { app } from 'electron';\nimport { dispatch } from './ipc-handlers';\nimport { channels } from '../shared/api';" + use('app, dispatch, channels'), 'src/main/index.ts'],
  ['the preload', "import { contextBridge } from 'electron';\nimport { channels } from '../shared/api';" + use('contextBridge, channels'), 'src/preload/index.ts'],
  ['the CLI: services, shared, commander, Node', "import { Command } from 'commander';\nimport { writeFileSync } from 'node:fs';\nimport { openCatalogue } from '../../main/services/catalogue';\nimport { formatEuros } from '../../shared/core/money';\nimport { output } from '../output';" + use('Command, writeFileSync, openCatalogue, formatEuros, output'), 'src/cli/commands/x.ts'],
  ['the renderer: shared, ag-grid, types of the engines, diffCells, formatting', "import { createGrid } from 'ag-grid-community';\nimport { AG_GRID_LOCALE_FR } from '@ag-grid-community/locale';\nimport type { HouseholdQuote } from '../../shared/core/quote';\nimport { type MavQuote } from '../../shared/core/mav';\nimport { diffCells, type CellChange } from '../../shared/core/revision';\nimport { formatEuros, parseEuros } from '../../shared/core/money';\nimport { el } from '../ui/dom';\nimport { quoteCards } from './devis-results';\nexport type T = HouseholdQuote | MavQuote | CellChange;" + use('createGrid, AG_GRID_LOCALE_FR, diffCells, formatEuros, parseEuros, el, quoteCards'), 'src/renderer/views/x.ts'],
  ['shared: zod and itself', "import { z } from 'zod';\nimport { roundDiv } from './money';\nimport type { GrilleApi } from '../api';" + use('z, roundDiv') + 'export type A = GrilleApi;', 'src/shared/core/x.ts'],
];

describe('layers: what lint refuses', () => {
  it.each(forbidden)('refuses %s', async (_what, code, file, rule, message) => {
    const found = await problems(code, file);
    expect(found.filter((p) => p.rule === rule && p.message.includes(message)), JSON.stringify(found)).not.toHaveLength(0);
  });
});

describe('layers: what lint allows', () => {
  it.each(allowed)('allows %s', async (_what, code, file) => {
    expect(await problems(code, file)).toEqual([]);
  });
});

describe('layers: no folder of src escapes them', () => {
  // a layer's globs are written per depth: a folder deeper than they reach, or a new top folder, would go unchecked
  const folders = (dir: string): string[] => [dir, ...readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => folders(join(dir, d.name)))];
  const probes = [...folders('src').map((d) => relative('.', d)), 'src/main/store/a/b/c/d/e/f/g/h', 'src/newfolder'];

  it.each(probes)('applies an allowlist in %s', async (dir) => {
    const found = await problems("import pad from 'left-pad';" + use('pad'), `${dir}/probe.ts`);
    expect(found.map((p) => p.rule)).toContain('no-restricted-imports');
  });
});
