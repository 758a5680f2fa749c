/**
 * Reimbursement simulator: what the Sécurité sociale pays, what each formula of a health product pays, what is
 * left to pay, in integer cents (docs/RULINGS.md, règle 1), with the steps of the computation in French. Pure (no
 * Node, DOM or Electron). The computation is the one the Assur-BP notice's worked examples use.
 *
 * Rooms: the request checked into a claim (reimbursement-claim.ts); the Sécurité sociale part of each line
 * (reimbursement-ss.ts); each guarantee read as a structured cover (reimbursement-cover.ts) and paid by the
 * function of its kind (reimbursement-pay.ts); caps and totals per offer (reimbursement-offer.ts). The engine
 * records its steps as data (reimbursement-trace.ts); they become the French sentences of the result here, at the
 * end, through one formatter (reimbursement-text.ts). Every regulatory value is a dated parameter picked by the date
 * of care (reimbursement-context.ts); an unverified one is reported as a hypothesis.
 *
 * API
 * - `readGuarantee(g)` → `Cover` (how a guarantee entry pays); `describeCover(cover, text)` → its French description.
 * - `simulate(params, request, offers)` → `{ ok: true, result }` | `{ ok: false, message, error }`.
 * - `checkResponsibleGrid(params, product, date)` → contrat-responsable findings on the guarantee grid
 *   (reimbursement-responsible.ts).
 */
import { isIsoDate } from './dates';
import { buildClaim, type Claim } from './reimbursement-claim';
import { InputError, inputError } from '../input-error';
import { ParamContext } from './reimbursement-context';
import { simulateOffer, type OfferLineWork, type OfferWork } from './reimbursement-offer';
import type { ParamSet } from './reimbursement-params';
import type { LineResult, Offer, OfferLine, OfferResult, SimulationOutcome, SimulationRequest, SimulationResult } from './reimbursement-result';
import { securiteSociale, type SsLine } from './reimbursement-ss';
import { describeCover, stepTexts } from './reimbursement-text';
import type { TraceStep } from './reimbursement-trace';

export { readGuarantee, readCap, type Cover, type CapReading, type CoverGap, type AmountMode, type PayingCover } from './reimbursement-cover';
export { describeCover } from './reimbursement-text';
export { percentOf } from './reimbursement-pay';
export type { TraceStep } from './reimbursement-trace';
export type * from './reimbursement-result';
export { checkResponsibleGrid, type ResponsibleFinding, type ResponsibleReport } from './reimbursement-responsible';

type SsTotals = SimulationResult['securiteSociale'];

function ssTotals(claim: Claim, ssLines: readonly SsLine[]): SsTotals {
  const sum = (k: keyof SsLine) => ssLines.reduce((s, l) => s + ((l[k] as number | null) ?? 0), 0);
  return {
    brCents: sum('brCents'),
    grossCents: sum('ssGrossCents'),
    participationForfaitaireCents: sum('participationForfaitaireCents'),
    franchiseCents: sum('franchiseCents'),
    netCents: sum('ssNetCents'),
    ticketModerateurCents: sum('ticketModerateurCents'),
    depassementCents: claim.pooled ? Math.max(0, claim.totalPriceCents - sum('brCents')) : sum('depassementCents'),
  };
}

// The trace becomes French here, once the computation is done.

function toLine({ trace, ...line }: SsLine): LineResult {
  return { ...line, steps: stepTexts(trace) };
}

function toOfferLine(l: OfferLineWork): OfferLine {
  const cover = l.cover === null || l.guarantee === null ? 'non précisé' : describeCover(l.cover, l.guarantee.text);
  const { act, category, guarantee, status, formulaCents, guaranteeCents, complementaryCents } = l;
  return { act, category, guarantee, steps: stepTexts(l.trace), cover, status, formulaCents, guaranteeCents, complementaryCents };
}

function toOffer({ lines, trace, hypotheses, ...offer }: OfferWork): OfferResult {
  return { ...offer, lines: lines.map(toOfferLine), steps: stepTexts(trace), hypotheses };
}

/** The refusal as the answer: its message, and the error that names the input. */
const refused = (error: InputError): SimulationOutcome => ({ ok: false, message: error.message, error });

export function simulate(params: ParamSet, request: SimulationRequest, offers: Offer[]): SimulationOutcome {
  if (!isIsoDate(request.date)) return refused(inputError('date', 'la date des soins', `« ${request.date} » : date impossible ou mal écrite (AAAA-MM-JJ attendu)`));
  const ctx = new ParamContext(params, request.date);
  try {
    const claim = buildClaim(ctx, request);
    const ssLines = claim.lines.map((l) => securiteSociale(ctx, l));
    const trace: TraceStep[] = [{ kind: 'care', date: request.date, subject: claim.subject.label, priceMeaning: claim.subject.priceMeaning, priceCents: request.priceCents }];
    for (const l of ssLines) trace.push(...l.trace);
    const ss = ssTotals(claim, ssLines);
    if (claim.pooled) trace.push({ kind: 'equipment-ss', priceCents: claim.totalPriceCents, ssCents: ss.grossCents, brCents: ss.brCents });
    if (ss.participationForfaitaireCents || ss.franchiseCents) {
      ctx.hypotheses.push({ code: 'plafonds-annuels', ruling: null, text: 'Participation forfaitaire et franchises : les plafonds annuels sont supposés non atteints.', source: null });
    }
    const offerResults = offers.map((o) => simulateOffer(ctx, claim, ssLines, o));
    const result: SimulationResult = {
      date: request.date,
      subject: claim.subject,
      input: { priceCents: request.priceCents, brCents: request.brCents ?? null, optam: claim.optam, centSante: claim.centSante, quantity: request.quantity ?? 1, loyaltyBonus: claim.loyaltyBonus },
      priceCents: claim.totalPriceCents,
      lines: ssLines.map(toLine),
      securiteSociale: ss,
      steps: stepTexts(trace),
      offers: offerResults.map(toOffer),
      parameters: [...ctx.used.values()],
      hypotheses: ctx.hypotheses,
    };
    return { ok: true, result };
  } catch (e) {
    if (e instanceof InputError) return refused(e);
    throw e;
  }
}
