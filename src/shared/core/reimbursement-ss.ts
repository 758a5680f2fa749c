/**
 * The Sécurité sociale part of one line of a claim (the computation of the Assur-BP notice's worked examples):
 * base = BR, or the price when lower; gross = base × rate (half-up, docs/RULINGS.md, règle 1), an "acte lourd" (BR
 * at or above the threshold) having its ticket modérateur replaced by the forfait; net = gross − participation
 * forfaitaire − franchises (each within its daily cap). Ticket modérateur = base − gross; dépassement = price −
 * base. Pure; each step recorded as data.
 */
import type { ClaimLine } from './reimbursement-claim';
import type { ParamContext } from './reimbursement-context';
import { percentOf } from './reimbursement-pay';
import type { LineResult } from './reimbursement-result';
import type { StepAct, TraceStep } from './reimbursement-trace';

/** A Sécurité sociale line while it is computed: its steps as data. */
export type SsLine = Omit<LineResult, 'steps'> & { trace: TraceStep[] };

/** The gross Sécurité sociale amount: by rate, or base − forfait for an acte lourd. */
function grossOf(ctx: ParamContext, l: ClaimLine, base: number, rate: number, trace: TraceStep[]): { gross: number; heavy: boolean } {
  const act = l.act;
  if (act.heavyActEligible && ctx.has('actes_lourds.seuil') && l.unitBrCents >= ctx.value('actes_lourds.seuil')) {
    const forfait = ctx.value('actes_lourds.forfait') * l.quantity;
    const gross = Math.max(0, base - forfait);
    trace.push({ kind: 'ss-heavy-act', thresholdCents: ctx.value('actes_lourds.seuil'), forfaitCents: forfait, baseCents: base, ssCents: gross, param: 'actes_lourds.forfait' });
    return { gross, heavy: true };
  }
  const gross = percentOf(base, rate);
  trace.push({ kind: 'ss-rate', baseCents: base, ratePercent: rate, ssCents: gross, param: act.ssRate! });
  return { gross, heavy: false };
}

/** A per-unit deduction within its daily cap (the cap only recorded as used when it binds). */
function capped(ctx: ParamContext, amount: number, capKey: string | null, kind: 'pf-capped' | 'franchise-capped', trace: TraceStep[]): number {
  if (!capKey) return amount;
  const cap = ctx.peek(capKey);
  if (amount <= cap) return amount;
  ctx.value(capKey);
  trace.push({ kind, capCents: cap, param: capKey });
  return cap;
}

/** Participation forfaitaire and franchise, deducted from the gross amount (never reimbursed by a contrat responsable). */
function deductions(ctx: ParamContext, l: ClaimLine, gross: number, trace: TraceStep[]): { pf: number; franchise: number } {
  const act = l.act;
  let pf = 0;
  if (act.pf) {
    pf = Math.min(capped(ctx, ctx.value('pf.montant') * l.quantity, 'pf.plafond_jour', 'pf-capped', trace), gross);
    trace.push({ kind: 'pf', cents: pf, param: 'pf.montant' });
  }
  let franchise = 0;
  if (act.franchise) {
    const amount = ctx.value(act.franchise.amount) * l.quantity;
    franchise = Math.min(capped(ctx, amount, act.franchise.dailyCap, 'franchise-capped', trace), gross - pf);
    trace.push({ kind: 'franchise', cents: franchise, param: act.franchise.amount });
  }
  return { pf, franchise };
}

export function securiteSociale(ctx: ParamContext, l: ClaimLine): SsLine {
  const act = l.act;
  const trace: TraceStep[] = [];
  const unit = l.quantity > 1 ? act.unit.plural : act.unit.singular;
  const named: StepAct = { act: act.label, quantity: l.quantity, unit };
  const price = l.unitPriceCents === null ? null : l.unitPriceCents * l.quantity;
  const base0 = l.unitBrCents * l.quantity;
  const line: SsLine = {
    act: { code: act.code, label: act.label },
    quantity: l.quantity,
    unit,
    priceCents: price,
    brCents: base0,
    brOrigin: l.brOrigin,
    ssRatePercent: null,
    heavyAct: false,
    ssGrossCents: 0,
    participationForfaitaireCents: 0,
    franchiseCents: 0,
    ssNetCents: 0,
    ticketModerateurCents: 0,
    depassementCents: price,
    trace,
  };
  if (act.ssRate === null) {
    trace.push({ kind: 'ss-none', ...named, priceCents: price });
    return line;
  }
  const rate = ctx.value(act.ssRate);
  trace.push({ kind: 'ss-base', ...named, priceCents: price, unitBrCents: l.unitBrCents, brCents: base0, brOrigin: l.brOrigin, param: l.brParam });
  const base = price !== null && price < base0 ? price : base0;
  if (base !== base0) trace.push({ kind: 'ss-on-price', priceCents: base });
  const { gross, heavy } = grossOf(ctx, l, base, rate, trace);
  const { pf, franchise } = deductions(ctx, l, gross, trace);
  const net = gross - pf - franchise;
  if (pf || franchise) trace.push({ kind: 'ss-paid', cents: net });
  const tm = base - gross;
  trace.push({ kind: 'ticket-moderateur', baseCents: base, ssCents: gross, cents: tm });
  const dep = price === null ? null : price - base;
  if (dep !== null && dep > 0) trace.push({ kind: 'depassement', priceCents: price!, baseCents: base, cents: dep });
  return { ...line, brCents: base, ssRatePercent: rate, heavyAct: heavy, ssGrossCents: gross, participationForfaitaireCents: pf, franchiseCents: franchise, ssNetCents: net, ticketModerateurCents: tm, depassementCents: dep };
}
