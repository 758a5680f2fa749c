/**
 * MAV option pricing (issue 3, "MAV option pricing"; DOMAIN.md ruling 5). Pure. Every number comes from the
 * product's tariff cells and rules (docs/DATA-FORMAT.md rule types), none from this code.
 *
 * API
 * - `priceMav(product, request)` → `MavQuote` for one formula × option:
 *   `request` = { formula, option, members, sports?, periodicity?, adhesion?, at?, renouncedOptions? }.
 *   - version: the one in force at the adhesion date (`adhesion`, else `at`);
 *   - base: the year cell of formula × option (a month cell counts 12 times, with a hypothesis);
 *   - sports (`sports-list`): codes or labels, accents and case ignored ("Plongée sous-marine" → plongee); aliases
 *     moto, auto, karting → the one sport "sports-mecaniques"; each sport counts once. An unlisted sport is
 *     refused, unless it is aerial: declared as `{ code, aerial: true }` or "aerien:<nom>", or one of
 *     `KNOWN_AERIAL_SPORTS` (ulm, planeur...) → referred: "à soumettre à l'assureur", not priced
 *     (`otherAerial: "refuse"` in the rule refuses it instead);
 *   - `sports-max` per formula; `sports-surcharge` tiers by number of sports, on the whole annual premium:
 *     surcharge = base × percent / 100 rounded half-up, shown as its own line;
 *   - periodicity (`installments`): n = 1, 2, 4, 12; installment = annual / n half-up; `roundingDiffCents` =
 *     n × installment − annual. Not given → "annuel", with a hypothesis;
 *   - first premium (`first-premium-prorata`): annual × (13 − adhesion month) / 12, half-up;
 *   - eligibility: ages by millésime (adhesion year − birth year) against `age-limit` rules, `formula-members`,
 *     exactly one principal, at most one conjoint; option given up before (`renouncedOptions`) against
 *     `option-renunciation`.
 *   `status`: "priced", "refused" (see `refusals`, each naming its rule) or "refer" (see `referrals`). A quote that
 *   is not priced has null amounts: nothing is guessed.
 */
import type { ProductFile, Source, TariffCellEntry } from './catalogue-schema';
import { isIsoDate, monthOf, yearOf } from './dates';
import { checkEligibility } from './eligibility';
import { readMembers } from './members';
import { applyFactor, formatEuros, parseRate, rational, roundDivNumber } from './money';
import { indexProduct, pickVersion, rulesFor, versionRef } from './product-index';
import { readRules } from './pricing-rules';
import { addHypothesis, ruleRef, type Hypothesis, type MemberInput, type Refusal, type RuleRef, type VersionRef } from './pricing-types';

export const PERIODICITIES = { annuel: 1, semestriel: 2, trimestriel: 4, mensuel: 12 } as const;
export type Periodicity = keyof typeof PERIODICITIES;

/** Aerial sports the engine recognises although the document does not list them (→ referred to the insurer). */
export const KNOWN_AERIAL_SPORTS = [
  'ulm', 'planeur', 'vol-a-voile', 'paramoteur', 'wingsuit', 'base-jump', 'montgolfiere', 'parachute-ascensionnel',
  'parachutisme-ascensionnel', 'speed-riding', 'speed-flying', 'aile-volante', 'vol-libre', 'voltige-aerienne',
  'aviation', 'pilotage-avion', 'autogire', 'helicoptere', 'aeromodelisme-habite', 'saut-en-parachute', 'chute-libre',
] as const;

const ALIASES: Record<string, string> = {
  moto: 'sports-mecaniques',
  auto: 'sports-mecaniques',
  karting: 'sports-mecaniques',
  'moto-auto-karting': 'sports-mecaniques',
  'sport-mecanique': 'sports-mecaniques',
  'sports-de-vitesse': 'sports-mecaniques',
  'luge-de-competition': 'luge',
  'plongee-sous-marine': 'plongee',
};

export type SportInput = string | { code: string; aerial?: boolean | undefined };

export interface MavRequest {
  formula: string;
  /** option code ("1", "2") */
  option: string;
  members: MemberInput[];
  sports?: SportInput[] | undefined;
  periodicity?: string | undefined;
  /** adhesion date "AAAA-MM-JJ" (default: `at`) */
  adhesion?: string | undefined;
  /** quote date "AAAA-MM-JJ", used when `adhesion` is not given */
  at?: string | undefined;
  /** options the adherent gave up before, e.g. ["1"] */
  renouncedOptions?: string[] | undefined;
}

export interface SportLine {
  input: string;
  code: string | null;
  label: string | null;
  outcome: 'listed' | 'duplicate' | 'refer' | 'refused';
  why: string;
}

