/**
 * The reads of the audit trail, newest first unless said. Rows come back as stored: the old and new
 * values are their JSON text, decoded by the caller that knows their shape (transfer/history.ts).
 * The audit rows are written by `insertAudit` (writer-import.ts).
 */
import type { Db } from './open';

export interface AuditRow {
  id: number;
  at: string;
  action: string;
  what: string;
  productId: string | null;
  /** JSON text, or null */
  oldValue: string | null;
  /** JSON text, or null */
  newValue: string | null;
  comment: string | null;
}

const COLUMNS = 'id, at, action, what, product_id AS productId, old_value AS oldValue, new_value AS newValue, comment';

/** Every row of the trail. */
export function auditRows(db: Db): AuditRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM audit ORDER BY id DESC`).all() as AuditRow[];
}

/** The rows of one product (kept after the product is deleted). */
export function productAuditRows(db: Db, productId: string): AuditRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM audit WHERE product_id = ? ORDER BY id DESC`).all(productId) as AuditRow[];
}

/** The rows that name no product: they concern the whole catalogue. */
export function catalogueAuditRows(db: Db): AuditRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM audit WHERE product_id IS NULL ORDER BY id DESC`).all() as AuditRow[];
}

/** The rows of one product together with the whole-catalogue rows of one action. */
export function productAuditRowsWith(db: Db, productId: string, catalogueAction: string): AuditRow[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM audit WHERE product_id = ? OR (product_id IS NULL AND action = ?) ORDER BY id DESC`)
    .all(productId, catalogueAction) as AuditRow[];
}

/** The id and new value of every row of one action, oldest first. */
export function auditValuesOfAction(db: Db, action: string): Pick<AuditRow, 'id' | 'newValue'>[] {
  return db.prepare('SELECT id, new_value AS newValue FROM audit WHERE action = ? ORDER BY id').all(action) as Pick<AuditRow, 'id' | 'newValue'>[];
}
