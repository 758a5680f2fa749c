/**
 * The steps of a reimbursement computation as data: what was computed, on which amounts (integer cents), and the
 * dated parameter or the rule that shaped it. The engine only records steps; reimbursement-text.ts `stepText` turns
 * each into the French sentence the results show. Pure.
 */
import type { Source } from './catalogue-schema';
import type { AmountMode, Cover } from './reimbursement-cover';

/** An act of the claim as a step names it: its label and its units (the unit word agrees with the quantity). */
export interface StepAct {
  act: string;
  quantity: number;
  unit: string;
}

/** The rules of the engine that can lower a complementary amount. */
export type CapRule = 'cr-non-optam' | 'cr-unit-cap' | 'plv-100-sante' | 'never-more-than-spent';

export type TraceStep =
  // the claim
  | { kind: 'care'; date: string; subject: string; priceMeaning: string; priceCents: number }
  | { kind: 'equipment-ss'; priceCents: number; ssCents: number; brCents: number }
  // the Sécurité sociale part of one act
  | ({ kind: 'ss-none'; priceCents: number | null } & StepAct)
  | ({ kind: 'ss-base'; priceCents: number | null; unitBrCents: number; brCents: number; brOrigin: 'saisie' | 'paramètre' | 'prix' | 'sans objet'; param: string | null } & StepAct)
  | { kind: 'ss-on-price'; priceCents: number }
  | { kind: 'ss-heavy-act'; thresholdCents: number; forfaitCents: number; baseCents: number; ssCents: number; param: 'actes_lourds.forfait' }
  | { kind: 'ss-rate'; baseCents: number; ratePercent: number; ssCents: number; param: string }
  | { kind: 'pf-capped'; capCents: number; param: string }
  | { kind: 'pf'; cents: number; param: string }
  | { kind: 'franchise-capped'; capCents: number; param: string }
  | { kind: 'franchise'; cents: number; param: string }
  | { kind: 'ss-paid'; cents: number }
  | { kind: 'ticket-moderateur'; baseCents: number; ssCents: number; cents: number }
  | { kind: 'depassement'; priceCents: number; baseCents: number; cents: number }
  // the complementary part of one act
  | { kind: 'no-guarantee'; act: string; categories: string[] }
  | { kind: 'guarantee'; act: string; label: string; text: string; source: Source }
  | { kind: 'loyalty-bonus'; used: true }
  | { kind: 'loyalty-bonus'; used: false; bonusText: string }
  | { kind: 'not-covered' }
  | { kind: 'cover-unspecified'; cover: Cover; text: string }
  | { kind: 'pay-percent'; percent: number; brCents: number; totalCents: number; includesSS: boolean; ssCents: number; partCents: number; plusCents: number; cents: number }
  | { kind: 'pay-amount'; mode: AmountMode; unitCents: number; times: number | null; amountCents: number; ssCents: number; tmCents: number; cents: number }
  | { kind: 'pay-per-day'; perDayCents: number; unitPriceCents: number | null; quantity: number; cents: number }
  | { kind: 'pay-rest'; cover: 'actual' | 'plv'; priceCents: number | null; ssCents: number; cents: number }
  | { kind: 'cap'; rule: 'cr-non-optam'; points: number; maxCents: number; param: string }
  | { kind: 'cap'; rule: 'cr-unit-cap'; unit: string; capCents: number; fromCents: number; param: string }
  | { kind: 'cap'; rule: 'plv-100-sante'; plvCents: number; ssCents: number; maxCents: number; param: string }
  | { kind: 'cap'; rule: 'never-more-than-spent'; priceCents: number; ssCents: number; maxCents: number; fromCents: number }
  // one offer
  | { kind: 'no-version'; message: string }
  | { kind: 'equipment-sum'; partsCents: number[]; cents: number }
  | { kind: 'equipment-cap'; priceCents: number; ssCents: number; maxCents: number; fromCents: number }
  | { kind: 'reste-a-charge'; priceCents: number; ssCents: number; complementaryCents: number; cents: number; pfCents: number; franchiseCents: number }
  | { kind: 'reste-a-charge-unknown'; knownCents: number };