export interface MavMemberLine {
  member: number;
  role: string;
  birth: string;
  age: number | null;
  eligible: boolean;
}

export interface MavQuote {
  kind: 'mav';
  productId: string;
  productName: string;
  formula: { code: string; label: string };
  option: { code: string; label: string };
  adhesion: string;
  version: VersionRef | null;
  status: 'priced' | 'refused' | 'refer';
  members: MavMemberLine[];
  /** the tariff cell of formula × option */
  base: { amountCents: number; period: 'month' | 'year'; source: Source } | null;
  /** the base as an annual amount */
  baseAnnualCents: number | null;
  sports: { lines: SportLine[]; counted: number; max: number | null };
  /** the surcharge line (null without sports) */
  surcharge: { sports: number; percent: number; amountCents: number; rule: RuleRef } | null;
  annualCents: number | null;
  installments: {
    periodicity: Periodicity;
    count: number;
    amountCents: number;
    totalCents: number;
    /** count × amount − annual (positive: the installments collect that much more than the annual premium) */
    roundingDiffCents: number;
  } | null;
  firstPremium: { months: number; amountCents: number; rule: RuleRef } | null;
  includes: { assistanceCents: number | null; taxesIncluded: boolean | null; rule: RuleRef } | null;
  hypotheses: Hypothesis[];
  refusals: Refusal[];
  referrals: Refusal[];
  notes: string[];
}

