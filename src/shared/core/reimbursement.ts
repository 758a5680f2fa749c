/**
 * Reimbursement simulator: what the Sécurité sociale pays, what each formula of a health product pays, what is
 * left to pay, in integer cents, with the steps of the computation in French. Pure (no Node, DOM or Electron).
 *
 * Computation (the one the Assur-BP notice's worked examples use, seed 004 l. 4186-4481):
 * - Sécurité sociale: base = BR (or the price when lower); gross = base × rate (half-up); heavy acts (BR at or
 *   above the threshold) have their ticket modérateur replaced by the "actes lourds" forfait; net = gross −
 *   participation forfaitaire − franchises (never reimbursed by a contrat responsable). Ticket modérateur = base
 *   − gross; dépassement = price − base.
 * - Complementary, as the guarantee is written (`readGuarantee`): x % BR Sécurité sociale included → x % × BR −
 *   gross; x % BR excluding it → x % × BR; "TM + forfait" (optique) → TM + forfait; forfait Sécurité sociale
 *   included (dental) → forfait − gross; forfait per day (private room) → min(forfait, price) per day; "frais
 *   réels" → price − gross; 100 % Santé → price (within the PLV when known) − gross; not covered → 0; anything
 *   not given by the source → "non précisé" (null), never 0.
 * - Caps, in this order: contrat responsable (non-OPTAM dépassements ≤ 100 % BR, frame ≤ 100 €, 100 % Santé
 *   PLV), then never more than what was spent: complementary ≤ price − gross, on each act or, for an optical
 *   equipment, on the whole equipment (as the notice's glasses example does).
 * - Reste à charge = price − net Sécurité sociale − complementary.
 * Every regulatory value is a dated parameter picked by the date of care; an unverified one is reported as a
 * hypothesis.
 *
 * API
 * - `readGuarantee(g)` → `Cover` (how a guarantee entry pays, with a French description).
 * - `simulate(params, request, offers)` → `{ ok: true, result }` | `{ ok: false, message }`.
 * - `checkResponsibleGrid(params, product, date)` → contrat-responsable findings on the guarantee grid
 *   (non-OPTAM dépassement cover ≤ 100 % BR and at least 20 points below the OPTAM cover).
 */
import type { GuaranteeEntry, ProductFile, Source } from './catalogue-schema';
import { isIsoDate, formatDateFr } from './dates';
import { applyFactor, formatEuros, parseRate, rational, type Cents } from './money';
import type { Hypothesis } from './pricing-types';
import { indexProduct, pickVersion } from './product-index';
import { actByCode, basketByCode, type ActDef, type BasketDef } from './reimbursement-acts';
import { pickParam, type DatedValue, type LegalReference, type ParamSet, type ParamUnit } from './reimbursement-params';

// ---------------------------------------------------------------------------------------------------------
// Display helpers (French)

const eur = (c: Cents) => formatEuros(c);
const pctText = (p: number) => `${String(p).replace('.', ',')}\u00a0%`;

/** cents × percent / 100, half-up (exact). */
export function percentOf(cents: Cents, percent: number): Cents {
  const parsed = parseRate(String(percent));
  if (!parsed.ok) throw new RangeError(`pourcentage invalide : ${percent}`);
  const r = parsed.rate.percent;
  return applyFactor(cents, rational(r.num, r.den * 100n));
}

// ---------------------------------------------------------------------------------------------------------
// Reading a guarantee as the contract writes it

export type Cover =
  | { kind: 'not_covered'; description: string }
  | { kind: 'unspecified'; description: string }
  | { kind: 'percent'; percent: number; includesSS: boolean; plusAmountCents: number; plusPerUnit: boolean; description: string }
  | { kind: 'amount'; amountCents: number; mode: 'includes-ss' | 'plus-tm' | 'excludes-ss'; perUnit: boolean; description: string }
  | { kind: 'per_day'; perDayCents: number; description: string }
  | { kind: 'actual'; description: string }
  | { kind: 'plv'; description: string };

const TM_PLUS = /^\s*(TM|ticket modérateur)\s*\+/i;
const INCLUDES_SS = /((Sécurité sociale|SS|régime obligatoire)\s+incluse?)|((inclut|incluent|comprend|comprennent)\s+(le remboursement|la part|la Sécurité sociale))/i;
const EXCLUDES_SS = /(ne\s+(comprend|comprennent|inclut|incluent)\s+pas\s+(le remboursement|la part|la Sécurité sociale))|((hors|en sus de la|en plus de la|en complément de la)\s+(Sécurité sociale|SS|part du régime obligatoire))|(Sécurité sociale non incluse)/i;
const PER_UNIT = /par\s+(verre|oreille|acte|dent|jour|œil|oeil|séance|boîte|couronne|prothèse|consultation)/i;

/** Whether the guarantee's percentage or forfait includes the Sécurité sociale part, as its words say; null when silent. */
function includesSecuriteSociale(g: GuaranteeEntry): boolean | null {
  if (EXCLUDES_SS.test(g.text)) return false;
  if (INCLUDES_SS.test(g.text)) return true;
  const c = g.conditions ?? '';
  if (EXCLUDES_SS.test(c)) return false;
  if (INCLUDES_SS.test(c)) return true;
  return null;
}

