/** Add a formula or an option to a product, with its source. */
import { z } from 'zod';
import { EDIT_LIMITS } from '../../../shared/core/limits';
import { deleteFormula, formulaUsers, insertFormula } from '../../store/writer-edit';
import { checkCode, checkText, comment, invalid, requireProduct } from './checks';
import { difference, productName, show } from './describe';
import { editKind } from './kind';
import { editComment, productId, sourceChoice, text } from './payload';
import { isUnsourced, newSource } from './sources';
import { nothingBefore, storedSource } from './stored';

export const addFormulaPayload = z
  .object({ kind: z.literal('addFormula'), productId, code: text(EDIT_LIMITS.code), label: text(EDIT_LIMITS.label), formulaKind: z.enum(['formula', 'option']), source: sourceChoice, comment: editComment })
  .strict();

/** The formula added, in the audit row. */
export const formulaValueSchema = z.object({ code: z.string(), label: z.string(), kind: z.enum(['formula', 'option']), source: storedSource }).strict();

export const addFormula = editKind({
  kind: 'addFormula',
  action: 'add.formula',
  payload: addFormulaPayload,
  stored: { oldValue: nothingBefore, newValue: formulaValueSchema },
  plan: (view, e, options) => {
    const p = requireProduct(view, e.productId);
    const where = `${productName(p)}, nouvelle ${e.formulaKind === 'option' ? 'option' : 'formule'}`;
    const code = checkCode(e.code, `${where}, code`, p.formulas.map((f) => f.code));
    if (code === '*') throw invalid(`${where} : « * » est réservé (toutes les formules).`);
    const label = checkText(e.label, `${where} ${code}, libellé`, EDIT_LIMITS.label);
    if (e.formulaKind !== 'formula' && e.formulaKind !== 'option') throw invalid(`${where} : nature « ${String(e.formulaKind)} » inconnue (formula ou option).`);
    const other = p.formulas.find((x) => x.label === label);
    if (other) throw invalid(`${where} ${code} : le libellé ${show(label)} est déjà celui de ${other.kind === 'option' ? 'l’option' : 'la formule'} ${other.code}.`);
    const source = newSource(e.source, `${where} ${code}`, options.today);
    return {
      action: 'add.formula',
      productId: p.product.id,
      what: `Ajout de ${e.formulaKind === 'option' ? 'l’option' : 'la formule'} ${code} ${show(label)} à ${productName(p)}${isUnsourced(source) ? ' (sans source)' : ''}`,
      oldValue: null,
      newValue: { code, label, kind: e.formulaKind, source },
      comment: comment(e.comment),
    };
  },
  write: (db, plan) => insertFormula(db, plan.productId, plan.newValue),
  undo: ({ db, productId, after, current, refuse }) => {
    const f = current().formulas.find((x) => x.code === after.code);
    if (!f) throw refuse(`la formule ${after.code} n’existe plus`);
    const diff = difference({ label: after.label, kind: after.kind, source: after.source }, { label: f.label, kind: f.kind, source: f.source ?? null });
    if (diff) throw refuse(`la formule a changé depuis : ${diff}`);
    const users = formulaUsers(db, productId, after.code);
    const uses = [
      users.cells + users.optionCells && `${users.cells + users.optionCells} cellule(s) de tarif`,
      users.guarantees && `${users.guarantees} garantie(s)`,
      users.rules && `${users.rules} règle(s)`,
    ].filter(Boolean);
    if (uses.length) throw refuse(`${after.kind === 'option' ? 'l’option' : 'la formule'} ${after.code} sert maintenant à ${uses.join(', ')}`);
    deleteFormula(db, productId, after.code);
  },
});
