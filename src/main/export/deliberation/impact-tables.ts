/**
 * The three tables of the "Impact budgétaire" sheet, each under the one before: the cost of the
 * cotisations per headcount line, the employer participation and the agents' net cost (reading the
 * first table's lines), and the sums per formula × segment when several lines share one.
 */
import type { ImpactLine, ImpactResult, ImpactSide } from '../../../shared/core/impact';
import { cellAddress } from '../sheet-rows';
import { amountCell, cellsRow, missingCell, type BlockRows, type Cell, type SheetGrid } from '../sheet-grid';
import { textStyle, titleStyle } from '../styles';
import { formula } from '../workbook-writer';
import { COUNT, EURO, EURO_SIGNED, PERCENT_SIGNED } from './format';
import type { SideName } from './grid';
import { amountColumn, headerCells, leadCells, type ImpactLayout } from './impact-layout';
import { totalsRows } from './impact-totals';

/** A line's cotisation per person, linked to the main sheet's cell when it shows the same amount. */
export type CotisationCell = (line: ImpactLine, side: SideName, s: ImpactSide) => Cell;

function tableTitle(g: SheetGrid, title: string): void {
  g.blank();
  g.add(cellsRow([[title, titleStyle]], { height: 20 }));
}

/** The change over the amount before: "non précisé" when a side is missing, "non calculable" over 0. */
function changeRatio(delta: number | null, before: number | null, formulaText: string): Cell {
  if (delta === null || before === null) return missingCell();
  if (before === 0) return missingCell('non calculable');
  return [formula(formulaText, delta / before), PERCENT_SIGNED];
}

const COST_HEADERS = ['Cotisation avant (par personne)', 'Cotisation après (par personne)', 'Coût mensuel avant', 'Coût mensuel après', 'Écart mensuel', 'Écart %', 'Coût annuel avant', 'Coût annuel après', 'Écart annuel'];

/** Table 1: per line the cotisation, the monthly and annual cost before and after, and the changes. */
export function costTable(g: SheetGrid, layout: ImpactLayout, result: ImpactResult, cotisation: CotisationCell): BlockRows {
  const col = (i: number) => amountColumn(layout, i);
  tableTitle(g, 'Coût des cotisations');
  const body = g.block(cellsRow(headerCells(layout.lead, COST_HEADERS), { height: 46 }), result.lines, (l, _i, r) => {
    const A = (c: number) => cellAddress(c, r);
    const cnt = A(layout.countColumn);
    return cellsRow([
      ...leadCells(layout, l),
      cotisation(l, 'before', l.before),
      cotisation(l, 'after', l.after),
      amountCell(l.before.monthlyCents, EURO, `${cnt}*${A(col(0))}`),
      amountCell(l.after.monthlyCents, EURO, `${cnt}*${A(col(1))}`),
      amountCell(l.deltaMonthlyCents, EURO_SIGNED, `${A(col(3))}-${A(col(2))}`),
      changeRatio(l.deltaMonthlyCents, l.before.monthlyCents, `${A(col(4))}/${A(col(2))}`),
      amountCell(l.before.annualCents, EURO, `12*${A(col(2))}`),
      amountCell(l.after.annualCents, EURO, `12*${A(col(3))}`),
      amountCell(l.deltaAnnualCents, EURO_SIGNED, `${A(col(7))}-${A(col(6))}`),
    ]);
  });
  totalsRows(g, layout, body, result, (t) => [
    null,
    null,
    { sum: col(2), cents: t.before.monthlyCents },
    { sum: col(3), cents: t.after.monthlyCents },
    { minus: [col(3), col(2)], before: t.before.monthlyCents, after: t.after.monthlyCents },
    { ratio: [col(4), col(2)], before: t.before.monthlyCents, after: t.after.monthlyCents },
    { sum: col(6), cents: t.before.annualCents },
    { sum: col(7), cents: t.after.annualCents },
    { minus: [col(7), col(6)], before: t.before.annualCents, after: t.after.annualCents },
  ]);
  return body;
}

const PARTICIPATION_HEADERS = [
  'Participation par agent avant',
  'Participation par agent après',
  'Coût employeur annuel avant',
  'Coût employeur annuel après',
  'Écart employeur annuel',
  'Reste à charge par agent avant',
  'Reste à charge par agent après',
  'Reste à charge annuel des agents avant',
  'Reste à charge annuel des agents après',
];