export function readGuarantee(g: GuaranteeEntry): Cover {
  if (g.status === 'not_covered') return { kind: 'not_covered', description: `non couvert (« ${g.text} »)` };
  if (g.status === 'unspecified') return { kind: 'unspecified', description: `non précisé par la source (« ${g.text} »)` };
  const q = g.quantities;
  if (q.perDayCents !== undefined) return { kind: 'per_day', perDayCents: q.perDayCents, description: `${eur(q.perDayCents)} par jour` };
  if (/intégral/i.test(g.text) && /prix limites? de vente/i.test(g.text)) {
    return { kind: 'plv', description: 'remboursement intégral dans la limite des prix limites de vente (100 % Santé)' };
  }
  if (/^\s*frais réels\s*$/i.test(g.text) && q.percentBR === undefined && q.amountCents === undefined) {
    return { kind: 'actual', description: 'frais réels' };
  }
  if (q.percentBR !== undefined) {
    const incl = includesSecuriteSociale(g);
    if (incl === null) {
      return { kind: 'unspecified', description: `${pctText(q.percentBR)} de la BR, sans préciser si la Sécurité sociale est incluse (« ${g.text} »)` };
    }
    const plus = q.amountCents ?? 0;
    const plusPerUnit = PER_UNIT.test(g.text);
    return {
      kind: 'percent',
      percent: q.percentBR,
      includesSS: incl,
      plusAmountCents: plus,
      plusPerUnit,
      description: `${pctText(q.percentBR)} de la BR, Sécurité sociale ${incl ? 'incluse' : 'non incluse'}${plus ? ` + ${eur(plus)}${plusPerUnit ? ` ${PER_UNIT.exec(g.text)![0]}` : ''}` : ''}`,
    };
  }
  if (q.amountCents !== undefined) {
    const perUnit = PER_UNIT.test(g.text);
    const per = perUnit ? ` ${PER_UNIT.exec(g.text)![0]}` : '';
    if (TM_PLUS.test(g.text)) {
      return { kind: 'amount', amountCents: q.amountCents, mode: 'plus-tm', perUnit, description: `ticket modérateur + forfait de ${eur(q.amountCents)}${per} (hors Sécurité sociale)` };
    }
    const incl = includesSecuriteSociale(g);
    if (incl === null) {
      return { kind: 'unspecified', description: `forfait de ${eur(q.amountCents)}${per}, sans préciser si la Sécurité sociale est incluse (« ${g.text} »)` };
    }
    return {
      kind: 'amount',
      amountCents: q.amountCents,
      mode: incl ? 'includes-ss' : 'excludes-ss',
      perUnit,
      description: `forfait de ${eur(q.amountCents)}${per}, Sécurité sociale ${incl ? 'incluse' : 'non incluse'}`,
    };
  }
  return { kind: 'unspecified', description: `montant ou taux non précisé par la source (« ${g.text} »)` };
}

// ---------------------------------------------------------------------------------------------------------
// Request and result

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

export type SimulationOutcome = { ok: true; result: SimulationResult } | { ok: false; message: string };

class InputError extends Error {}

// ---------------------------------------------------------------------------------------------------------
// Parameters used by one simulation

class ParamContext {
  readonly used = new Map<string, UsedParam>();
  readonly hypotheses: Hypothesis[] = [];
  constructor(
    private readonly set: ParamSet,
    readonly date: string,
  ) {}

  value(key: string): number {
    const pick = pickParam(this.set, key, this.date);
    if (!pick.ok) throw new InputError(pick.message);
    this.record(key, pick.param.label, pick.param.unit, pick.entry);
    return pick.value;
  }

  has(key: string): boolean {
    return pickParam(this.set, key, this.date).ok;
  }

  /** The value without recording it as used (a cap that does not bind does not shape the result). */
  peek(key: string): number {
    const pick = pickParam(this.set, key, this.date);
    if (!pick.ok) throw new InputError(pick.message);
    return pick.value;
  }

  private record(key: string, label: string, unit: ParamUnit, e: DatedValue): void {
    if (this.used.has(key)) return;
    this.used.set(key, {
      key,
      label,
      unit,
      value: e.value,
      effectiveFrom: e.effectiveFrom,
      effectiveTo: e.effectiveTo,
      verified: e.verified,
      checkedAt: e.checkedAt ?? null,
      legal: e.legal,
      seed: e.seed ?? null,
      note: e.note,
    });
    const shown = showParam(unit, e.value);
    if (!e.verified) {
      this.hypotheses.push({ code: 'parametre-non-verifie', ruling: null, text: `${label} = ${shown} — ${e.note}`, source: null });
    } else if (e.checkedAt && e.checkedAt !== this.date) {
      this.hypotheses.push({
        code: 'parametre-verifie-a-une-autre-date',
        ruling: null,
        text: `${label} = ${shown} : valeur vérifiée dans la source pour des soins au ${formatDateFr(e.checkedAt)}, appliquée au ${formatDateFr(this.date)}.`,
        source: e.seed ?? null,
      });
    }
  }
}

