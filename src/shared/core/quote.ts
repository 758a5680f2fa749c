/**
 * Household quotes (issue 3, "Household quotes"). Pure: products and a request in, one answer per
 * product × formula out, with its explanation.
 *
 * API
 * - `quoteHousehold(product, formula, request)` → `HouseholdQuote` for one product × formula (per-member tariffs,
 *   e.g. `interiale-cdg-sante`). An unknown formula gives a quote whose `refusals` say so.
 * - `quoteProducts(products, request)` → `ProductQuote[]` (`HouseholdQuote | MavQuote`), for several products:
 *   `request.formulas` lists formula codes (none = every formula of kind "formula" of each product; a product that
 *   has none of the requested codes is skipped, and a requested code no product has gives a refusal quote of the
 *   first product). Products of kind "mav" are priced by `priceMav` (mav.ts) with `request.mav` (every option of
 *   kind "option" unless `request.mav.options` names some). The members are read once per call.
 * - `describeAmount(cents, period)` → "25,14 € par mois" | "non précisé" (display).
 * Lines reference the catalogue's own segment and cell objects (with their sources): do not mutate them.
 *
 * How a member is priced (DOMAIN.md ruling 4, each shown as a hypothesis quoting the source):
 * - version: the one in force at `request.at` (product-index.ts `pickVersion`);
 * - age by millésime: year of `at` − birth year (rule `age-basis` when the product has one);
 * - segment: the product's segments by role, status (exact status preferred over none) and age bounds
 *   (inclusive). Retirees by status, children by role, the spouse on their own segment. A member whose status is
 *   needed but not given, or who fits no segment (or several), is refused — never guessed;
 * - a child belongs to the principal's household: when the principal is on a segment whose cell does not stand in
 *   the same printed table as the children's cell (`sameTable`: Intériale 2026, "Tarification RETRAITÉS" has no
 *   children column), the child has no stated price: "tarif non précisé par la source", total incomplete;
 * - free children (rule `free-children-from-rank`, ruling 3): children ranked by birth, oldest first; from the
 *   rule's rank on, the amount is 0 (a child with no stated price stays "non précisé": nothing is assumed);
 * - `age-limit` and `formula-members` rules refuse members (eligibility.ts);
 * - a product or formula with no tariff cell: every line is "tarif non précisé par la source".
 *
 * Totals (ruling 1): sums of the rounded cells; monthly = Σ monthly cells; annual = 12 × monthly (+ Σ yearly
 * cells). A total is null unless every member has a stated price (`complete`); the partial sums of the stated lines
 * are given apart (`partialMonthlyCents`, `partialAnnualCents`) so an incomplete total is never shown as a total.
 */
import type { ProductFile, Role, Status, TariffCellEntry } from './catalogue-schema';
import { isIsoDate, yearOf } from './dates';
import { checkEligibility } from './eligibility';
import { memberName, rankChildren, readMembers, type ResolvedMember } from './members';
import { formatEuros } from './money';
import { indexProduct, pickVersion, rulesFor, sameTable, versionRef, type ProductIndex } from './product-index';
import { readRules, type ReadRule } from './pricing-rules';
import { addHypothesis, type Hypothesis, type MemberInput, type Refusal, type VersionRef } from './pricing-types';
import { priceMav, type MavQuote, type MavRequest } from './mav';

type SegmentEntry = ProductFile['segments'][number];

export interface QuoteRequest {
  /** effective date "AAAA-MM-JJ": picks the version; its year is the tariff year for ages */
  at: string;
  /** formula codes; none or empty = every formula (kind "formula") of each product */
  formulas?: string[] | undefined;
  members: MemberInput[];
  /** MAV pricing inputs (products of kind "mav") */
  mav?: Omit<MavRequest, 'formula' | 'option' | 'members' | 'at'> & { options?: string[] | undefined };
}

export type LineOutcome = 'priced' | 'free' | 'non-precise' | 'refused';

