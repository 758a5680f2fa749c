/** The checks of a guarantee's value, shared by an edit and an addition: text, conditions, status, quantities, numbers shown. */
import { z } from 'zod';
import type { CatalogueEdit } from '../../../shared/api';
import { quantitiesSchema, quantityKinds, type GuaranteeEntry, type Quantities } from '../../../shared/core/catalogue-schema';
import { formatQuantity, type QuantityKind } from '../../../shared/core/format';
import { EDIT_LIMITS } from '../../../shared/core/limits';
import { formatEuros } from '../../../shared/core/money';
import { displayedNumber, quoteShowsNumber } from '../../../shared/core/provenance';
import { formatZodIssues } from '../../../shared/core/zod-issues';
import { checkText, invalid } from './checks';
import { describeQuantities } from './describe';

function checkQuantities(raw: Record<string, number>, where: string): Quantities {
  const unknown = Object.keys(raw).filter((k) => !(quantityKinds as string[]).includes(k));
  if (unknown.length) throw invalid(`${where} : quantité inconnue ${unknown.join(', ')} (connues : ${quantityKinds.join(', ')}).`);
  const parsed = quantitiesSchema.safeParse(raw, { error: z.locales.fr().localeError });
  if (!parsed.success) throw invalid(`${where} : ${formatZodIssues(parsed.error).join(' ; ')}`);
  const q = parsed.data;
  for (const k of Object.keys(q) as QuantityKind[]) {
    const v = q[k]!;
    if (!Number.isFinite(v)) throw invalid(`${where} : ${k} n’est pas un nombre.`);
    if (k.endsWith('Cents')) {
      if (v > EDIT_LIMITS.quantityCents) throw invalid(`${where} : montant invraisemblable (${formatEuros(v)}, ${formatEuros(EDIT_LIMITS.quantityCents)} au plus).`);
    } else if (k === 'ageMax') {
      if (v > EDIT_LIMITS.age) throw invalid(`${where} : âge invraisemblable (${v} ans).`);
    } else if (v > EDIT_LIMITS.quantity) throw invalid(`${where} : ${k} = ${v} invraisemblable.`);
  }
  return q;
}

/** What the user keys in for a guarantee, edited or added. */
type GuaranteeInput = Pick<Extract<CatalogueEdit, { kind: 'guarantee' }>, 'text' | 'status' | 'quantities' | 'conditions'>;

export function checkGuaranteeValue(e: GuaranteeInput, where: string): { text: string; status: GuaranteeEntry['status']; quantities: Quantities; conditions: string | null } {
  const text = checkText(e.text, `${where}, texte`, EDIT_LIMITS.text);
  const conditions = e.conditions === null || e.conditions.trim() === '' ? null : checkText(e.conditions, `${where}, conditions`, EDIT_LIMITS.conditions);
  if (!['covered', 'not_covered', 'unspecified'].includes(e.status)) throw invalid(`${where} : statut « ${String(e.status)} » inconnu (covered, not_covered ou unspecified).`);
  const quantities = checkQuantities(e.quantities, where);
  if (e.status !== 'covered' && Object.keys(quantities).length) {
    throw invalid(`${where} : une garantie ${e.status === 'not_covered' ? '« non couverte »' : '« non précisée »'} n’a pas de quantités (${describeQuantities(quantities)}) ; retirez-les ou choisissez « couvert ».`);
  }
  return { text, status: e.status, quantities, conditions };
}

/** Every quantity (but those in `skip`, read from the words) must be read in the quote of its source, as in data/. */
export function requireNumbersShown(quantities: Quantities, quote: string, how: string, where: string, skip: readonly string[] = []): void {
  for (const k of Object.keys(quantities) as QuantityKind[]) {
    if (skip.includes(k)) continue;
    const shown = displayedNumber(k, quantities[k]!);
    if (!quoteShowsNumber(quote, shown)) {
      throw invalid(`${where} : ${formatQuantity(k, quantities[k]!)} n’apparaît pas dans ${how} « ${quote} » ; chaque nombre doit se lire dans la citation de sa source : citez le passage du document qui le donne, ou choisissez « sans source ».`);
    }
  }
}
