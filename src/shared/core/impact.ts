/**
 * CDG budget impact of a tariff change, with the employer participation. Pure.
 *
 * API
 * - `tableOfVersion(product, versionCode)` / `tableOfRevision(result, label)` → `TariffTable` (the cells to compare;
 *   a revision's cells keep the source of the cell they were computed from, so its table layout is known).
 * - `computeImpact({ product, before, after, headcounts, participation? })` → `ImpactResult`:
 *   - one `ImpactLine` per headcount row (formula × segment [× statut × tranche]): per person cotisation, monthly
 *     (count × cell) and annual (12 × monthly) cost before and after, Δ € and Δ % (2 decimals), employer cost
 *     (participation per agent capped at the agent's cotisation × count), net cost per agent;
 *   - `groups`: the same summed per formula × segment; `totals`: over everything;
 *   - a cell with no price (a missing cell, an `enfant` row with statut `retraite` when the children's cell does not
 *     stand in the retirees' table, as Intériale 2026) is reported in the line (`why`) and in `missing`, never
 *     zeroed: the amounts it touches are null and `complete` is false; `partial` gives the sums of what is known;
 *   - `errors` (line + French message): headcount rows the product cannot read (unknown formula or segment, a
 *     status contradicting the segment, a band the participation does not know). Non-empty = bad input.
 * Who receives the participation: `participation.segments`, else the agent segments (open to the principal, not
 * retired): children and retirees do not (a hypothesis says so). Only monthly cells are costed (a yearly cell is
 * reported as not handled).
 */
import type { ProductFile, Status } from './catalogue-schema';
import type { HeadcountRow } from './headcounts';
import { deltaPercent } from './money';
import { participationFor, describeParticipation, type ParticipationSpec } from './participation';
import { sameTable } from './product-index';
import { addHypothesis, type Hypothesis } from './pricing-types';
import type { CellLike, RevisionResult } from './revision';

type SegmentEntry = ProductFile['segments'][number];

export interface TariffTable {
  label: string;
  version: string | null;
  cells: readonly CellLike[];
}

export interface ImpactRequest {
  product: ProductFile;
  before: TariffTable;
  after: TariffTable;
  headcounts: readonly HeadcountRow[];
  participation?: ParticipationSpec | undefined;
}

export interface ImpactSide {
  /** per person per month */
  cellCents: number | null;
  monthlyCents: number | null;
  annualCents: number | null;
  /** participation per agent after the cap */
  employerPerAgentCents: number | null;
  employerMonthlyCents: number | null;
  employerAnnualCents: number | null;
  /** cotisation − participation, per agent per month */
  netPerAgentCents: number | null;
  netMonthlyCents: number | null;
  /** the participation was above the cotisation and was capped */
  capped: boolean;
  /** why an amount is null */
  why: string | null;
}

export interface ImpactLine {
  formula: string;
  segment: string;
  status: Status | null;
  band: string | null;
  count: number;
  /** line of the headcount row */
  line: number;
  receivesParticipation: boolean;
  before: ImpactSide;
  after: ImpactSide;
  deltaMonthlyCents: number | null;
  deltaAnnualCents: number | null;
  deltaPercent: number | null;
}

export interface ImpactGroup {
  formula: string;
  segment: string;
  count: number;
  before: SideTotals;
  after: SideTotals;
  deltaMonthlyCents: number | null;
  deltaAnnualCents: number | null;
  deltaPercent: number | null;
}

export interface SideTotals {
  monthlyCents: number | null;
  annualCents: number | null;
  employerMonthlyCents: number | null;
  employerAnnualCents: number | null;
  netMonthlyCents: number | null;
  netAnnualCents: number | null;
}

export interface ImpactResult {
  beforeLabel: string;
  afterLabel: string;
  participation: string;
  lines: ImpactLine[];
  groups: ImpactGroup[];
  totals: { count: number; before: SideTotals; after: SideTotals; deltaMonthlyCents: number | null; deltaAnnualCents: number | null; deltaPercent: number | null };
  /** false when a cell has no price: totals are then null; see `partial` and `missing` */
  complete: boolean;
  /** the sums over the lines whose amounts are known */
  partial: { before: SideTotals; after: SideTotals };
  missing: { line: number; side: 'before' | 'after'; formula: string; segment: string; why: string }[];
  errors: { line: number; message: string }[];
  hypotheses: Hypothesis[];
}

export function tableOfVersion(product: ProductFile, version: string): TariffTable {
  const v = product.versions.find((x) => x.code === version);
  return { label: v?.label ?? version, version, cells: product.tariffs.filter((c) => c.version === version) };
}

export function tableOfRevision(result: RevisionResult, label: string): TariffTable {
  return {
    label,
    version: null,
    cells: result.cells.map((c) => ({
      formula: c.formula,
      option: c.option,
      segment: c.segment,
      zone: c.zone,
      amountCents: c.newCents,
      period: c.period,
      source: c.previousSource ?? undefined,
    })),
  };
}

