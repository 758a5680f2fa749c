/**
 * MAV option pricing (docs/RULINGS.md, règle 5). Pure. Every number comes from the product's tariff cells and
 * rules (docs/DATA-FORMAT.md rule types), none from this code.
 *
 * API
 * - `priceMav(product, request)` → `MavQuote` for one formula × option:
 *   `request` = { formula, option, members, sports?, periodicity?, adhesion?, at?, renouncedOptions? }.
 *   `status`: "priced", "refused" (see `refusals`, each naming its rule) or "refer" (see `referrals`). A quote that
 *   is not priced has null amounts: nothing is guessed.
 *
 * The passes, in order:
 * 1. opening: the adhesion date (`adhesion`, else `at`), the formula, the option, the version in force at the
 *    adhesion date, the rules read (a malformed one refuses);
 * 2. ages and members: ages by millésime (adhesion year − birth year) against `age-limit` rules,
 *    `formula-members`, exactly one principal, at most one conjoint;
 * 3. option renunciation: an option given up before (`renouncedOptions`) against `option-renunciation`;
 * 4. sports (mav-sports.ts): the closed list, each sport once, the maximum per formula, an unlisted aerial sport
 *    referred to the insurer;
 * 5. base: the year cell of formula × option (a month cell counts 12 times, with a hypothesis);
 * 6. surcharge (`sports-surcharge`): tiers by number of sports, on the whole annual premium: base × percent / 100
 *    rounded half-up (règle 1), shown as its own line;
 * 7. installments: periodicity n = 1, 2, 4, 12 (`installments`); installment = annual / n half-up;
 *    `roundingDiffCents` = n × installment − annual. Not given → "annuel", with a hypothesis;
 * 8. first premium (`first-premium-prorata`): annual × (13 − adhesion month) / 12, half-up.
 */
import type { ProductFile, TariffCellEntry } from './catalogue-schema';
import { isIsoDate, monthOf, yearOf } from './dates';
import { checkEligibility } from './eligibility';
import { readMembers } from './members';
import { applyFactor, formatEuros, parseRate, rational, roundDivNumber } from './money';
import { indexProduct, pickVersion, rulesFor, versionRef, type ProductIndex } from './product-index';
import { readRules, type ReadRule } from './pricing-rules';
import { addHypothesis, ruleRef, type RuleRef } from './pricing-types';
import { readSports } from './mav-sports';
import { PERIODICITIES, isPeriodicity, type MavQuote, type MavRequest, type Periodicity } from './mav-types';

export { KNOWN_AERIAL_SPORTS, normaliseSport } from './mav-sports';
export { PERIODICITIES, isPeriodicity } from './mav-types';
export type { MavMemberLine, MavQuote, MavRequest, Periodicity, SportInput, SportLine } from './mav-types';

type Refuse = (code: string, message: string, rule?: RuleRef | null, member?: number | null) => void;

/** The rules of the version × formula a MAV quote reads (the first of each type, the renunciations all). */
interface MavRules {
  sportsList: ReadRule<'sports-list'> | null;
  sportsMax: ReadRule<'sports-max'> | null;
  surcharge: ReadRule<'sports-surcharge'> | null;
  prorata: ReadRule<'first-premium-prorata'> | null;
  installments: ReadRule<'installments'> | null;
  renunciation: ReadRule<'option-renunciation'>[];
  includes: ReadRule<'premium-includes'> | null;
  ageBasis: ReadRule<'age-basis'> | null;
}

interface MavScope {
  q: MavQuote;
  request: MavRequest;
  index: ProductIndex;
  version: string;
  rules: MavRules;
  ruleList: ProductFile['rules'];
  year: number;
  refuse: Refuse;
}

