/**
 * The claim a simulation prices: the request checked and turned into lines (one act, or the acts of a basket),
 * each with its quantity, unit price and BR (typed, from the dated parameters, or the price). Pure; a request the
 * simulator cannot take throws `InputError`, naming the input it is about (never a command-line flag).
 */
import { formatDateFr } from './dates';
import { actByCode, basketByCode, type ActDef, type BasketDef } from './reimbursement-acts';
import { InputError, inputError, wordedError } from '../input-error';
import type { ParamContext } from './reimbursement-context';
import type { LineResult, SimulationRequest, SimulationResult } from './reimbursement-result';

export interface ClaimLine {
  act: ActDef;
  quantity: number;
  unitPriceCents: number | null;
  unitBrCents: number;
  brOrigin: LineResult['brOrigin'];
  /** the parameter the BR comes from, when it does */
  brParam: string | null;
}

export interface Claim {
  subject: SimulationResult['subject'];
  pooled: boolean;
  totalPriceCents: number;
  lines: ClaimLine[];
  optam: boolean | null;
  centSante: boolean;
  loyaltyBonus: boolean;
}

type Br = { br: number; origin: LineResult['brOrigin']; param: string | null };

function resolveBr(ctx: ParamContext, act: ActDef, unitPrice: number | null, given: number | null | undefined, optam: boolean | null, allowGiven: boolean): Br {
  if (act.ssRate === null) return { br: 0, origin: 'sans objet', param: null };
  if (given !== undefined && given !== null && allowGiven) return { br: given, origin: 'saisie', param: null };
  const d = act.brDefault;
  if (d === 'price') {
    if (unitPrice === null) throw wordedError([`${act.label} : base de remboursement à préciser`, { field: 'br', thing: '', lead: ' (', tail: ')' }]);
    return { br: unitPrice, origin: 'prix', param: null };
  }
  const key = d ? (optam === true ? d.optam : optam === false ? d.nonOptam : undefined) ?? d.any : undefined;
  if (!key) {
    const which = act.optamMatters && optam !== null ? (optam ? ' (médecin OPTAM)' : ' (médecin non OPTAM)') : '';
    throw wordedError([`${act.label}${which} : base de remboursement inconnue, indiquez-la`, { field: 'br', thing: '', lead: ' avec ' }, ' (en euros)']);
  }
  return { br: ctx.value(key), origin: 'paramètre', param: key };
}

function checkAmounts(req: SimulationRequest): number {
  const quantity = req.quantity ?? 1;
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 1000) throw inputError('quantity', 'la quantité', `« ${req.quantity} » : nombre entier de 1 à 1000 attendu`);
  if (!Number.isSafeInteger(req.priceCents) || req.priceCents < 0) throw new InputError('price', 'prix invalide : montant positif en euros attendu');
  if (req.brCents !== undefined && req.brCents !== null && (!Number.isSafeInteger(req.brCents) || req.brCents < 0)) {
    throw new InputError('br', 'base de remboursement invalide : montant positif en euros attendu');
  }
  return quantity;
}

/** The act or basket asked for, an act being a basket of one line priced by the input. */
function subjectOf(req: SimulationRequest): { kind: 'act' | 'basket'; basket: BasketDef } {
  if (req.act !== undefined && req.basket !== undefined) throw wordedError(['indiquez ', { field: 'act', thing: 'un acte' }, ' ou ', { field: 'basket', thing: 'un panier' }, ', pas les deux']);
  if (req.act !== undefined) {
    const act = actByCode(req.act);
    if (!act) throw new InputError('act', `acte inconnu : « ${req.act} »`);
    return { kind: 'act', basket: { code: act.code, label: act.label, priceMeaning: act.priceMeaning, pooled: false, lines: [{ act: act.code, quantity: 'input', price: 'input' }] } };
  }
  if (req.basket !== undefined) {
    const b = basketByCode(req.basket);
    if (!b) throw new InputError('basket', `panier inconnu : « ${req.basket} »`);
    return { kind: 'basket', basket: b };
  }
  throw wordedError(['indiquez ', { field: 'act', thing: 'un acte', lead: 'un acte (', tail: ')' }, ' ou ', { field: 'basket', thing: 'un panier', lead: 'un panier (', tail: ')' }]);
}

const BR_100_SANTE_UNKNOWN =
  'Optique 100 % Santé : la base de remboursement de la classe A n’est pas connue ici ; celle de la classe B est utilisée. Le partage Sécurité sociale / complémentaire est indicatif ; le reste à charge, nul dans la limite des prix limites de vente, n’en dépend pas.';

function claimLine(ctx: ParamContext, req: SimulationRequest, bl: BasketDef['lines'][number], quantity: number, multi: boolean): ClaimLine {
  const optam = req.optam ?? null;
  const centSante = req.centSante ?? false;
  const act = actByCode(bl.act)!;
  if (act.optamMatters && optam === null) {
    throw wordedError([`${act.label} : précisez si le médecin adhère à l'OPTAM/OPTAM-CO`, { field: 'optam', thing: '', lead: ' (', tail: ' yes|no)' }]);
  }
  if (centSante && !act.centSante) throw new InputError('sante100', `${act.label} : pas de panier 100 % Santé pour cet acte`);
  if (centSante && act.centSante && !ctx.has(act.centSante.flag)) {
    throw new InputError('sante100', `${act.label} : le panier 100 % Santé n'est pas en vigueur le ${formatDateFr(ctx.date)}`);
  }
  if (centSante && act.centSante) ctx.value(act.centSante.flag);
  const q = bl.quantity === 'input' ? quantity : bl.quantity;
  const unitPrice = bl.price === 'input' ? req.priceCents : bl.price === 'pooled' ? null : ctx.value(bl.price.param);
  const { br, origin, param } = resolveBr(ctx, act, unitPrice, req.brCents, optam, !multi);
  if (centSante && act.centSanteBrUnknown && origin === 'paramètre' && !ctx.hypotheses.some((h) => h.code === 'br-100-sante-inconnue')) {
    ctx.hypotheses.push({ code: 'br-100-sante-inconnue', ruling: null, text: BR_100_SANTE_UNKNOWN, source: null });
  }
  return { act, quantity: q, unitPriceCents: unitPrice, unitBrCents: br, brOrigin: origin, brParam: param };
}

export function buildClaim(ctx: ParamContext, req: SimulationRequest): Claim {
  const quantity = checkAmounts(req);
  const { kind, basket } = subjectOf(req);
  const multi = basket.lines.length > 1;
  if (multi && req.brCents !== undefined && req.brCents !== null) {
    throw wordedError([{ field: 'br', thing: 'la base de remboursement' }, ` ne s'applique pas au panier « ${basket.code} » (plusieurs actes : leurs BR viennent des paramètres)`]);
  }
  if (req.quantity !== undefined && req.quantity !== 1 && !basket.lines.some((l) => l.quantity === 'input')) {
    throw wordedError([{ field: 'quantity', thing: 'la quantité' }, ` ne s'applique pas au panier « ${basket.code} »`]);
  }
  const lines = basket.lines.map((bl) => claimLine(ctx, req, bl, quantity, multi));
  const total = basket.pooled ? req.priceCents : lines.reduce((s, l) => s + (l.unitPriceCents === null ? 0 : l.unitPriceCents * l.quantity), 0);
  return {
    subject: { kind, code: basket.code, label: basket.label, priceMeaning: basket.priceMeaning },
    pooled: basket.pooled,
    totalPriceCents: total,
    lines,
    optam: req.optam ?? null,
    centSante: req.centSante ?? false,
    loyaltyBonus: req.loyaltyBonus ?? false,
  };
}
