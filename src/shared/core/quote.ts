/**
 * Household quotes. Pure: products and a request in, one answer per product × formula out, with its explanation.
 *
 * API
 * - `quoteHousehold(product, formula, request)` → `HouseholdQuote` for one product × formula (per-member tariffs,
 *   e.g. `interiale-cdg-sante`). An unknown formula gives a quote whose `refusals` say so.
 * - `quoteOffers(products, offers, request)` → `ProductQuote[]` (`HouseholdQuote | MavQuote`): each offer
 *   (product × formula) priced once, in order — what a person ticked, pair by pair.
 * - `offersOf(products, formulas?)` → the offers of several products; `quoteProducts(products, request)` prices
 *   them: `request.formulas` lists formula codes (none = every formula of kind "formula" of each product; a product that
 *   has none of the requested codes is skipped, and a requested code no product has gives a refusal quote of the
 *   first product). Products of kind "mav" are priced by `priceMav` (mav.ts) with `request.mav` (every option of
 *   kind "option" unless `request.mav.options` names some). The members are read once per call.
 * - `describeAmount(cents, period)` → "25,14 € par mois" | "non précisé" (display).
 * Lines reference the catalogue's own segment and cell objects (with their sources): do not mutate them.
 *
 * How a household is priced, as named passes (each shown as a hypothesis quoting the source where it assumes):
 * 1. the quote opened: the date, the formula, the version in force at `request.at` (product-index.ts
 *    `pickVersion`), the plan of its rules and cells (quote-plan.ts);
 * 2. eligibility: the members read once (age by millésime: year of `at` − birth year), one principal, the
 *    `age-limit` and `formula-members` rules (eligibility.ts);
 * 3. no tariff cell for the product × formula × version: every line is « tarif non précisé par la source »;
 *    a product without segments is priced per household;
 * 4. segment choice and cell lookup (docs/RULINGS.md, règle 4), the principal's table for children (règle 4), free
 *    ranks (règle 3), totals (règle 1): quote-lines.ts.
 * A total is null unless every member has a stated price (`complete`); the partial sums of the stated lines are
 * given apart (`partialMonthlyCents`, `partialAnnualCents`) so an incomplete total is never shown as a total.
 */
import type { ProductFile, TariffCellEntry } from './catalogue-schema';
import { isIsoDate, yearOf } from './dates';
import { checkEligibility } from './eligibility';
import { rankChildren, readMembers, type ResolvedMember } from './members';
import { formatEuros } from './money';
import { indexProduct, pickVersion, versionRef, type ProductIndex } from './product-index';
import { addHypothesis, type Refusal } from './pricing-types';
import { priceMav } from './mav';
import { hypothesesFor, planFor } from './quote-plan';
import { computeTotals, freeRanks, lineOf, periodWord, priceMembers, principalsTable, type QuoteScope } from './quote-lines';
import { NON_PRECISE, type HouseholdQuote, type ProductQuote, type QuoteLine, type QuoteOffer, type QuoteRequest, type QuoteTotals } from './quote-types';

export { NON_PRECISE } from './quote-types';
export type { HouseholdQuote, LineOutcome, ProductQuote, QuoteLine, QuoteOffer, QuoteRequest, QuoteTotals } from './quote-types';

function emptyTotals(): QuoteTotals {
  return { complete: false, monthlyCents: null, annualCents: null, partialMonthlyCents: 0, partialAnnualCents: 0, incompleteMembers: [] };
}

function shell(product: ProductFile, formula: string, at: string): HouseholdQuote {
  const f = product.formulas.find((x) => x.code === formula);
  return {
    kind: 'household',
    productId: product.product.id,
    productName: product.product.name,
    formula: { code: formula, label: f?.label ?? formula },
    at,
    version: null,
    tariffGiven: false,
    lines: [],
    totals: emptyTotals(),
    hypotheses: [],
    refusals: [],
    notes: [],
  };
}

/** What does not depend on the product: the members read once per request. */
interface Household {
  atValid: boolean;
  read: { members: ResolvedMember[]; refusals: Refusal[] };
  principals: ResolvedMember[];
  children: ResolvedMember[];
  ranks: Map<number, number>;
  tie: boolean;
}