function shell(product: ProductFile, request: MavRequest, adhesion: string): MavQuote {
  const f = product.formulas.find((x) => x.code === request.formula && x.kind === 'formula');
  const o = product.formulas.find((x) => x.code === request.option && x.kind === 'option');
  return {
    kind: 'mav',
    productId: product.product.id,
    productName: product.product.name,
    formula: { code: request.formula, label: f?.label ?? request.formula },
    option: { code: request.option, label: o?.label ?? request.option },
    adhesion,
    version: null,
    status: 'refused',
    members: [],
    base: null,
    baseAnnualCents: null,
    sports: { lines: [], counted: 0, max: null },
    surcharge: null,
    annualCents: null,
    installments: null,
    firstPremium: null,
    includes: null,
    hypotheses: [],
    refusals: [],
    referrals: [],
    notes: [],
  };
}

function readMavRules(rules: ProductFile['rules']): { rules: MavRules; errors: string[] } {
  const sportsList = readRules(rules, 'sports-list');
  const sportsMax = readRules(rules, 'sports-max');
  const surcharge = readRules(rules, 'sports-surcharge');
  const prorata = readRules(rules, 'first-premium-prorata');
  const installments = readRules(rules, 'installments');
  const renunciation = readRules(rules, 'option-renunciation');
  const includes = readRules(rules, 'premium-includes');
  const ageBasis = readRules(rules, 'age-basis');
  const errors = [sportsList, sportsMax, surcharge, prorata, installments, renunciation, includes, ageBasis].flatMap((r) => r.errors);
  const first = <T>(r: { rules: T[] }): T | null => r.rules[0] ?? null;
  return {
    rules: {
      sportsList: first(sportsList),
      sportsMax: first(sportsMax),
      surcharge: first(surcharge),
      prorata: first(prorata),
      installments: first(installments),
      renunciation: renunciation.rules,
      includes: first(includes),
      ageBasis: first(ageBasis),
    },
    errors,
  };
}

/** Pass 1: the adhesion date, formula, option and version; the rules read. Null when the quote stops there. */
function openMav(q: MavQuote, product: ProductFile, request: MavRequest, refuse: Refuse): MavScope | null {
  const adhesion = q.adhesion;
  if (!isIsoDate(adhesion)) {
    refuse('date-invalide', `date d'adhésion « ${adhesion} » invalide (AAAA-MM-JJ attendu)`);
    return null;
  }
  const formulas = product.formulas.filter((x) => x.kind === 'formula');
  if (!formulas.some((x) => x.code === request.formula)) {
    refuse('formule-inconnue', `formule « ${request.formula} » inconnue pour « ${product.product.id} » (formules: ${formulas.map((x) => x.code).join(', ')})`);
    return null;
  }
  const options = product.formulas.filter((x) => x.kind === 'option');
  if (options.length > 0 && !options.some((x) => x.code === request.option)) {
    const list = options.map((x) => x.code).join(', ');
    if (request.option) refuse('option-inconnue', `option « ${request.option} » inconnue (options: ${list})`);
    else refuse('option-requise', `une option doit être choisie à l'adhésion (options: ${list})`);
    return null;
  }
  const index = indexProduct(product);
  const pick = pickVersion(index, adhesion);
  if (!pick.ok) {
    refuse('version-introuvable', pick.message);
    return null;
  }
  q.version = versionRef(pick.version);
  for (const h of pick.hypotheses) q.hypotheses.push(h);
  const ruleList = rulesFor(index, pick.version.code, request.formula);
  const read = readMavRules(ruleList);
  for (const e of read.errors) refuse('regle-mal-formee', e);
  if (read.errors.length > 0) return null;
  return { q, request, index, version: pick.version.code, rules: read.rules, ruleList, year: yearOf(adhesion), refuse };
}

