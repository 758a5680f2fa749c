/**
 * The reads the editing service needs beyond the product itself: whether a product has a history (an
 * undo may name a product deleted since), and what a product added from the desktop has become the
 * parent of (its undo would leave those products pointing nowhere).
 */
import type { Db } from './open';

/** Whether the audit trail names this product (a product undone away keeps its history). */
export function hasAuditRows(db: Db, productId: string): boolean {
  return db.prepare('SELECT 1 FROM audit WHERE product_id = ? LIMIT 1').get(productId) !== undefined;
}

/** How many products are attached to this one. */
export function attachedProductCount(db: Db, productId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM products WHERE attached_to = ?').get(productId) as { n: number }).n;
}
