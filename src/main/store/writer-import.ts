/**
 * Writers for catalogue imports and the audit trail. `applyImport` is one transaction: the new
 * taxonomy categories, the new products, the versions and tariff cells added to existing products and
 * the audit rows are written together or not at all.
 */
import type { GuaranteeEntry, ProductFile, Quantities, RuleEntry, Source, TariffCellEntry, TaxonomyFile } from '../../shared/core/catalogue-schema';
import type { Db } from './open';
import { addTariffCells, saveProduct } from './writer';

type VersionEntry = ProductFile['versions'][number];
type DocumentEntry = ProductFile['documents'][number];
export type CategoryEntry = TaxonomyFile['categories'][number];

/** What an import adds to a product already in the catalogue. */
export interface ProductAddition {
  productId: string;
  documents: DocumentEntry[];
  versions: VersionEntry[];
  guarantees: GuaranteeEntry[];
  rules: RuleEntry[];
  tariffs: TariffCellEntry[];
  /** an open-ended version closed the day before the first new version */
  close: { version: string; effectiveTo: string } | null;
}

export interface AuditEntry {
  action: string;
  what: string;
  productId: string | null;
  oldValue: unknown;
  newValue: unknown;
  comment: string | null;
}

export interface ImportWrite {
  categories: CategoryEntry[];
  creates: ProductFile[];
  additions: ProductAddition[];
  audit: AuditEntry[];
}

const parentOf = (key: string) => (key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : null);
const depth = (key: string) => key.split('.').length;

function insertSource(db: Db, productId: string | null, s: Source): number {
  return Number(
    db
      .prepare('INSERT INTO sources (product_id, file, section, line_from, line_to, quote) VALUES (?, ?, ?, ?, ?, ?)')
      .run(productId, s.file, s.section, s.lines[0], s.lines[1], s.quote).lastInsertRowid,
  );
}

function nextSort(db: Db, table: 'documents' | 'versions' | 'guarantees' | 'rules', productId: string): number {
  return (db.prepare(`SELECT coalesce(max(sort), -1) + 1 AS next FROM ${table} WHERE product_id = ?`).get(productId) as { next: number }).next;
}

function addToProduct(db: Db, a: ProductAddition): void {
  const id = a.productId;
  if (a.close) {
    const r = db.prepare('UPDATE versions SET effective_to = ? WHERE product_id = ? AND code = ? AND effective_to IS NULL').run(a.close.effectiveTo, id, a.close.version);
    if (r.changes !== 1) throw new Error(`${id}: la version ${a.close.version} n'est plus ouverte`);
  }
  let sort = nextSort(db, 'documents', id);
  const doc = db.prepare('INSERT INTO documents (product_id, code, file, title, kind, line_from, line_to, date, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const d of a.documents) doc.run(id, d.id, d.file, d.title, d.kind, d.lines[0], d.lines[1], d.date, sort++);
  sort = nextSort(db, 'versions', id);
  const version = db.prepare(
    'INSERT INTO versions (product_id, code, label, effective_from, effective_to, document_code, reference, revision_mode, source_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const component = db.prepare('INSERT INTO version_components (version_id, sort, label, rate) VALUES (?, ?, ?, ?)');
  for (const v of a.versions) {
    const vid = Number(
      version.run(id, v.code, v.label, v.effectiveFrom, v.effectiveTo, v.document, v.reference ?? null, v.revision?.mode ?? null, insertSource(db, id, v.source), sort++)
        .lastInsertRowid,
    );
    v.revision?.components.forEach((c, j) => component.run(vid, j, c.label, c.rate));
  }
  sort = nextSort(db, 'guarantees', id);
  const guarantee = db.prepare(
    'INSERT INTO guarantees (product_id, category_key, label, formula_codes, version_codes, status, text, trigger, beneficiary, conditions, derived, source_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const quantity = db.prepare('INSERT INTO guarantee_quantities (guarantee_id, kind, value, sort) VALUES (?, ?, ?, ?)');
  for (const g of a.guarantees) {
    const gid = Number(
      guarantee.run(
        id,
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
        insertSource(db, id, g.source),
        sort++,
      ).lastInsertRowid,
    );
    (Object.entries(g.quantities) as [keyof Quantities, number][]).forEach(([kind, value], j) => quantity.run(gid, kind, value, j));
  }
  sort = nextSort(db, 'rules', id);
  const rule = db.prepare('INSERT INTO rules (product_id, type, version_codes, formula_codes, params, text, source_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const r of a.rules) rule.run(id, r.type, JSON.stringify(r.versions), JSON.stringify(r.formulas), JSON.stringify(r.params), r.text, insertSource(db, id, r.source), sort++);
  // the store's tariff writer (a savepoint inside this transaction), which resolves the new versions' ids
  if (a.tariffs.length) addTariffCells(db, id, a.tariffs);
}

export function insertAudit(db: Db, entry: AuditEntry, at: string = new Date().toISOString()): number {
  return Number(
    db
      .prepare('INSERT INTO audit (at, action, what, product_id, old_value, new_value, comment) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        at,
        entry.action,
        entry.what,
        entry.productId,
        entry.oldValue === undefined || entry.oldValue === null ? null : JSON.stringify(entry.oldValue),
        entry.newValue === undefined || entry.newValue === null ? null : JSON.stringify(entry.newValue),
        entry.comment,
      ).lastInsertRowid,
  );
}

/** Writes an import in one transaction (the store writers it calls become savepoints inside it). */
export function applyImport(db: Db, write: ImportWrite): void {
  db.transaction(() => {
    const firstSort = (db.prepare('SELECT coalesce(max(sort), -1) + 1 AS next FROM categories').get() as { next: number }).next;
    const category = db.prepare('INSERT INTO categories (key, parent_key, label, sort) VALUES (?, ?, ?, ?)');
    const sorted = write.categories.map((c, i) => ({ ...c, i })).sort((a, b) => depth(a.key) - depth(b.key) || a.i - b.i);
    for (const c of sorted) category.run(c.key, parentOf(c.key), c.label, c.order ?? firstSort + c.i);
    for (const p of write.creates) saveProduct(db, p);
    for (const a of write.additions) addToProduct(db, a);
    const at = new Date().toISOString();
    for (const e of write.audit) insertAudit(db, e, at);
  })();
}