function prepareHousehold(request: QuoteRequest): Household {
  const atValid = isIsoDate(request.at);
  const read = atValid ? readMembers(request.members, request.at) : { members: [], refusals: [] };
  const children = read.members.filter((m) => m.role === 'enfant');
  const { ranks, tie } = children.length > 0 ? rankChildren(read.members) : { ranks: new Map<number, number>(), tie: false };
  return { atValid, read, principals: read.members.filter((m) => m.role === 'principal'), children, ranks, tie };
}

/** Quote one product × formula for a household. */
export function quoteHousehold(product: ProductFile, formula: string, request: QuoteRequest): HouseholdQuote {
  return quoteWith(product, formula, request, prepareHousehold(request));
}

const refusal = (code: string, message: string, member: number | null = null): Refusal => ({ code, member, message, rule: null });

/** Pass 1: the date, the formula, the version in force and its plan; null when the quote stops there. */
function openQuote(q: HouseholdQuote, product: ProductFile, formula: string, request: QuoteRequest, household: Household): Omit<QuoteScope, 'refused'> | null {
  if (!household.atValid) {
    q.refusals.push(refusal('date-invalide', `date d'effet « ${request.at} » invalide (AAAA-MM-JJ attendu)`));
    return null;
  }
  const index = indexProduct(product);
  if (!index.formulas.has(formula)) {
    q.refusals.push(refusal('formule-inconnue', `formule « ${formula} » inconnue pour « ${product.product.id} » (formules: ${product.formulas.map((f) => f.code).join(', ')})`));
    return null;
  }
  const pick = pickVersion(index, request.at);
  if (!pick.ok) {
    q.refusals.push(refusal('version-introuvable', pick.message));
    return null;
  }
  const version = versionRef(pick.version);
  q.version = version;
  for (const h of pick.hypotheses) q.hypotheses.push(h);
  const plan = planFor(index, pick.version.code, formula);
  for (const e of plan.ruleErrors) q.refusals.push(refusal('regle-mal-formee', e));
  if (plan.ruleErrors.length > 0) return null;
  const year = yearOf(request.at);
  return { q, index, version, plan, year, H: hypothesesFor(index, plan, year) };
}

/** Pass 2: who may be priced; the members refused. */
function eligibility(s: Omit<QuoteScope, 'refused'>, formula: string, request: QuoteRequest, household: Household): Set<number> {
  const { q } = s;
  const { read, principals } = household;
  for (const r of read.refusals) q.refusals.push(r);
  if (request.members.length === 0) q.refusals.push(refusal('aucun-membre', 'aucun membre: indiquer au moins un assuré'));
  if (principals.length > 1) q.refusals.push(refusal('principal-unique', 'un seul assuré principal par foyer', principals[1]!.index));
  const elig = checkEligibility(read.members, formula, s.plan.rules, s.year);
  for (const e of elig.errors) q.refusals.push(refusal('regle-mal-formee', e));
  for (const r of elig.refusals) q.refusals.push(r);
  const refused = new Set<number>();
  for (const r of q.refusals) if (r.member !== null) refused.add(r.member);
  return refused;
}

/** Pass 3a: the source gives no tariff for this product × formula × version. */
function withoutTariff(s: QuoteScope, product: ProductFile, request: QuoteRequest, household: Household): void {
  const { q, refused } = s;
  q.notes.push(
    `Tarif non précisé par la source: le document ne donne pas de cotisation pour « ${product.product.name} », formule « ${q.formula.label} », version « ${s.version.label} ».`,
  );
  for (const m of household.read.members) {
    const line = lineOf(m, request.members[m.index]!);
    line.outcome = refused.has(m.index) ? 'refused' : 'non-precise';
    line.why = refused.has(m.index) ? 'refusé (voir les refus)' : NON_PRECISE;
    q.lines.push(line);
  }
  q.totals = { ...computeTotals(q.lines, [...refused]), complete: false, monthlyCents: null, annualCents: null };
}

/** Pass 3b: a product without segments has one price per household. */
function householdPrice(q: HouseholdQuote, index: ProductIndex, version: string, formula: string, refused: Set<number>): void {
  const prefix = `${version}\u0000${formula}\u0000\u0000`;
  const cells: TariffCellEntry[] = [];
  for (const [k, list] of index.cells) if (k.startsWith(prefix)) cells.push(...list);
  const line: QuoteLine = {
    member: null, role: null, label: 'foyer', birth: null, status: null, age: null, segment: null, cell: null,
    rank: null, outcome: 'non-precise', amountCents: null, period: null, why: NON_PRECISE,
  };
  if (cells.length === 1) {
    const c = cells[0]!;
    line.cell = c;
    line.outcome = 'priced';
    line.amountCents = c.amountCents;
    line.period = c.period;
    line.why = `cotisation du foyer: ${formatEuros(c.amountCents)} ${periodWord(c.period)}`;
  } else if (cells.length > 1) {
    line.why = `plusieurs cotisations possibles pour la formule « ${formula} » sans option choisie`;
  }
  q.lines.push(line);
  q.totals = computeTotals(q.lines, [...refused]);
}

