/** The audit trail of a product (imports, and later the desktop edits), newest first. */
import type { Db } from '../store/open';
import { GrilleError } from '../store/errors';
import { productExists, productIds } from '../store/reader';

export interface HistoryEntry {
  id: number;
  /** ISO timestamp (UTC) */
  at: string;
  action: string;
  what: string;
  productId: string | null;
  oldValue: unknown;
  newValue: unknown;
  comment: string | null;
}

interface Row {
  id: number;
  at: string;
  action: string;
  what: string;
  product_id: string | null;
  old_value: string | null;
  new_value: string | null;
  comment: string | null;
}

const toEntry = (r: Row): HistoryEntry => ({
  id: r.id,
  at: r.at,
  action: r.action,
  what: r.what,
  productId: r.product_id,
  oldValue: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
  newValue: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
  comment: r.comment,
});

/** A product's history; an unknown product without any history is an error (a deleted one keeps its history). */
export function productHistory(db: Db, productId: string): HistoryEntry[] {
  const rows = db.prepare('SELECT * FROM audit WHERE product_id = ? ORDER BY id DESC').all(productId) as Row[];
  if (rows.length === 0 && !productExists(db, productId)) {
    throw new GrilleError('NOT_FOUND', `Produit inconnu : « ${productId} » (ni au catalogue ni dans l'historique). Produits du catalogue : ${productIds(db).join(', ')}.`);
  }
  return rows.map(toEntry);
}

/** Entries that concern the whole catalogue (taxonomy, restores), newest first. */
export function catalogueHistory(db: Db): HistoryEntry[] {
  return (db.prepare('SELECT * FROM audit WHERE product_id IS NULL ORDER BY id DESC').all() as Row[]).map(toEntry);
}
