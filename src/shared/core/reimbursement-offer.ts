/**
 * The complementary part of one offer (product × formula) on a claim. Per line: the guarantee that answers for the
 * act, read as a cover (reimbursement-cover.ts), what its formula pays (reimbursement-pay.ts), then the caps in this
 * order: contrat responsable (non-OPTAM dépassements ≤ the BR cap, the frame cap, the 100 % Santé PLV), then never
 * more than was spent (complementary ≤ price − Sécurité sociale), on each act or, for a pooled equipment
 * (glasses), on the whole equipment as the notice's example does. Reste à charge = price − net Sécurité sociale −
 * complementary; a line the source does not give makes the offer « non précisé » (docs/RULINGS.md, règle 8).
 * Pure; steps as data.
 */
import type { GuaranteeEntry, ProductFile } from './catalogue-schema';
import type { Hypothesis } from './pricing-types';
import { indexProduct, pickVersion } from './product-index';
import type { ActDef } from './reimbursement-acts';
import type { Claim, ClaimLine } from './reimbursement-claim';
import type { ParamContext } from './reimbursement-context';
import { readCap, readGuarantee, type Cover, type PayingCover } from './reimbursement-cover';
import { categoriesFor, findGuarantee, formulaApplies } from './reimbursement-guarantee';
import { payCover, percentOf, type PayBase } from './reimbursement-pay';
import type { LineStatus, Offer, OfferLine, OfferResult } from './reimbursement-result';
import type { SsLine } from './reimbursement-ss';
import type { TraceStep } from './reimbursement-trace';

/** An offer line while it is computed: its cover and steps as data. */
export type OfferLineWork = Omit<OfferLine, 'steps' | 'cover'> & {
  cover: Cover | null;
  trace: TraceStep[];
  /** pays the whole rest of the price (frais réels, 100 % Santé inside a pooled equipment) */
  remainder: boolean;
};

export type OfferWork = Omit<OfferResult, 'lines' | 'steps'> & { lines: OfferLineWork[]; trace: TraceStep[] };

interface LineScope {
  ctx: ParamContext;
  claim: Claim;
  product: ProductFile;
  formula: string;
  version: string | null;
  hyps: Hypothesis[];
}

/** The hypotheses a paying cover rests on: the PLV assumed kept, caps the simulator does not apply, a forfait unused. */
function coverHypotheses(s: LineScope, act: ActDef, cover: PayingCover, g: GuaranteeEntry): void {
  if (cover.kind === 'plv' && !(act.centSante?.plv && s.ctx.has(act.centSante.plv))) {
    s.hyps.push({ code: 'plv-suppose-respecte', ruling: null, text: `${act.label} (100 % Santé) : le prix limite de vente n'est pas connu ici ; le prix saisi est supposé le respecter.`, source: null });
  }
  for (const cat of act.relatedCaps ?? []) {
    const cap = s.product.guarantees.find((x) => x.category === cat && formulaApplies(x, s.formula, s.version));
    if (cap && readCap(cap).kind === 'cap') {
      s.hyps.push({ code: 'plafond-non-applique', ruling: null, text: `${cap.label} : « ${cap.text} » — non appliqué par le simulateur (consommation de l'année inconnue).`, source: cap.source });
    }
  }
  if (cover.periodMonths !== null && cover.kind !== 'plv') {
    s.hyps.push({ code: 'forfait-disponible', ruling: null, text: `${g.label} : forfait renouvelable tous les ${cover.periodMonths} mois, supposé non encore utilisé sur la période.`, source: g.source });
  }
}