export interface QuoteLine {
  /** index of the member in the request, or null for a price per household */
  member: number | null;
  role: Role | null;
  label: string | null;
  birth: string | null;
  status: Status | null;
  /** age by millésime in the tariff year */
  age: number | null;
  /** the segment used (the catalogue entry, with its source) */
  segment: SegmentEntry | null;
  /** the tariff cell used (the catalogue entry, with its source) */
  cell: TariffCellEntry | null;
  /** children: rank by birth (1 = oldest) */
  rank: number | null;
  outcome: LineOutcome;
  /** what the member pays: the cell amount, 0 when free, null when not stated or refused */
  amountCents: number | null;
  period: 'month' | 'year' | null;
  /** French explanation of the line */
  why: string;
}

export interface QuoteTotals {
  /** every member has a stated price (or is free) and nobody is refused */
  complete: boolean;
  /** Σ monthly amounts; null when incomplete or when a line is yearly */
  monthlyCents: number | null;
  /** 12 × Σ monthly + Σ yearly; null when incomplete */
  annualCents: number | null;
  /** the same sums over the stated lines only, for display beside "total incomplet" */
  partialMonthlyCents: number;
  partialAnnualCents: number;
  /** members with no stated price or refused */
  incompleteMembers: number[];
}

export interface HouseholdQuote {
  kind: 'household';
  productId: string;
  productName: string;
  formula: { code: string; label: string };
  at: string;
  version: VersionRef | null;
  /** false when the source gives no tariff for this product × formula × version */
  tariffGiven: boolean;
  lines: QuoteLine[];
  totals: QuoteTotals;
  hypotheses: Hypothesis[];
  refusals: Refusal[];
  /** plain French notes, e.g. "Tarif non précisé par la source." */
  notes: string[];
}

export type ProductQuote = HouseholdQuote | MavQuote;

export const NON_PRECISE = 'tarif non précisé par la source';

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

interface FormulaPlan {
  free: ReadRule<'free-children-from-rank'> | null;
  ageBasis: ReadRule<'age-basis'> | null;
  ruleErrors: string[];
  rules: ProductFile['rules'];
  hasCells: boolean;
  /** cells without option, by segment */
  cellsBySegment: Map<string, TariffCellEntry[]>;
  /** the hypotheses of this version × formula, built once per tariff year */
  hypotheses: Map<number, Record<string, Hypothesis>>;
}

function planFor(index: ProductIndex, version: string, formula: string): FormulaPlan {
  const key = `plan\u0000${version}\u0000${formula}`;
  const hit = index.memo.get(key) as FormulaPlan | undefined;
  if (hit) return hit;
  const rules = rulesFor(index, version, formula);
  const free = readRules(rules, 'free-children-from-rank');
  const age = readRules(rules, 'age-basis');
  const prefix = `${version}\u0000${formula}\u0000`;
  let hasCells = false;
  const cellsBySegment = new Map<string, TariffCellEntry[]>();
  for (const [k, list] of index.cells) {
    if (!k.startsWith(prefix)) continue;
    hasCells = true;
    const first = list[0]!;
    if ((first.option ?? '') === '') cellsBySegment.set(first.segment, list);
  }
  const plan: FormulaPlan = {
    free: free.rules[0] ?? null,
    ageBasis: age.rules[0] ?? null,
    ruleErrors: [...free.errors, ...age.errors],
    rules,
    hasCells,
    cellsBySegment,
    hypotheses: new Map(),
  };
  index.memo.set(key, plan);
  return plan;
}

type SegmentPick = { ok: true; segment: SegmentEntry } | { ok: false; code: string; reason: string };