function showParam(unit: ParamUnit, value: number): string {
  switch (unit) {
    case 'percent':
      return pctText(value);
    case 'cents':
      return eur(value);
    case 'months':
      return `${value} mois`;
    case 'points':
      return `${value} points de BR`;
    case 'flag':
      return value ? 'oui' : 'non';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Building the lines of a claim

interface ClaimLine {
  act: ActDef;
  quantity: number;
  unitPriceCents: number | null;
  unitBrCents: number;
  brOrigin: LineResult['brOrigin'];
}

interface Claim {
  subject: SimulationResult['subject'];
  pooled: boolean;
  totalPriceCents: number;
  lines: ClaimLine[];
  optam: boolean | null;
  centSante: boolean;
  loyaltyBonus: boolean;
}

function resolveBr(ctx: ParamContext, act: ActDef, unitPrice: number | null, given: number | null | undefined, optam: boolean | null, allowGiven: boolean): { br: number; origin: LineResult['brOrigin'] } {
  if (act.ssRate === null) return { br: 0, origin: 'sans objet' };
  if (given !== undefined && given !== null && allowGiven) return { br: given, origin: 'saisie' };
  const d = act.brDefault;
  if (d === 'price') {
    if (unitPrice === null) throw new InputError(`${act.label} : base de remboursement à préciser (--br)`);
    return { br: unitPrice, origin: 'prix' };
  }
  const key = d ? (optam === true ? d.optam : optam === false ? d.nonOptam : undefined) ?? d.any : undefined;
  if (!key) {
    const which = act.optamMatters && optam !== null ? (optam ? ' (médecin OPTAM)' : ' (médecin non OPTAM)') : '';
    throw new InputError(`${act.label}${which} : base de remboursement inconnue, indiquez-la avec --br (en euros)`);
  }
  return { br: ctx.value(key), origin: 'paramètre' };
}

function buildClaim(ctx: ParamContext, req: SimulationRequest): Claim {
  const quantity = req.quantity ?? 1;
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 1000) throw new InputError(`quantité « ${req.quantity} » : nombre entier de 1 à 1000 attendu`);
  if (!Number.isSafeInteger(req.priceCents) || req.priceCents < 0) throw new InputError('prix invalide : montant positif en euros attendu');
  if (req.brCents !== undefined && req.brCents !== null && (!Number.isSafeInteger(req.brCents) || req.brCents < 0)) {
    throw new InputError('base de remboursement invalide : montant positif en euros attendu');
  }
  const optam = req.optam ?? null;
  const centSante = req.centSante ?? false;
  const loyaltyBonus = req.loyaltyBonus ?? false;
  let basket: BasketDef;
  let kind: 'act' | 'basket';
  if (req.act !== undefined && req.basket !== undefined) throw new InputError('indiquez un acte ou un panier, pas les deux');
  if (req.act !== undefined) {
    const act = actByCode(req.act);
    if (!act) throw new InputError(`acte inconnu : « ${req.act} » (grille reimburse --list pour la liste)`);
    kind = 'act';
    basket = { code: act.code, label: act.label, priceMeaning: act.priceMeaning, pooled: false, lines: [{ act: act.code, quantity: 'input', price: 'input' }] };
  } else if (req.basket !== undefined) {
    const b = basketByCode(req.basket);
    if (!b) throw new InputError(`panier inconnu : « ${req.basket} » (grille reimburse --list pour la liste)`);
    kind = 'basket';
    basket = b;
  } else {
    throw new InputError('indiquez un acte (--act) ou un panier (--basket)');
  }
  const multi = basket.lines.length > 1;
  if (multi && req.brCents !== undefined && req.brCents !== null) {
    throw new InputError(`--br ne s'applique pas au panier « ${basket.code} » (plusieurs actes : leurs BR viennent des paramètres)`);
  }
  if (req.quantity !== undefined && req.quantity !== 1 && !basket.lines.some((l) => l.quantity === 'input')) {
    throw new InputError(`--quantity ne s'applique pas au panier « ${basket.code} »`);
  }
  const lines: ClaimLine[] = [];
  let total = 0;
  for (const bl of basket.lines) {
    const act = actByCode(bl.act)!;
    if (act.optamMatters && optam === null) {
      throw new InputError(`${act.label} : précisez si le médecin adhère à l'OPTAM/OPTAM-CO (--optam yes|no)`);
    }
    if (centSante && !act.centSante) throw new InputError(`${act.label} : pas de panier 100 % Santé pour cet acte`);
    if (centSante && act.centSante && !ctx.has(act.centSante.flag)) {
      throw new InputError(`${act.label} : le panier 100 % Santé n'est pas en vigueur le ${formatDateFr(ctx.date)}`);
    }
    if (centSante && act.centSante) ctx.value(act.centSante.flag);
    const q = bl.quantity === 'input' ? quantity : bl.quantity;
    let unitPrice: number | null;
    if (bl.price === 'input') unitPrice = req.priceCents;
    else if (bl.price === 'pooled') unitPrice = null;
    else unitPrice = ctx.value(bl.price.param);
    const { br, origin } = resolveBr(ctx, act, unitPrice, req.brCents, optam, !multi);
    if (centSante && act.centSanteBrUnknown && origin === 'paramètre' && !ctx.hypotheses.some((h) => h.code === 'br-100-sante-inconnue')) {
      ctx.hypotheses.push({
        code: 'br-100-sante-inconnue',
        ruling: null,
        text: 'Optique 100 % Santé : la base de remboursement de la classe A n’est pas connue ici ; celle de la classe B est utilisée. Le partage Sécurité sociale / complémentaire est indicatif ; le reste à charge, nul dans la limite des prix limites de vente, n’en dépend pas.',
        source: null,
      });
    }
    lines.push({ act, quantity: q, unitPriceCents: unitPrice, unitBrCents: br, brOrigin: origin });
    if (unitPrice !== null) total += unitPrice * q;
  }
  if (basket.pooled) total = req.priceCents;
  return { subject: { kind, code: basket.code, label: basket.label, priceMeaning: basket.priceMeaning }, pooled: basket.pooled, totalPriceCents: total, lines, optam, centSante, loyaltyBonus };
}

// ---------------------------------------------------------------------------------------------------------
// Sécurité sociale part

function securiteSociale(ctx: ParamContext, l: ClaimLine): LineResult {
  const act = l.act;
  const steps: string[] = [];
  const units = `${l.quantity} ${l.quantity > 1 ? act.unit.plural : act.unit.singular}`;
  const price = l.unitPriceCents === null ? null : l.unitPriceCents * l.quantity;
  const base0 = l.unitBrCents * l.quantity;
  const result = (o: Partial<LineResult>): LineResult => ({
    act: { code: act.code, label: act.label },
    quantity: l.quantity,
    unit: l.quantity > 1 ? act.unit.plural : act.unit.singular,
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
    steps,
    ...o,
  });
  if (act.ssRate === null) {
    steps.push(`${act.label} (${units}${price !== null ? `, ${eur(price)}` : ''}) : non remboursé par la Sécurité sociale.`);
    return result({});
  }
  const rate = ctx.value(act.ssRate);
  const origin = l.brOrigin === 'saisie' ? 'saisie' : l.brOrigin === 'prix' ? 'égale au prix' : 'valeur réglementaire';
  steps.push(
    `${act.label} (${units}${price !== null ? `, ${eur(price)}` : ''}) : base de remboursement ${l.quantity > 1 ? `${l.quantity} × ${eur(l.unitBrCents)} = ` : ''}${eur(base0)} (${origin}).`,
  );
  let base = base0;
  if (price !== null && price < base0) {
    base = price;
    steps.push(`Prix inférieur à la BR : la Sécurité sociale rembourse sur le prix, ${eur(price)}.`);
  }
  let gross: number;
  let heavy = false;
  if (act.heavyActEligible && ctx.has('actes_lourds.seuil') && l.unitBrCents >= ctx.value('actes_lourds.seuil')) {
    const forfait = ctx.value('actes_lourds.forfait') * l.quantity;
    heavy = true;
    gross = Math.max(0, base - forfait);
    steps.push(
      `Acte « lourd » (BR ≥ ${eur(ctx.value('actes_lourds.seuil'))}) : le ticket modérateur est remplacé par le forfait de ${eur(forfait)} ; Sécurité sociale ${eur(base)} − ${eur(forfait)} = ${eur(gross)}.`,
    );
  } else {
    gross = percentOf(base, rate);
    steps.push(`Sécurité sociale : ${eur(base)} × ${pctText(rate)} = ${eur(gross)}.`);
  }
  let pf = 0;
  if (act.pf) {
    const unit = ctx.value('pf.montant');
    pf = unit * l.quantity;
    const cap = ctx.peek('pf.plafond_jour');
    if (pf > cap) {
      ctx.value('pf.plafond_jour');
      steps.push(`Participation forfaitaire plafonnée à ${eur(cap)} par jour.`);
      pf = cap;
    }
    pf = Math.min(pf, gross);
    steps.push(`Participation forfaitaire déduite : − ${eur(pf)} (non remboursable par un contrat responsable).`);
  }
  let franchise = 0;
  if (act.franchise) {
    franchise = ctx.value(act.franchise.amount) * l.quantity;
    if (act.franchise.dailyCap) {
      const cap = ctx.peek(act.franchise.dailyCap);
      if (franchise > cap) {
        ctx.value(act.franchise.dailyCap);
        steps.push(`Franchise plafonnée à ${eur(cap)} par jour.`);
        franchise = cap;
      }
    }
    franchise = Math.min(franchise, gross - pf);
    steps.push(`Franchise médicale déduite : − ${eur(franchise)} (non remboursable par un contrat responsable).`);
  }
  const net = gross - pf - franchise;
  if (pf || franchise) steps.push(`Versé par la Sécurité sociale : ${eur(net)}.`);
  const tm = base - gross;
  steps.push(`Ticket modérateur : ${eur(base)} − ${eur(gross)} = ${eur(tm)}.`);
  const dep = price === null ? null : price - base;
  if (dep !== null && dep > 0) steps.push(`Dépassement (au-delà de la BR) : ${eur(price!)} − ${eur(base)} = ${eur(dep)}.`);
  return result({ brCents: base, ssRatePercent: rate, heavyAct: heavy, ssGrossCents: gross, participationForfaitaireCents: pf, franchiseCents: franchise, ssNetCents: net, ticketModerateurCents: tm, depassementCents: dep });
}

// ---------------------------------------------------------------------------------------------------------
// Complementary part of one offer

function formulaApplies(g: GuaranteeEntry, formula: string, version: string | null): boolean {
  const f = g.formulas.includes('*') || g.formulas.includes(formula);
  const v = g.versions.includes('*') || (version !== null && g.versions.includes(version));
  return f && v;
}

function findGuarantee(
  product: ProductFile,
  formula: string,
  version: string | null,
  candidates: string[],
  loyaltyBonus: boolean,
): { guarantee: GuaranteeEntry; category: string; note: string | null } | { guarantee: null; category: string | null; note: string } {
  const at = (cat: string) => product.guarantees.find((g) => g.category === cat && formulaApplies(g, formula, version));
  for (const cat of candidates) {
    if (loyaltyBonus) {
      const bonus = at(`${cat}.bonus_fidelite`);
      if (bonus && bonus.status !== 'not_covered') return { guarantee: bonus, category: bonus.category, note: 'Avec bonus fidélité.' };
      if (bonus) {
        const base = at(cat);
        if (base) return { guarantee: base, category: cat, note: `Pas de bonus fidélité dans cette formule (« ${bonus.text} ») : garantie sans bonus.` };
      }
    }
    const g = at(cat);
    if (g) return { guarantee: g, category: cat, note: null };
  }
  return { guarantee: null, category: candidates[0] ?? null, note: `aucune garantie de ce produit ne couvre « ${candidates.join(' » ou « ')} »` };
}

function categoriesFor(act: ActDef, claim: Claim): string[] {
  if (claim.centSante) return act.categories.centSante ?? [];
  if (act.optamMatters) return (claim.optam ? act.categories.optam : act.categories.nonOptam) ?? [];
  return act.categories.any ?? [];
}

interface OfferLineWork extends OfferLine {
  /** pays the whole rest of the price (frais réels, 100 % Santé) */
  remainder: boolean;
}

function complementaryLine(ctx: ParamContext, claim: Claim, cl: ClaimLine, ss: LineResult, product: ProductFile, formula: string, version: string | null, hyps: Hypothesis[]): OfferLineWork {
  const act = cl.act;
  const steps: string[] = [];
  const found = findGuarantee(product, formula, version, categoriesFor(act, claim), claim.loyaltyBonus);
  const base: Omit<OfferLineWork, 'cover' | 'status' | 'formulaCents' | 'guaranteeCents' | 'complementaryCents' | 'remainder'> = {
    act: act.code,
    category: found.category,
    guarantee: found.guarantee
      ? { label: found.guarantee.label, text: found.guarantee.text, status: found.guarantee.status, conditions: found.guarantee.conditions ?? null, source: found.guarantee.source }
      : null,
    steps,
  };
  if (!found.guarantee) {
    steps.push(`${act.label} : non précisé — ${found.note}.`);
    return { ...base, cover: 'non précisé', status: 'unspecified', formulaCents: null, guaranteeCents: null, complementaryCents: null, remainder: false };
  }
  const g = found.guarantee;
  const cover = readGuarantee(g);
  const src = `${g.source.file}, l. ${g.source.lines[0]}-${g.source.lines[1]}`;
  steps.push(`${act.label} — garantie « ${g.label} » : ${g.text} (source : ${src}).`);
  if (found.note) steps.push(found.note);
  const qty = cl.quantity;
  const price = ss.priceCents;
  const br = ss.brCents;
  const gross = ss.ssGrossCents;
  const n = (perUnit: boolean) => (perUnit ? qty : 1);
  let formulaCents: number;
  let remainder = false;
  switch (cover.kind) {
    case 'not_covered':
      steps.push('Non couvert : la complémentaire ne verse rien.');
      return { ...base, cover: cover.description, status: 'not_covered', formulaCents: 0, guaranteeCents: 0, complementaryCents: 0, remainder: false };
    case 'unspecified':
      steps.push(`Non précisé : ${cover.description}.`);
      return { ...base, cover: cover.description, status: 'unspecified', formulaCents: null, guaranteeCents: null, complementaryCents: null, remainder: false };
    case 'percent': {
      const total = percentOf(br, cover.percent);
      const plus = cover.plusAmountCents * n(cover.plusPerUnit);
      if (cover.includesSS) {
        formulaCents = Math.max(0, total - gross) + plus;
        steps.push(
          `${pctText(cover.percent)} × ${eur(br)} = ${eur(total)}, Sécurité sociale incluse : ${eur(total)} − ${eur(gross)} = ${eur(Math.max(0, total - gross))}${plus ? ` ; + forfait ${eur(plus)} = ${eur(formulaCents)}` : ''}.`,
        );
      } else {
        formulaCents = total + plus;
        steps.push(`${pctText(cover.percent)} × ${eur(br)} = ${eur(total)}, en plus de la Sécurité sociale${plus ? ` ; + forfait ${eur(plus)} = ${eur(formulaCents)}` : ''}.`);
      }
      break;
    }
    case 'amount': {
      const amount = cover.amountCents * n(cover.perUnit);
      const times = cover.perUnit && qty > 1 ? `${qty} × ${eur(cover.amountCents)} = ` : '';
      if (cover.mode === 'includes-ss') {
        formulaCents = Math.max(0, amount - gross);
        steps.push(`Forfait ${times}${eur(amount)}, Sécurité sociale incluse : ${eur(amount)} − ${eur(gross)} = ${eur(formulaCents)}.`);
      } else if (cover.mode === 'plus-tm') {
        formulaCents = ss.ticketModerateurCents + amount;
        const f = times ? `${qty} × ${eur(cover.amountCents)} (${eur(amount)})` : eur(amount);
        steps.push(`Ticket modérateur ${eur(ss.ticketModerateurCents)} + forfait ${f} = ${eur(formulaCents)}.`);
      } else {
        formulaCents = amount;
        steps.push(`Forfait ${times}${eur(amount)}, en plus de la Sécurité sociale.`);
      }
      break;
    }
    case 'per_day': {
      if (cl.unitPriceCents === null) {
        formulaCents = cover.perDayCents * qty;
        steps.push(`${eur(cover.perDayCents)} par jour × ${qty} = ${eur(formulaCents)}.`);
      } else {
        const perDay = Math.min(cover.perDayCents, cl.unitPriceCents);
        formulaCents = perDay * qty;
        steps.push(
          `${eur(cover.perDayCents)} par jour${perDay < cover.perDayCents ? `, limité au prix (${eur(cl.unitPriceCents)} par jour)` : ''} × ${qty} ${qty > 1 ? 'jours' : 'jour'} = ${eur(formulaCents)}.`,
        );
      }
      break;
    }
    case 'actual':
    case 'plv': {
      if (price === null) {
        remainder = true;
        formulaCents = 0;
        steps.push(`${cover.kind === 'actual' ? 'Frais réels' : 'Remboursement intégral (100 % Santé)'} : le reste du prix de l'équipement après la Sécurité sociale.`);
      } else {
        formulaCents = Math.max(0, price - gross);
        steps.push(`${cover.kind === 'actual' ? 'Frais réels' : 'Remboursement intégral (100 % Santé)'} : ${eur(price)} − ${eur(gross)} = ${eur(formulaCents)}.`);
      }
      if (cover.kind === 'plv' && !(act.centSante?.plv && ctx.has(act.centSante.plv))) {
        hyps.push({ code: 'plv-suppose-respecte', ruling: null, text: `${act.label} (100 % Santé) : le prix limite de vente n'est pas connu ici ; le prix saisi est supposé le respecter.`, source: null });
      }
      break;
    }
  }
  for (const cat of act.relatedCaps ?? []) {
    const cap = product.guarantees.find((x) => x.category === cat && formulaApplies(x, formula, version));
    if (cap && cap.status === 'covered' && !/pas de plafond/i.test(cap.text)) {
      hyps.push({ code: 'plafond-non-applique', ruling: null, text: `${cap.label} : « ${cap.text} » — non appliqué par le simulateur (consommation de l'année inconnue).`, source: cap.source });
    }
  }
  if (g.quantities.periodMonths !== undefined && cover.kind !== 'plv') {
    hyps.push({ code: 'forfait-disponible', ruling: null, text: `${g.label} : forfait renouvelable tous les ${g.quantities.periodMonths} mois, supposé non encore utilisé sur la période.`, source: g.source });
  }
  // contrat responsable limits
  let guaranteeCents = formulaCents;
  if (act.optamMatters && claim.optam === false && (cover.kind === 'percent' || cover.kind === 'amount')) {
    const capPoints = ctx.value('cr.non_optam.plafond_depassement');
    const max = Math.max(0, percentOf(br, 100 + capPoints) - gross);
    if (guaranteeCents > max) {
      steps.push(`Contrat responsable, médecin non OPTAM : dépassements pris en charge au plus à ${capPoints} % de la BR, soit ${eur(max)} au plus.`);
      guaranteeCents = max;
    }
  }
  if (act.responsibleUnitCap && !claim.centSante) {
    const cap = ctx.value(act.responsibleUnitCap) * qty;
    if (guaranteeCents > cap) {
      steps.push(`Contrat responsable : prise en charge de la ${act.unit.singular} limitée à ${eur(cap)} : ${eur(guaranteeCents)} ramené à ${eur(cap)}.`);
      guaranteeCents = cap;
    }
  }
  if (claim.centSante && cover.kind === 'plv' && act.centSante?.plv && ctx.has(act.centSante.plv) && price !== null) {
    const plv = ctx.value(act.centSante.plv) * qty;
    const max = Math.max(0, plv - gross);
    if (guaranteeCents > max) {
      steps.push(`100 % Santé : prise en charge dans la limite du prix limite de vente ${eur(plv)} : ${eur(plv)} − ${eur(gross)} = ${eur(max)} ; l'excédent du prix reste à charge.`);
      guaranteeCents = max;
    }
  }
  let complementary = guaranteeCents;
  if (price !== null) {
    const max = Math.max(0, price - gross);
    if (complementary > max) {
      steps.push(`Jamais plus que la dépense : ${eur(price)} − ${eur(gross)} (Sécurité sociale) = ${eur(max)} au plus ; ${eur(guaranteeCents)} ramené à ${eur(max)}.`);
      complementary = max;
    }
  }
  return { ...base, cover: cover.description, status: 'computed', formulaCents, guaranteeCents, complementaryCents: complementary, remainder };
}

function simulateOffer(ctx: ParamContext, claim: Claim, ssLines: LineResult[], offer: Offer): OfferResult {
  const p = offer.product;
  const f = p.formulas.find((x) => x.code === offer.formula);
  const formula = { code: offer.formula, label: f?.label ?? offer.formula };
  const hyps: Hypothesis[] = [];
  const steps: string[] = [];
  const head = { productId: p.product.id, productName: p.product.name, formula };
  const version = pickVersion(indexProduct(p), ctx.date);
  const totalSsNet = ssLines.reduce((s, l) => s + l.ssNetCents, 0);
  const totalGross = ssLines.reduce((s, l) => s + l.ssGrossCents, 0);
  const totalTm = ssLines.reduce((s, l) => s + l.ticketModerateurCents, 0);
  if (!version.ok) {
    steps.push(`Non précisé : ${version.message}.`);
    return { ...head, version: null, status: 'unspecified', guaranteeCents: null, complementaryCents: null, knownComplementaryCents: 0, resteAChargeCents: null, ticketModerateurCoveredCents: null, depassementCoveredCents: null, lines: [], steps, hypotheses: hyps };
  }
  hyps.push(...version.hypotheses);
  const lines = claim.lines.map((cl, i) => complementaryLine(ctx, claim, cl, ssLines[i]!, p, offer.formula, version.version.code, hyps));
  for (const l of lines) steps.push(...l.steps);
  const unspecified = lines.some((l) => l.status === 'unspecified');
  const known = lines.reduce((s, l) => s + (l.complementaryCents ?? 0), 0);
  let guaranteeCents: number | null = unspecified ? null : lines.reduce((s, l) => s + (l.guaranteeCents ?? 0), 0);
  let complementary: number | null = unspecified ? null : known;
  if (claim.pooled && !unspecified) {
    const max = Math.max(0, claim.totalPriceCents - totalGross);
    const remainderLines = lines.filter((l) => l.remainder);
    if (remainderLines.length) {
      const rest = Math.max(0, max - known);
      remainderLines[0]!.guaranteeCents = rest;
      remainderLines[0]!.complementaryCents = rest;
      guaranteeCents = (guaranteeCents ?? 0) + rest;
      complementary = known + rest;
    }
    const parts = lines.map((l) => eur(l.guaranteeCents ?? 0)).join(' + ');
    steps.push(`Équipement : ${parts} = ${eur(guaranteeCents!)}.`);
    if (complementary! > max) {
      steps.push(`Jamais plus que la dépense, sur l'équipement entier : ${eur(claim.totalPriceCents)} − ${eur(totalGross)} (Sécurité sociale) = ${eur(max)} au plus ; ${eur(complementary!)} ramené à ${eur(max)}.`);
      complementary = max;
    }
  }
  const allNotCovered = lines.length > 0 && lines.every((l) => l.status === 'not_covered');
  const status: LineStatus = unspecified ? 'unspecified' : allNotCovered ? 'not_covered' : 'computed';
  let rac: number | null = null;
  if (complementary !== null) {
    rac = claim.totalPriceCents - totalSsNet - complementary;
    const pf = ssLines.reduce((s, l) => s + l.participationForfaitaireCents, 0);
    const fr = ssLines.reduce((s, l) => s + l.franchiseCents, 0);
    const kept = [pf ? `${eur(pf)} de participation forfaitaire` : '', fr ? `${eur(fr)} de franchise` : ''].filter(Boolean).join(' et ');
    steps.push(
      `Reste à charge : ${eur(claim.totalPriceCents)} − ${eur(totalSsNet)} (Sécurité sociale) − ${eur(complementary)} (complémentaire) = ${eur(rac)}${kept ? ` (dont ${kept})` : ''}.`,
    );
  } else {
    steps.push(`Complémentaire non précisée par la source${known ? ` (au moins ${eur(known)} connus)` : ''} : reste à charge non calculable.`);
  }
  const tmCovered = complementary === null ? null : Math.min(complementary, totalTm);
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
    lines: lines.map(({ remainder: _r, ...rest }) => rest),
    steps,
    hypotheses: hyps.filter((h, i) => hyps.findIndex((x) => x.code === h.code && x.text === h.text) === i),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Entry point

export function simulate(params: ParamSet, request: SimulationRequest, offers: Offer[]): SimulationOutcome {
  if (!isIsoDate(request.date)) return { ok: false, message: `date « ${request.date} » : date impossible ou mal écrite (AAAA-MM-JJ attendu)` };
  const ctx = new ParamContext(params, request.date);
  try {
    const claim = buildClaim(ctx, request);
    const ssLines = claim.lines.map((l) => securiteSociale(ctx, l));
    const steps = [`Soins du ${formatDateFr(request.date)} : ${claim.subject.label}, ${claim.subject.priceMeaning} ${eur(request.priceCents)}.`];
    for (const l of ssLines) steps.push(...l.steps);
    const sum = (k: keyof LineResult) => ssLines.reduce((s, l) => s + ((l[k] as number | null) ?? 0), 0);
    const ss = {
      brCents: sum('brCents'),
      grossCents: sum('ssGrossCents'),
      participationForfaitaireCents: sum('participationForfaitaireCents'),
      franchiseCents: sum('franchiseCents'),
      netCents: sum('ssNetCents'),
      ticketModerateurCents: sum('ticketModerateurCents'),
      depassementCents: claim.pooled ? Math.max(0, claim.totalPriceCents - sum('brCents')) : sum('depassementCents'),
    };
    if (claim.pooled) steps.push(`Équipement : ${eur(claim.totalPriceCents)} dont ${eur(ss.grossCents)} de Sécurité sociale (BR ${eur(ss.brCents)}).`);
    if (ss.participationForfaitaireCents || ss.franchiseCents) {
      ctx.hypotheses.push({ code: 'plafonds-annuels', ruling: null, text: 'Participation forfaitaire et franchises : les plafonds annuels sont supposés non atteints.', source: null });
    }
    const offerResults = offers.map((o) => simulateOffer(ctx, claim, ssLines, o));
    const result: SimulationResult = {
      date: request.date,
      subject: claim.subject,
      input: { priceCents: request.priceCents, brCents: request.brCents ?? null, optam: claim.optam, centSante: claim.centSante, quantity: request.quantity ?? 1, loyaltyBonus: claim.loyaltyBonus },
      priceCents: claim.totalPriceCents,
      lines: ssLines,
      securiteSociale: ss,
      steps,
      offers: offerResults,
      parameters: [...ctx.used.values()],
      hypotheses: ctx.hypotheses,
    };
    return { ok: true, result };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, message: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Contrat-responsable checks on a guarantee grid

export interface ResponsibleFinding {
  formula: string;
  domain: string;
  status: 'conforme' | 'violation' | 'non_verifiable';
  /** dépassement cover in points of BR (cover incl. Sécurité sociale − 100) */
  optamPoints: number | null;
  nonOptamPoints: number | null;
  /** the most the non-OPTAM line may cover, in points of BR, when known */
  limitPoints: number | null;
  message: string;
  optamGuarantee: Source | null;
  nonOptamGuarantee: Source | null;
}

export interface ResponsibleReport {
  date: string;
  findings: ResponsibleFinding[];
  violations: ResponsibleFinding[];
  parameters: UsedParam[];
  hypotheses: Hypothesis[];
}

const RESPONSIBLE_DOMAINS = [
  { domain: 'Consultations et actes des médecins', optam: 'sante.soins_courants.consultation.optam', nonOptam: 'sante.soins_courants.consultation.non_optam', rate: 'ss.taux.honoraires_medicaux' },
  { domain: 'Radiologie', optam: 'sante.soins_courants.radiologie.optam', nonOptam: 'sante.soins_courants.radiologie.non_optam', rate: 'ss.taux.actes_techniques' },
  { domain: 'Honoraires en hospitalisation', optam: 'sante.hospitalisation.honoraires.optam', nonOptam: 'sante.hospitalisation.honoraires.non_optam', rate: 'ss.taux.hospitalisation' },
] as const;

/** Dépassement cover in points of BR, or null when the guarantee does not say (or is not a percentage). */
function depassementPoints(cover: Cover, ssRate: number): number | null {
  switch (cover.kind) {
    case 'not_covered':
      return 0;
    case 'percent':
      if (cover.plusAmountCents) return null;
      return Math.max(0, (cover.includesSS ? cover.percent : cover.percent + ssRate) - 100);
    default:
      return null;
  }
}

export function checkResponsibleGrid(params: ParamSet, product: ProductFile, date: string): { ok: true; report: ResponsibleReport } | { ok: false; message: string } {
  if (!isIsoDate(date)) return { ok: false, message: `date « ${date} » : date impossible ou mal écrite (AAAA-MM-JJ attendu)` };
  const ctx = new ParamContext(params, date);
  try {
    const cap = ctx.value('cr.non_optam.plafond_depassement');
    const gap = ctx.value('cr.non_optam.ecart_minimum');
    const version = pickVersion(indexProduct(product), date);
    if (!version.ok) return { ok: false, message: version.message };
    const findings: ResponsibleFinding[] = [];
    for (const f of product.formulas.filter((x) => x.kind === 'formula')) {
      for (const d of RESPONSIBLE_DOMAINS) {
        const o = findGuarantee(product, f.code, version.version.code, [d.optam], false);
        const n = findGuarantee(product, f.code, version.version.code, [d.nonOptam], false);
        if (!o.guarantee && !n.guarantee) continue;
        const rate = ctx.value(d.rate);
        const op = o.guarantee ? depassementPoints(readGuarantee(o.guarantee), rate) : null;
        const np = n.guarantee ? depassementPoints(readGuarantee(n.guarantee), rate) : null;
        const limit = op === null ? null : Math.max(0, Math.min(cap, op - gap));
        const base = { formula: f.code, domain: d.domain, optamPoints: op, nonOptamPoints: np, limitPoints: limit, optamGuarantee: o.guarantee?.source ?? null, nonOptamGuarantee: n.guarantee?.source ?? null };
        const show = (p: number) => `${p} % de la BR`;
        if (np === null) {
          findings.push({ ...base, status: 'non_verifiable', message: `${f.code} — ${d.domain} : prise en charge des dépassements des médecins non OPTAM non précisée (« ${n.guarantee?.text ?? 'aucune garantie'} ») : contrôle impossible.` });
        } else if (np > cap) {
          findings.push({ ...base, status: 'violation', message: `${f.code} — ${d.domain} : dépassements des médecins non OPTAM couverts à ${show(np)}, au-delà du plafond de ${show(cap)} du contrat responsable.` });
        } else if (np > 0 && op === null) {
          findings.push({ ...base, status: 'non_verifiable', message: `${f.code} — ${d.domain} : couverture OPTAM non précisée ; l'écart d'au moins ${gap} points ne peut être contrôlé.` });
        } else if (np > 0 && np > op! - gap) {
          findings.push({ ...base, status: 'violation', message: `${f.code} — ${d.domain} : dépassements non OPTAM couverts à ${show(np)}, OPTAM à ${show(op!)} : écart de ${op! - np} points, il en faut au moins ${gap}.` });
        } else {
          findings.push({ ...base, status: 'conforme', message: `${f.code} — ${d.domain} : dépassements non OPTAM ${show(np)}${op !== null ? `, OPTAM ${show(op)}` : ''} : conforme.` });
        }
      }
    }
    return { ok: true, report: { date, findings, violations: findings.filter((x) => x.status === 'violation'), parameters: [...ctx.used.values()], hypotheses: [...version.hypotheses, ...ctx.hypotheses] } };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, message: e.message };
    throw e;
  }
}
