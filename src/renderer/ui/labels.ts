/** French labels of the catalogue's codes. */
import type { ProductFile, ProductKind, Role, Status } from '../../shared/core/catalogue-schema';
import type { Periodicity } from '../../shared/core/mav';
import { formatEuros } from '../../shared/core/money';

export const kindLabels: Record<ProductKind, string> = {
  sante: 'Santé',
  assistance: 'Assistance',
  mav: 'Accidents de la vie (MAV)',
  prevoyance: 'Prévoyance',
  reseau: 'Réseau / services',
};

export const kindOrder: readonly ProductKind[] = ['sante', 'assistance', 'mav', 'prevoyance', 'reseau'];

export const roleLabels: Record<Role, string> = { principal: 'Adhérent principal', conjoint: 'Conjoint', enfant: 'Enfant' };

export const statusLabels: Record<Status, string> = { actif: 'Actif', retraite: 'Retraité' };

/** The MAV payment periods the api accepts (its payload schema lists the same four). */
export const periodicityLabels: Record<Periodicity, string> = {
  annuel: 'Annuelle',
  semestriel: 'Semestrielle',
  trimestriel: 'Trimestrielle',
  mensuel: 'Mensuelle',
};

export function periodLabel(period: 'month' | 'year' | null | undefined): string {
  return period === 'month' ? 'par mois' : period === 'year' ? 'par an' : '';
}

/** 2514, month → "25,14 € par mois". */
export function amountText(cents: number | null | undefined, period?: 'month' | 'year' | null): string {
  if (cents === null || cents === undefined) return 'non précisé';
  const p = periodLabel(period);
  return p ? `${formatEuros(cents)} ${p}` : formatEuros(cents);
}

/** A catalogue rate "1.9" → "+1,9 %". */
export function rateText(rate: string): string {
  const t = rate.trim().replace('.', ',');
  return `${t.startsWith('-') ? '' : '+'}${t}\u00a0%`;
}

/** A Δ % already rounded by the engine: 5.9 → "+5,90 %". */
export function deltaPercentText(p: number | null): string {
  if (p === null) return 'non calculable';
  const s = p.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${p > 0 ? '+' : ''}${s}\u00a0%`;
}

/** A Δ in cents: +1,40 € / -1,40 €. */
export function deltaEurosText(cents: number | null): string {
  if (cents === null) return 'non calculable';
  return cents > 0 ? `+${formatEuros(cents)}` : formatEuros(cents);
}

/** A product's own names for its formula and segment codes (the code itself when unknown). */
export function codeLabels(p: ProductFile | null): { formula(code: string): string; segment(code: string): string } {
  const formulas = new Map((p?.formulas ?? []).map((f) => [f.code, f.label]));
  const segments = new Map((p?.segments ?? []).map((s) => [s.code, s.label]));
  return { formula: (c) => formulas.get(c) ?? c, segment: (c) => segments.get(c) ?? c };
}

export function isPeriodicityLabel(value: string): value is Periodicity {
  return Object.prototype.hasOwnProperty.call(periodicityLabels, value);
}
