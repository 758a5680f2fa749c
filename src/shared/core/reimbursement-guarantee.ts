/**
 * Which guarantee of a product answers for a claim line: the first of the act's categories that the formula and
 * version have, the loyalty-bonus line first when it is asked for and the formula has one. Pure.
 */
import type { GuaranteeEntry, ProductFile } from './catalogue-schema';
import type { ActDef } from './reimbursement-acts';

export function formulaApplies(g: GuaranteeEntry, formula: string, version: string | null): boolean {
  const f = g.formulas.includes('*') || g.formulas.includes(formula);
  const v = g.versions.includes('*') || (version !== null && g.versions.includes(version));
  return f && v;
}

/** How the loyalty bonus was asked for and found: used, or the formula's line saying it has none. */
export type BonusUse = { used: true } | { used: false; bonusText: string } | null;

export type FoundGuarantee =
  | { guarantee: GuaranteeEntry; category: string; bonus: BonusUse }
  | { guarantee: null; category: string | null; candidates: string[] };

export function findGuarantee(product: ProductFile, formula: string, version: string | null, candidates: string[], loyaltyBonus: boolean): FoundGuarantee {
  const at = (cat: string) => product.guarantees.find((g) => g.category === cat && formulaApplies(g, formula, version));
  for (const cat of candidates) {
    if (loyaltyBonus) {
      const bonus = at(`${cat}.bonus_fidelite`);
      if (bonus && bonus.status !== 'not_covered') return { guarantee: bonus, category: bonus.category, bonus: { used: true } };
      if (bonus) {
        const base = at(cat);
        if (base) return { guarantee: base, category: cat, bonus: { used: false, bonusText: bonus.text } };
      }
    }
    const g = at(cat);
    if (g) return { guarantee: g, category: cat, bonus: null };
  }
  return { guarantee: null, category: candidates[0] ?? null, candidates };
}

/** The categories that answer for an act: the 100 % Santé ones, by OPTAM membership, or the act's own. */
export function categoriesFor(act: ActDef, claim: { centSante: boolean; optam: boolean | null }): string[] {
  if (claim.centSante) return act.categories.centSante ?? [];
  if (act.optamMatters) return (claim.optam ? act.categories.optam : act.categories.nonOptam) ?? [];
  return act.categories.any ?? [];
}