/** The contrat-responsable limits, then never more than spent: what the guarantee gives and what is paid. */
function applyCaps(s: LineScope, act: ActDef, cover: PayingCover, x: PayBase, formulaCents: number, trace: TraceStep[]): { guarantee: number; paid: number } {
  const { ctx, claim } = s;
  let guarantee = formulaCents;
  if (act.optamMatters && claim.optam === false && (cover.kind === 'percent' || cover.kind === 'amount')) {
    const param = 'cr.non_optam.plafond_depassement';
    const points = ctx.value(param);
    const max = Math.max(0, percentOf(x.brCents, 100 + points) - x.ssCents);
    if (guarantee > max) {
      trace.push({ kind: 'cap', rule: 'cr-non-optam', points, maxCents: max, param });
      guarantee = max;
    }
  }
  if (act.responsibleUnitCap && !claim.centSante) {
    const cap = ctx.value(act.responsibleUnitCap) * x.quantity;
    if (guarantee > cap) {
      trace.push({ kind: 'cap', rule: 'cr-unit-cap', unit: act.unit.singular, capCents: cap, fromCents: guarantee, param: act.responsibleUnitCap });
      guarantee = cap;
    }
  }
  if (claim.centSante && cover.kind === 'plv' && act.centSante?.plv && ctx.has(act.centSante.plv) && x.priceCents !== null) {
    const plv = ctx.value(act.centSante.plv) * x.quantity;
    const max = Math.max(0, plv - x.ssCents);
    if (guarantee > max) {
      trace.push({ kind: 'cap', rule: 'plv-100-sante', plvCents: plv, ssCents: x.ssCents, maxCents: max, param: act.centSante.plv });
      guarantee = max;
    }
  }
  let paid = guarantee;
  if (x.priceCents !== null) {
    const max = Math.max(0, x.priceCents - x.ssCents);
    if (paid > max) {
      trace.push({ kind: 'cap', rule: 'never-more-than-spent', priceCents: x.priceCents, ssCents: x.ssCents, maxCents: max, fromCents: guarantee });
      paid = max;
    }
  }
  return { guarantee, paid };
}

type Amounts = Pick<OfferLineWork, 'status' | 'formulaCents' | 'guaranteeCents' | 'complementaryCents'>;
const NOTHING: Amounts = { status: 'not_covered', formulaCents: 0, guaranteeCents: 0, complementaryCents: 0 };
const UNKNOWN: Amounts = { status: 'unspecified', formulaCents: null, guaranteeCents: null, complementaryCents: null };

function complementaryLine(s: LineScope, cl: ClaimLine, ss: SsLine): OfferLineWork {
  const act = cl.act;
  const trace: TraceStep[] = [];
  const found = findGuarantee(s.product, s.formula, s.version, categoriesFor(act, s.claim), s.claim.loyaltyBonus);
  const g = found.guarantee;
  const head = {
    act: act.code,
    category: found.category,
    guarantee: g ? { label: g.label, text: g.text, status: g.status, conditions: g.conditions ?? null, source: g.source } : null,
    trace,
  };
  const line = (cover: Cover | null, amounts: Amounts, remainder = false): OfferLineWork => ({ ...head, cover, ...amounts, remainder });
  if (!found.guarantee) {
    trace.push({ kind: 'no-guarantee', act: act.label, categories: found.candidates });
    return line(null, UNKNOWN);
  }
  const guarantee = found.guarantee;
  const cover = readGuarantee(guarantee);
  trace.push({ kind: 'guarantee', act: act.label, label: guarantee.label, text: guarantee.text, source: guarantee.source });
  if (found.bonus) trace.push({ kind: 'loyalty-bonus', ...found.bonus });
  if (cover.kind === 'not_covered') {
    trace.push({ kind: 'not-covered' });
    return line(cover, NOTHING);
  }
  if (cover.kind === 'unspecified') {
    trace.push({ kind: 'cover-unspecified', cover, text: guarantee.text });
    return line(cover, UNKNOWN);
  }
  const x: PayBase = { quantity: cl.quantity, priceCents: ss.priceCents, unitPriceCents: cl.unitPriceCents, brCents: ss.brCents, ssCents: ss.ssGrossCents, ticketModerateurCents: ss.ticketModerateurCents };
  const pay = payCover(cover, x);
  trace.push(pay.step);
  coverHypotheses(s, act, cover, guarantee);
  const capped = applyCaps(s, act, cover, x, pay.cents, trace);
  return line(cover, { status: 'computed', formulaCents: pay.cents, guaranteeCents: capped.guarantee, complementaryCents: capped.paid }, pay.remainder);
}