/** Table 2: the employer participation and the agents' net cost; the net per agent reads table 1's cotisation. */
export function participationTable(g: SheetGrid, layout: ImpactLayout, result: ImpactResult, cost: BlockRows): BlockRows {
  const col = (i: number) => amountColumn(layout, i);
  tableTitle(g, 'Participation employeur et reste à charge des agents');
  const body = g.block(cellsRow(headerCells(layout.lead, PARTICIPATION_HEADERS), { height: 46 }), result.lines, (l, i, r) => {
    const A = (c: number) => cellAddress(c, r);
    const C = (c: number) => cellAddress(c, cost.firstRow + i);
    const cnt = A(layout.countColumn);
    const b = l.before;
    const a = l.after;
    return cellsRow([
      ...leadCells(layout, l),
      amountCell(b.employerPerAgentCents, EURO),
      amountCell(a.employerPerAgentCents, EURO),
      amountCell(b.employerAnnualCents, EURO, `12*${cnt}*${A(col(0))}`),
      amountCell(a.employerAnnualCents, EURO, `12*${cnt}*${A(col(1))}`),
      amountCell(b.employerAnnualCents === null || a.employerAnnualCents === null ? null : a.employerAnnualCents - b.employerAnnualCents, EURO_SIGNED, `${A(col(3))}-${A(col(2))}`),
      amountCell(b.netPerAgentCents, EURO, `${C(col(0))}-${A(col(0))}`),
      amountCell(a.netPerAgentCents, EURO, `${C(col(1))}-${A(col(1))}`),
      amountCell(b.netMonthlyCents === null ? null : 12 * b.netMonthlyCents, EURO, `12*${cnt}*${A(col(5))}`),
      amountCell(a.netMonthlyCents === null ? null : 12 * a.netMonthlyCents, EURO, `12*${cnt}*${A(col(6))}`),
    ]);
  });
  totalsRows(g, layout, body, result, (t) => [
    null,
    null,
    { sum: col(2), cents: t.before.employerAnnualCents },
    { sum: col(3), cents: t.after.employerAnnualCents },
    { minus: [col(3), col(2)], before: t.before.employerAnnualCents, after: t.after.employerAnnualCents },
    null,
    null,
    { sum: col(7), cents: t.before.netAnnualCents },
    { sum: col(8), cents: t.after.netAnnualCents },
  ]);
  return body;
}

const GROUP_HEADERS = ['Coût mensuel avant', 'Coût mensuel après', 'Écart mensuel', 'Écart %', 'Coût employeur annuel avant', 'Coût employeur annuel après', 'Reste à charge annuel avant', 'Reste à charge annuel après'];

/** Table 3: per formula × segment, when several headcount lines share one (statut, tranche): sums of tables 1 and 2. */
export function groupsTable(g: SheetGrid, layout: ImpactLayout, result: ImpactResult, cost: BlockRows, participation: BlockRows): void {
  const L = layout.countColumn;
  const col = (i: number) => amountColumn(layout, i);
  tableTitle(g, 'Par formule et segment');
  const lead = ['Formule', 'Segment', ...new Array<string | null>(L - 3).fill(null), 'Effectif'];
  g.block(cellsRow(headerCells(lead, GROUP_HEADERS), { height: 46 }), result.groups, (grp, _i, r) => {
    const A = (c: number) => cellAddress(c, r);
    const members = result.lines.map((l, i) => (l.formula === grp.formula && l.segment === grp.segment ? i : -1)).filter((i) => i >= 0);
    const sumOf = (refs: string[]) => (refs.length === 1 ? refs[0]! : `SUM(${refs.join(',')})`);
    const sum1 = (c: number) => sumOf(members.map((i) => cellAddress(c, cost.firstRow + i)));
    const sum2 = (c: number) => sumOf(members.map((i) => cellAddress(c, participation.firstRow + i)));
    const bm = grp.before.monthlyCents;
    const am = grp.after.monthlyCents;
    return cellsRow([
      [layout.formulaLabel.get(grp.formula) ?? grp.formula, textStyle],
      [layout.segmentLabel.get(grp.segment) ?? grp.segment, textStyle],
      ...new Array<Cell>(L - 3).fill([null, textStyle]),
      // the head count sits in the count column like the tables above
      [formula(sum1(L), grp.count), COUNT],
      amountCell(bm, EURO, sum1(col(2))),
      amountCell(am, EURO, sum1(col(3))),
      amountCell(grp.deltaMonthlyCents, EURO_SIGNED, `${A(col(1))}-${A(col(0))}`),
      changeRatio(bm === null || am === null ? null : am - bm, bm, `${A(col(2))}/${A(col(0))}`),
      amountCell(grp.before.employerAnnualCents, EURO, sum2(col(2))),
      amountCell(grp.after.employerAnnualCents, EURO, sum2(col(3))),
      amountCell(grp.before.netAnnualCents, EURO, sum2(col(7))),
      amountCell(grp.after.netAnnualCents, EURO, sum2(col(8))),
    ]);
  });
}
