/**
 * The "Impact budgétaire" sheet: per headcount line the cost before and after (monthly and annual),
 * then the employer participation and what is left for the agents, with totals; per formula × segment
 * when lines share one. Each line's cotisation is a link to its cell of the "Délibération" sheet.
 */
import { NOT_SPECIFIED } from '../../../shared/core/compare';
import type { ImpactResult } from '../../../shared/core/impact';
import { euros, sheetCellAddress } from '../sheet-rows';
import { cellsRow, noteRow, SheetGrid } from '../sheet-grid';
import { missingAmountStyle, titleWrapStyle, wrapNoteStyle } from '../styles';
import { formula, landscapeFitToWidth, type SheetSpec } from '../workbook-writer';
import { EURO } from './format';
import { keyOf, type Grid } from './grid';
import { impactLayout, impactWidths, type ImpactLayout } from './impact-layout';
import { costTable, groupsTable, participationTable, type CotisationCell } from './impact-tables';
import type { MainSheet } from './main-sheet';
import { SHEET_IMPACT, SHEET_TABLE, type DeliberationData } from './types';

/** Where each line's cotisation stands in the main sheet (a live link), when its value is the one shown there. */
function cotisationLinks(main: MainSheet, grid: Grid): CotisationCell {
  const rowIndex = new Map(grid.rows.map((r, i) => [keyOf(r.formula, r.option, r.zone), i]));
  const segIndex = new Map(grid.columns.map((c, i) => [c.code, i]));
  const derivedIndex = grid.columns.findIndex((c) => c.code === null);
  return (line, side, s) => {
    if (s.cellCents === null) return [NOT_SPECIFIED, missingAmountStyle];
    const r = rowIndex.get(keyOf(line.formula, '', ''));
    const retireeChild = line.status === 'retraite' && derivedIndex >= 0 && grid.childColumn !== null && grid.columns[grid.childColumn]!.code === line.segment;
    const c = retireeChild ? derivedIndex : segIndex.get(line.segment);
    const ref = r === undefined || c === undefined ? null : main.refs[side][r]![c]!;
    const shown = r === undefined || c === undefined ? null : grid.cents[side][r]![c]!;
    if (ref === null || shown !== s.cellCents) return [euros(s.cellCents), EURO];
    return [formula(sheetCellAddress(SHEET_TABLE, ref.column, ref.row), euros(s.cellCents)), EURO];
  };
}

function heading(g: SheetGrid, data: DeliberationData, result: ImpactResult, headcountsName: string, layout: ImpactLayout): void {
  const merge: [number, number][] = [[1, layout.span]];
  g.add(cellsRow([[`Impact budgétaire — ${data.product.product.name}`, titleWrapStyle]], { height: 20, merge }));
  g.add(cellsRow([[`${result.beforeLabel} → ${result.afterLabel} — effectifs : ${headcountsName}`, wrapNoteStyle]], { merge }));
  g.add(cellsRow([[`Participation employeur : ${result.participation}.`, wrapNoteStyle]], { merge }));
  if (!result.complete) g.add(cellsRow([['Des cotisations ne sont pas précisées par la source : les totaux concernés sont « non précisé » ; la ligne « partiel » somme ce qui est connu.', wrapNoteStyle]], { merge }));
}

function notes(g: SheetGrid, result: ImpactResult, layout: ImpactLayout): void {
  g.blank();
  for (const m of result.missing) {
    const where = `${layout.formulaLabel.get(m.formula) ?? m.formula} × ${layout.segmentLabel.get(m.segment) ?? m.segment}`;
    g.add(noteRow(`Ligne ${m.line} des effectifs (${m.side === 'before' ? 'avant' : 'après'}) ${where} : ${m.why}.`, layout.span, wrapNoteStyle));
  }
  g.add(
    noteRow(
      'Coût mensuel = effectif × cotisation ; coût annuel = 12 × coût mensuel. Participation employeur plafonnée à la cotisation de l’agent ; reste à charge = cotisation − participation. Les cotisations renvoient aux cellules de la feuille « Délibération ».',
      layout.span,
    ),
  );
}

export function impactSheet(data: DeliberationData, result: ImpactResult, headcountsName: string, main: MainSheet, grid: Grid): SheetSpec {
  const layout = impactLayout(data, result);
  const g = new SheetGrid();
  heading(g, data, result, headcountsName, layout);
  const cost = costTable(g, layout, result, cotisationLinks(main, grid));
  const participation = participationTable(g, layout, result, cost);
  if (result.groups.length < result.lines.length) groupsTable(g, layout, result, cost, participation);
  notes(g, result, layout);
  return { name: SHEET_IMPACT, widths: impactWidths(layout), frozen: { rows: 0, columns: 2 }, pageSetup: landscapeFitToWidth(), rows: g.rows() };
}
