/**
 * Catalogue editing from the desktop: edit a guarantee, a tariff cell, a formula's label; add a
 * guarantee, a formula, a version, a product; undo the latest edits. Shared by the IPC handlers and the CLI.
 * Each kind of edit is a file of edits/ listed in edits/registry.ts (its payload, plan, write and undo).
 *
 * Every change is checked whole before anything is written (product, guarantee position, codes,
 * dates, periods, amounts, texts, and the value the user saw: a value changed meanwhile is refused),
 * then written with its audit row in one transaction. The audit row keeps what undo needs: the old
 * and the new value, identified by natural keys (codes, guarantee position), never by row ids; undo
 * reads them back with the kind's schemas.
 */
import type { CatalogueEdit, EditAnswer, HistoryEntryDto, UndoAnswer } from '../../shared/api';
import { EDIT_LIMITS } from '../../shared/core/limits';
import { GrilleError } from '../../shared/errors';
import { hasAuditRows } from '../store/edits';
import { inTransaction } from '../store/transaction';
import { getProduct, productExists, productIds } from '../store/reader';
import { insertAudit } from '../store/writer-import';
import { historyWithUndo, isEditAction, undoTop, UNDO_ACTION, type HistoryEntry } from '../transfer/history';
import type { Catalogue } from './catalogue';
import { unknownProduct } from './edits/checks';
import { entryTime } from './edits/describe';
import type { EditOptions, Plan } from './edits/kind';
import { kindOf, kindOfAction } from './edits/registry';
import { editView } from './edits/view';

/** Limits of what an edit may hold: shared with the renderer's fields (src/shared/core/limits.ts). */
export { EDIT_LIMITS };
export type { EditOptions };
export { unsourced } from './edits/sources';

/** What an edit would change (its audit row's text, old and new values), without writing anything. */
export function planEdit(cat: Catalogue, edit: CatalogueEdit, options: EditOptions): Plan<unknown, unknown> {
  return kindOf(edit.kind).plan(editView(cat.db), edit, options);
}

/** Checks an edit whole, then writes it and its audit row in one transaction. */
export function editCatalogue(cat: Catalogue, edit: CatalogueEdit, options: EditOptions): EditAnswer {
  const db = cat.db;
  return inTransaction(
    db,
    (): EditAnswer => {
      const plan = kindOf(edit.kind).apply(db, editView(db), edit, options);
      const auditId = insertAudit(db, { action: plan.action, what: plan.what, productId: plan.productId, oldValue: plan.oldValue, newValue: plan.newValue, comment: plan.comment });
      return { auditId, productId: plan.productId, what: plan.what };
    },
    { immediate: true },
  );
}

const RESTORE_HINT = 'restaurez une sauvegarde : grille db restore / Fichier › Restaurer';

function blockedMessage(entry: HistoryEntry): string {
  const kind = entry.action.startsWith('import')
    ? 'un import'
    : entry.action === 'revision'
      ? 'une révision enregistrée'
      : entry.action === 'db.restore'
        ? 'une restauration de sauvegarde'
        : `une opération « ${entry.action} »`;
  return `La dernière opération (${entryTime(entry)} : ${entry.what}) est ${kind} : « Annuler » ne défait que les modifications faites dans Grille ; pour revenir avant elle, ${RESTORE_HINT}.`;
}

/** Undoes the latest edit not yet undone (of a product, or of the whole catalogue), in one transaction with its audit row. */
export function undoEdit(cat: Catalogue, productId: string | null): UndoAnswer {
  const db = cat.db;
  return inTransaction(
    db,
    (): UndoAnswer => {
      if (productId !== null && !productExists(db, productId) && !hasAuditRows(db, productId)) throw unknownProduct(productId, productIds(db));
      const top = undoTop(db, productId);
      if (top.kind === 'nothing') throw new GrilleError('NOT_FOUND', `Rien à annuler : aucune modification ${productId === null ? 'du catalogue' : `de ${productId}`} n’est enregistrée (ou toutes ont été annulées).`);
      if (top.kind === 'blocked') throw new GrilleError('NOT_AVAILABLE', blockedMessage(top.entry));
      const entry = top.entry;
      const pid = entry.productId;
      if (!isEditAction(entry.action)) throw new GrilleError('INTERNAL', `Annulation : « ${entry.action} » n’est pas une modification faite dans Grille ; signalez-le.`);
      if (pid === null) {
        throw new GrilleError('DATA_INVALID', `Annulation impossible de « ${entry.what} » (historique n°${entry.id}, ${entryTime(entry)}) : la modification ne nomme pas de produit ; l’historique a été modifié hors de Grille, rien n’a été modifié.`);
      }
      const refuse = (detail: string) => new GrilleError('CONFLICT', `Annulation impossible de « ${entry.what} » : ${detail} ; rien n’a été modifié.`);
      const current = () => {
        const p = getProduct(db, pid);
        if (!p) throw refuse(`le produit ${pid} n’est plus au catalogue`);
        return p;
      };
      kindOfAction(entry.action).undoEntry(db, entry, pid, current, refuse);
      const what = `Annulation : ${entry.what}`;
      const auditId = insertAudit(db, { action: UNDO_ACTION, what, productId: pid, oldValue: entry.newValue, newValue: { undoes: entry.id }, comment: null });
      return { undone: entry.id, auditId, productId: pid, what };
    },
    { immediate: true },
  );
}

/** The history of a product (or of the whole catalogue), newest first, with what « Annuler » would undo. */
export function editHistory(cat: Catalogue, productId: string | null): HistoryEntryDto[] {
  return historyWithUndo(cat.db, productId);
}
