/**
 * A product already in the catalogue is accepted only as new dated versions (docs/DATA-FORMAT.md,
 * "Importing a product that already exists"):
 *   - the product, its organisations, formulas, segments and categories are unchanged;
 *   - the stored documents, versions, guarantees and rules come first, unchanged and in the same order
 *     (one exception: an open-ended version may be closed the day before the first new version);
 *   - what follows them is new: documents, versions (each with a date of effect later than every stored
 *     version's), and guarantees and rules that apply to new versions only;
 *   - every stored tariff cell is in the file, unchanged; the other cells belong to new versions.
 * Anything else is refused, saying what differs. A product identical to the stored one is left as is.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ProductFile } from '../../../shared/core/catalogue-schema';
import type { ProductAddition } from '../../store/writer-import';
import { describe } from './message-values';
import { formatPath, type ReportAt } from './parsed-input';
import type { ProductAction } from './plan';
import { changed, storedFirst, Verdict } from './refusal';
import { newTariffCells, sameCells } from './tariff-cells';
import { newGuaranteesOf, newRulesOf, newVersionsOf } from './versions-policy';

export interface PolicyOptions {
  /** CSV: cells may be added to an existing version (never replacing a stored cell) */
  tariffsOnly: boolean;
}

export type Policy = { kind: 'unchanged' } | { kind: 'refused' } | { kind: 'add'; addition: ProductAddition; action: ProductAction };

// organisations are shared rows: only their ids and names belong to the product (the rest is said in the warnings)
const ownOrganisations = (list: ProductFile['organisations']) => list.map((o) => ({ id: o.id, name: o.name }));

function isUnchanged(stored: ProductFile, incoming: ProductFile): boolean {
  const own = (p: ProductFile) => ({ ...p, tariffs: [], organisations: ownOrganisations(p.organisations) });
  return sameCells(stored, incoming) && isDeepStrictEqual(own(stored), own(incoming));
}

/** The product's header and the lists an import may not change at all. */
function checkFixedParts(stored: ProductFile, incoming: ProductFile, verdict: Verdict): void {
  if (!isDeepStrictEqual(stored.product, incoming.product)) {
    changed(verdict, stored.product, incoming.product, ['product'], (path) => `change ${formatPath(path.slice(1)) || 'le produit'}`);
  }
  for (const part of ['organisations', 'formulas', 'segments', 'categories'] as const) {
    const shape = (p: ProductFile): unknown[] => (part === 'organisations' ? ownOrganisations(p.organisations) : p[part]);
    const a = shape(stored);
    const b = shape(incoming);
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= b.length) {
        verdict.no([part], `retire un élément (${describe(a[i])}) de « ${part} »`);
        break;
      }
      if (i >= a.length) {
        verdict.no([part, i], `ajoute un élément à « ${part} »`);
        break;
      }
      if (!isDeepStrictEqual(a[i], b[i])) {
        changed(verdict, a[i], b[i], [part, i]);
        break;
      }
    }
  }
}

/** Compares an incoming product with the stored one (see the module comment for the rule). */
export function comparePolicy(stored: ProductFile, incoming: ProductFile, add: ReportAt, options: PolicyOptions): Policy {
  if (isUnchanged(stored, incoming)) return { kind: 'unchanged' };
  const verdict = new Verdict(incoming.product.id, add);
  checkFixedParts(stored, incoming, verdict);
  const documents = storedFirst(verdict, 'documents', stored.documents, incoming.documents, (x, y) => isDeepStrictEqual(x, y));
  const { versions, close } = newVersionsOf(stored, incoming, verdict);
  const newCodes = new Set(versions.map((v) => v.code));
  const guarantees = newGuaranteesOf(stored, incoming, newCodes, verdict);
  const rules = newRulesOf(stored, incoming, newCodes, verdict);
  const tariffs = newTariffCells(stored, incoming, newCodes, verdict, options.tariffsOnly);
  if (verdict.refused) return { kind: 'refused' };
  if (versions.length === 0 && !(options.tariffsOnly && tariffs.length > 0)) {
    verdict.no([], "n'apporte aucune nouvelle version");
    return { kind: 'refused' };
  }
  return {
    kind: 'add',
    action: versions.length === 0 || options.tariffsOnly ? 'add-tariffs' : 'add-versions',
    addition: { productId: incoming.product.id, documents, versions, guarantees, rules, tariffs, close },
  };
}
