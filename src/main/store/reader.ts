/**
 * Readers over prepared statements. `getProduct` gives back the product in the same shape as a
 * data/ file, so the core engines, the exports and the JSON package all read one shape; each part's
 * columns and their decoding come from its field table (fields-catalogue.ts).
 */
import type Database from 'better-sqlite3';
import type { ProductFile, ProductKind, TaxonomyFile } from '../../shared/core/catalogue-schema';
import type { ProductSummaryDto } from '../../shared/api';
import {
  categoryEntity,
  componentEntity,
  documentEntity,
  formulaEntity,
  guaranteeEntity,
  organisationEntity,
  productEntity,
  ruleEntity,
  segmentEntity,
  tariffEntity,
  taxonomyEntity,
  versionEntity,
} from './fields-catalogue';
import { rowReader, type RowReader } from './fields-sql';
import type { Db } from './open';

type Statement = Database.Statement<unknown[]>;

/** The catalogue list entry, as the renderer receives it too. */
export type ProductSummary = ProductSummaryDto;

export function listProducts(db: Db): ProductSummary[] {
  const products = db
    .prepare(
      `SELECT p.id, p.kind, p.name, p.attached_to, i.id AS insurer_id, i.name AS insurer_name, d.id AS distributor_id, d.name AS distributor_name
       FROM products p JOIN organisations i ON i.id = p.insurer_id LEFT JOIN organisations d ON d.id = p.distributor_id
       ORDER BY p.sort, p.id`,
    )
    .all() as {
    id: string;
    kind: ProductKind;
    name: string;
    attached_to: string | null;
    insurer_id: string;
    insurer_name: string;
    distributor_id: string | null;
    distributor_name: string | null;
  }[];
  const formulas = db.prepare('SELECT code, label, kind FROM formulas WHERE product_id = ? ORDER BY sort');
  const versions = db.prepare('SELECT code, label, effective_from, effective_to, reference FROM versions WHERE product_id = ? ORDER BY sort');
  const refs = db.prepare('SELECT reference FROM product_references WHERE product_id = ? ORDER BY sort');
  const guarantees = db.prepare('SELECT count(*) AS n FROM guarantees WHERE product_id = ?');
  const cells = db.prepare('SELECT count(*) AS n FROM tariff_cells WHERE version_id IN (SELECT id FROM versions WHERE product_id = ?)');
  return products.map((p) => ({
    id: p.id,
    kind: p.kind,
    name: p.name,
    insurer: { id: p.insurer_id, name: p.insurer_name },
    distributor: p.distributor_id ? { id: p.distributor_id, name: p.distributor_name ?? '' } : null,
    attachedTo: p.attached_to,
    references: (refs.all(p.id) as { reference: string }[]).map((r) => r.reference),
    formulas: formulas.all(p.id) as ProductSummary['formulas'],
    versions: (versions.all(p.id) as { code: string; label: string; effective_from: string | null; effective_to: string | null; reference: string | null }[]).map(
      (v) => ({ code: v.code, label: v.label, effectiveFrom: v.effective_from, effectiveTo: v.effective_to, reference: v.reference }),
    ),
    guaranteeCount: (guarantees.get(p.id) as { n: number }).n,
    tariffCellCount: (cells.get(p.id) as { n: number }).n,
  }));
}

export function productExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM products WHERE id = ?').get(id) !== undefined;
}

export function productCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
}

export function productIds(db: Db): string[] {
  return (db.prepare('SELECT id FROM products ORDER BY sort, id').all() as { id: string }[]).map((r) => r.id);
}

interface ProductReaders {
  product: Statement;
  organisations: Statement;
  documents: Statement;
  formulas: Statement;
  segments: Statement;
  versions: Statement;
  categories: Statement;
  guarantees: Statement;
  tariffs: Statement;
  rules: Statement;
  read: Record<'product' | 'organisations' | 'documents' | 'formulas' | 'segments' | 'versions' | 'categories' | 'guarantees' | 'tariffs' | 'rules', RowReader>;
}

/** Rows of one product's part, as raw arrays (the field tables' readers know each column's place). */
const rawAll = (st: Statement, id: unknown): unknown[][] => st.all(id) as unknown[][];

