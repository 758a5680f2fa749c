/**
 * How a health guarantee pays, read from its wording (text, conditions, structured quantities) into a structured
 * cover: the base it is computed on (% of the BR, a forfait in euros, a forfait per day, frais réels, the 100 % Santé
 * PLV), whether the Sécurité sociale part is included, on top, or the forfait comes after the ticket modérateur
 * (« TM + »), the unit a forfait counts by (« par verre », « par acte ») and how often it can be paid (« 1 fois /
 * 2 ans », « par an »). What the wording does not give stays « non précisé » (docs/RULINGS.md, règle 8): a cover of
 * kind `unspecified` says which piece is missing and keeps what is known. Pure; no French is produced here (the
 * descriptions are reimbursement-text.ts `describeCover`).
 *
 * API
 * - `readGuarantee(g)` → `Cover`;
 * - `readCap(g)` → `CapReading`, for a cap line of the grid (« Plafond annuel … », « Pas de plafond »).
 */
import type { GuaranteeEntry } from './catalogue-schema';

/** How a forfait stands against the Sécurité sociale part. */
export type AmountMode = 'includes-ss' | 'plus-tm' | 'excludes-ss';

/** What an `unspecified` cover lacks: the guarantee itself, whether the Sécurité sociale is included, or any amount or rate. */
export type CoverGap = 'status' | 'ss-part' | 'amount';

interface Renewal {
  /** how often it can be paid, from the quantities (« 1 fois / 2 ans » = 24, « par an » = 12); null when not said */
  periodMonths: number | null;
}

interface Unit {
  /** the unit one forfait counts by, as the wording names it (« par verre » → "verre"); null: once per line */
  unit: string | null;
}

export type NotCoveredCover = { kind: 'not_covered' };

export type UnspecifiedCover = {
  kind: 'unspecified';
  missing: CoverGap;
  /** what the wording does give when only the Sécurité sociale part is missing: the % of the BR, the forfait (alone or
   * added to the percentage) */
  percent: number | null;
  amountCents: number | null;
} & Unit &
  Renewal;

/** x % of the BR, the Sécurité sociale included or on top, plus an optional forfait (per unit or once). */
export type PercentCover = {
  kind: 'percent';
  percent: number;
  includesSS: boolean;
  plusAmountCents: number;
  /** the forfait counts once per unit (`unit`) */
  plusPerUnit: boolean;
} & Unit &
  Renewal;

/** A forfait in euros, Sécurité sociale included, on top of it, or after the ticket modérateur (« TM + »). */
export type AmountCover = {
  kind: 'amount';
  amountCents: number;
  mode: AmountMode;
  /** the forfait counts once per unit (`unit`) */
  perUnit: boolean;
} & Unit &
  Renewal;

/** A forfait per day, never more than the price of the day. */
export type PerDayCover = { kind: 'per_day'; perDayCents: number } & Renewal;

/** Frais réels: the price after the Sécurité sociale. */
export type ActualCover = { kind: 'actual' } & Renewal;

/** 100 % Santé: the price after the Sécurité sociale, within the prix limite de vente. */
export type PlvCover = { kind: 'plv' } & Unit & Renewal;

export type Cover = NotCoveredCover | UnspecifiedCover | PercentCover | AmountCover | PerDayCover | ActualCover | PlvCover;

/** The kinds of cover that pay an amount the simulator can compute. */
export type PayingCover = PercentCover | AmountCover | PerDayCover | ActualCover | PlvCover;

const TM_PLUS = /^\s*(TM|ticket modérateur)\s*\+/i;
const INCLUDES_SS = /((Sécurité sociale|SS|régime obligatoire)\s+incluse?)|((inclut|incluent|comprend|comprennent)\s+(le remboursement|la part|la Sécurité sociale))/i;
const EXCLUDES_SS = /(ne\s+(comprend|comprennent|inclut|incluent)\s+pas\s+(le remboursement|la part|la Sécurité sociale))|((hors|en sus de la|en plus de la|en complément de la)\s+(Sécurité sociale|SS|part du régime obligatoire))|(Sécurité sociale non incluse)/i;
const PER_UNIT = /par\s+(verre|oreille|acte|dent|jour|œil|oeil|séance|boîte|couronne|prothèse|consultation)/i;
const FULL_WITHIN_PLV = { full: /intégral/i, plv: /prix limites? de vente/i };
const ACTUAL = /^\s*frais réels\s*$/i;
const NO_CAP = /pas de plafond/i;
const YEARLY = /\bannuel(le)?\b|\bpar an\b/i;

