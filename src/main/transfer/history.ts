/**
 * The audit trail (imports, saved revisions, restores, desktop edits and their undos), newest first,
 * and which edit « Annuler » undoes now.
 *
 * Undo is a stack per scope (a product, or the whole catalogue): it takes the latest entry of the
 * scope that is not an undo and was not undone. When that entry is an edit (the `EDIT_ACTIONS`), it
 * is the one undone; when it is an import, a saved revision or a restore, nothing is undone past it
 * (those are undone by restoring a backup).
 */
import type { HistoryEntryDto } from '../../shared/api';
import type { Db } from '../store/open';
import { GrilleError } from '../../shared/errors';
import { auditRows, auditValuesOfAction, catalogueAuditRows, productAuditRows, productAuditRowsWith, type AuditRow } from '../store/audit';
import { productExists, productIds } from '../store/reader';

/** An entry of the audit trail, as `grille history` prints it. */
export type HistoryEntry = Omit<HistoryEntryDto, 'undoable' | 'undoneBy'>;

/** An entry with its place in the undo stack: what the desktop gets. */
export type HistoryEntryWithUndo = HistoryEntryDto;

/** The actions of the desktop edits, the only ones « Annuler » undoes. */
export const EDIT_ACTIONS = ['edit.guarantee', 'edit.tariffCell', 'edit.formulaLabel', 'add.guarantee', 'add.formula', 'add.version', 'add.product'] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];
export const UNDO_ACTION = 'undo';

export function isEditAction(action: string): action is EditAction {
  return (EDIT_ACTIONS as readonly string[]).includes(action);
}

/** The whole-catalogue action that also stands in a product's undo stack. */
const RESTORE_ACTION = 'db.restore';

const toEntry = (r: AuditRow): HistoryEntry => ({
  ...r,
  oldValue: r.oldValue === null ? null : (JSON.parse(r.oldValue) as unknown),
  newValue: r.newValue === null ? null : (JSON.parse(r.newValue) as unknown),
});

function unknownProduct(db: Db, productId: string): GrilleError {
  return new GrilleError('NOT_FOUND', `Produit inconnu : « ${productId} » (ni au catalogue ni dans l'historique). Produits du catalogue : ${productIds(db).join(', ')}.`);
}

/** A product's history; an unknown product without any history is an error (a deleted one keeps its history). */
export function productHistory(db: Db, productId: string): HistoryEntry[] {
  const rows = productAuditRows(db, productId);
  if (rows.length === 0 && !productExists(db, productId)) throw unknownProduct(db, productId);
  return rows.map(toEntry);
}

/** Entries that concern the whole catalogue (taxonomy, restores), newest first. */
export function catalogueHistory(db: Db): HistoryEntry[] {
  return catalogueAuditRows(db).map(toEntry);
}

/** Every entry of the audit trail, newest first. */
export function allHistory(db: Db): HistoryEntry[] {
  return auditRows(db).map(toEntry);
}

/** undone entry id → the undo entry's id, over the whole trail. */
export function undoneByMap(db: Db): Map<number, number> {
  const map = new Map<number, number>();
  for (const r of auditValuesOfAction(db, UNDO_ACTION)) {
    const undoes = r.newValue === null ? undefined : (JSON.parse(r.newValue) as { undoes?: unknown }).undoes;
    if (typeof undoes === 'number') map.set(undoes, r.id);
  }
  return map;
}

/**
 * The entries of a scope, newest first: a product's own, plus the restores of the whole base (a
 * restore puts every product back as it was in the backup); the whole trail for the catalogue.
 */
function scopeRows(db: Db, productId: string | null): AuditRow[] {
  return productId === null ? auditRows(db) : productAuditRowsWith(db, productId, RESTORE_ACTION);
}

export type UndoTop =
  | { kind: 'edit'; entry: HistoryEntry }
  /** the latest entry is an import, a saved revision or a restore: nothing is undone past it */
  | { kind: 'blocked'; entry: HistoryEntry }
  | { kind: 'nothing' };

/** What « Annuler » would undo now in this scope. */
export function undoTop(db: Db, productId: string | null, undoneBy: Map<number, number> = undoneByMap(db)): UndoTop {
  for (const r of scopeRows(db, productId)) {
    if (r.action === UNDO_ACTION || undoneBy.has(r.id)) continue;
    return { kind: isEditAction(r.action) ? 'edit' : 'blocked', entry: toEntry(r) };
  }
  return { kind: 'nothing' };
}

/** The history of a product (or of the whole catalogue when null), newest first, with the undo flags. */
export function historyWithUndo(db: Db, productId: string | null): HistoryEntryWithUndo[] {
  const entries = productId === null ? allHistory(db) : productHistory(db, productId);
  const undoneBy = undoneByMap(db);
  const top = undoTop(db, productId, undoneBy);
  const undoable = top.kind === 'edit' ? top.entry.id : null;
  return entries.map((e) => ({ ...e, undoable: e.id === undoable, undoneBy: undoneBy.get(e.id) ?? null }));
}
