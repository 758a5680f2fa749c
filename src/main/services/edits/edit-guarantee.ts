/** Edit a guarantee's value (text, status, quantities, conditions, source), named by its position in the product. */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { SourceChoice } from '../../../shared/api';
import type { GuaranteeEntry, Quantities, Source } from '../../../shared/core/catalogue-schema';
import type { QuantityKind } from '../../../shared/core/format';
import { GrilleError } from '../../../shared/errors';
import type { Db } from '../../store/open';
import { guaranteeRow, updateGuarantee } from '../../store/writer-edit';
import { comment, requireProduct, stale, invalid } from './checks';
import { difference, productName, show } from './describe';
import { checkGuaranteeValue, requireNumbersShown } from './guarantee-checks';
import { editKind, type EditOptions } from './kind';
import { guaranteeValueFields, productId, text } from './payload';
import { citedSource, isUnsourced, unsourced } from './sources';
import { guaranteeIndex, guaranteeStatus, storedQuantities, storedSource } from './stored';

export const editGuaranteePayload = z
  .object({
    kind: z.literal('guarantee'),
    productId,
    index: z.number().int('position entière attendue').min(0, 'position : 0 ou plus').max(100_000),
    expectedText: text(10_000),
    ...guaranteeValueFields,
  })
  .strict();

/** A guarantee's value in the audit row, before and after the edit. */
export const guaranteeValueSchema = z
  .object({
    index: guaranteeIndex,
    category: z.string(),
    label: z.string(),
    status: guaranteeStatus,
    text: z.string(),
    quantities: storedQuantities,
    derived: z.array(z.string()).nullable(),
    conditions: z.string().nullable(),
    source: storedSource,
  })
  .strict();
export type GuaranteeValue = z.infer<typeof guaranteeValueSchema>;

const guaranteeValue = (g: GuaranteeEntry, index: number): GuaranteeValue => ({
  index,
  category: g.category,
  label: g.label,
  status: g.status,
  text: g.text,
  quantities: { ...g.quantities },
  derived: g.derived ?? null,
  conditions: g.conditions ?? null,
  source: g.source,
});

const editableOf = (v: GuaranteeValue) => ({ status: v.status, text: v.text, quantities: v.quantities, derived: v.derived, conditions: v.conditions, source: v.source });

/** The source and derived quantities the edited value is written with. */
function sourceOfEdit(
  g: GuaranteeEntry,
  e: { source: SourceChoice; text: string; status: GuaranteeEntry['status'] },
  quantities: Quantities,
  where: string,
  options: EditOptions,
): { source: Source; derived: string[] | null } {
  // quantities computed from the words (derived) stay so while their value is unchanged
  const stillDerived = (g.derived ?? []).filter((k) => quantities[k as QuantityKind] !== undefined && quantities[k as QuantityKind] === g.quantities[k as QuantityKind]);
  const mustShow = (quote: string, how: string) => requireNumbersShown(quantities, quote, how, where, stillDerived);
  const numbersChanged = !isDeepStrictEqual(quantities, g.quantities);
  // an empty list stays as stored (a file may write "derived": [])
  const keptDerived = stillDerived.length ? stillDerived : g.derived && g.derived.length === 0 ? [] : null;
  if (e.source.mode === 'keep') {
    if (isUnsourced(g.source)) return { source: numbersChanged || e.text !== g.text || e.status !== g.status ? unsourced(options.today) : g.source, derived: null };
    if (numbersChanged) mustShow(g.source.quote, 'la citation gardée');
    return { source: g.source, derived: keptDerived };
  }
  if (e.source.mode === 'document') {
    const source = citedSource(e.source, where);
    mustShow(source.quote, 'la citation');
    return { source, derived: keptDerived };
  }
  return { source: unsourced(options.today), derived: null };
}

function writeGuarantee(db: Db, productId: string, v: GuaranteeValue): void {
  const row = guaranteeRow(db, productId, v.index);
  if (!row) throw new GrilleError('NOT_FOUND', `${productId} : garantie n°${v.index + 1} introuvable.`);
  updateGuarantee(db, productId, row.id, { status: v.status, text: v.text, quantities: v.quantities, derived: v.derived, conditions: v.conditions }, v.source);
}

export const editGuarantee = editKind({
  kind: 'guarantee',
  action: 'edit.guarantee',
  payload: editGuaranteePayload,
  stored: { oldValue: guaranteeValueSchema, newValue: guaranteeValueSchema },
  plan: (view, e, options) => {
    const p = requireProduct(view, e.productId);
    const g = p.guarantees[e.index];
    if (!Number.isInteger(e.index) || !g) {
      throw new GrilleError('NOT_FOUND', `${productName(p)} : garantie n°${e.index + 1} inexistante (le produit en a ${p.guarantees.length}).`);
    }
    const where = `${productName(p)}, garantie n°${e.index + 1} « ${g.label} » (${g.category})`;
    if (g.text !== e.expectedText) throw stale(where, `texte enregistré ${show(g.text)}, affiché ${show(e.expectedText)}`);
    const { text, conditions, quantities } = checkGuaranteeValue(e, where);
    const { source, derived } = sourceOfEdit(g, { source: e.source, text, status: e.status }, quantities, where, options);
    const before = guaranteeValue(g, e.index);
    const after: GuaranteeValue = { ...before, status: e.status, text, quantities, derived, conditions, source };
    if (isDeepStrictEqual(editableOf(before), editableOf(after))) throw invalid(`${where} : rien n’a changé (même texte, statut, quantités, conditions et source).`);
    return {
      action: 'edit.guarantee',
      productId: p.product.id,
      what: `Garantie n°${e.index + 1} « ${g.label} » (${g.category}) de ${productName(p)} : ${show(g.text)} → ${show(text)}${isUnsourced(source) ? ' (sans source)' : ''}`,
      oldValue: before,
      newValue: after,
      comment: comment(e.comment),
    };
  },
  write: (db, plan) => writeGuarantee(db, plan.productId, plan.newValue),
  undo: ({ db, productId, before, after, current, refuse }) => {
    const g = current().guarantees[after.index];
    if (!g || g.category !== after.category || g.label !== after.label) throw refuse(`la garantie n°${after.index + 1} n’est plus « ${after.label} » (${after.category})`);
    const diff = difference(editableOf(after), editableOf(guaranteeValue(g, after.index)));
    if (diff) throw refuse(`la garantie a changé depuis : ${diff}`);
    writeGuarantee(db, productId, before);
  },
});