function quoteWith(product: ProductFile, formula: string, request: QuoteRequest, household: Household): HouseholdQuote {
  const q = shell(product, formula, request.at);
  const opened = openQuote(q, product, formula, request, household);
  if (!opened) return q;
  const s: QuoteScope = { ...opened, refused: eligibility(opened, formula, request, household) };
  q.tariffGiven = s.plan.hasCells;
  if (!s.plan.hasCells) {
    withoutTariff(s, product, request, household);
    return q;
  }
  if (s.index.product.segments.length === 0) {
    householdPrice(q, s.index, s.version.code, formula, s.refused);
    return q;
  }
  const { members } = household.read;
  const { lines, cellOf } = priceMembers(s, members, request.members);
  principalsTable(s, lines, cellOf, household.principals[0], household.children);
  freeRanks(s, lines, household.children, household.ranks, household.tie);
  for (const m of members) q.lines.push(lines[m.index]!);
  q.totals = computeTotals(q.lines, [...s.refused]);
  if (q.totals.annualCents !== null && q.lines.some((l) => l.period === 'month')) addHypothesis(q.hypotheses, s.H.totalAnnuel);
  return q;
}

/**
 * The offers of several products: each product's formulas of kind "formula" (only those listed, when
 * `formulas` lists some), in the products' order; a listed code no product has is an offer of the first
 * product, so its quote says the formula is unknown.
 */
export function offersOf(products: readonly ProductFile[], formulas?: readonly string[]): QuoteOffer[] {
  const out: QuoteOffer[] = [];
  const wanted = formulas && formulas.length > 0 ? formulas : null;
  const first = products[0];
  if (wanted && first) {
    for (const code of wanted) {
      if (!products.some((p) => p.formulas.some((f) => f.code === code && f.kind === 'formula'))) out.push({ productId: first.product.id, formula: code });
    }
  }
  for (const product of products) {
    for (const f of product.formulas) {
      if (f.kind === 'formula' && (!wanted || wanted.includes(f.code))) out.push({ productId: product.product.id, formula: f.code });
    }
  }
  return out;
}

/**
 * Quote each offer (product × formula) once, in the order given, for one household: a MAV offer gives one
 * quote per option asked for (every option when none). Every offer's product must be in `products`.
 */
export function quoteOffers(products: readonly ProductFile[], offers: readonly QuoteOffer[], request: QuoteRequest): ProductQuote[] {
  const out: ProductQuote[] = [];
  const household = prepareHousehold(request);
  const byId = new Map(products.map((p) => [p.product.id, p]));
  for (const offer of offers) {
    const product = byId.get(offer.productId);
    if (!product) throw new Error(`offre ${offer.productId}:${offer.formula} sans son produit`);
    const isFormula = product.formulas.some((f) => f.code === offer.formula && f.kind === 'formula');
    if (product.product.kind === 'mav' && isFormula) {
      const options = request.mav?.options?.length ? request.mav.options : product.formulas.filter((f) => f.kind === 'option').map((f) => f.code);
      for (const option of options.length > 0 ? options : ['']) {
        out.push(priceMav(product, { ...request.mav, formula: offer.formula, option, members: request.members, at: request.at }));
      }
    } else {
      out.push(quoteWith(product, offer.formula, request, household));
    }
  }
  return out;
}

/** Quote several products (or all of a catalogue) for one household: every offer of `offersOf`. */
export function quoteProducts(products: readonly ProductFile[], request: QuoteRequest): ProductQuote[] {
  return quoteOffers(products, offersOf(products, request.formulas), request);
}

/** Display helper: "25,14 € par mois" or "non précisé". */
export function describeAmount(cents: number | null, period: 'month' | 'year' | null): string {
  return cents === null || period === null ? 'non précisé' : `${formatEuros(cents)} ${periodWord(period)}`;
}

