/**
 * Writers over prepared statements. Every public function is one transaction: a catalogue is
 * either written whole or not at all.
 */
import type { ProductFile, Quantities, Source, TariffCellEntry, TaxonomyFile } from '../../shared/core/catalogue-schema';
import type Database from 'better-sqlite3';
import type { Db } from './open';

type Stmt = Database.Statement<unknown[]>;

function statements(db: Db) {
  const p = (sql: string): Stmt => db.prepare<unknown[]>(sql);
  return {
    source: p('INSERT INTO sources (product_id, file, section, line_from, line_to, quote) VALUES (?, ?, ?, ?, ?, ?)'),
    organisation: p(
      'INSERT INTO organisations (id, name, roles, details, source_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
    ),
    organisationExists: p('SELECT 1 FROM organisations WHERE id = ?'),
    category: p('INSERT INTO categories (key, parent_key, label, sort) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING'),
    product: p(
      'INSERT INTO products (id, kind, name, insurer_id, distributor_id, attached_to, description, source_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    productOrganisation: p('INSERT INTO product_organisations (product_id, organisation_id, sort) VALUES (?, ?, ?)'),
    subscriber: p('INSERT INTO product_subscribers (product_id, organisation_id, sort) VALUES (?, ?, ?)'),
    reference: p('INSERT INTO product_references (product_id, reference, sort) VALUES (?, ?, ?)'),
    productCategory: p('INSERT INTO product_categories (product_id, category_key, sort) VALUES (?, ?, ?)'),
    document: p(
      'INSERT INTO documents (product_id, code, file, title, kind, line_from, line_to, date, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    formula: p('INSERT INTO formulas (product_id, code, label, kind, description, source_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    segment: p(
      'INSERT INTO segments (product_id, code, label, roles, status, age_min, age_max, source_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    version: p(
      'INSERT INTO versions (product_id, code, label, effective_from, effective_to, document_code, reference, revision_mode, source_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    component: p('INSERT INTO version_components (version_id, sort, label, rate) VALUES (?, ?, ?, ?)'),
    guarantee: p(
      'INSERT INTO guarantees (product_id, category_key, label, formula_codes, version_codes, status, text, trigger, beneficiary, conditions, derived, source_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    quantity: p('INSERT INTO guarantee_quantities (guarantee_id, kind, value, sort) VALUES (?, ?, ?, ?)'),
    cell: p(
      'INSERT INTO tariff_cells (version_id, formula_id, option_code, segment_id, zone, amount_cents, period, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    rule: p(
      'INSERT INTO rules (product_id, type, version_codes, formula_codes, params, text, source_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
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

function insertSource(s: Statements, productId: string | null, src: Source): number {
  return Number(s.source.run(productId, src.file, src.section, src.lines[0], src.lines[1], src.quote).lastInsertRowid);
}

function insertCategories(s: Statements, categories: { key: string; label: string; order?: number | undefined }[], firstSort: number) {
  const sorted = [...categories].map((c, i) => ({ ...c, i })).sort((a, b) => depth(a.key) - depth(b.key) || a.i - b.i);
  for (const c of sorted) s.category.run(c.key, parentOf(c.key), c.label, c.order ?? firstSort + c.i);
}

/** Insert categories missing from the table, parents first (a row whose key exists is kept). */
export function insertCategoryRows(db: Db, categories: { key: string; label: string; order?: number | undefined }[], firstSort: number): void {
  insertCategories(stmts(db), categories, firstSort);
}

type DocumentEntry = ProductFile['documents'][number];
type VersionEntry = ProductFile['versions'][number];
type GuaranteeEntry = ProductFile['guarantees'][number];
type RuleEntry = ProductFile['rules'][number];

/** Row writers shared by the whole-product writer and the import writer (writer-import.ts). */
export function insertDocumentRow(db: Db, productId: string, d: DocumentEntry, sort: number): void {
  stmts(db).document.run(productId, d.id, d.file, d.title, d.kind, d.lines[0], d.lines[1], d.date, sort);
}

export function insertVersionRow(db: Db, productId: string, v: VersionEntry, sort: number): number {
  const s = stmts(db);
  const vid = Number(
    s.version.run(productId, v.code, v.label, v.effectiveFrom, v.effectiveTo, v.document, v.reference ?? null, v.revision?.mode ?? null, insertSource(s, productId, v.source), sort)
      .lastInsertRowid,
  );
  v.revision?.components.forEach((c, j) => s.component.run(vid, j, c.label, c.rate));
  return vid;
}

export function insertGuaranteeRow(db: Db, productId: string, g: GuaranteeEntry, sort: number): void {
  const s = stmts(db);
  const gid = Number(
    s.guarantee.run(
      productId,
      g.category,
      g.label,
      JSON.stringify(g.formulas),
      JSON.stringify(g.versions),
      g.status,
      g.text,
      g.trigger ?? null,
      g.beneficiary ?? null,
      g.conditions ?? null,
      g.derived ? JSON.stringify(g.derived) : null,
      insertSource(s, productId, g.source),
      sort,
    ).lastInsertRowid,
  );
  (Object.entries(g.quantities) as [keyof Quantities, number][]).forEach(([kind, value], j) => s.quantity.run(gid, kind, value, j));
}

export function insertRuleRow(db: Db, productId: string, r: RuleEntry, sort: number): void {
  const s = stmts(db);
  s.rule.run(productId, r.type, JSON.stringify(r.versions), JSON.stringify(r.formulas), JSON.stringify(r.params), r.text, insertSource(s, productId, r.source), sort);
}

/** Insert one product (its organisations and categories are added when missing). Not a transaction by itself. */
function insertProduct(db: Db, product: ProductFile, sort: number): void {
  const s = stmts(db);
  const id = product.product.id;
  for (const o of product.organisations) {
    if (!s.organisationExists.get(o.id)) {
      s.organisation.run(o.id, o.name, JSON.stringify(o.roles), o.details ?? null, insertSource(s, null, o.source));
    }
  }
  const nextCategory = (s.maxCategorySort.get() as { next: number }).next;
  insertCategories(s, product.categories, nextCategory);
  const pr = product.product;
  s.product.run(id, pr.kind, pr.name, pr.insurer, pr.distributor, pr.attachedTo, pr.description ?? null, insertSource(s, id, pr.source), sort);
  product.organisations.forEach((o, i) => s.productOrganisation.run(id, o.id, i));
  pr.subscribers.forEach((o, i) => s.subscriber.run(id, o, i));
  pr.references.forEach((r, i) => s.reference.run(id, r, i));
  product.categories.forEach((c, i) => s.productCategory.run(id, c.key, i));
  product.documents.forEach((d, i) => insertDocumentRow(db, id, d, i));
  const formulaIds = new Map<string, number>();
  product.formulas.forEach((f, i) => {
    const src = f.source ? insertSource(s, id, f.source) : null;
    formulaIds.set(f.code, Number(s.formula.run(id, f.code, f.label, f.kind, f.description ?? null, src, i).lastInsertRowid));
  });
  const segmentIds = new Map<string, number>();
  product.segments.forEach((g, i) => {
    segmentIds.set(
      g.code,
      Number(s.segment.run(id, g.code, g.label, JSON.stringify(g.roles), g.status, g.ageMin, g.ageMax, insertSource(s, id, g.source), i).lastInsertRowid),
    );
  });
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
  let n = 0;
  for (const c of cells) {
    const key = `${c.source.file}\u0000${c.source.section}\u0000${c.source.lines[0]}\u0000${c.source.lines[1]}\u0000${c.source.quote}`;
    let sid = sourceIds.get(key);
    if (sid === undefined) {
      sid = insertSource(s, productId, c.source);
      sourceIds.set(key, sid);
    }
    const v = ids.versionIds.get(c.version);
    const f = ids.formulaIds.get(c.formula);
    const g = ids.segmentIds.get(c.segment);
    if (v === undefined || f === undefined || g === undefined) {
      throw new Error(`${productId}: cellule de tarif ${c.version}/${c.formula}/${c.segment}: version, formule ou segment inconnu`);
    }
    s.cell.run(v, f, c.option, g, c.zone, c.amountCents, c.period, sid);
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
    if (exists && !options.replace) throw new Error(`Le produit ${product.product.id} existe déjà.`);
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