/** The statements and row readers of getProduct, built once per connection. */
function productReaders(db: Db): ProductReaders {
  const prepare = (sql: string) => db.prepare<unknown[]>(sql).raw(true);
  const subscribers = prepare('SELECT organisation_id FROM product_subscribers WHERE product_id = ? ORDER BY sort');
  const references = prepare('SELECT reference FROM product_references WHERE product_id = ? ORDER BY sort');
  const components = rowReader(componentEntity, { alias: 'c' });
  const componentRows = prepare(`SELECT ${components.select} FROM version_components c WHERE c.version_id = ? ORDER BY c.sort`);
  const quantities = prepare('SELECT kind, value FROM guarantee_quantities WHERE guarantee_id = ? ORDER BY sort');
  const read = {
    product: rowReader(productEntity, {
      alias: 'p',
      extra: ['p.id'],
      hooks: { subscribers: (row) => rawAll(subscribers, row[0]).map((r) => r[0]), references: (row) => rawAll(references, row[0]).map((r) => r[0]) },
    }),
    organisations: rowReader(organisationEntity, { alias: 'o' }),
    documents: rowReader(documentEntity, { alias: 'd' }),
    formulas: rowReader(formulaEntity, { alias: 'f' }),
    segments: rowReader(segmentEntity, { alias: 'g' }),
    versions: rowReader(versionEntity, {
      alias: 'v',
      extra: ['v.id'],
      // a revision is its mode (a column of the version) and its components (their own table)
      hooks: { revision: (row, [mode]) => (mode === null ? undefined : { mode, components: rawAll(componentRows, row[0]).map((r) => components.read(r)) }) },
    }),
    categories: rowReader(categoryEntity, { alias: 'c' }),
    guarantees: rowReader(guaranteeEntity, {
      alias: 'g',
      extra: ['g.id'],
      hooks: { quantities: (row) => Object.fromEntries(rawAll(quantities, row[0]) as [string, number][]) },
    }),
    tariffs: rowReader(tariffEntity, { alias: 'c', expr: { version: 'v.code', formula: 'f.code', segment: 'g.code' } }),
    rules: rowReader(ruleEntity, { alias: 'r' }),
  };
  const of = (part: keyof typeof read, from: string, where: string, order: string) =>
    prepare(`SELECT ${read[part].select} FROM ${from} ${read[part].sourceJoin} WHERE ${where}${order ? ` ORDER BY ${order}` : ''}`);
  return {
    read,
    product: of('product', 'products p', 'p.id = ?', ''),
    organisations: of('organisations', 'product_organisations po JOIN organisations o ON o.id = po.organisation_id', 'po.product_id = ?', 'po.sort'),
    documents: of('documents', 'documents d', 'd.product_id = ?', 'd.sort'),
    formulas: of('formulas', 'formulas f', 'f.product_id = ?', 'f.sort'),
    segments: of('segments', 'segments g', 'g.product_id = ?', 'g.sort'),
    versions: of('versions', 'versions v', 'v.product_id = ?', 'v.sort'),
    categories: of('categories', 'product_categories pc JOIN categories c ON c.key = pc.category_key', 'pc.product_id = ?', 'pc.sort'),
    guarantees: of('guarantees', 'guarantees g', 'g.product_id = ?', 'g.sort'),
    tariffs: of(
      'tariffs',
      'tariff_cells c JOIN versions v ON v.id = c.version_id JOIN formulas f ON f.id = c.formula_id JOIN segments g ON g.id = c.segment_id',
      'c.version_id IN (SELECT id FROM versions WHERE product_id = ?)',
      'v.sort, f.sort, c.option_code, g.sort, c.zone',
    ),
    rules: of('rules', 'rules r', 'r.product_id = ?', 'r.sort'),
  };
}

const readersCache = new WeakMap<Db, ProductReaders>();

/** The whole product in the data/ file shape, or null. */
export function getProduct(db: Db, id: string): ProductFile | null {
  let st = readersCache.get(db);
  if (!st) {
    st = productReaders(db);
    readersCache.set(db, st);
  }
  const row = st.product.get(id) as unknown[] | undefined;
  if (!row) return null;
  const part = (name: Exclude<keyof ProductReaders, 'read' | 'product'>) => rawAll(st[name], id).map((r) => st.read[name].read(r));
  return {
    formatVersion: 1,
    product: st.read.product.read(row),
    organisations: part('organisations'),
    documents: part('documents'),
    formulas: part('formulas'),
    segments: part('segments'),
    versions: part('versions'),
    categories: part('categories'),
    guarantees: part('guarantees'),
    tariffs: part('tariffs'),
    rules: part('rules'),
  } as ProductFile;
}

const taxonomyReader = rowReader(taxonomyEntity, { alias: 'c' });

export function getTaxonomy(db: Db): TaxonomyFile['categories'] {
  const rows = db.prepare(`SELECT ${taxonomyReader.select} FROM categories c ORDER BY c.sort, c.key`).raw(true).all() as unknown[][];
  return rows.map((r) => taxonomyReader.read(r)) as TaxonomyFile['categories'];
}

export function getMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** One tariff cell by its key (uses the primary key). */
export function findTariffCell(
  db: Db,
  key: { productId: string; version: string; formula: string; option?: string; segment: string; zone?: string },
): { amountCents: number; period: 'month' | 'year' } | null {
  const row = db
    .prepare(
      `SELECT c.amount_cents, c.period FROM tariff_cells c
       WHERE c.version_id = (SELECT id FROM versions WHERE product_id = ? AND code = ?)
         AND c.formula_id = (SELECT id FROM formulas WHERE product_id = ? AND code = ?)
         AND c.option_code = ?
         AND c.segment_id = (SELECT id FROM segments WHERE product_id = ? AND code = ?)
         AND c.zone = ?`,
    )
    .get(key.productId, key.version, key.productId, key.formula, key.option ?? '', key.productId, key.segment, key.zone ?? '') as
    | { amount_cents: number; period: 'month' | 'year' }
    | undefined;
  return row ? { amountCents: row.amount_cents, period: row.period } : null;
}
