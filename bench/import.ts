/**
 * Catalogue import benchmarks: `grille import` of a 1 M-cell JSON package and of a 1 M-cell Excel
 * template (the whole path: limits, zip checks, reading, schema, cross references, plausibility, the
 * store's rules, one transaction with its audit rows), against raw prepared inserts of the same cells
 * into the same schema measured in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataDir } from '../src/main/catalogue/data-dir';
import { openDatabase } from '../src/main/store/open';
import { replaceCatalogue } from '../src/main/store/writer';
import { importBytes } from '../src/main/transfer/import';
import { stringifyPackage } from '../src/main/transfer/json-package';
import { writeCatalogueWorkbook } from '../src/main/transfer/xlsx-export';
import { bestOf, timeAsync, type BenchSection } from './harness';
import { generatedProduct } from './store';

const PRODUCTS = 20; // × 50 400 cells (bench/store.ts) = 1 008 000 cells

async function rawInsertMs(dir: string, products: ReturnType<typeof generatedProduct>[]): Promise<number> {
  const taxonomy = loadDataDir().taxonomy;
  const db = (await openDatabase(join(dir, 'raw.sqlite'))).db;
  replaceCatalogue(db, taxonomy, products.map((p) => ({ ...p, tariffs: [] })));
  const ids = (sql: string) => new Map((db.prepare(sql).all() as { k: string; id: number }[]).map((r) => [r.k, r.id]));
  const versionIds = ids("SELECT product_id || '|' || code AS k, id FROM versions");
  const formulaIds = ids("SELECT product_id || '|' || code AS k, id FROM formulas");
  const segmentIds = ids("SELECT product_id || '|' || code AS k, id FROM segments");
  const rows = products.flatMap((p) => p.tariffs.map((c) => [versionIds.get(`${p.product.id}|${c.version}`)!, formulaIds.get(`${p.product.id}|${c.formula}`)!, c.option, segmentIds.get(`${p.product.id}|${c.segment}`)!, c.zone, c.amountCents, c.period, 1] as const));
  const insert = db.prepare('INSERT INTO tariff_cells (version_id, formula_id, option_code, segment_id, zone, amount_cents, period, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const raw = bestOf(1, () =>
    db.transaction(() => {
      for (const r of rows) insert.run(...r);
    })(),
  );
  db.close();
  return raw.ms;
}

async function importMs(dir: string, name: string, bytes: Buffer, cells: number): Promise<number> {
  const file = join(dir, `${name}.sqlite`);
  const { db } = await openDatabase(file);
  try {
    const run = await timeAsync(() => importBytes({ db, file, created: false, close: () => db.close() }, bytes, name));
    const stored = (db.prepare('SELECT count(*) AS n FROM tariff_cells').get() as { n: number }).n;
    if (stored !== cells) throw new Error(`bench: ${stored} cellules importées sur ${cells}`);
    return run.ms;
  } finally {
    db.close();
  }
}

export const importBench: BenchSection = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grille-bench-import-'));
  try {
    const products = Array.from({ length: PRODUCTS }, (_, i) => generatedProduct(i));
    const cells = products.reduce((n, p) => n + p.tariffs.length, 0);
    const taxonomy = loadDataDir().taxonomy.categories.filter((c) => !c.key.includes('.')).slice(0, 1);
    const json = Buffer.from(stringifyPackage({ format: 'grille-catalogue', formatVersion: 1, taxonomy, products }), 'utf8');
    const xlsx = await writeCatalogueWorkbook(products, taxonomy);
    const rawMs = await rawInsertMs(dir, products);
    const jsonMs = await importMs(dir, 'paquet.json', json, cells);
    const xlsxMs = await importMs(dir, 'modele.xlsx', xlsx, cells);
    const n = cells.toLocaleString('fr-FR');
    const rate = (ms: number) => ({ value: cells / (ms / 1000), unit: 'cells/s' });
    const mb = (b: Buffer) => `${(b.length / 1024 / 1024).toFixed(0)} Mio`;
    return [
      { name: `raw better-sqlite3 prepared inserts (${n} cells)`, ms: rawMs, baselineMs: null, baseline: null, rate: rate(rawMs) },
      {
        name: `grille import, JSON package (${n} cells, ${PRODUCTS} products, ${mb(json)})`,
        ms: jsonMs,
        baselineMs: rawMs,
        baseline: 'raw prepared inserts, same cells, same schema',
        rate: rate(jsonMs),
        goal: 'rate ratio ≥ 0.2 (everything checked before one transaction)',
        met: rawMs / jsonMs >= 0.2,
      },
      {
        name: `grille import, Excel template (${n} cells, ${PRODUCTS} products, ${mb(xlsx)})`,
        ms: xlsxMs,
        baselineMs: rawMs,
        baseline: 'raw prepared inserts, same cells, same schema',
        rate: rate(xlsxMs),
        goal: 'rate ratio ≥ 0.05 (zip checks, then exceljs streaming reader)',
        met: rawMs / xlsxMs >= 0.05,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
