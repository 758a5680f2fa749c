/**
 * Writers for catalogue imports and the audit trail. `applyImport` is one transaction: the new
 * taxonomy categories, the new products, the versions and tariff cells added to existing products and
 * the audit rows are written together or not at all.
 */
import type { HistoryEntryDto } from '../../shared/api';
import type { GuaranteeEntry, ProductFile, RuleEntry, TariffCellEntry, TaxonomyFile } from '../../shared/core/catalogue-schema';
import { GrilleError } from '../../shared/errors';
import type { Db } from './open';
import { addTariffCells, insertCategoryRows, insertDocumentRow, insertGuaranteeRow, insertRuleRow, insertVersionRow, saveProduct } from './writer';

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

/** An audit row as written: the history entry without what the store assigns (id, time) or derives (undo state). */
export type AuditEntry = Omit<HistoryEntryDto, 'id' | 'at' | 'undoable' | 'undoneBy'>;

export interface ImportWrite {
  categories: CategoryEntry[];
  creates: ProductFile[];
  additions: ProductAddition[];
  audit: AuditEntry[];
}

function nextSort(db: Db, table: 'documents' | 'versions' | 'guarantees' | 'rules', productId: string): number {
  return (db.prepare(`SELECT coalesce(max(sort), -1) + 1 AS next FROM ${table} WHERE product_id = ?`).get(productId) as { next: number }).next;
}

function addToProduct(db: Db, a: ProductAddition): void {
  const id = a.productId;
  if (a.close) {
    const r = db.prepare('UPDATE versions SET effective_to = ? WHERE product_id = ? AND code = ? AND effective_to IS NULL').run(a.close.effectiveTo, id, a.close.version);
    // the checks saw it open, outside this transaction: another writer closed it since, so the whole import is refused
    if (r.changes !== 1)
      throw new GrilleError('CONFLICT', `Import, produit ${id} : la version ${a.close.version} n’est plus ouverte (modifiée depuis la vérification du fichier) ; rien n’a été importé, relancez l’import.`);
  }
  let sort = nextSort(db, 'documents', id);
  for (const d of a.documents) insertDocumentRow(db, id, d, sort++);
  sort = nextSort(db, 'versions', id);
  for (const v of a.versions) insertVersionRow(db, id, v, sort++);
  sort = nextSort(db, 'guarantees', id);
  for (const g of a.guarantees) insertGuaranteeRow(db, id, g, sort++);
  sort = nextSort(db, 'rules', id);
  for (const r of a.rules) insertRuleRow(db, id, r, sort++);
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
/**
 * `step(done, total)` is told after each product written, inside the transaction: a job reports its
 * progress there, and a cancellation thrown from it rolls the whole import back.
 */
export function applyImport(db: Db, write: ImportWrite, step?: (done: number, total: number) => void): void {
  db.transaction(() => {
    const firstSort = (db.prepare('SELECT coalesce(max(sort), -1) + 1 AS next FROM categories').get() as { next: number }).next;
    insertCategoryRows(db, write.categories, firstSort);
    const total = write.creates.length + write.additions.length;
    let done = 0;
    for (const p of write.creates) {
      saveProduct(db, p);
      step?.(++done, total);
    }
    for (const a of write.additions) {
      addToProduct(db, a);
      step?.(++done, total);
    }
    const at = new Date().toISOString();
    for (const e of write.audit) insertAudit(db, e, at);
  })();
}
