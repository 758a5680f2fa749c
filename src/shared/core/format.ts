/**
 * French display of quantities and amounts ("15 h", "3 100 €", "170 % BR"). Pure: no Node, no DOM.
 * Numbers and units are joined by a no-break space (U+00A0) so a unit never wraps away from its
 * number; thousands are grouped the way Intl fr-FR groups them (narrow no-break space, U+202F).
 */
import { GrilleError } from '../errors';
import type { Quantities } from './catalogue-schema';

export type QuantityKind = keyof Quantities;

/** Joins a number and its unit. */
export const NBSP = '\u00a0';

const integerFr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimalFr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const euroWhole = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 0, maximumFractionDigits: 0 });
const euroCents = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 3100 → "3 100", 2.5 → "2,5" (fr-FR). */
export function formatNumber(value: number): string {
  // below a thousand an integer has no separator: skip Intl, which is slow in long exports
  if (Number.isInteger(value) && value > -1000 && value < 1000) return String(value);
  return Number.isInteger(value) ? integerFr.format(value) : decimalFr.format(value);
}

/** Amounts are integer cents everywhere (docs/RULINGS.md, règle 1): anything else is a defect of the caller. */
function notCents(value: number): GrilleError {
  return new GrilleError('INTERNAL', `Montant à écrire en euros : un nombre entier de centimes est attendu, reçu ${value} ; signalez-le.`);
}

/** Integer cents → euros: 310000 → "3 100 €", 2514 → "25,14 €" (cents shown only when there are some). */
export function formatCents(cents: number): string {
  if (!Number.isInteger(cents)) throw notCents(cents);
  return cents % 100 === 0 ? euroWhole.format(cents / 100) : euroCents.format(cents / 100);
}

/** Integer cents → euros with two decimals always: 2514 → "25,14 €", 2500 → "25,00 €" (tariff tables). */
export function formatCentsExact(cents: number): string {
  if (!Number.isInteger(cents)) throw notCents(cents);
  return euroCents.format(cents / 100);
}

function plural(n: number, one: string, many: string): string {
  return Math.abs(n) >= 2 ? many : one;
}

/** One quantity in French: ("hours", 15) → "15 h", ("percentBR", 170) → "170 % BR", ("periodDays", 14) → "sur 14 jours". */
export function formatQuantity(kind: QuantityKind, value: number): string {
  const n = formatNumber(value);
  switch (kind) {
    case 'hours':
      return `${n}${NBSP}h`;
    case 'minHoursPerVisit':
      return `${n}${NBSP}h min. par intervention`;
    case 'days':
      return `${n}${NBSP}${plural(value, 'jour', 'jours')}`;
    case 'amountCents':
      return formatCents(value);
    case 'perNightCents':
      return `${formatCents(value)} par nuit`;
    case 'perDayCents':
      return `${formatCents(value)} par jour`;
    case 'nights':
      return `${n}${NBSP}${plural(value, 'nuit', 'nuits')}`;
    case 'sessions':
      return `${n}${NBSP}${plural(value, 'séance', 'séances')}`;
    case 'count':
      return `${n}${NBSP}fois`;
    case 'percentBR':
      return `${n}${NBSP}%${NBSP}BR`;
    case 'percentDiscount':
      return `${n}${NBSP}% de remise`;
    case 'km':
      return `${n}${NBSP}km`;
    case 'periodDays':
      return `sur ${n}${NBSP}${plural(value, 'jour', 'jours')}`;
    case 'periodMonths':
      return `sur ${n}${NBSP}mois`;
    case 'ageMax':
      return `jusqu’à ${n}${NBSP}ans`;
    default:
      // a quantity added to the schema after this function: the bare number rather than nothing
      return n;
  }
}

/** The order quantities are read in a sentence: the amount first, then its limits. */
export const quantityDisplayOrder: readonly QuantityKind[] = [
  'hours',
  'amountCents',
  'percentBR',
  'percentDiscount',
  'days',
  'sessions',
  'count',
  'nights',
  'perNightCents',
  'perDayCents',
  'km',
  'minHoursPerVisit',
  'periodDays',
  'periodMonths',
  'ageMax',
];

/** All quantities of a guarantee as one French phrase: "30 h, 2 h min. par intervention, sur 30 jours". */
export function formatQuantities(q: Quantities): string {
  const parts: string[] = [];
  for (const kind of quantityDisplayOrder) {
    const v = q[kind];
    if (v !== undefined) parts.push(formatQuantity(kind, v));
  }
  for (const kind of Object.keys(q) as QuantityKind[]) {
    const v = q[kind];
    if (v !== undefined && !quantityDisplayOrder.includes(kind)) parts.push(formatQuantity(kind, v));
  }
  return parts.join(', ');
}

/** What a comparable figure counts, in French (a column header or a row's "repère"). */
export const quantityLabels: Readonly<Record<QuantityKind, string>> = {
  hours: 'heures',
  minHoursPerVisit: 'heures minimum par intervention',
  days: 'jours',
  amountCents: 'montant (€)',
  perNightCents: 'montant par nuit (€)',
  perDayCents: 'montant par jour (€)',
  nights: 'nuits',
  sessions: 'séances',
  count: 'nombre',
  percentBR: '% de la BR',
  percentDiscount: '% de remise',
  km: 'km',
  periodDays: 'période (jours)',
  periodMonths: 'période (mois)',
  ageMax: 'âge maximum',
};

/** "2026-01-01" → "01/01/2026"; null → "". */
export function formatDateFr(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Quantities held in cents, whose display value is the amount in euros. */
export function isCentsKind(kind: QuantityKind): boolean {
  return kind === 'amountCents' || kind === 'perNightCents' || kind === 'perDayCents';
}
