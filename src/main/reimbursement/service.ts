/**
 * Reimbursement use cases over the store: simulate an act or a basket on chosen offers (product[:formula]),
 * list the acts and baskets, check a product's grid against the contrat-responsable rules. The arithmetic is
 * the pure engine's (src/shared/core/reimbursement.ts); the parameters come from data/parameters/.
 */
import type { ReimburseListAnswer, ReimburseRequest } from '../../shared/api';
import type { ProductFile } from '../../shared/core/catalogue-schema';
import { parseEuros } from '../../shared/core/money';
import { checkResponsibleGrid, simulate, type Offer, type ResponsibleReport, type SimulationResult } from '../../shared/core/reimbursement';
import { catalogueOfActs, type CatalogueOfActs } from '../../shared/core/reimbursement-acts';
import { STANDARD_BASKETS, type StandardBasket } from '../../shared/core/reimbursement-examples';
import type { ParamSet } from '../../shared/core/reimbursement-params';
import type { Catalogue } from '../services/catalogue';
import { catalogueShow } from '../services/catalogue';
import { GrilleError } from '../../shared/errors';
import { inputError, requireIsoDate, type InputField } from '../../shared/input-error';
import { loadReimbursementParams } from './params-loader';

const invalid = (message: string) => new GrilleError('INVALID_INPUT', message);

export interface ReimburseInput {
  /** "product-id" or "product-id:formula" */
  offers: string[];
  act?: string | undefined;
  basket?: string | undefined;
  price?: string | undefined;
  br?: string | undefined;
  date?: string | undefined;
  optam?: string | undefined;
  sante100?: string | undefined;
  quantity?: string | undefined;
  bonus?: boolean | undefined;
}

/** Today in the local calendar, AAAA-MM-JJ. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

function euros(value: string, field: InputField, thing: string): number {
  const cents = parseEuros(value);
  if (cents === null) throw inputError(field, thing, `« ${value} » : montant en euros positif attendu (ex. 55 ou 56,50)`);
  return cents;
}

function yesNo(value: string | undefined, field: InputField, thing: string): boolean | null {
  if (value === undefined) return null;
  const v = value.trim().toLowerCase();
  if (['yes', 'oui', 'o', 'y', 'true', '1'].includes(v)) return true;
  if (['no', 'non', 'n', 'false', '0'].includes(v)) return false;
  throw inputError(field, thing, `« ${value} » : yes ou no attendu`);
}

function santeProduct(cat: Catalogue, id: string): ProductFile {
  const product = catalogueShow(cat, id);
  if (product.product.kind !== 'sante') throw invalid(`« ${id} » n'est pas un produit santé (${product.product.kind}) : rien à rembourser`);
  return product;
}

/** "id[:formula]" → offers: the named formula, or every formula of the product. */
export function resolveOffers(cat: Catalogue, specs: string[]): Offer[] {
  if (specs.length === 0) throw invalid('aucun produit : indiquez au moins un produit santé, ex. assurbp-sante-pro:F2');
  const offers: Offer[] = [];
  for (const spec of specs) {
    const [id, formula, extra] = spec.split(':');
    if (!id || extra !== undefined || formula === '') throw invalid(`produit « ${spec} » : forme attendue produit[:formule], ex. assurbp-sante-pro:F2`);
    const product = santeProduct(cat, id);
    if (formula !== undefined) {
      if (!product.formulas.some((f) => f.code === formula)) {
        throw invalid(`formule « ${formula} » inconnue pour ${id} (formules : ${product.formulas.map((f) => f.code).join(', ')})`);
      }
      offers.push({ product, formula });
    } else {
      for (const f of product.formulas.filter((x) => x.kind === 'formula')) offers.push({ product, formula: f.code });
    }
  }
  return offers;
}

export function reimburse(cat: Catalogue, input: ReimburseInput, params: ParamSet = loadReimbursementParams(), today = todayIso()): SimulationResult {
  if (input.price === undefined) throw inputError('price', 'le prix', 'manque : montant en euros attendu');
  const priceCents = euros(input.price, 'price', 'le prix');
  const brCents = input.br === undefined ? null : euros(input.br, 'br', 'la base de remboursement');
  const date = requireIsoDate(input.date ?? today, 'date', 'la date des soins');
  let quantity: number | undefined;
  if (input.quantity !== undefined) {
    if (!/^\d+$/.test(input.quantity.trim())) throw inputError('quantity', 'la quantité', `« ${input.quantity} » : nombre entier positif attendu`);
    quantity = Number(input.quantity);
  }
  const optam = yesNo(input.optam, 'optam', 'l’adhésion du médecin à l’OPTAM');
  const centSante = yesNo(input.sante100, 'sante100', 'le panier 100 % Santé') ?? false;
  const offers = resolveOffers(cat, input.offers);
  const outcome = simulate(params, { date, act: input.act, basket: input.basket, priceCents, brCents, optam, centSante, quantity, loyaltyBonus: input.bonus ?? false }, offers);
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

export function listActs(): CatalogueOfActs {
  return catalogueOfActs();
}

export function responsibleCheck(cat: Catalogue, ids: string[], date: string | undefined, params: ParamSet = loadReimbursementParams(), today = todayIso()): { productId: string; report: ResponsibleReport }[] {
  const at = requireIsoDate(date ?? today, 'date', 'la date du contrôle');
  if (ids.length === 0) throw invalid('aucun produit : indiquez au moins un produit santé');
  return ids.map((spec) => {
    const id = spec.split(':')[0]!;
    const outcome = checkResponsibleGrid(params, santeProduct(cat, id), at);
    if (!outcome.ok) throw invalid(outcome.message);
    return { productId: id, report: outcome.report };
  });
}

/** The desktop's request (amounts in cents, offers by product and formula): the same simulation as the CLI. */
export function reimburseOffers(cat: Catalogue, request: ReimburseRequest, params: ParamSet = loadReimbursementParams(), today = todayIso()): SimulationResult {
  const date = requireIsoDate(request.date ?? today, 'date', 'la date des soins');
  if (!request.act === !request.basket) throw invalid('indiquez un acte ou un panier (un seul)');
  const offers = resolveOffers(
    cat,
    request.offers.map((o) => `${o.productId}:${o.formula}`),
  );
  const outcome = simulate(
    params,
    {
      date,
      act: request.act ?? undefined,
      basket: request.basket ?? undefined,
      priceCents: request.priceCents,
      brCents: request.brCents ?? null,
      optam: request.optam ?? null,
      centSante: request.centSante ?? false,
      quantity: request.quantity,
      loyaltyBonus: request.loyaltyBonus ?? false,
    },
    offers,
  );
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

/** The acts and baskets the simulator knows, and the standard examples the desktop view shows. */
export function reimburseListing(): ReimburseListAnswer {
  return { ...listActs(), standard: [...STANDARD_BASKETS] };
}

/** One standard basket simulated on the given offers: the result, or why it could not be simulated. */
export interface StandardExample {
  basket: StandardBasket;
  result: SimulationResult | null;
  message: string | null;
}

/** The standard baskets (STANDARD_BASKETS) on the given offers, care dated `date`. */
export function standardExamples(offers: Offer[], date: string, params: ParamSet = loadReimbursementParams()): StandardExample[] {
  return STANDARD_BASKETS.map((basket) => {
    const outcome = simulate(params, { date, basket: basket.basket, priceCents: basket.priceCents, quantity: basket.quantity, optam: basket.optam, centSante: basket.centSante }, offers);
    return outcome.ok ? { basket, result: outcome.result, message: null } : { basket, result: null, message: outcome.message };
  });
}
