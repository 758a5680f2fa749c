/**
 * Writers over prepared statements. Every public function is one transaction: a catalogue is
 * either written whole or not at all. Each part's columns come from its field table (fields-catalogue.ts).
 */
import type Database from 'better-sqlite3';
import type { ProductFile, Quantities, Source, TariffCellEntry, TaxonomyFile } from '../../shared/core/catalogue-schema';
import { GrilleError } from '../../shared/errors';
import {
  componentEntity,
  documentEntity,
  formulaEntity,
  guaranteeEntity,
  organisationEntity,
  productEntity,
  ruleEntity,
  segmentEntity,
  sourceEntity,
  tariffEntity,
  taxonomyEntity,
  versionEntity,
} from './fields-catalogue';
import { rowWriter, type WriteContext } from './fields-sql';
import type { Db } from './open';

type Stmt = Database.Statement<unknown[]>;

const rowWriters = {
  source: rowWriter(sourceEntity, { before: ['product_id'] }),
  organisation: rowWriter(organisationEntity, { conflict: 'ON CONFLICT(id) DO NOTHING' }),
  category: rowWriter(taxonomyEntity, { before: ['parent_key'], conflict: 'ON CONFLICT(key) DO NOTHING' }),
  product: rowWriter(productEntity, { after: ['sort'] }),
  document: rowWriter(documentEntity, { before: ['product_id'], after: ['sort'] }),
  formula: rowWriter(formulaEntity, { before: ['product_id'], after: ['sort'] }),
  segment: rowWriter(segmentEntity, { before: ['product_id'], after: ['sort'] }),
  version: rowWriter(versionEntity, { before: ['product_id'], after: ['sort'] }),
  component: rowWriter(componentEntity, { before: ['version_id', 'sort'] }),
  guarantee: rowWriter(guaranteeEntity, { before: ['product_id'], after: ['sort'] }),
  cell: rowWriter(tariffEntity),
  rule: rowWriter(ruleEntity, { before: ['product_id'], after: ['sort'] }),
};

function statements(db: Db) {
  const p = (sql: string): Stmt => db.prepare<unknown[]>(sql);
  const w = Object.fromEntries(Object.entries(rowWriters).map(([k, r]) => [k, p(r.sql)])) as Record<keyof typeof rowWriters, Stmt>;
  return {
    ...w,
    organisationExists: p('SELECT 1 FROM organisations WHERE id = ?'),
    productOrganisation: p('INSERT INTO product_organisations (product_id, organisation_id, sort) VALUES (?, ?, ?)'),
    subscriber: p('INSERT INTO product_subscribers (product_id, organisation_id, sort) VALUES (?, ?, ?)'),
    reference: p('INSERT INTO product_references (product_id, reference, sort) VALUES (?, ?, ?)'),
    productCategory: p('INSERT INTO product_categories (product_id, category_key, sort) VALUES (?, ?, ?)'),
    quantity: p('INSERT INTO guarantee_quantities (guarantee_id, kind, value, sort) VALUES (?, ?, ?, ?)'),
    maxProductSort: p('SELECT coalesce(max(sort), -1) + 1 AS next FROM products'),
    maxCategorySort: p('SELECT coalesce(max(sort), -1) + 1 AS next FROM categories'),
    setMeta: p('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
  };
}

type Statements = ReturnType<typeof statements>;
const cache = new WeakMap<Db, Statements>();
function stmts(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = statements(db);
    cache.set(db, s);
  }
  return s;
}

const parentOf = (key: string) => (key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : null);
const depth = (key: string) => key.split('.').length;

const noRef = (): undefined => undefined;

function insertSource(s: Statements, productId: string | null, src: Source): number {
  return Number(s.source.run(productId, ...rowWriters.source.params(src, { source: () => 0, ref: noRef } /* a source row cites no source */)).lastInsertRowid);
}

/** The context of a row whose sources are its own rows (every part but the tariff cells). */
const ownSources = (s: Statements, productId: string | null): WriteContext => ({ source: (src) => insertSource(s, productId, src), ref: noRef });

function insertCategories(s: Statements, categories: { key: string; label: string; order?: number | undefined }[], firstSort: number) {
  const sorted = [...categories].map((c, i) => ({ ...c, i })).sort((a, b) => depth(a.key) - depth(b.key) || a.i - b.i);
  const ctx = ownSources(s, null);
  for (const c of sorted) s.category.run(parentOf(c.key), ...rowWriters.category.params({ key: c.key, label: c.label, order: c.order ?? firstSort + c.i }, ctx));
}

