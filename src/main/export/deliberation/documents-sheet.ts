/** The "Tableaux des documents" sheet: each table as its document prints it (Annexe 1: ACTIFS, RETRAITÉS). */
import type { Style } from 'exceljs';
import type { Source } from '../../../shared/core/catalogue-schema';
import { NOT_SPECIFIED } from '../../../shared/core/compare';
import type { CellLike } from '../../../shared/core/revision';
import { sourceFileText } from '../../../shared/core/source-label';
import { cellsRow, groupRow, SheetGrid, type Cell } from '../sheet-grid';
import { euros } from '../sheet-rows';
import { headerLeftStyle, headerStyle, missingAmountStyle, textStyle, titleStyle, titleWrapStyle, wrapNoteStyle } from '../styles';
import { landscapeFitToWidth, type SheetRow, type SheetSpec } from '../workbook-writer';
import { EURO, SIDE_WORD, sideTitle } from './format';
import { cellKey, cellMap, SIDES, type Grid } from './grid';
import { SHEET_DOCUMENTS, type DeliberationData } from './types';

/** The heading of one printed table: bold, wrapped over the table's width. */
const subtitleStyle: Partial<Style> = { ...titleWrapStyle, font: { bold: true, size: 12 } };

interface PrintedTable {
  section: string;
  source: Source | null;
  from: number;
  to: number;
  cells: CellLike[];
}

/** A side's cells grouped by printed section, in the order of their lines. */
function printedTables(cells: readonly CellLike[]): PrintedTable[] {
  const groups = new Map<string, PrintedTable>();
  for (const c of cells) {
    const k = c.source ? `${c.source.file}\u0000${c.source.section}` : '';
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { section: c.source?.section ?? 'Sans source', source: c.source ?? null, from: c.source?.lines[0] ?? 0, to: c.source?.lines[1] ?? 0, cells: [] }));
    g.cells.push(c);
    if (c.source) {
      g.from = Math.min(g.from, c.source.lines[0]);
      g.to = Math.max(g.to, c.source.lines[1]);
    }
  }
  return [...groups.values()].sort((a, b) => a.from - b.from);
}

function printedTable(g: SheetGrid, data: DeliberationData, grid: Grid, t: PrintedTable, merge: SheetRow['merge']): void {
  const segLabel = new Map(data.product.segments.map((s) => [s.code, s.label]));
  g.blank();
  g.add(cellsRow([[t.source ? `${t.section} — ${sourceFileText(t.source.file)}, l. ${t.from === t.to ? t.from : `${t.from}–${t.to}`}` : t.section, subtitleStyle]], { merge }));
  const segs = data.product.segments.map((x) => x.code).filter((code) => t.cells.some((c) => c.segment === code));
  for (const c of t.cells) if (!segs.includes(c.segment)) segs.push(c.segment);
  g.add(cellsRow([['Formule', headerLeftStyle], ...segs.map((x): Cell => [segLabel.get(x) ?? x, headerStyle])], { height: 34 }));
  const map = cellMap(t.cells);
  for (const row of grid.rows) {
    const amounts = segs.map((seg) => map.get(cellKey(row, seg)) ?? null);
    if (amounts.every((a) => a === null)) continue;
    g.add(cellsRow([[row.label, textStyle], ...amounts.map((a): Cell => (a ? [euros(a.amountCents), EURO] : [NOT_SPECIFIED, missingAmountStyle]))]));
  }
}

export function documentsSheet(data: DeliberationData, grid: Grid): SheetSpec {
  const g = new SheetGrid();
  const maxCols = 1 + grid.columns.length;
  const merge: SheetRow['merge'] = maxCols > 1 ? [[1, maxCols]] : undefined;
  g.add(cellsRow([['Les tableaux tels que les documents les impriment', titleStyle]], { height: 20 }));
  for (const side of SIDES) {
    const s = data[side];
    g.blank();
    g.add(groupRow(sideTitle(s, SIDE_WORD[side]), maxCols));
    if (s.document) g.add(cellsRow([[`Document : ${s.document.title} (${sourceFileText(s.document.file)})`, wrapNoteStyle]], { merge }));
    if (s.computed) g.add(cellsRow([['Montants calculés par Grille, présentés comme le tableau d’origine.', wrapNoteStyle]], { merge }));
    for (const t of printedTables(s.cells)) printedTable(g, data, grid, t, merge);
  }
  return { name: SHEET_DOCUMENTS, widths: [40, ...grid.columns.map(() => 17)], pageSetup: landscapeFitToWidth(), rows: g.rows() };
}
