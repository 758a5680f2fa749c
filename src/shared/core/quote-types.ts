/**
 * What a household quote takes and gives back: the request (date, formulas, members, MAV inputs), one line per
 * member with its segment, cell and outcome, the totals (docs/RULINGS.md, règle 1) and the hypotheses. Types and
 * the « non précisé » wording only. Lines reference the catalogue's own segment and cell objects (with their
 * sources): do not mutate them.
 */
import type { Role, Status, TariffCellEntry } from './catalogue-schema';
import type { MavQuote, MavRequest } from './mav';
import type { Hypothesis, MemberInput, Refusal, VersionRef } from './pricing-types';
import type { SegmentEntry } from './quote-plan';

/** One offer to price: a product and one of its formulas. */
export interface QuoteOffer {
  productId: string;
  formula: string;
}

export interface QuoteRequest {
  /** effective date "AAAA-MM-JJ": picks the version; its year is the tariff year for ages */
  at: string;
  /** formula codes; none or empty = every formula (kind "formula") of each product */
  formulas?: string[] | undefined;
  members: MemberInput[];
  /** MAV pricing inputs (products of kind "mav") */
  mav?: Omit<MavRequest, 'formula' | 'option' | 'members' | 'at'> & { options?: string[] | undefined };
}

export type LineOutcome = 'priced' | 'free' | 'non-precise' | 'refused';

export interface QuoteLine {
  /** index of the member in the request, or null for a price per household */
  member: number | null;
  role: Role | null;
  label: string | null;
  birth: string | null;
  status: Status | null;
  /** age by millésime in the tariff year */
  age: number | null;
  /** the segment used (the catalogue entry, with its source) */
  segment: SegmentEntry | null;
  /** the tariff cell used (the catalogue entry, with its source) */
  cell: TariffCellEntry | null;
  /** children: rank by birth (1 = oldest) */
  rank: number | null;
  outcome: LineOutcome;
  /** what the member pays: the cell amount, 0 when free, null when not stated or refused */
  amountCents: number | null;
  period: 'month' | 'year' | null;
  /** French explanation of the line */
  why: string;
}

export interface QuoteTotals {
  /** every member has a stated price (or is free) and nobody is refused */
  complete: boolean;
  /** Σ monthly amounts; null when incomplete or when a line is yearly */
  monthlyCents: number | null;
  /** 12 × Σ monthly + Σ yearly; null when incomplete */
  annualCents: number | null;
  /** the same sums over the stated lines only, for display beside "total incomplet" */
  partialMonthlyCents: number;
  partialAnnualCents: number;
  /** members with no stated price or refused */
  incompleteMembers: number[];
}

export interface HouseholdQuote {
  kind: 'household';
  productId: string;
  productName: string;
  formula: { code: string; label: string };
  at: string;
  version: VersionRef | null;
  /** false when the source gives no tariff for this product × formula × version */
  tariffGiven: boolean;
  lines: QuoteLine[];
  totals: QuoteTotals;
  hypotheses: Hypothesis[];
  refusals: Refusal[];
  /** plain French notes, e.g. "Tarif non précisé par la source." */
  notes: string[];
}

export type ProductQuote = HouseholdQuote | MavQuote;

export const NON_PRECISE = 'tarif non précisé par la source';