/** Insert categories missing from the table, parents first (a row whose key exists is kept). */
export function insertCategoryRows(db: Db, categories: { key: string; label: string; order?: number | undefined }[], firstSort: number): void {
  insertCategories(stmts(db), categories, firstSort);
}

type DocumentEntry = ProductFile['documents'][number];
type VersionEntry = ProductFile['versions'][number];
type GuaranteeEntry = ProductFile['guarantees'][number];
type RuleEntry = ProductFile['rules'][number];

/** One row of a product's part (`product_id`, the fields, `sort`), its sources inserted first; the row id. */
function insertPartRow(s: Statements, part: 'document' | 'formula' | 'segment' | 'version' | 'guarantee' | 'rule', productId: string, entry: object, sort: number): number {
  return Number(s[part].run(productId, ...rowWriters[part].params(entry, ownSources(s, productId)), sort).lastInsertRowid);
}

/** Row writers shared by the whole-product writer and the import writer (writer-import.ts). */
export function insertDocumentRow(db: Db, productId: string, d: DocumentEntry, sort: number): void {
  insertPartRow(stmts(db), 'document', productId, d, sort);
}

export function insertVersionRow(db: Db, productId: string, v: VersionEntry, sort: number): number {
  const s = stmts(db);
  const vid = insertPartRow(s, 'version', productId, v, sort);
  v.revision?.components.forEach((c, j) => s.component.run(vid, j, ...rowWriters.component.params(c, ownSources(s, productId))));
  return vid;
}

export function insertGuaranteeRow(db: Db, productId: string, g: GuaranteeEntry, sort: number): void {
  const s = stmts(db);
  const gid = insertPartRow(s, 'guarantee', productId, g, sort);
  (Object.entries(g.quantities) as [keyof Quantities, number][]).forEach(([kind, value], j) => s.quantity.run(gid, kind, value, j));
}

export function insertRuleRow(db: Db, productId: string, r: RuleEntry, sort: number): void {
  insertPartRow(stmts(db), 'rule', productId, r, sort);
}

/** Insert one product (its organisations and categories are added when missing). Not a transaction by itself. */
function insertProduct(db: Db, product: ProductFile, sort: number): void {
  const s = stmts(db);
  const id = product.product.id;
  for (const o of product.organisations) {
    if (!s.organisationExists.get(o.id)) s.organisation.run(...rowWriters.organisation.params(o, ownSources(s, null)));
  }
  const nextCategory = (s.maxCategorySort.get() as { next: number }).next;
  insertCategories(s, product.categories, nextCategory);
  const pr = product.product;
  s.product.run(...rowWriters.product.params(pr, ownSources(s, id)), sort);
  product.organisations.forEach((o, i) => s.productOrganisation.run(id, o.id, i));
  pr.subscribers.forEach((o, i) => s.subscriber.run(id, o, i));
  pr.references.forEach((r, i) => s.reference.run(id, r, i));
  product.categories.forEach((c, i) => s.productCategory.run(id, c.key, i));
  product.documents.forEach((d, i) => insertDocumentRow(db, id, d, i));
  const formulaIds = new Map<string, number>();
  product.formulas.forEach((f, i) => formulaIds.set(f.code, insertPartRow(s, 'formula', id, f, i)));
  const segmentIds = new Map<string, number>();
  product.segments.forEach((g, i) => segmentIds.set(g.code, insertPartRow(s, 'segment', id, g, i)));
  const versionIds = new Map<string, number>();
  product.versions.forEach((v, i) => versionIds.set(v.code, insertVersionRow(db, id, v, i)));
  product.guarantees.forEach((g, i) => insertGuaranteeRow(db, id, g, i));
  insertTariffCellsUnchecked(s, id, product.tariffs, { versionIds, formulaIds, segmentIds });
  product.rules.forEach((r, i) => insertRuleRow(db, id, r, i));
}

interface Ids {
  versionIds: Map<string, number>;
  formulaIds: Map<string, number>;
  segmentIds: Map<string, number>;
}

