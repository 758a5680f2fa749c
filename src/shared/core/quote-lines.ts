/**
 * The per-member passes of a household quote, in order, each on the lines of the quote:
 * - segment and cell (docs/RULINGS.md, règle 4): the member's segment, then the one cell of the formula for it
 *   (no cell: « tarif non précisé par la source »; several: refused, the zone is not handled);
 * - the principal's table: a child belongs to the principal's household; when the principal's cell and the
 *   child's do not stand in the same printed table (`sameTable`: Intériale 2026, the retirees' table has no
 *   children column), the child has no stated price and the total is incomplete (règle 4);
 * - free ranks (règle 3): children ranked by birth, oldest first; from the rule's rank on, the amount is 0 (a child
 *   with no stated price stays « non précisé »: nothing is assumed);
 * - totals (règle 1): sums of the rounded cells; monthly = Σ monthly cells; annual = 12 × monthly (+ Σ yearly
 *   cells); null unless every member has a stated price, the partial sums given apart.
 * Pure.
 */
import type { TariffCellEntry } from './catalogue-schema';
import { memberName, type ResolvedMember } from './members';
import { formatEuros } from './money';
import { sameTable, type ProductIndex } from './product-index';
import { addHypothesis, type MemberInput, type VersionRef } from './pricing-types';
import { segmentFor, type FormulaPlan, type PlanHypotheses, type SegmentEntry } from './quote-plan';
import { NON_PRECISE, type HouseholdQuote, type QuoteLine, type QuoteTotals } from './quote-types';

/** What the passes of one product × formula share. */
export interface QuoteScope {
  q: HouseholdQuote;
  index: ProductIndex;
  version: VersionRef;
  plan: FormulaPlan;
  year: number;
  H: PlanHypotheses;
  /** members refused so far */
  refused: Set<number>;
}

export function periodWord(p: 'month' | 'year'): string {
  return p === 'month' ? 'par mois' : 'par an';
}

