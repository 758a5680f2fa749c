/**
 * What a MAV quote takes and gives back: the request (formula, option, members, sports, periodicity, adhesion,
 * options given up), the periodicities, and the quote with its lines, amounts (integer cents, docs/RULINGS.md,
 * règle 1), hypotheses, refusals and referrals. Types and the periodicities only.
 */
import type { Source } from './catalogue-schema';
import type { Hypothesis, MemberInput, Refusal, RuleRef, VersionRef } from './pricing-types';

export const PERIODICITIES = { annuel: 1, semestriel: 2, trimestriel: 4, mensuel: 12 } as const;
export type Periodicity = keyof typeof PERIODICITIES;

export type SportInput = string | { code: string; aerial?: boolean | undefined };

export interface MavRequest {
  formula: string;
  /** option code ("1", "2") */
  option: string;
  members: MemberInput[];
  sports?: SportInput[] | undefined;
  periodicity?: string | undefined;
  /** adhesion date "AAAA-MM-JJ" (default: `at`) */
  adhesion?: string | undefined;
  /** quote date "AAAA-MM-JJ", used when `adhesion` is not given */
  at?: string | undefined;
  /** options the adherent gave up before, e.g. ["1"] */
  renouncedOptions?: string[] | undefined;
}

export interface SportLine {
  input: string;
  code: string | null;
  label: string | null;
  outcome: 'listed' | 'duplicate' | 'refer' | 'refused';
  why: string;
}

export interface MavMemberLine {
  member: number;
  role: string;
  birth: string;
  age: number | null;
  eligible: boolean;
}

export interface MavQuote {
  kind: 'mav';
  productId: string;
  productName: string;
  formula: { code: string; label: string };
  option: { code: string; label: string };
  adhesion: string;
  version: VersionRef | null;
  status: 'priced' | 'refused' | 'refer';
  members: MavMemberLine[];
  /** the tariff cell of formula × option */
  base: { amountCents: number; period: 'month' | 'year'; source: Source } | null;
  /** the base as an annual amount */
  baseAnnualCents: number | null;
  sports: { lines: SportLine[]; counted: number; max: number | null };
  /** the surcharge line (null without sports) */
  surcharge: { sports: number; percent: number; amountCents: number; rule: RuleRef } | null;
  annualCents: number | null;
  installments: {
    periodicity: Periodicity;
    count: number;
    amountCents: number;
    totalCents: number;
    /** count × amount − annual (positive: the installments collect that much more than the annual premium) */
    roundingDiffCents: number;
  } | null;
  firstPremium: { months: number; amountCents: number; rule: RuleRef } | null;
  includes: { assistanceCents: number | null; taxesIncluded: boolean | null; rule: RuleRef } | null;
  hypotheses: Hypothesis[];
  refusals: Refusal[];
  referrals: Refusal[];
  notes: string[];
}

export function isPeriodicity(s: string): s is Periodicity {
  return Object.prototype.hasOwnProperty.call(PERIODICITIES, s);
}
