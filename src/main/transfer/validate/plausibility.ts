/**
 * Plausibility bounds (shared/core/limits.ts) and what the store's tables require beyond the schema:
 * ordered ages, dates and line ranges, no duplicated id within a product.
 */
import type { ProductFile } from '../../../shared/core/catalogue-schema';
import { PLAUSIBLE } from '../../../shared/core/limits';
import { euros } from './message-values';
import type { ReportAt } from './parsed-input';

function duplicates(values: string[]): { value: string; index: number }[] {
  const seen = new Set<string>();
  const out: { value: string; index: number }[] = [];
  values.forEach((v, index) => {
    if (seen.has(v)) out.push({ value: v, index });
    seen.add(v);
  });
  return out;
}

function plausibleAmounts(p: ProductFile, add: ReportAt): void {
  p.tariffs.forEach((t, i) => {
    if (t.amountCents > PLAUSIBLE.tariffCents) {
      add(['tariffs', i, 'amountCents'], `montant invraisemblable : ${euros(t.amountCents)} (une cotisation dépasse rarement ${euros(PLAUSIBLE.tariffCents)}) ; les montants sont en euros, pas en centimes`);
    }
  });
  p.guarantees.forEach((g, i) => {
    for (const k of ['amountCents', 'perNightCents', 'perDayCents'] as const) {
      const v = g.quantities[k];
      if (v !== undefined && v > PLAUSIBLE.quantityCents) add(['guarantees', i, 'quantities', k], `montant invraisemblable : ${euros(v)} (plus de ${euros(PLAUSIBLE.quantityCents)})`);
    }
    if (g.quantities.ageMax !== undefined && g.quantities.ageMax > PLAUSIBLE.age) add(['guarantees', i, 'quantities', 'ageMax'], `âge invraisemblable : ${g.quantities.ageMax} ans`);
  });
}

function orderedRanges(p: ProductFile, add: ReportAt): void {
  p.segments.forEach((s, i) => {
    if (s.ageMin !== null && s.ageMin > PLAUSIBLE.age) add(['segments', i, 'ageMin'], `âge invraisemblable : ${s.ageMin} ans`);
    if (s.ageMax !== null && s.ageMax > PLAUSIBLE.age) add(['segments', i, 'ageMax'], `âge invraisemblable : ${s.ageMax} ans`);
    if (s.ageMin !== null && s.ageMax !== null && s.ageMin > s.ageMax) add(['segments', i, 'ageMax'], `âge maximal (${s.ageMax}) inférieur à l'âge minimal (${s.ageMin})`);
  });
  p.versions.forEach((v, i) => {
    if (v.effectiveFrom !== null && v.effectiveTo !== null && v.effectiveTo < v.effectiveFrom) {
      add(['versions', i, 'effectiveTo'], `date de fin (${v.effectiveTo}) antérieure à la date d'effet (${v.effectiveFrom})`);
    }
  });
  p.documents.forEach((d, i) => {
    if (d.lines[0] > d.lines[1]) add(['documents', i, 'lines', 1], `ligne de fin (${d.lines[1]}) avant la ligne de début (${d.lines[0]})`);
  });
}

function uniqueIds(p: ProductFile, add: ReportAt): void {
  for (const d of duplicates(p.documents.map((x) => x.id))) add(['documents', d.index, 'id'], `document en double ${d.value}`);
  for (const d of duplicates(p.organisations.map((x) => x.id))) add(['organisations', d.index, 'id'], `organisation en double ${d.value}`);
  for (const d of duplicates(p.categories.map((x) => x.key))) add(['categories', d.index, 'key'], `catégorie en double ${d.value}`);
  for (const d of duplicates(p.product.references)) add(['product', 'references'], `référence en double « ${d.value} »`);
  for (const d of duplicates(p.product.subscribers)) add(['product', 'subscribers'], `souscripteur en double ${d.value}`);
}

/** Plausibility and what the store's tables require beyond the schema, in this order. */
export function plausibility(p: ProductFile, add: ReportAt): void {
  plausibleAmounts(p, add);
  orderedRanges(p, add);
  uniqueIds(p, add);
}