function findCell(table: TariffTable, formula: string, segment: string): CellLike[] {
  return table.cells.filter((c) => c.formula === formula && c.segment === segment && (c.option ?? '') === '');
}

/** The cell of a row, or why it has none. */
function priceOf(
  table: TariffTable,
  row: HeadcountRow,
  segment: SegmentEntry,
  segments: readonly SegmentEntry[],
): { cell: CellLike | null; why: string | null; retireeChild: boolean } {
  const cells = findCell(table, row.formula, row.segment);
  if (cells.length === 0) return { cell: null, why: `tarif non précisé par la source (${table.label}, ${row.formula} × ${row.segment})`, retireeChild: false };
  if (cells.length > 1) return { cell: null, why: `plusieurs cotisations pour ${row.formula} × ${row.segment} (zones non gérées)`, retireeChild: false };
  const cell = cells[0]!;
  if (cell.period !== 'month') return { cell: null, why: `cotisation annuelle: l'impact ne calcule que des cotisations mensuelles`, retireeChild: false };
  if (segment.roles.includes('enfant') && row.status !== null) {
    const parents = segments.filter((s) => s.roles.includes('principal') && s.status === row.status);
    const parentCells = parents.flatMap((s) => findCell(table, row.formula, s.code));
    const verdicts = parentCells.map((p) => sameTable(cell.source, p.source));
    if (parentCells.length === 0 || (verdicts.length > 0 && verdicts.every((v) => v === false))) {
      return {
        cell: null,
        why: `tarif non précisé par la source: la grille des agents « ${row.status} » (${table.label}) n'a pas de colonne Enfants`,
        retireeChild: true,
      };
    }
  }
  return { cell, why: null, retireeChild: false };
}

function side(cell: CellLike | null, why: string | null, count: number, receives: boolean, participation: number | null): ImpactSide {
  if (!cell) {
    return { cellCents: null, monthlyCents: null, annualCents: null, employerPerAgentCents: null, employerMonthlyCents: null, employerAnnualCents: null, netPerAgentCents: null, netMonthlyCents: null, capped: false, why };
  }
  const c = cell.amountCents;
  const per = receives ? (participation === null ? null : Math.min(participation, c)) : 0;
  return {
    cellCents: c,
    monthlyCents: c * count,
    annualCents: 12 * c * count,
    employerPerAgentCents: per,
    employerMonthlyCents: per === null ? null : per * count,
    employerAnnualCents: per === null ? null : 12 * per * count,
    netPerAgentCents: per === null ? null : c - per,
    netMonthlyCents: per === null ? null : (c - per) * count,
    capped: receives && participation !== null && participation > c,
    why: per === null ? 'participation inconnue pour cette ligne' : null,
  };
}

function emptyTotals(): SideTotals {
  return { monthlyCents: 0, annualCents: 0, employerMonthlyCents: 0, employerAnnualCents: 0, netMonthlyCents: 0, netAnnualCents: 0 };
}

function addSide(t: SideTotals, s: ImpactSide, partial: boolean): void {
  const add = (a: number | null, b: number | null): number | null => (a === null ? null : b === null ? (partial ? a : null) : a + b);
  t.monthlyCents = add(t.monthlyCents, s.monthlyCents);
  t.annualCents = add(t.annualCents, s.annualCents);
  t.employerMonthlyCents = add(t.employerMonthlyCents, s.employerMonthlyCents);
  t.employerAnnualCents = add(t.employerAnnualCents, s.employerAnnualCents);
  t.netMonthlyCents = add(t.netMonthlyCents, s.netMonthlyCents);
  t.netAnnualCents = add(t.netAnnualCents, s.netMonthlyCents === null ? null : 12 * s.netMonthlyCents);
}

function deltas(b: number | null, a: number | null, bAnnual: number | null, aAnnual: number | null) {
  return {
    deltaMonthlyCents: b === null || a === null ? null : a - b,
    deltaAnnualCents: bAnnual === null || aAnnual === null ? null : aAnnual - bAnnual,
    deltaPercent: b === null || a === null ? null : deltaPercent(b, a),
  };
}