function segmentFor(index: ProductIndex, role: Role, status: Status | null, age: number): SegmentPick {
  const key = `seg\u0000${role}\u0000${status ?? ''}`;
  let byAge = index.memo.get(key) as SegmentPick[] | undefined;
  if (!byAge) {
    byAge = [];
    index.memo.set(key, byAge);
  }
  const hit = age < 200 ? byAge[age] : undefined;
  if (hit) return hit;
  const all = index.product.segments.filter(
    (s) =>
      s.roles.includes(role) &&
      (status === null || s.status === null || s.status === status) &&
      (s.ageMin === null || age >= s.ageMin) &&
      (s.ageMax === null || age <= s.ageMax),
  );
  const exact = status === null ? all : all.filter((s) => s.status === status);
  const candidates = exact.length > 0 ? exact : all;
  let pick: SegmentPick;
  if (candidates.length === 1) pick = { ok: true, segment: candidates[0]! };
  else if (candidates.length === 0) {
    pick = {
      code: 'segment-introuvable',
      ok: false,
      reason: `aucun segment de la grille ne correspond (rôle ${role}${status ? `, statut ${status}` : ''}, ${age} ans); segments: ${index.product.segments.map((s) => s.label).join(', ')}`,
    };
  } else if (status === null && new Set(candidates.map((s) => s.status)).size > 1) {
    pick = {
      code: 'statut-manquant',
      ok: false,
      reason: `statut à préciser (actif ou retraite): segments possibles ${candidates.map((s) => `« ${s.label} »`).join(', ')}`,
    };
  } else {
    pick = {
      code: 'segment-ambigu',
      ok: false,
      reason: `plusieurs segments possibles (${candidates.map((s) => `« ${s.label} »`).join(', ')}): la source ne permet pas de choisir`,
    };
  }
  if (age < 200) byAge[age] = pick;
  return pick;
}

function lineOf(m: ResolvedMember, input: MemberInput): QuoteLine {
  return {
    member: m.index,
    role: m.role,
    label: m.label,
    birth: input.birth,
    status: m.status,
    age: m.age,
    segment: null,
    cell: null,
    rank: null,
    outcome: 'non-precise',
    amountCents: null,
    period: null,
    why: '',
  };
}

function periodWord(p: 'month' | 'year'): string {
  return p === 'month' ? 'par mois' : 'par an';
}

function computeTotals(lines: readonly QuoteLine[], refusedMembers: readonly number[]): QuoteTotals {
  let monthly = 0;
  let yearly = 0;
  let anyYear = false;
  const incomplete = new Set<number>(refusedMembers);
  let missingHousehold = false;
  for (const l of lines) {
    if (l.amountCents === null || l.period === null) {
      if (l.member !== null) incomplete.add(l.member);
      else missingHousehold = true;
      continue;
    }
    if (l.period === 'month') monthly += l.amountCents;
    else {
      yearly += l.amountCents;
      anyYear = true;
    }
  }
  const complete = incomplete.size === 0 && !missingHousehold && lines.length > 0;
  const annual = 12 * monthly + yearly;
  return {
    complete,
    monthlyCents: complete && !anyYear ? monthly : null,
    annualCents: complete ? annual : null,
    partialMonthlyCents: monthly,
    partialAnnualCents: annual,
    incompleteMembers: [...incomplete].sort((a, b) => a - b),
  };
}