export function normaliseSport(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/^(le|la|l|les)[\s'’]+/, '')
    .replace(/[\s'’_/]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

export function isPeriodicity(s: string): s is Periodicity {
  return Object.prototype.hasOwnProperty.call(PERIODICITIES, s);
}

export function priceMav(product: ProductFile, request: MavRequest): MavQuote {
  const index = indexProduct(product);
  const adhesion = request.adhesion ?? request.at ?? '';
  const f = product.formulas.find((x) => x.code === request.formula && x.kind === 'formula');
  const o = product.formulas.find((x) => x.code === request.option && x.kind === 'option');
  const q: MavQuote = {
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
  const refuse = (code: string, message: string, rule: RuleRef | null = null, member: number | null = null): void => {
    q.refusals.push({ code, member, message, rule });
  };

  if (!isIsoDate(adhesion)) {
    refuse('date-invalide', `date d'adhésion « ${adhesion} » invalide (AAAA-MM-JJ attendu)`);
    return q;
  }
  if (!f) {
    refuse('formule-inconnue', `formule « ${request.formula} » inconnue pour « ${product.product.id} » (formules: ${product.formulas.filter((x) => x.kind === 'formula').map((x) => x.code).join(', ')})`);
    return q;
  }
  const options = product.formulas.filter((x) => x.kind === 'option');
  if (options.length > 0 && !o) {
    refuse(
      request.option ? 'option-inconnue' : 'option-requise',
      request.option
        ? `option « ${request.option} » inconnue (options: ${options.map((x) => x.code).join(', ')})`
        : `une option doit être choisie à l'adhésion (options: ${options.map((x) => x.code).join(', ')})`,
    );
    return q;
  }
  const pick = pickVersion(index, adhesion);
  if (!pick.ok) {
    refuse('version-introuvable', pick.message);
    return q;
  }
  const version = pick.version;
  q.version = versionRef(version);
  for (const h of pick.hypotheses) q.hypotheses.push(h);
  const rules = rulesFor(index, version.code, request.formula);
  const year = yearOf(adhesion);

  const sportsList = readRules(rules, 'sports-list');
  const sportsMax = readRules(rules, 'sports-max');
  const surchargeRules = readRules(rules, 'sports-surcharge');
  const prorata = readRules(rules, 'first-premium-prorata');
  const installments = readRules(rules, 'installments');
  const renunciation = readRules(rules, 'option-renunciation');
  const includes = readRules(rules, 'premium-includes');
  const ageBasis = readRules(rules, 'age-basis');
  const malformed = [sportsList, sportsMax, surchargeRules, prorata, installments, renunciation, includes, ageBasis].flatMap((r) => r.errors);
  for (const e of malformed) refuse('regle-mal-formee', e);
  if (malformed.length > 0) return q;

  // Members and eligibility.
  const read = readMembers(request.members, adhesion);
  for (const r of read.refusals) q.refusals.push(r);
  const principals = read.members.filter((m) => m.role === 'principal');
  const conjoints = read.members.filter((m) => m.role === 'conjoint');
  if (principals.length === 0) refuse('assure-principal', "l'assuré principal doit être désigné sur le bulletin d'adhésion");
  if (principals.length > 1) refuse('principal-unique', 'un seul assuré principal par adhésion', null, principals[1]!.index);
  if (conjoints.length > 1) refuse('conjoint-unique', "un seul conjoint de droit ou de fait de l'assuré principal", null, conjoints[1]!.index);
  const elig = checkEligibility(read.members, request.formula, rules, year);
  for (const e of elig.errors) refuse('regle-mal-formee', e);
  for (const r of elig.refusals) q.refusals.push(r);
  const refusedMembers = new Set(q.refusals.map((r) => r.member));
  q.members = request.members.map((m, i) => {
    const r = read.members.find((x) => x.index === i);
    return { member: i, role: m.role, birth: m.birth, age: r ? r.age : null, eligible: !!r && !refusedMembers.has(i) };
  });
  if (read.members.length > 0) {
    const basis = ageBasis.rules[0];
    addHypothesis(q.hypotheses, {
      code: 'age-millesime',
      ruling: 5,
      text: `Âge par différence de millésimes: ${year} (année d'adhésion) − année de naissance.${basis ? ` ${basis.rule.text}` : ''}`,
      source: basis?.rule.source ?? null,
    });
  }

  // Option renunciation.
  if (request.renouncedOptions?.includes(request.option)) {
    const r = renunciation.rules.find((x) => x.params.option === request.option);
    if (r) refuse('option-renoncee', `l'option ${request.option} a été abandonnée: elle ne peut plus être choisie — ${r.rule.text}`, ruleRef(r.rule));
  }

  // Sports.
  const listRule = sportsList.rules[0] ?? null;
  const listed = new Map<string, { code: string; label: string }>();
  const referred = new Set<string>();
  for (const input of request.sports ?? []) {
    const raw = typeof input === 'string' ? input : input.code;
    const declaredAerial = typeof input !== 'string' && input.aerial === true;
    const prefixed = /^a[eé]rien\s*:/i.test(raw);
    const name = prefixed ? raw.replace(/^a[eé]rien\s*:/i, '') : raw;
    const n = normaliseSport(name);
    const line: SportLine = { input: raw, code: null, label: null, outcome: 'refused', why: '' };
    q.sports.lines.push(line);
    if (!listRule) {
      line.why = 'liste des sports à risque non précisée par la source';
      refuse('sport-hors-liste', `sport « ${raw} »: la source ne donne pas de liste de sports à risque`);
      continue;
    }
    const target = ALIASES[n] ?? n;
    const entry = listRule.params.sports.find((s) => s.code === target || normaliseSport(s.label) === target);
    if (entry) {
      line.code = entry.code;
      line.label = entry.label;
      if (listed.has(entry.code)) {
        line.outcome = 'duplicate';
        line.why = `déjà déclaré: « ${entry.label} » compte une seule fois`;
        addHypothesis(q.hypotheses, {
          code: 'sport-compte-une-fois',
          ruling: 5,
          text: `Chaque sport nommé compte une fois par adhésion; « moto, auto, karting » est un seul sport (sports de vitesse avec engin terrestre à moteur).`,
          source: listRule.rule.source,
        });
      } else {
        listed.set(entry.code, entry);
        line.outcome = 'listed';
        line.why = `sport de la liste: « ${entry.label} »`;
        if (ALIASES[n]) {
          addHypothesis(q.hypotheses, {
            code: 'sports-mecaniques',
            ruling: 5,
            text: `« ${name.trim()} » est compté comme « ${entry.label} »: « moto, auto, karting » forment un seul sport.`,
            source: listRule.rule.source,
          });
        }
      }
      continue;
    }
    const aerial = declaredAerial || prefixed || (KNOWN_AERIAL_SPORTS as readonly string[]).includes(n);
    if (aerial && listRule.params.otherAerial === 'refer') {
      line.outcome = 'refer';
      line.why = "sport aérien non cité: à soumettre à l'assureur";
      if (!referred.has(n)) {
        referred.add(n);
        q.referrals.push({
          code: 'sport-aerien-a-soumettre',
          member: null,
          message: `sport aérien « ${name.trim()} » non cité dans la liste: à soumettre à l'assureur (pas de tarif automatique) — ${listRule.rule.text}`,
          rule: ruleRef(listRule.rule),
        });
      }
      continue;
    }
    line.why = aerial ? 'sport aérien non cité: refusé par la règle du produit' : "pas dans la liste fermée des sports à risque";
    refuse(
      'sport-hors-liste',
      `sport « ${raw} » hors de la liste des sports à risque (${listRule.params.sports.map((s) => s.code).join(', ')}) — ${listRule.rule.text}`,
      ruleRef(listRule.rule),
    );
  }
  q.sports.counted = listed.size + referred.size;
  const maxRule = sportsMax.rules[0];
  const max = maxRule?.params.perFormula[request.formula];
  q.sports.max = max ?? null;
  if (maxRule && max !== undefined && q.sports.counted > max) {
    refuse(
      'sports-max',
      `${q.sports.counted} sports déclarés: au plus ${max} en formule « ${q.formula.label} » — ${maxRule.rule.text}`,
      ruleRef(maxRule.rule),
    );
  }

  // Base premium.
  const prefix = `${version.code}\u0000${request.formula}\u0000${request.option}\u0000`;
  const cells: TariffCellEntry[] = [];
  for (const [k, list] of index.cells) if (k.startsWith(prefix)) cells.push(...list);
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

  const inc = includes.rules[0];
  if (inc) {
    q.includes = { assistanceCents: inc.params.assistanceCents ?? null, taxesIncluded: inc.params.taxesIncluded ?? null, rule: ruleRef(inc.rule) };
    q.notes.push(`La cotisation comprend: ${inc.rule.text}`);
  }

  // Surcharge.
  let annual = q.baseAnnualCents;
  const nSports = listed.size;
  if (nSports > 0 && annual !== null && !q.refusals.some((r) => r.code === 'sports-max')) {
    const sr = surchargeRules.rules[0];
    const tier = sr?.params.tiers.find((t) => t.min <= nSports && nSports <= t.max);
    if (!sr) refuse('surprime-non-precisee', 'surprime des sports à risque non précisée par la source');
    else if (!tier) refuse('sports-hors-bareme', `${nSports} sports: aucune tranche de surprime — ${sr.rule.text}`, ruleRef(sr.rule));
    else {
      const pr = parseRate(String(tier.percent));
      if (!pr.ok) refuse('regle-mal-formee', `surprime « ${tier.percent} » illisible`);
      else {
        const amount = applyFactor(annual, rational(pr.rate.percent.num, pr.rate.percent.den * 100n));
        q.surcharge = { sports: nSports, percent: tier.percent, amountCents: amount, rule: ruleRef(sr.rule) };
        annual += amount;
        addHypothesis(q.hypotheses, {
          code: 'surprime-cotisation-annuelle',
          ruling: 5,
          text: `Surprime sports à risque de ${tier.percent} % (${nSports} sport${nSports > 1 ? 's' : ''}) appliquée à toute la cotisation annuelle: ${formatEuros(amount)}.`,
          source: sr.rule.source,
        });
      }
    }
  }

  // Periodicity.
  const periodicity = request.periodicity ?? 'annuel';
  if (request.periodicity === undefined) {
    q.hypotheses.push({ code: 'periodicite-par-defaut', ruling: null, text: 'Périodicité non indiquée: paiement annuel retenu.', source: null });
  }
  const allowed = installments.rules[0];
  if (!isPeriodicity(periodicity)) {
    refuse('periodicite', `périodicité « ${periodicity} » inconnue (annuel, semestriel, trimestriel, mensuel)`);
  } else if (periodicity !== 'annuel' && !allowed) {
    refuse('periodicite', `périodicité « ${periodicity} »: les périodicités possibles ne sont pas précisées par la source`);
  } else if (allowed && !allowed.params.periodicities.includes(periodicity)) {
    refuse('periodicite', `périodicité « ${periodicity} » non prévue (${allowed.params.periodicities.join(', ')}) — ${allowed.rule.text}`, ruleRef(allowed.rule));
  }

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
  const p = periodicity as Periodicity;
  const n = PERIODICITIES[p];
  const each = roundDivNumber(annual, n);
  q.installments = { periodicity: p, count: n, amountCents: each, totalCents: each * n, roundingDiffCents: each * n - annual };
  if (allowed) {
    addHypothesis(q.hypotheses, {
      code: 'echeances',
      ruling: 5,
      text: `Échéance = cotisation annuelle / ${n}, arrondie au centime (demi vers le haut); écart d'arrondi sur l'année: ${formatEuros(each * n - annual)}.`,
      source: allowed.rule.source,
    });
  }
  const pr = prorata.rules[0];
  if (pr) {
    const months = 13 - monthOf(adhesion);
    q.firstPremium = { months, amountCents: roundDivNumber(annual * months, 12), rule: ruleRef(pr.rule) };
    addHypothesis(q.hypotheses, {
      code: 'premiere-cotisation',
      ruling: 5,
      text: `Première cotisation = cotisation annuelle × ${months} mois (du mois d'adhésion inclus à décembre) / 12, arrondie au centime.`,
      source: pr.rule.source,
    });
  } else {
    q.notes.push('Première cotisation: prorata non précisé par la source.');
  }
  return q;
}
