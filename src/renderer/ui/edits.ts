/**
 * Sending a change of the catalogue: the main process validates it and writes it in one transaction
 * with its audit row. On success every view reloads (`invalidate`) and a short confirmation is shown;
 * on failure the dialog shows the main process's message with what to do.
 */
import type { CatalogueEdit, EditAnswer, Result, UndoAnswer } from '../../shared/api';
import { ask } from './api';
import type { AppContext } from './context';
import type { Outcome } from './dialog';
import { errorText } from './notice';
import { confirmation } from './toast';

/** What to do after a refused change, by the error's code (the message says what is wrong). */
export function editHint(code: string): string {
  switch (code) {
    case 'CONFLICT':
      return 'Rien n’a été enregistré. Annulez : la fiche se recharge avec la valeur actuelle ; refaites la modification si elle est toujours utile.';
    case 'NOT_FOUND':
      return 'Rien n’a été enregistré. Annulez : la fiche se recharge avec le catalogue actuel.';
    case 'BRIDGE':
    case 'INTERNAL':
      return 'Rien n’a été enregistré. Réessayez ; si l’erreur revient, relancez Grille.';
    default:
      return 'Rien n’a été enregistré : corrigez la saisie, puis enregistrez de nouveau.';
  }
}

/** After a refused undo: the message says why (a newer change, an import…) and what to do. */
function undoHint(code: string): string {
  return code === 'BRIDGE' || code === 'INTERNAL' ? 'Rien n’a été modifié. Réessayez ; si l’erreur revient, relancez Grille.' : 'Rien n’a été modifié.';
}

export function refused<T>(r: Extract<Result<T>, { ok: false }>, hint: (code: string) => string = editHint): Outcome<never> {
  return { ok: false, message: errorText(r.error), hint: hint(r.error.code) };
}

export async function sendEdit(ctx: AppContext, edit: CatalogueEdit): Promise<Outcome<EditAnswer>> {
  const r = await ask(() => ctx.api().editCatalogue(edit));
  if (!r.ok) return refused(r);
  ctx.catalogue.invalidate();
  confirmation(`Modification enregistrée : ${r.value.what}`);
  return { ok: true, value: r.value };
}

export async function sendUndo(ctx: AppContext, productId: string | null): Promise<Outcome<UndoAnswer>> {
  const r = await ask(() => ctx.api().undoEdit({ productId }));
  if (!r.ok) return refused(r, undoHint);
  ctx.catalogue.invalidate();
  confirmation(`Modification annulée : ${r.value.what}`);
  return { ok: true, value: r.value };
}