/** The fixed hypotheses of a version × formula for a tariff year (built once: quotes share them). */
function hypothesesFor(index: ProductIndex, plan: FormulaPlan, year: number): Record<string, Hypothesis> {
  const hit = plan.hypotheses.get(year);
  if (hit) return hit;
  const segments = index.product.segments;
  const bounded = segments.filter((s) => s.ageMin !== null || s.ageMax !== null);
  const bounds = bounded
    .map((s) => `${s.label}: ${s.ageMin === null ? `jusqu'à ${s.ageMax} ans inclus` : s.ageMax === null ? `${s.ageMin} ans et plus` : `${s.ageMin} à ${s.ageMax} ans`}`)
    .join('; ');
  const h: Record<string, Hypothesis> = {
    ageMillesime: {
      code: 'age-millesime',
      ruling: 4,
      text: `Âge par différence de millésimes: ${year} − année de naissance (le jour et le mois sont ignorés). ${bounds}.`,
      source: plan.ageBasis?.rule.source ?? bounded[0]?.source ?? null,
    },
    totalAnnuel: {
      code: 'total-annuel',
      ruling: 1,
      text: 'Cotisation annuelle = 12 × la somme des cotisations mensuelles, chacune arrondie au centime (jamais un taux appliqué à un total).',
      source: null,
    },
  };
  const conjoint = segments.find((s) => s.roles.includes('conjoint'));
  if (conjoint) {
    h.conjoint = {
      code: 'conjoint-propre-segment',
      ruling: 4,
      text: 'Le conjoint est tarifé sur son propre segment (âge et statut), la grille n’ayant pas de colonne conjoint.',
      source: conjoint.source,
    };
  }
  const retired = segments.find((s) => s.status === 'retraite');
  if (retired) {
    h.retraite = {
      code: 'retraite-par-statut',
      ruling: 4,
      text: 'Les retraités sont tarifés selon le statut déclaré (retraite), sans condition d’âge.',
      source: retired.source,
    };
  }
  const child = segments.find((s) => s.roles.includes('enfant'));
  if (child) {
    h.enfant = {
      code: 'enfant-par-role',
      ruling: 4,
      text: 'Les enfants sont tarifés selon leur rôle (enfant) sur la colonne Enfants; la source ne donne pas de limite d’âge.',
      source: child.source,
    };
  }
  if (plan.free) {
    h.gratuite = {
      code: 'gratuite-enfants',
      ruling: 3,
      text: `Enfants gratuits à partir du ${plan.free.params.rank}e: rang par date de naissance, du plus âgé au plus jeune (les plus jeunes sont gratuits).`,
      source: plan.free.rule.source,
    };
    h.rangEgalite = {
      code: 'rang-egalite',
      ruling: 3,
      text: 'Deux enfants ont la même naissance selon les données saisies (même année sans date complète, ou même date): leur rang suit l’ordre de saisie; le montant total n’en dépend pas.',
      source: plan.free.rule.source,
    };
  }
  plan.hypotheses.set(year, h);
  return h;
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

function quoteWith(product: ProductFile, formula: string, request: QuoteRequest, household: Household): HouseholdQuote {
  const q = shell(product, formula, request.at);
  if (!household.atValid) {
    q.refusals.push({ code: 'date-invalide', member: null, message: `date d'effet « ${request.at} » invalide (AAAA-MM-JJ attendu)`, rule: null });
    return q;
  }
  const index = indexProduct(product);
  if (!index.formulas.has(formula)) {
    q.refusals.push({
      code: 'formule-inconnue',
      member: null,
      message: `formule « ${formula} » inconnue pour « ${product.product.id} » (formules: ${product.formulas.map((f) => f.code).join(', ')})`,
      rule: null,
    });
    return q;
  }
  const pick = pickVersion(index, request.at);
  if (!pick.ok) {
    q.refusals.push({ code: 'version-introuvable', member: null, message: pick.message, rule: null });
    return q;
  }
  const version = pick.version;
  q.version = versionRef(version);
  for (const h of pick.hypotheses) q.hypotheses.push(h);

  const plan = planFor(index, version.code, formula);
  for (const e of plan.ruleErrors) q.refusals.push({ code: 'regle-mal-formee', member: null, message: e, rule: null });
  if (plan.ruleErrors.length > 0) return q;

  const year = yearOf(request.at);
  const H = hypothesesFor(index, plan, year);
  const { read, principals, children } = household;
  for (const r of read.refusals) q.refusals.push(r);
  if (request.members.length === 0) {
    q.refusals.push({ code: 'aucun-membre', member: null, message: 'aucun membre: indiquer au moins un assuré', rule: null });
  }
  if (principals.length > 1) {
    q.refusals.push({ code: 'principal-unique', member: principals[1]!.index, message: 'un seul assuré principal par foyer', rule: null });
  }
  const elig = checkEligibility(read.members, formula, plan.rules, year);
  for (const e of elig.errors) q.refusals.push({ code: 'regle-mal-formee', member: null, message: e, rule: null });
  for (const r of elig.refusals) q.refusals.push(r);
  const refused = new Set<number>();
  for (const r of q.refusals) if (r.member !== null) refused.add(r.member);

  q.tariffGiven = plan.hasCells;
  if (!plan.hasCells) {
    q.notes.push(
      `Tarif non précisé par la source: le document ne donne pas de cotisation pour « ${product.product.name} », formule « ${q.formula.label} », version « ${version.label} ».`,
    );
    for (const m of read.members) {
      const line = lineOf(m, request.members[m.index]!);
      line.outcome = refused.has(m.index) ? 'refused' : 'non-precise';
      line.why = refused.has(m.index) ? 'refusé (voir les refus)' : NON_PRECISE;
      q.lines.push(line);
    }
    q.totals = computeTotals(q.lines, [...refused]);
    q.totals.complete = false;
    q.totals.monthlyCents = null;
    q.totals.annualCents = null;
    return q;
  }

  if (index.product.segments.length === 0) {
    householdPrice(q, index, version.code, formula, refused);
    return q;
  }

  // Per-member pricing.
  const lines: QuoteLine[] = [];
  const cellOf: (TariffCellEntry | undefined)[] = [];
  let usedAgeBound = false;
  for (const m of read.members) {
    const line = lineOf(m, request.members[m.index]!);
    lines[m.index] = line;
    if (refused.has(m.index)) {
      line.outcome = 'refused';
      line.why = 'refusé (voir les refus)';
      continue;
    }
    const seg = segmentFor(index, m.role, m.status, m.age);
    if (!seg.ok) {
      q.refusals.push({ code: seg.code, member: m.index, message: `${memberName(m)}: ${seg.reason}`, rule: null });
      refused.add(m.index);
      line.outcome = 'refused';
      line.why = seg.reason;
      continue;
    }
    const s = seg.segment;
    line.segment = s;
    if (s.ageMin !== null || s.ageMax !== null) usedAgeBound = true;
    const cells = plan.cellsBySegment.get(s.code) ?? [];
    if (cells.length === 0) {
      line.why = `${NON_PRECISE} (segment « ${s.label} », formule « ${q.formula.label} », version « ${version.label} »)`;
      continue;
    }
    if (cells.length > 1) {
      q.refusals.push({
        code: 'cellule-ambigue',
        member: m.index,
        message: `${memberName(m)}: plusieurs cotisations pour le segment « ${s.label} » (zones: ${cells.map((c) => c.zone || '—').join(', ')}); zone non gérée`,
        rule: null,
      });
      refused.add(m.index);
      line.outcome = 'refused';
      line.why = 'plusieurs cotisations possibles';
      continue;
    }
    const cell = cells[0]!;
    cellOf[m.index] = cell;
    line.cell = cell;
    line.outcome = 'priced';
    line.amountCents = cell.amountCents;
    line.period = cell.period;
    line.why = `segment « ${s.label} »${s.ageMin !== null || s.ageMax !== null ? ` (${m.age} ans en ${year})` : ''}: ${formatEuros(cell.amountCents)} ${periodWord(cell.period)}`;
    if (m.role === 'conjoint' && H.conjoint) addHypothesis(q.hypotheses, H.conjoint);
    if (s.status === 'retraite' && s.ageMin === null && s.ageMax === null && H.retraite) addHypothesis(q.hypotheses, H.retraite);
    if (m.role === 'enfant' && H.enfant) addHypothesis(q.hypotheses, H.enfant);
  }

  if (usedAgeBound) addHypothesis(q.hypotheses, H.ageMillesime!);

  // Children: the principal's table, then free ranks.
  const principal = principals[0];
  const principalCell = principal ? cellOf[principal.index] : undefined;
  const principalSegment = principal ? lines[principal.index]?.segment : null;
  for (const c of children) {
    const cell = cellOf[c.index];
    const line = lines[c.index]!;
    if (!cell || !principalCell || !principalSegment) continue;
    const principalStatus = principalSegment.status;
    const same = sameTable(cell.source, principalCell.source);
    if (same === false) {
      cellOf[c.index] = undefined;
      line.cell = null;
      line.outcome = 'non-precise';
      line.amountCents = null;
      line.period = null;
      line.why = `${NON_PRECISE}: la grille « ${principalSegment.label} » de la version « ${version.label} » n’a pas de colonne Enfants; aucune autre colonne n’est substituée`;
      addHypothesis(q.hypotheses, {
        code: principalStatus === 'retraite' ? 'enfant-de-retraite' : 'enfant-hors-grille',
        ruling: 4,
        text: `Enfant d’un assuré « ${principalSegment.label} »: la grille de ce segment (version « ${version.label} ») n’a pas de colonne Enfants, donc pas de tarif donné par la source; le total est incomplet.`,
        source: principalCell.source,
      });
    } else if (same === true && principalStatus === 'retraite') {
      addHypothesis(q.hypotheses, {
        code: 'enfant-de-retraite-meme-tableau',
        ruling: 4,
        text: `Enfant d’un retraité: tarifé sur la colonne Enfants, imprimée dans le même tableau que la colonne Retraités (version « ${version.label} »).`,
        source: cell.source,
      });
    }
  }

  if (children.length > 0) {
    const { ranks, tie } = household;
    for (const c of children) {
      const line = lines[c.index]!;
      line.rank = ranks.get(c.index) ?? null;
    }
    if (plan.free) {
      const from = plan.free.params.rank;
      addHypothesis(q.hypotheses, H.gratuite!);
      if (tie && children.length >= from) addHypothesis(q.hypotheses, H.rangEgalite!);
      for (const c of children) {
        const line = lines[c.index]!;
        if (line.rank === null || line.rank < from || line.outcome !== 'priced') continue;
        line.outcome = 'free';
        line.amountCents = 0;
        line.why = `gratuit: ${line.rank}e enfant par date de naissance (« ${plan.free.rule.source.quote} »); cotisation de la cellule: ${formatEuros(line.cell!.amountCents)}`;
      }
    }
  }

  for (const m of read.members) q.lines.push(lines[m.index]!);
  q.totals = computeTotals(q.lines, [...refused]);
  if (q.totals.annualCents !== null && q.lines.some((l) => l.period === 'month')) addHypothesis(q.hypotheses, H.totalAnnuel!);
  return q;
}

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

/** Quote several products (or all of a catalogue) for one household. */
export function quoteProducts(products: readonly ProductFile[], request: QuoteRequest): ProductQuote[] {
  const out: ProductQuote[] = [];
  const household = prepareHousehold(request);
  const wanted = request.formulas && request.formulas.length > 0 ? request.formulas : null;
  if (wanted) {
    for (const code of wanted) {
      if (!products.some((p) => p.formulas.some((f) => f.code === code && f.kind === 'formula'))) {
        const first = products[0];
        if (first) out.push(quoteWith(first, code, request, household));
      }
    }
  }
  for (const product of products) {
    const formulas = product.formulas
      .filter((f) => f.kind === 'formula' && (!wanted || wanted.includes(f.code)))
      .map((f) => f.code);
    for (const formula of formulas) {
      if (product.product.kind === 'mav') {
        const options = request.mav?.options?.length
          ? request.mav.options
          : product.formulas.filter((f) => f.kind === 'option').map((f) => f.code);
        for (const option of options.length > 0 ? options : ['']) {
          out.push(priceMav(product, { ...request.mav, formula, option, members: request.members, at: request.at }));
        }
      } else {
        out.push(quoteWith(product, formula, request, household));
      }
    }
  }
  return out;
}

/** Display helper: "25,14 € par mois" or "non précisé". */
export function describeAmount(cents: number | null, period: 'month' | 'year' | null): string {
  return cents === null || period === null ? 'non précisé' : `${formatEuros(cents)} ${periodWord(period)}`;
}

