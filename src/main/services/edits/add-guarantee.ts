/** Add a guarantee after the product's others: a category of the taxonomy, the formulas and versions it applies to, its value and source. */
import { z } from 'zod';
import { guaranteeSchema, quantityKinds, type GuaranteeEntry, type Quantities } from '../../../shared/core/catalogue-schema';
import { EDIT_LIMITS } from '../../../shared/core/limits';
import { formatZodIssues } from '../../../shared/core/zod-issues';
import { appendGuarantee, deleteGuarantee, guaranteeRow } from '../../store/writer-edit';
import { checkText, comment, invalid, requireProduct } from './checks';
import { difference, list, productName, show } from './describe';
import { checkGuaranteeValue, requireNumbersShown } from './guarantee-checks';
import { editKind } from './kind';
import { codesOrAll, guaranteeValueFields, productId, text } from './payload';
import { isUnsourced, newSource } from './sources';
import { guaranteeIndex, guaranteeStatus, nothingBefore, storedQuantities, storedSource } from './stored';

export const addGuaranteePayload = z
  .object({
    kind: z.literal('addGuarantee'),
    productId,
    category: text(200),
    label: text(EDIT_LIMITS.label),
    formulas: codesOrAll('formules'),
    versions: codesOrAll('versions'),
    ...guaranteeValueFields,
  })
  .strict();

/** A guarantee added from the desktop, at its position (the end of the product's guarantees when added). */
export const addedGuaranteeSchema = z
  .object({
    index: guaranteeIndex,
    category: z.string(),
    label: z.string(),
    formulas: z.array(z.string()),
    versions: z.array(z.string()),
    status: guaranteeStatus,
    text: z.string(),
    quantities: storedQuantities,
    conditions: z.string().nullable(),
    source: storedSource,
  })
  .strict();
type AddedGuaranteeValue = z.infer<typeof addedGuaranteeSchema>;

const addedGuaranteeValue = (g: GuaranteeEntry, index: number): AddedGuaranteeValue => ({
  index,
  category: g.category,
  label: g.label,
  formulas: [...g.formulas],
  versions: [...g.versions],
  status: g.status,
  text: g.text,
  quantities: { ...g.quantities },
  conditions: g.conditions ?? null,
  source: g.source,
});

const guaranteeOf = (v: AddedGuaranteeValue): GuaranteeEntry => ({
  category: v.category,
  label: v.label,
  formulas: v.formulas,
  versions: v.versions,
  status: v.status,
  quantities: v.quantities,
  text: v.text,
  ...(v.conditions !== null ? { conditions: v.conditions } : {}),
  source: v.source,
});

/** The formula (or option) or version codes a new guarantee applies to: known codes of the product, or « * » alone. */
function appliesTo(codes: readonly string[], known: readonly string[], what: { one: string; all: string; listed: string }, where: string): string[] {
  const chosen = [...new Set(codes.map((c) => c.trim()))];
  if (chosen.length === 0 || chosen.includes('')) throw invalid(`${where} : indiquez les ${what.all} concernées, ou « * » pour toutes.`);
  if (chosen.includes('*')) {
    if (chosen.length > 1) throw invalid(`${where} : « * » (toutes les ${what.all}) ne se combine pas avec d’autres codes (${chosen.filter((c) => c !== '*').join(', ')}).`);
    return ['*'];
  }
  const unknown = chosen.filter((c) => !known.includes(c));
  if (unknown.length) throw invalid(`${where} : ${what.one} ${unknown.map((c) => `« ${c} »`).join(', ')} inconnue${unknown.length > 1 ? 's' : ''} (${what.listed} : ${list([...known])}).`);
  // in the product's order, whatever order the dialog sent
  return known.filter((c) => chosen.includes(c));
}

export const addGuarantee = editKind({
  kind: 'addGuarantee',
  action: 'add.guarantee',
  payload: addGuaranteePayload,
  stored: { oldValue: nothingBefore, newValue: addedGuaranteeSchema },
  plan: (view, e, options) => {
    const p = requireProduct(view, e.productId);
    const where = `${productName(p)}, nouvelle garantie`;
    const key = e.category.trim();
    const category = view.taxonomy().find((c) => c.key === key);
    if (!category) throw invalid(`${where} : catégorie « ${key} » inconnue de la taxonomie ; choisissez une catégorie de la liste (ex. assistance.aide_domicile.hospitalisation).`);
    const label = checkText(e.label, `${where}, libellé`, EDIT_LIMITS.label);
    const at = `${where} « ${label} » (${category.key})`;
    const formulas = appliesTo(e.formulas, p.formulas.map((f) => f.code), { one: 'formule', all: 'formules', listed: 'formules et options du produit' }, at);
    const versions = appliesTo(e.versions, p.versions.map((v) => v.code), { one: 'version', all: 'versions', listed: 'versions du produit' }, at);
    const value = checkGuaranteeValue(e, at);
    const source = newSource(e.source, at, options.today);
    // a cited quote shows every number of the value, as in data/; a value without source is flagged instead
    if (!isUnsourced(source)) requireNumbersShown(value.quantities, source.quote, 'la citation', at);
    const index = p.guarantees.length;
    const added: AddedGuaranteeValue = {
      index,
      category: category.key,
      label,
      formulas,
      versions,
      status: value.status,
      text: value.text,
      // in the schema's order, as the store reads them back
      quantities: Object.fromEntries(quantityKinds.filter((k) => value.quantities[k] !== undefined).map((k) => [k, value.quantities[k]])) as Quantities,
      conditions: value.conditions,
      source,
    };
    // the same shape as a guarantee of data/ or of an import
    const parsed = guaranteeSchema.safeParse(guaranteeOf(added), { error: z.locales.fr().localeError });
    if (!parsed.success) throw invalid(`${at} : ${formatZodIssues(parsed.error).join(' ; ')}`);
    return {
      action: 'add.guarantee',
      productId: p.product.id,
      what: `Ajout de la garantie n°${index + 1} « ${label} » (${category.key}) à ${productName(p)} : ${show(value.text)}${isUnsourced(source) ? ' (sans source)' : ''}`,
      oldValue: null,
      newValue: added,
      comment: comment(e.comment),
    };
  },
  write: (db, plan) => appendGuarantee(db, plan.productId, guaranteeOf(plan.newValue)),
  undo: ({ db, productId, after, current, refuse }) => {
    const p = current();
    const g = p.guarantees[after.index];
    if (!g || g.category !== after.category || g.label !== after.label) throw refuse(`la garantie n°${after.index + 1} n’est plus « ${after.label} » (${after.category})`);
    const diff = difference(after, addedGuaranteeValue(g, after.index));
    if (diff) throw refuse(`la garantie a changé depuis son ajout : ${diff}`);
    // deleting it would move the ones after it (edits name guarantees by position)
    const later = p.guarantees.length - after.index - 1;
    if (later > 0) throw refuse(`${later} garantie(s) ont été ajoutées après elle`);
    const row = guaranteeRow(db, productId, after.index);
    if (!row) throw refuse(`la garantie n°${after.index + 1} est introuvable`);
    deleteGuarantee(db, productId, row.id);
  },
});