/** A pooled equipment: the lines that pay "the rest" get it, then never more than spent on the whole equipment. */
function poolEquipment(claim: Claim, lines: OfferLineWork[], totalGross: number, sums: { guarantee: number; paid: number }, trace: TraceStep[]): { guarantee: number; paid: number } {
  const max = Math.max(0, claim.totalPriceCents - totalGross);
  let { guarantee, paid } = sums;
  const first = lines.find((l) => l.remainder);
  if (first) {
    const rest = Math.max(0, max - paid);
    first.guaranteeCents = rest;
    first.complementaryCents = rest;
    guarantee += rest;
    paid += rest;
  }
  trace.push({ kind: 'equipment-sum', partsCents: lines.map((l) => l.guaranteeCents ?? 0), cents: guarantee });
  if (paid > max) {
    trace.push({ kind: 'equipment-cap', priceCents: claim.totalPriceCents, ssCents: totalGross, maxCents: max, fromCents: paid });
    paid = max;
  }
  return { guarantee, paid };
}

const sumOf = <T>(list: readonly T[], f: (x: T) => number) => list.reduce((s, x) => s + f(x), 0);

export function simulateOffer(ctx: ParamContext, claim: Claim, ssLines: SsLine[], offer: Offer): OfferWork {
  const p = offer.product;
  const f = p.formulas.find((x) => x.code === offer.formula);
  const hyps: Hypothesis[] = [];
  const trace: TraceStep[] = [];
  const head = { productId: p.product.id, productName: p.product.name, formula: { code: offer.formula, label: f?.label ?? offer.formula } };
  const version = pickVersion(indexProduct(p), ctx.date);
  if (!version.ok) {
    trace.push({ kind: 'no-version', message: version.message });
    return { ...head, version: null, status: 'unspecified', guaranteeCents: null, complementaryCents: null, knownComplementaryCents: 0, resteAChargeCents: null, ticketModerateurCoveredCents: null, depassementCoveredCents: null, lines: [], trace, hypotheses: hyps };
  }
  hyps.push(...version.hypotheses);
  const scope: LineScope = { ctx, claim, product: p, formula: offer.formula, version: version.version.code, hyps };
  const lines = claim.lines.map((cl, i) => complementaryLine(scope, cl, ssLines[i]!));
  for (const l of lines) trace.push(...l.trace);
  const unspecified = lines.some((l) => l.status === 'unspecified');
  const known = sumOf(lines, (l) => l.complementaryCents ?? 0);
  let guaranteeCents: number | null = unspecified ? null : sumOf(lines, (l) => l.guaranteeCents ?? 0);
  let complementary: number | null = unspecified ? null : known;
  if (claim.pooled && !unspecified) {
    const pooled = poolEquipment(claim, lines, sumOf(ssLines, (l) => l.ssGrossCents), { guarantee: guaranteeCents!, paid: known }, trace);
    guaranteeCents = pooled.guarantee;
    complementary = pooled.paid;
  }
  const allNotCovered = lines.length > 0 && lines.every((l) => l.status === 'not_covered');
  const status: LineStatus = unspecified ? 'unspecified' : allNotCovered ? 'not_covered' : 'computed';
  const rac = resteACharge(claim, ssLines, complementary, known, trace);
  const tmCovered = complementary === null ? null : Math.min(complementary, sumOf(ssLines, (l) => l.ticketModerateurCents));
  return {
    ...head,
    version: { code: version.version.code, label: version.version.label },
    status,
    guaranteeCents,
    complementaryCents: complementary,
    knownComplementaryCents: complementary ?? known,
    resteAChargeCents: rac,
    ticketModerateurCoveredCents: tmCovered,
    depassementCoveredCents: complementary === null ? null : complementary - tmCovered!,
    lines,
    trace,
    hypotheses: hyps.filter((h, i) => hyps.findIndex((x) => x.code === h.code && x.text === h.text) === i),
  };
}

function resteACharge(claim: Claim, ssLines: SsLine[], complementary: number | null, known: number, trace: TraceStep[]): number | null {
  if (complementary === null) {
    trace.push({ kind: 'reste-a-charge-unknown', knownCents: known });
    return null;
  }
  const ssNet = sumOf(ssLines, (l) => l.ssNetCents);
  const rac = claim.totalPriceCents - ssNet - complementary;
  trace.push({
    kind: 'reste-a-charge',
    priceCents: claim.totalPriceCents,
    ssCents: ssNet,
    complementaryCents: complementary,
    cents: rac,
    pfCents: sumOf(ssLines, (l) => l.participationForfaitaireCents),
    franchiseCents: sumOf(ssLines, (l) => l.franchiseCents),
  });
  return rac;
}