function insertTariffCellsUnchecked(s: Statements, productId: string, cells: Iterable<TariffCellEntry>, ids: Ids): number {
  // Cells of one table usually share their source: insert each distinct source once.
  const sourceIds = new Map<string, number>();
  const byKey: Record<string, Map<string, number>> = { version: ids.versionIds, formula: ids.formulaIds, segment: ids.segmentIds };
  const ctx: WriteContext = {
    source(src) {
      const key = `${src.file}\u0000${src.section}\u0000${src.lines[0]}\u0000${src.lines[1]}\u0000${src.quote}`;
      let sid = sourceIds.get(key);
      if (sid === undefined) {
        sid = insertSource(s, productId, src);
        sourceIds.set(key, sid);
      }
      return sid;
    },
    ref: (key, code) => byKey[key]?.get(code),
  };
  let n = 0;
  for (const c of cells) {
    const params = rowWriters.cell.params(c, ctx);
    if (params.includes(undefined)) {
      // reached only when a caller skipped the catalogue's own checks (an import validates these codes)
      throw new GrilleError('DATA_INVALID', `${productId} : cellule de tarif ${c.version}/${c.formula}/${c.segment} : version, formule ou segment inconnu`);
    }
    s.cell.run(...params);
    n++;
  }
  return n;
}

function deleteProductRows(db: Db, productId: string): void {
  // Cells first, by version (the primary key's prefix), so no cascade has to scan the big table.
  db.prepare('DELETE FROM tariff_cells WHERE version_id IN (SELECT id FROM versions WHERE product_id = ?)').run(productId);
  db.prepare('DELETE FROM products WHERE id = ?').run(productId);
  db.prepare('DELETE FROM sources WHERE product_id = ?').run(productId);
}

/** Replace the whole catalogue (taxonomy and products) in one transaction. */
export function replaceCatalogue(db: Db, taxonomy: TaxonomyFile, products: ProductFile[], meta: Record<string, string> = {}): void {
  db.transaction(() => {
    for (const t of ['tariff_cells', 'rules', 'guarantee_quantities', 'guarantees', 'version_components', 'versions', 'segments', 'formulas', 'documents', 'product_categories', 'product_references', 'product_subscribers', 'product_organisations', 'products', 'categories', 'organisations', 'sources']) {
      db.prepare(`DELETE FROM ${t}`).run();
    }
    const s = stmts(db);
    insertCategories(s, taxonomy.categories, 0);
    products.forEach((p, i) => insertProduct(db, p, i));
    for (const [k, v] of Object.entries(meta)) s.setMeta.run(k, v);
  })();
}

/** Add one product, or replace it when `replace` is set; refuses an existing id otherwise. One transaction. */
export function saveProduct(db: Db, product: ProductFile, options: { replace?: boolean } = {}): void {
  db.transaction(() => {
    const exists = db.prepare('SELECT sort FROM products WHERE id = ?').get(product.product.id) as { sort: number } | undefined;
    // the callers check the id first: this is a product written in between (another window, the CLI)
    if (exists && !options.replace) throw new GrilleError('CONFLICT', `Le produit ${product.product.id} existe déjà.`);
    if (exists) deleteProductRows(db, product.product.id);
    const sort = exists?.sort ?? (stmts(db).maxProductSort.get() as { next: number }).next;
    insertProduct(db, product, sort);
  })();
}

/**
 * Add tariff cells to existing versions of a product in one transaction (large imports).
 * Returns the number of cells written.
 */
export function addTariffCells(db: Db, productId: string, cells: Iterable<TariffCellEntry>): number {
  return db.transaction(() => {
    const ids: Ids = {
      versionIds: new Map(
        (db.prepare('SELECT code, id FROM versions WHERE product_id = ?').all(productId) as { code: string; id: number }[]).map((r) => [r.code, r.id]),
      ),
      formulaIds: new Map(
        (db.prepare("SELECT code, id FROM formulas WHERE product_id = ? AND kind = 'formula'").all(productId) as { code: string; id: number }[]).map((r) => [
          r.code,
          r.id,
        ]),
      ),
      segmentIds: new Map(
        (db.prepare('SELECT code, id FROM segments WHERE product_id = ?').all(productId) as { code: string; id: number }[]).map((r) => [r.code, r.id]),
      ),
    };
    return insertTariffCellsUnchecked(stmts(db), productId, cells, ids);
  })();
}

export function setMeta(db: Db, key: string, value: string): void {
  stmts(db).setMeta.run(key, value);
}
