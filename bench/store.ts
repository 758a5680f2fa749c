/**
 * Catalogue store benchmarks: Grille's tariff import against raw prepared inserts into the same
 * schema, and the CLI's start-to-output time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ProductFile, TariffCellEntry } from '../src/shared/core/catalogue-schema';
import { openDatabase } from '../src/main/store/open';
import { replaceCatalogue } from '../src/main/store/writer';
import { loadDataDir } from '../src/main/catalogue/data-dir';
import { bestOf, timeAsync, type BenchRow, type BenchSection } from './harness';

const PRODUCTS = 20;
const VERSIONS = 2;
const FORMULAS = 4;
const AGES = 50; // age-by-age segments 18..67
const ZONES = 126;
// 20 × 2 × 4 × 50 × 126 = 1 008 000 cells

const source = { file: 'genere.txt', section: 'Barème généré', lines: [1, 1] as [number, number], quote: 'barème' };

export function generatedProduct(i: number): ProductFile {
  const id = `genere-${i}`;
  const tariffs: TariffCellEntry[] = [];
  for (let v = 0; v < VERSIONS; v++)
    for (let f = 0; f < FORMULAS; f++)
      for (let a = 0; a < AGES; a++)
        for (let z = 0; z < ZONES; z++) tariffs.push({ version: `v${v}`, formula: `f${f}`, option: '', segment: `age-${18 + a}`, zone: `z${z}`, amountCents: 1000 + ((i * 7919 + v * 104729 + f * 1299709 + a * 31 + z) % 20000), period: 'month', source });
  return {
    formatVersion: 1,
    product: { id, kind: 'sante', name: `Produit généré ${i}`, insurer: 'assureur-genere', distributor: null, subscribers: [], references: [], attachedTo: null, source },
    organisations: [{ id: 'assureur-genere', name: 'Assureur généré', roles: ['insurer'], source }],
    documents: [{ id: 'doc', file: 'genere.txt', title: 'Barème', kind: 'tarif', lines: [1, 1], date: null }],
    formulas: Array.from({ length: FORMULAS }, (_, f) => ({ code: `f${f}`, label: `Formule ${f}`, kind: 'formula' as const })),
    segments: Array.from({ length: AGES }, (_, a) => ({ code: `age-${18 + a}`, label: `${18 + a} ans`, roles: ['principal' as const, 'conjoint' as const], status: null, ageMin: 18 + a, ageMax: 18 + a, source })),
    versions: Array.from({ length: VERSIONS }, (_, v) => ({ code: `v${v}`, label: `Version ${v}`, effectiveFrom: `${2025 + v}-01-01`, effectiveTo: null, document: 'doc', source })),
    categories: [],
    guarantees: [],
    tariffs,
    rules: [],
  };
}

async function importRates(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'grille-bench-'));
  const taxonomy = loadDataDir().taxonomy;
  const products = Array.from({ length: PRODUCTS }, (_, i) => generatedProduct(i));
  const cells = products.reduce((n, p) => n + p.tariffs.length, 0);

  // Raw baseline: the same rows, ids resolved beforehand, one prepared INSERT in one transaction.
  const rawDb = (await openDatabase(join(dir, 'raw.sqlite'))).db;
  replaceCatalogue(rawDb, taxonomy, products.map((p) => ({ ...p, tariffs: [] })));
  const ids = (sql: string) => new Map((rawDb.prepare(sql).all() as { k: string; id: number }[]).map((r) => [r.k, r.id]));
  const versionIds = ids("SELECT product_id || '|' || code AS k, id FROM versions");
  const formulaIds = ids("SELECT product_id || '|' || code AS k, id FROM formulas");
  const segmentIds = ids("SELECT product_id || '|' || code AS k, id FROM segments");
  const rows = products.flatMap((p) => p.tariffs.map((c) => [versionIds.get(`${p.product.id}|${c.version}`)!, formulaIds.get(`${p.product.id}|${c.formula}`)!, c.option, segmentIds.get(`${p.product.id}|${c.segment}`)!, c.zone, c.amountCents, c.period, 1] as const));
  const insert = rawDb.prepare('INSERT INTO tariff_cells (version_id, formula_id, option_code, segment_id, zone, amount_cents, period, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const raw = bestOf(1, () =>
    rawDb.transaction(() => {
      for (const r of rows) insert.run(...r);
    })(),
  );
  rawDb.close();

  // Grille: the whole catalogue written by the store's writer (codes resolved, sources deduplicated), one transaction.
  const db = (await openDatabase(join(dir, 'grille.sqlite'))).db;
  const grille = bestOf(1, () => replaceCatalogue(db, taxonomy, products));
  const stored = (db.prepare('SELECT count(*) AS n FROM tariff_cells').get() as { n: number }).n;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  if (stored !== cells) throw new Error(`bench: ${stored} cellules écrites sur ${cells}`);
  const rawRate = cells / (raw.ms / 1000);
  const grilleRate = cells / (grille.ms / 1000);
  const ratio = grilleRate / rawRate;
  return [
    { name: `raw better-sqlite3 prepared inserts (${cells.toLocaleString('fr-FR')} cells)`, ms: raw.ms, baselineMs: null, baseline: null, rate: { value: rawRate, unit: 'cells/s' } },
    {
      name: `Grille catalogue import (${cells.toLocaleString('fr-FR')} tariff cells, ${PRODUCTS} products)`,
      ms: grille.ms,
      baselineMs: raw.ms,
      baseline: 'raw prepared inserts, same rows, same schema',
      rate: { value: grilleRate, unit: 'cells/s' },
      goal: 'rate ratio ≥ 0.7',
      met: ratio >= 0.7,
    },
  ];
}

async function cliStart(): Promise<BenchRow[]> {
  const bin = resolve(__dirname, '..', 'bin', 'grille.cjs');
  const db = join(mkdtempSync(join(tmpdir(), 'grille-bench-cli-')), 'c.sqlite');
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, GRILLE_DB: db } });
    if (r.status !== 0) throw new Error(`bench: ${args.join(' ')} → ${r.status} ${r.stderr}`);
  };
  run([bin, 'catalogue', 'list']); // first use creates the database
  const node = bestOf(5, () => run(['-e', '']));
  const list = bestOf(5, () => run([bin, 'catalogue', 'list']));
  return [
    {
      name: 'CLI start-to-output: grille catalogue list',
      ms: list.ms,
      baselineMs: node.ms,
      baseline: 'node -e "" (bare Node start)',
      goal: '< 500 ms',
      met: list.ms < 500,
    },
  ];
}

export const storeBench: BenchSection = async () => [...(await importRates()), ...(await cliStart())];
export { timeAsync };