/** Pass 2: ages by millésime and who may adhere (one principal, one conjoint at most, the age and formula rules). */
function members(s: MavScope): void {
  const { q, request, refuse, year } = s;
  const read = readMembers(request.members, q.adhesion);
  for (const r of read.refusals) q.refusals.push(r);
  const principals = read.members.filter((m) => m.role === 'principal');
  const conjoints = read.members.filter((m) => m.role === 'conjoint');
  if (principals.length === 0) refuse('assure-principal', "l'assuré principal doit être désigné sur le bulletin d'adhésion");
  if (principals.length > 1) refuse('principal-unique', 'un seul assuré principal par adhésion', null, principals[1]!.index);
  if (conjoints.length > 1) refuse('conjoint-unique', "un seul conjoint de droit ou de fait de l'assuré principal", null, conjoints[1]!.index);
  const elig = checkEligibility(read.members, request.formula, s.ruleList, year);
  for (const e of elig.errors) refuse('regle-mal-formee', e);
  for (const r of elig.refusals) q.refusals.push(r);
  const refusedMembers = new Set(q.refusals.map((r) => r.member));
  q.members = request.members.map((m, i) => {
    const r = read.members.find((x) => x.index === i);
    return { member: i, role: m.role, birth: m.birth, age: r ? r.age : null, eligible: !!r && !refusedMembers.has(i) };
  });
  if (read.members.length > 0) {
    const basis = s.rules.ageBasis;
    addHypothesis(q.hypotheses, {
      code: 'age-millesime',
      ruling: 5,
      text: `Âge par différence de millésimes: ${year} (année d'adhésion) − année de naissance.${basis ? ` ${basis.rule.text}` : ''}`,
      source: basis?.rule.source ?? null,
    });
  }
}

/** Pass 3: an option given up before cannot be chosen again (option 1 renunciation). */
function renunciation(s: MavScope): void {
  const option = s.request.option;
  if (!s.request.renouncedOptions?.includes(option)) return;
  const r = s.rules.renunciation.find((x) => x.params.option === option);
  if (r) s.refuse('option-renoncee', `l'option ${option} a été abandonnée: elle ne peut plus être choisie — ${r.rule.text}`, ruleRef(r.rule));
}

/** Pass 5: the one cell of formula × option, as an annual amount; what the premium includes. */
function basePremium(s: MavScope): void {
  const { q, request, refuse } = s;
  const prefix = `${s.version}\u0000${request.formula}\u0000${request.option}\u0000`;
  const cells: TariffCellEntry[] = [];
  for (const [k, list] of s.index.cells) if (k.startsWith(prefix)) cells.push(...list);
  if (cells.length === 1) {
    const c = cells[0]!;
    q.base = { amountCents: c.amountCents, period: c.period, source: c.source };
    q.baseAnnualCents = c.period === 'year' ? c.amountCents : 12 * c.amountCents;
    if (c.period === 'month') {
      addHypothesis(q.hypotheses, { code: 'base-annuelle', ruling: 1, text: 'Cotisation annuelle = 12 × la cotisation mensuelle de la source.', source: c.source });
    }
  } else if (cells.length === 0) {
    refuse('tarif-non-precise', `tarif non précisé par la source pour la formule « ${q.formula.label} », option « ${q.option.label} »`);
  } else {
    refuse('cellule-ambigue', `plusieurs cotisations pour la formule « ${q.formula.label} », option « ${q.option.label} »`);
  }
  const inc = s.rules.includes;
  if (inc) {
    q.includes = { assistanceCents: inc.params.assistanceCents ?? null, taxesIncluded: inc.params.taxesIncluded ?? null, rule: ruleRef(inc.rule) };
    q.notes.push(`La cotisation comprend: ${inc.rule.text}`);
  }
}

/** Pass 6: the sports surcharge on the whole annual premium; gives the annual premium with it. */
function surcharge(s: MavScope, nSports: number): number | null {
  const { q, refuse } = s;
  const annual = q.baseAnnualCents;
  if (nSports === 0 || annual === null || q.refusals.some((r) => r.code === 'sports-max')) return annual;
  const sr = s.rules.surcharge;
  const tier = sr?.params.tiers.find((t) => t.min <= nSports && nSports <= t.max);
  if (!sr) refuse('surprime-non-precisee', 'surprime des sports à risque non précisée par la source');
  else if (!tier) refuse('sports-hors-bareme', `${nSports} sports: aucune tranche de surprime — ${sr.rule.text}`, ruleRef(sr.rule));
  else {
    const pr = parseRate(String(tier.percent));
    if (!pr.ok) refuse('regle-mal-formee', `surprime « ${tier.percent} » illisible`);
    else {
      const amount = applyFactor(annual, rational(pr.rate.percent.num, pr.rate.percent.den * 100n));
      q.surcharge = { sports: nSports, percent: tier.percent, amountCents: amount, rule: ruleRef(sr.rule) };
      addHypothesis(q.hypotheses, {
        code: 'surprime-cotisation-annuelle',
        ruling: 5,
        text: `Surprime sports à risque de ${tier.percent} % (${nSports} sport${nSports > 1 ? 's' : ''}) appliquée à toute la cotisation annuelle: ${formatEuros(amount)}.`,
        source: sr.rule.source,
      });
      return annual + amount;
    }
  }
  return annual;
}