export function computeImpact(request: ImpactRequest): ImpactResult {
  const { product, before, after } = request;
  const spec: ParticipationSpec = request.participation ?? { kind: 'none' };
  const segments = product.segments;
  const segmentMap = new Map(segments.map((s) => [s.code, s]));
  const formulas = new Set(product.formulas.map((f) => f.code));
  const defaultAgents = segments.filter((s) => s.roles.includes('principal') && s.status !== 'retraite').map((s) => s.code);
  const agents = new Set(spec.segments ?? defaultAgents);
  const hypotheses: Hypothesis[] = [];
  const errors: ImpactResult['errors'] = [];
  const missing: ImpactResult['missing'] = [];
  const lines: ImpactLine[] = [];

  for (const s of spec.segments ?? []) {
    if (!segmentMap.has(s)) errors.push({ line: 0, message: `participation: segment « ${s} » inconnu (${segments.map((x) => x.code).join(', ')})` });
  }

  for (const row of request.headcounts) {
    if (!formulas.has(row.formula)) {
      errors.push({ line: row.line, message: `formule « ${row.formula} » inconnue pour « ${product.product.id} » (${[...formulas].join(', ')})` });
      continue;
    }
    const segment = segmentMap.get(row.segment);
    if (!segment) {
      errors.push({ line: row.line, message: `segment « ${row.segment} » inconnu pour « ${product.product.id} » (${segments.map((s) => s.code).join(', ')})` });
      continue;
    }
    if (row.status !== null && segment.status !== null && row.status !== segment.status) {
      errors.push({ line: row.line, message: `statut « ${row.status} » contraire au segment « ${segment.label} »` });
      continue;
    }
    const receives = agents.has(row.segment);
    let participation: number | null = 0;
    if (receives) {
      const p = participationFor(spec, row.band);
      if (!p.ok) {
        errors.push({ line: row.line, message: p.message });
        participation = null;
      } else participation = p.amountCents;
    }
    if (segment.roles.includes('enfant') && row.status === null && segments.some((s) => s.status === 'retraite')) {
      addHypothesis(hypotheses, {
        code: 'enfants-sans-statut',
        ruling: 4,
        text: "Lignes « enfant » sans statut: comptées comme enfants d'agents actifs (colonne Enfants de la grille des actifs). Pour les enfants de retraités, ajouter la colonne « statut » = retraite.",
        source: segment.source,
      });
    }
    const b = priceOf(before, row, segment, segments);
    const a = priceOf(after, row, segment, segments);
    for (const [which, r, table] of [['before', b, before], ['after', a, after]] as const) {
      if (!r.cell) missing.push({ line: row.line, side: which, formula: row.formula, segment: row.segment, why: r.why ?? '' });
      if (r.retireeChild) {
        addHypothesis(hypotheses, {
          code: 'enfant-de-retraite',
          ruling: 4,
          text: `Enfants de retraités (${table.label}): la grille des retraités n'a pas de colonne Enfants; pas de tarif donné par la source, aucune autre colonne n'est substituée.`,
          source: null,
        });
      }
    }
    const sb = side(b.cell, b.why, row.count, receives, participation);
    const sa = side(a.cell, a.why, row.count, receives, participation);
    lines.push({
      formula: row.formula,
      segment: row.segment,
      status: row.status,
      band: row.band,
      count: row.count,
      line: row.line,
      receivesParticipation: receives,
      before: sb,
      after: sa,
      ...deltas(sb.monthlyCents, sa.monthlyCents, sb.annualCents, sa.annualCents),
    });
  }

  // Groups per formula × segment, totals, partial sums.
  const groups = new Map<string, ImpactGroup>();
  const total = { count: 0, before: emptyTotals(), after: emptyTotals() };
  const partial = { before: emptyTotals(), after: emptyTotals() };
  for (const l of lines) {
    const k = `${l.formula}\u0000${l.segment}`;
    let g = groups.get(k);
    if (!g) {
      g = { formula: l.formula, segment: l.segment, count: 0, before: emptyTotals(), after: emptyTotals(), deltaMonthlyCents: null, deltaAnnualCents: null, deltaPercent: null };
      groups.set(k, g);
    }
    g.count += l.count;
    total.count += l.count;
    addSide(g.before, l.before, false);
    addSide(g.after, l.after, false);
    addSide(total.before, l.before, false);
    addSide(total.after, l.after, false);
    addSide(partial.before, l.before, true);
    addSide(partial.after, l.after, true);
  }
  for (const g of groups.values()) Object.assign(g, deltas(g.before.monthlyCents, g.after.monthlyCents, g.before.annualCents, g.after.annualCents));

  if (spec.kind !== 'none') {
    addHypothesis(hypotheses, {
      code: 'participation-plafond',
      ruling: null,
      text: `Participation employeur (${describeParticipation(spec)}) plafonnée à la cotisation de l'agent: elle ne peut dépasser la cotisation due.`,
      source: null,
    });
    addHypothesis(hypotheses, {
      code: 'participation-segments',
      ruling: null,
      text: spec.segments
        ? `Participation versée aux segments: ${spec.segments.join(', ')}.`
        : `Participation versée par agent sur sa propre cotisation, segments ${defaultAgents.join(', ')}; ni les enfants ni les retraités n'en reçoivent.`,
      source: null,
    });
  }
  addHypothesis(hypotheses, {
    code: 'impact-annuel',
    ruling: 1,
    text: 'Coût mensuel = effectif × cotisation arrondie de la cellule; coût annuel = 12 × coût mensuel.',
    source: null,
  });

  const complete = missing.length === 0 && lines.every((l) => l.before.employerPerAgentCents !== null && l.after.employerPerAgentCents !== null);
  return {
    beforeLabel: before.label,
    afterLabel: after.label,
    participation: describeParticipation(spec),
    lines,
    groups: [...groups.values()],
    totals: { ...total, ...deltas(total.before.monthlyCents, total.after.monthlyCents, total.before.annualCents, total.after.annualCents) },
    complete,
    partial,
    missing,
    errors,
    hypotheses,
  };
}