export function lineOf(m: ResolvedMember, input: MemberInput): QuoteLine {
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

function refuseLine(s: QuoteScope, m: ResolvedMember, line: QuoteLine, code: string, message: string, why: string): void {
  s.q.refusals.push({ code, member: m.index, message: `${memberName(m)}: ${message}`, rule: null });
  s.refused.add(m.index);
  line.outcome = 'refused';
  line.why = why;
}

/** The one cell of the formula for the member's segment, or none (not stated) or refused (several). */
function cellFor(s: QuoteScope, m: ResolvedMember, seg: SegmentEntry, line: QuoteLine): TariffCellEntry | undefined {
  const cells = s.plan.cellsBySegment.get(seg.code) ?? [];
  if (cells.length === 0) {
    line.why = `${NON_PRECISE} (segment « ${seg.label} », formule « ${s.q.formula.label} », version « ${s.version.label} »)`;
    return undefined;
  }
  if (cells.length > 1) {
    const zones = cells.map((c) => c.zone || '—').join(', ');
    refuseLine(s, m, line, 'cellule-ambigue', `plusieurs cotisations pour le segment « ${seg.label} » (zones: ${zones}); zone non gérée`, 'plusieurs cotisations possibles');
    return undefined;
  }
  const cell = cells[0]!;
  line.cell = cell;
  line.outcome = 'priced';
  line.amountCents = cell.amountCents;
  line.period = cell.period;
  line.why = `segment « ${seg.label} »${seg.ageMin !== null || seg.ageMax !== null ? ` (${m.age} ans en ${s.year})` : ''}: ${formatEuros(cell.amountCents)} ${periodWord(cell.period)}`;
  return cell;
}

/** Segment then cell for each member; the lines indexed by member, with the cell each is priced on. */
export function priceMembers(s: QuoteScope, members: readonly ResolvedMember[], inputs: readonly MemberInput[]): { lines: QuoteLine[]; cellOf: (TariffCellEntry | undefined)[] } {
  const lines: QuoteLine[] = [];
  const cellOf: (TariffCellEntry | undefined)[] = [];
  let usedAgeBound = false;
  for (const m of members) {
    const line = lineOf(m, inputs[m.index]!);
    lines[m.index] = line;
    if (s.refused.has(m.index)) {
      line.outcome = 'refused';
      line.why = 'refusé (voir les refus)';
      continue;
    }
    const seg = segmentFor(s.index, m.role, m.status, m.age);
    if (!seg.ok) {
      refuseLine(s, m, line, seg.code, seg.reason, seg.reason);
      continue;
    }
    line.segment = seg.segment;
    if (seg.segment.ageMin !== null || seg.segment.ageMax !== null) usedAgeBound = true;
    const cell = cellFor(s, m, seg.segment, line);
    if (!cell) continue;
    cellOf[m.index] = cell;
    const { H } = s;
    if (m.role === 'conjoint' && H.conjoint) addHypothesis(s.q.hypotheses, H.conjoint);
    if (seg.segment.status === 'retraite' && seg.segment.ageMin === null && seg.segment.ageMax === null && H.retraite) addHypothesis(s.q.hypotheses, H.retraite);
    if (m.role === 'enfant' && H.enfant) addHypothesis(s.q.hypotheses, H.enfant);
  }
  if (usedAgeBound) addHypothesis(s.q.hypotheses, s.H.ageMillesime);
  return { lines, cellOf };
}

/** A child is priced only from a table the principal's cell stands in (règle 4). */
export function principalsTable(s: QuoteScope, lines: QuoteLine[], cellOf: (TariffCellEntry | undefined)[], principal: ResolvedMember | undefined, children: readonly ResolvedMember[]): void {
  const principalCell = principal ? cellOf[principal.index] : undefined;
  const principalSegment = principal ? lines[principal.index]?.segment : null;
  const label = s.version.label;
  for (const c of children) {
    const cell = cellOf[c.index];
    const line = lines[c.index]!;
    if (!cell || !principalCell || !principalSegment) continue;
    const retired = principalSegment.status === 'retraite';
    const same = sameTable(cell.source, principalCell.source);
    if (same === false) {
      cellOf[c.index] = undefined;
      Object.assign(line, { cell: null, outcome: 'non-precise', amountCents: null, period: null });
      line.why = `${NON_PRECISE}: la grille « ${principalSegment.label} » de la version « ${label} » n’a pas de colonne Enfants; aucune autre colonne n’est substituée`;
      addHypothesis(s.q.hypotheses, {
        code: retired ? 'enfant-de-retraite' : 'enfant-hors-grille',
        ruling: 4,
        text: `Enfant d’un assuré « ${principalSegment.label} »: la grille de ce segment (version « ${label} ») n’a pas de colonne Enfants, donc pas de tarif donné par la source; le total est incomplet.`,
        source: principalCell.source,
      });
    } else if (same === true && retired) {
      addHypothesis(s.q.hypotheses, {
        code: 'enfant-de-retraite-meme-tableau',
        ruling: 4,
        text: `Enfant d’un retraité: tarifé sur la colonne Enfants, imprimée dans le même tableau que la colonne Retraités (version « ${label} »).`,
        source: cell.source,
      });
    }
  }
}

/** Children's ranks by birth, then the free ones from the rule's rank (règle 3). */
export function freeRanks(s: QuoteScope, lines: QuoteLine[], children: readonly ResolvedMember[], ranks: ReadonlyMap<number, number>, tie: boolean): void {
  if (children.length === 0) return;
  for (const c of children) lines[c.index]!.rank = ranks.get(c.index) ?? null;
  const free = s.plan.free;
  if (!free) return;
  const from = free.params.rank;
  addHypothesis(s.q.hypotheses, s.H.gratuite!);
  if (tie && children.length >= from) addHypothesis(s.q.hypotheses, s.H.rangEgalite!);
  for (const c of children) {
    const line = lines[c.index]!;
    if (line.rank === null || line.rank < from || line.outcome !== 'priced') continue;
    line.outcome = 'free';
    line.amountCents = 0;
    line.why = `gratuit: ${line.rank}e enfant par date de naissance (« ${free.rule.source.quote} »); cotisation de la cellule: ${formatEuros(line.cell!.amountCents)}`;
  }
}

/** Totals of the lines (règle 1); a member refused or without a stated price makes them incomplete. */
export function computeTotals(lines: readonly QuoteLine[], refusedMembers: readonly number[]): QuoteTotals {
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
