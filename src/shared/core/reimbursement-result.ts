/**
 * What the reimbursement simulator takes and gives back: the request (date of care, act or basket, price, BR,
 * OPTAM, 100 % Santé), the offers (product × formula) and the result, whose `steps` are the French sentences of the
 * trace (reimbursement-text.ts). Types only.
 */
import type { GuaranteeEntry, ProductFile, Source } from './catalogue-schema';
import type { Hypothesis } from './pricing-types';
import type { LegalReference, ParamUnit } from './reimbursement-params';
import type { InputError } from '../input-error';

export interface SimulationRequest {
  /** date of care, AAAA-MM-JJ: picks the parameters in force */
  date: string;
  act?: string | undefined;
  basket?: string | undefined;
  /** per unit, or the whole equipment for a pooled basket (glasses) */
  priceCents: number;
  /** BR per unit; default from the parameters when known */
  brCents?: number | null | undefined;
  /** doctor member of OPTAM/OPTAM-CO; required for acts where it matters */
  optam?: boolean | null | undefined;
  /** a 100 % Santé equipment or prosthesis */
  centSante?: boolean | undefined;
  /** units: boxes, ears, days… (default 1) */
  quantity?: number | undefined;
  /** use the loyalty-bonus guarantee where the product has one (optique) */
  loyaltyBonus?: boolean | undefined;
}

export interface Offer {
  product: ProductFile;
  formula: string;
}

export interface UsedParam {
  key: string;
  label: string;
  unit: ParamUnit;
  value: number;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  verified: boolean;
  checkedAt: string | null;
  legal: LegalReference;
  seed: Source | null;
  note: string;
}

export interface LineResult {
  act: { code: string; label: string };
  quantity: number;
  unit: string;
  /** price of the line; null inside a pooled basket (one price for the whole equipment) */
  priceCents: number | null;
  brCents: number;
  brOrigin: 'saisie' | 'paramètre' | 'prix' | 'sans objet';
  ssRatePercent: number | null;
  heavyAct: boolean;
  ssGrossCents: number;
  participationForfaitaireCents: number;
  franchiseCents: number;
  ssNetCents: number;
  ticketModerateurCents: number;
  /** price above the base; null inside a pooled basket */
  depassementCents: number | null;
  steps: string[];
}

export type LineStatus = 'computed' | 'not_covered' | 'unspecified';

export interface OfferLine {
  act: string;
  category: string | null;
  guarantee: { label: string; text: string; status: GuaranteeEntry['status']; conditions: string | null; source: Source } | null;
  cover: string;
  status: LineStatus;
  /** what the guarantee's formula gives, before any cap */
  formulaCents: number | null;
  /** after the contrat-responsable limits: what the notice's examples print as the complementary's amount */
  guaranteeCents: number | null;
  /** paid (never more than spent); for a pooled basket the cap is applied to the offer total, this is before it */
  complementaryCents: number | null;
  steps: string[];
}

export interface OfferResult {
  productId: string;
  productName: string;
  formula: { code: string; label: string };
  version: { code: string; label: string } | null;
  status: LineStatus;
  /** sum of the lines after the contrat-responsable limits, before the "never more than spent" cap; null if a line is not given */
  guaranteeCents: number | null;
  /** paid by the complementary; null ("non précisé") when a line's guarantee is not given by the source */
  complementaryCents: number | null;
  /** what is known to be paid (the lines the source gives) */
  knownComplementaryCents: number;
  resteAChargeCents: number | null;
  ticketModerateurCoveredCents: number | null;
  depassementCoveredCents: number | null;
  lines: OfferLine[];
  steps: string[];
  hypotheses: Hypothesis[];
}

export interface SimulationResult {
  date: string;
  subject: { kind: 'act' | 'basket'; code: string; label: string; priceMeaning: string };
  input: { priceCents: number; brCents: number | null; optam: boolean | null; centSante: boolean; quantity: number; loyaltyBonus: boolean };
  /** total spent */
  priceCents: number;
  lines: LineResult[];
  securiteSociale: {
    brCents: number;
    grossCents: number;
    participationForfaitaireCents: number;
    franchiseCents: number;
    netCents: number;
    ticketModerateurCents: number;
    depassementCents: number;
  };
  steps: string[];
  offers: OfferResult[];
  parameters: UsedParam[];
  hypotheses: Hypothesis[];
}

/** A refusal keeps its error: the input it names (`field`), for a caller naming inputs its own way. */
export type SimulationOutcome = { ok: true; result: SimulationResult } | { ok: false; message: string; error: InputError };