/** Whether the guarantee's percentage or forfait includes the Sécurité sociale part, as its words say; null when silent. */
function includesSecuriteSociale(g: GuaranteeEntry): boolean | null {
  if (EXCLUDES_SS.test(g.text)) return false;
  if (INCLUDES_SS.test(g.text)) return true;
  const c = g.conditions ?? '';
  if (EXCLUDES_SS.test(c)) return false;
  if (INCLUDES_SS.test(c)) return true;
  return null;
}

function unitOf(text: string): string | null {
  const m = PER_UNIT.exec(text);
  return m ? m[1]!.toLowerCase() : null;
}

function unspecified(missing: CoverGap, g: GuaranteeEntry, known: { percent?: number; amountCents?: number } = {}): UnspecifiedCover {
  return {
    kind: 'unspecified',
    missing,
    percent: known.percent ?? null,
    amountCents: known.amountCents ?? null,
    unit: unitOf(g.text),
    periodMonths: g.quantities.periodMonths ?? null,
  };
}

function readPercent(g: GuaranteeEntry, percent: number, renewal: Renewal): PercentCover | UnspecifiedCover {
  const incl = includesSecuriteSociale(g);
  if (incl === null) return unspecified('ss-part', g, g.quantities.amountCents === undefined ? { percent } : { percent, amountCents: g.quantities.amountCents });
  const unit = unitOf(g.text);
  return { kind: 'percent', percent, includesSS: incl, plusAmountCents: g.quantities.amountCents ?? 0, plusPerUnit: unit !== null, unit, ...renewal };
}

function readAmount(g: GuaranteeEntry, amountCents: number, renewal: Renewal): AmountCover | UnspecifiedCover {
  const unit = unitOf(g.text);
  const perUnit = unit !== null;
  if (TM_PLUS.test(g.text)) return { kind: 'amount', amountCents, mode: 'plus-tm', perUnit, unit, ...renewal };
  const incl = includesSecuriteSociale(g);
  if (incl === null) return unspecified('ss-part', g, { amountCents });
  return { kind: 'amount', amountCents, mode: incl ? 'includes-ss' : 'excludes-ss', perUnit, unit, ...renewal };
}

/** The guarantee as the contract writes it. */
export function readGuarantee(g: GuaranteeEntry): Cover {
  if (g.status === 'not_covered') return { kind: 'not_covered' };
  if (g.status === 'unspecified') return unspecified('status', g);
  const q = g.quantities;
  const renewal: Renewal = { periodMonths: q.periodMonths ?? null };
  if (q.perDayCents !== undefined) return { kind: 'per_day', perDayCents: q.perDayCents, ...renewal };
  if (FULL_WITHIN_PLV.full.test(g.text) && FULL_WITHIN_PLV.plv.test(g.text)) return { kind: 'plv', unit: unitOf(g.text), ...renewal };
  if (ACTUAL.test(g.text) && q.percentBR === undefined && q.amountCents === undefined) return { kind: 'actual', ...renewal };
  if (q.percentBR !== undefined) return readPercent(g, q.percentBR, renewal);
  if (q.amountCents !== undefined) return readAmount(g, q.amountCents, renewal);
  return unspecified('amount', g);
}

/**
 * A cap line of the guarantee grid: `none` (« Pas de plafond », or not covered), `unknown` (the source does not say)
 * or `cap` (its amount when the wording gives one).
 */
export type CapReading = { kind: 'none' } | { kind: 'unknown' } | ({ kind: 'cap'; amountCents: number | null } & Renewal);

export function readCap(g: GuaranteeEntry): CapReading {
  if (g.status === 'unspecified') return { kind: 'unknown' };
  if (g.status === 'not_covered' || NO_CAP.test(g.text)) return { kind: 'none' };
  const periodMonths = g.quantities.periodMonths ?? (YEARLY.test(g.text) ? 12 : null);
  return { kind: 'cap', amountCents: g.quantities.amountCents ?? null, periodMonths };
}
