/**
 * What a household quote reads once per product version × formula (the plan: its rules, its cells by segment, the
 * fixed hypotheses of a tariff year) and the segment a member is priced on (docs/RULINGS.md, règle 4). Both are
 * memoised in the product index. Pure.
 * - Segment: the product's segments by role, status (exact status preferred over none) and age bounds
 *   (inclusive). A member whose status is needed but not given, or who fits no segment (or several), is refused,
 *   never guessed.
 */
import type { ProductFile, Role, Status, TariffCellEntry } from './catalogue-schema';
import { rulesFor, type ProductIndex } from './product-index';
import { readRules, type ReadRule } from './pricing-rules';
import type { Hypothesis } from './pricing-types';

export type SegmentEntry = ProductFile['segments'][number];

export interface FormulaPlan {
  free: ReadRule<'free-children-from-rank'> | null;
  ageBasis: ReadRule<'age-basis'> | null;
  ruleErrors: string[];
  rules: ProductFile['rules'];
  hasCells: boolean;
  /** cells without option, by segment */
  cellsBySegment: Map<string, TariffCellEntry[]>;
  /** the hypotheses of this version × formula, built once per tariff year */
  hypotheses: Map<number, PlanHypotheses>;
}

/** The fixed hypotheses of a version × formula for a tariff year (those the product gives grounds for). */
export interface PlanHypotheses {
  ageMillesime: Hypothesis;
  totalAnnuel: Hypothesis;
  conjoint?: Hypothesis;
  retraite?: Hypothesis;
  enfant?: Hypothesis;
  gratuite?: Hypothesis;
  rangEgalite?: Hypothesis;
}

export function planFor(index: ProductIndex, version: string, formula: string): FormulaPlan {
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

export type SegmentPick = { ok: true; segment: SegmentEntry } | { ok: false; code: string; reason: string };

function pickSegment(index: ProductIndex, role: Role, status: Status | null, age: number): SegmentPick {
  const all = index.product.segments.filter(
    (s) =>
      s.roles.includes(role) &&
      (status === null || s.status === null || s.status === status) &&
      (s.ageMin === null || age >= s.ageMin) &&
      (s.ageMax === null || age <= s.ageMax),
  );
  const exact = status === null ? all : all.filter((s) => s.status === status);
  const candidates = exact.length > 0 ? exact : all;
  if (candidates.length === 1) return { ok: true, segment: candidates[0]! };
  if (candidates.length === 0) {
    return {
      code: 'segment-introuvable',
      ok: false,
      reason: `aucun segment de la grille ne correspond (rôle ${role}${status ? `, statut ${status}` : ''}, ${age} ans); segments: ${index.product.segments.map((s) => s.label).join(', ')}`,
    };
  }
  const labels = candidates.map((s) => `« ${s.label} »`).join(', ');
  if (status === null && new Set(candidates.map((s) => s.status)).size > 1) {
    return { code: 'statut-manquant', ok: false, reason: `statut à préciser (actif ou retraite): segments possibles ${labels}` };
  }
  return { code: 'segment-ambigu', ok: false, reason: `plusieurs segments possibles (${labels}): la source ne permet pas de choisir` };
}

/** The segment of a member (règle 4), memoised by role, status and age. */
export function segmentFor(index: ProductIndex, role: Role, status: Status | null, age: number): SegmentPick {
  const key = `seg\u0000${role}\u0000${status ?? ''}`;
  let byAge = index.memo.get(key) as SegmentPick[] | undefined;
  if (!byAge) {
    byAge = [];
    index.memo.set(key, byAge);
  }
  const hit = age < 200 ? byAge[age] : undefined;
  if (hit) return hit;
  const pick = pickSegment(index, role, status, age);
  if (age < 200) byAge[age] = pick;
  return pick;
}

function ageBounds(segments: readonly SegmentEntry[]): string {
  return segments
    .filter((s) => s.ageMin !== null || s.ageMax !== null)
    .map((s) => `${s.label}: ${s.ageMin === null ? `jusqu'à ${s.ageMax} ans inclus` : s.ageMax === null ? `${s.ageMin} ans et plus` : `${s.ageMin} à ${s.ageMax} ans`}`)
    .join('; ');
}

/** The hypotheses of the segments by role and status (règle 4), where the product has such segments. */
function segmentHypotheses(segments: readonly SegmentEntry[], h: PlanHypotheses): void {
  const conjoint = segments.find((s) => s.roles.includes('conjoint'));
  if (conjoint) {
    h.conjoint = { code: 'conjoint-propre-segment', ruling: 4, text: 'Le conjoint est tarifé sur son propre segment (âge et statut), la grille n’ayant pas de colonne conjoint.', source: conjoint.source };
  }
  const retired = segments.find((s) => s.status === 'retraite');
  if (retired) {
    h.retraite = { code: 'retraite-par-statut', ruling: 4, text: 'Les retraités sont tarifés selon le statut déclaré (retraite), sans condition d’âge.', source: retired.source };
  }
  const child = segments.find((s) => s.roles.includes('enfant'));
  if (child) {
    h.enfant = { code: 'enfant-par-role', ruling: 4, text: 'Les enfants sont tarifés selon leur rôle (enfant) sur la colonne Enfants; la source ne donne pas de limite d’âge.', source: child.source };
  }
}

/** The fixed hypotheses of a version × formula for a tariff year (built once: quotes share them). */
export function hypothesesFor(index: ProductIndex, plan: FormulaPlan, year: number): PlanHypotheses {
  const hit = plan.hypotheses.get(year);
  if (hit) return hit;
  const segments = index.product.segments;
  const firstBounded = segments.find((s) => s.ageMin !== null || s.ageMax !== null);
  const h: PlanHypotheses = {
    ageMillesime: {
      code: 'age-millesime',
      ruling: 4,
      text: `Âge par différence de millésimes: ${year} − année de naissance (le jour et le mois sont ignorés). ${ageBounds(segments)}.`,
      source: plan.ageBasis?.rule.source ?? firstBounded?.source ?? null,
    },
    totalAnnuel: {
      code: 'total-annuel',
      ruling: 1,
      text: 'Cotisation annuelle = 12 × la somme des cotisations mensuelles, chacune arrondie au centime (jamais un taux appliqué à un total).',
      source: null,
    },
  };
  segmentHypotheses(segments, h);
  if (plan.free) {
    const source = plan.free.rule.source;
    h.gratuite = {
      code: 'gratuite-enfants',
      ruling: 3,
      text: `Enfants gratuits à partir du ${plan.free.params.rank}e: rang par date de naissance, du plus âgé au plus jeune (les plus jeunes sont gratuits).`,
      source,
    };
    h.rangEgalite = {
      code: 'rang-egalite',
      ruling: 3,
      text: 'Deux enfants ont la même naissance selon les données saisies (même année sans date complète, ou même date): leur rang suit l’ordre de saisie; le montant total n’en dépend pas.',
      source,
    };
  }
  plan.hypotheses.set(year, h);
  return h;
}
