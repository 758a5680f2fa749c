/** Rename a formula or an option: the comparison's column is named by its label. */
import { z } from 'zod';
import { EDIT_LIMITS } from '../../../shared/core/limits';
import { GrilleError } from '../../../shared/errors';
import { code } from '../../../shared/request-fields';
import { setFormulaLabel } from '../../store/writer-edit';
import { checkText, comment, invalid, requireProduct, stale } from './checks';
import { list, productName, show } from './describe';
import { editKind } from './kind';
import { editComment, productId, text } from './payload';

export const editFormulaLabelPayload = z
  .object({ kind: z.literal('formulaLabel'), productId, formula: code, expectedLabel: text(10_000), label: text(EDIT_LIMITS.label), comment: editComment })
  .strict();

/** A formula's label in the audit row, before and after. */
export const formulaLabelSchema = z.object({ code: z.string(), label: z.string() }).strict();

export const editFormulaLabel = editKind({
  kind: 'formulaLabel',
  action: 'edit.formulaLabel',
  payload: editFormulaLabelPayload,
  stored: { oldValue: formulaLabelSchema, newValue: formulaLabelSchema },
  plan: (view, e) => {
    const p = requireProduct(view, e.productId);
    const f = p.formulas.find((x) => x.code === e.formula);
    if (!f) throw new GrilleError('NOT_FOUND', `${productName(p)} : formule « ${e.formula} » inconnue (formules et options : ${list(p.formulas.map((x) => x.code))}).`);
    const where = `${productName(p)}, ${f.kind === 'option' ? 'option' : 'formule'} ${f.code}`;
    if (f.label !== e.expectedLabel) throw stale(where, `libellé enregistré ${show(f.label)}, affiché ${show(e.expectedLabel)}`);
    const label = checkText(e.label, `${where}, libellé`, EDIT_LIMITS.label);
    if (label === f.label) throw invalid(`${where} : rien n’a changé (même libellé).`);
    const other = p.formulas.find((x) => x.code !== f.code && x.label === label);
    if (other) throw invalid(`${where} : le libellé ${show(label)} est déjà celui de ${other.kind === 'option' ? 'l’option' : 'la formule'} ${other.code} ; deux colonnes porteraient le même nom.`);
    return {
      action: 'edit.formulaLabel',
      productId: p.product.id,
      what: `Libellé de ${f.kind === 'option' ? 'l’option' : 'la formule'} ${f.code} de ${productName(p)} : ${show(f.label)} → ${show(label)}`,
      oldValue: { code: f.code, label: f.label },
      newValue: { code: f.code, label },
      comment: comment(e.comment),
    };
  },
  write: (db, plan) => {
    setFormulaLabel(db, plan.productId, plan.newValue.code, plan.newValue.label);
  },
  undo: ({ db, productId, before, after, current, refuse }) => {
    const f = current().formulas.find((x) => x.code === after.code);
    if (!f) throw refuse(`la formule ${after.code} n’existe plus`);
    if (f.label !== after.label) throw refuse(`le libellé est maintenant ${show(f.label)} au lieu de ${show(after.label)}`);
    setFormulaLabel(db, productId, after.code, before.label);
  },
});