/** Pass 7a: the periodicity asked for, against the ones the product allows. */
function periodicity(s: MavScope): string {
  const { q, request, refuse } = s;
  const p = request.periodicity ?? 'annuel';
  if (request.periodicity === undefined) {
    q.hypotheses.push({ code: 'periodicite-par-defaut', ruling: null, text: 'Périodicité non indiquée: paiement annuel retenu.', source: null });
  }
  const allowed = s.rules.installments;
  if (!isPeriodicity(p)) {
    refuse('periodicite', `périodicité « ${p} » inconnue (annuel, semestriel, trimestriel, mensuel)`);
  } else if (p !== 'annuel' && !allowed) {
    refuse('periodicite', `périodicité « ${p} »: les périodicités possibles ne sont pas précisées par la source`);
  } else if (allowed && !allowed.params.periodicities.includes(p)) {
    refuse('periodicite', `périodicité « ${p} » non prévue (${allowed.params.periodicities.join(', ')}) — ${allowed.rule.text}`, ruleRef(allowed.rule));
  }
  return p;
}

/** Passes 7b and 8: the installments (annual / n, half-up) and the first premium's prorata. */
function installments(s: MavScope, annual: number, p: Periodicity): void {
  const { q } = s;
  const n = PERIODICITIES[p];
  const each = roundDivNumber(annual, n);
  q.installments = { periodicity: p, count: n, amountCents: each, totalCents: each * n, roundingDiffCents: each * n - annual };
  const allowed = s.rules.installments;
  if (allowed) {
    addHypothesis(q.hypotheses, {
      code: 'echeances',
      ruling: 5,
      text: `Échéance = cotisation annuelle / ${n}, arrondie au centime (demi vers le haut); écart d'arrondi sur l'année: ${formatEuros(each * n - annual)}.`,
      source: allowed.rule.source,
    });
  }
  const pr = s.rules.prorata;
  if (!pr) {
    q.notes.push('Première cotisation: prorata non précisé par la source.');
    return;
  }
  const months = 13 - monthOf(q.adhesion);
  q.firstPremium = { months, amountCents: roundDivNumber(annual * months, 12), rule: ruleRef(pr.rule) };
  addHypothesis(q.hypotheses, {
    code: 'premiere-cotisation',
    ruling: 5,
    text: `Première cotisation = cotisation annuelle × ${months} mois (du mois d'adhésion inclus à décembre) / 12, arrondie au centime.`,
    source: pr.rule.source,
  });
}

export function priceMav(product: ProductFile, request: MavRequest): MavQuote {
  const q = shell(product, request, request.adhesion ?? request.at ?? '');
  const refuse: Refuse = (code, message, rule = null, member = null) => {
    q.refusals.push({ code, member, message, rule });
  };
  const s = openMav(q, product, request, refuse);
  if (!s) return q;
  members(s);
  renunciation(s);
  const nSports = readSports(q, request.formula, request.sports ?? [], s.rules.sportsList, s.rules.sportsMax, refuse);
  basePremium(s);
  const annual = surcharge(s, nSports);
  const p = periodicity(s);
  if (q.refusals.length > 0 || annual === null) {
    q.status = 'refused';
    return q;
  }
  if (q.referrals.length > 0) {
    q.status = 'refer';
    q.notes.push("Sport aérien non cité: à soumettre à l'assureur; la cotisation n'est pas calculée.");
    return q;
  }
  q.status = 'priced';
  q.annualCents = annual;
  installments(s, annual, p as Periodicity);
  return q;
}
