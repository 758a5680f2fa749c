/**
 * The "Délibération" sheet: the two tables (formulas as rows, segments as columns), then per cell the
 * change in euros and in percent and, when the "after" side has revision components, the check of each
 * cell against them and the components themselves. Each block is placed under the one before and gives
 * back its rows; the formulas name the cells of the blocks they read by those rows.
 */
import { formatDateFr } from '../../../shared/core/format';
import { applyFactor, formatFactor } from '../../../shared/core/money';
import { GrilleError } from '../../../shared/errors';
import { cellAddress, euros } from '../sheet-rows';
import { blockCell, cellsRow, groupRow, missingCell, noteRow, SheetGrid, type BlockRows, type Cell } from '../sheet-grid';
import { headerLeftStyle, headerStyle, textStyle, titleWrapStyle, wrapNoteStyle } from '../styles';
import { formula, landscapeFitToWidth, type SheetSpec } from '../workbook-writer';
import { componentsBlock } from './components-block';
import { EURO, EURO_SIGNED, PERCENT_SIGNED, SIDE_WORD, sideTitle } from './format';
import { SIDES, type Grid, type SideName } from './grid';
import { SHEET_TABLE, TABLE_HEADER_ROW, type DeliberationData, type DeliberationRevision } from './types';

export interface Ref {
  column: number;
  row: number;
}

export interface MainSheet {
  spec: SheetSpec;
  /** where each amount of the two tables stands (null: "non précisé"), per side: [row][column] */
  refs: Record<SideName, (Ref | null)[][]>;
}

const PERIOD_WORD = { month: 'mensuelles', year: 'annuelles', mixed: 'mensuelles ou annuelles' } as const;

/** The amounts of the grid's columns start in column B. */
const FIRST_COLUMN = 2;

/** One block over the grid: a heading, then one row per grid row (its label, then a cell per column). */
function gridBlock(g: SheetGrid, grid: Grid, heading: string, cell: (r: number, c: number, at: number) => Cell): BlockRows {
  return g.block(groupRow(heading, 1 + grid.columns.length), grid.rows, (row, r, at) => cellsRow([[row.label, textStyle], ...grid.columns.map((_col, c) => cell(r, c, at))]));
}

/** The address of the grid cell [r][c] in a block. */
const at = (block: BlockRows, r: number, c: number) => blockCell(block, r, FIRST_COLUMN + c);

/** The title, the notes and the header; returns the header's row. */
function heading(g: SheetGrid, data: DeliberationData, grid: Grid, date: Date, span: number): number {
  const merge: [number, number][] = [[1, span]];
  g.add(cellsRow([[`Évolution des cotisations — ${data.product.product.name}`, titleWrapStyle]], { height: 20, merge }));
  g.add(cellsRow([[`${data.reference ? `${data.reference} — ` : ''}${data.before.label} → ${data.after.label}`, wrapNoteStyle]], { merge }));
  g.add(
    cellsRow([[`Cotisations ${PERIOD_WORD[grid.period]} en euros, par personne. Écarts, contrôles et totaux : formules Excel. Document établi le ${formatDateFr(date.toISOString().slice(0, 10))}.`, wrapNoteStyle]], {
      merge,
    }),
  );
  g.blank();
  return g.add(cellsRow([['Formule', headerLeftStyle], ...grid.columns.map((c): Cell => [c.label, headerStyle])], { height: 34 }));
}

/** A side's amounts; the derived column repeats the children's cell of its row by a formula. */
function amountsBlock(g: SheetGrid, data: DeliberationData, grid: Grid, side: SideName): BlockRows {
  return gridBlock(g, grid, sideTitle(data[side], SIDE_WORD[side]), (r, c, row) => {
    const v = grid.cents[side][r]![c]!;
    if (v === null) return missingCell();
    if (grid.columns[c]!.code === null) return [formula(cellAddress(FIRST_COLUMN + grid.childColumn!, row), euros(v)), EURO];
    return [euros(v), EURO];
  });
}

/** Changes: after − before, and the change over before; nothing where a side has no price. */
function changeBlocks(g: SheetGrid, grid: Grid, before: BlockRows, after: BlockRows): void {
  const priced = (r: number, c: number) => grid.cents.before[r]![c]! !== null && grid.cents.after[r]![c]! !== null;
  const delta = gridBlock(g, grid, 'Écart en euros (après − avant)', (r, c) => {
    if (!priced(r, c)) return missingCell();
    return [formula(`${at(after, r, c)}-${at(before, r, c)}`, euros(grid.cents.after[r]![c]! - grid.cents.before[r]![c]!)), EURO_SIGNED];
  });
  gridBlock(g, grid, 'Écart en % (écart en euros / avant)', (r, c) => {
    if (!priced(r, c)) return missingCell();
    const b = grid.cents.before[r]![c]!;
    const a = grid.cents.after[r]![c]!;
    if (b === 0) return missingCell('non calculable');
    return [formula(`${at(delta, r, c)}/${at(before, r, c)}`, (a - b) / b), PERCENT_SIGNED];
  });
}

/**
 * The check: each "before" cell × the coefficient, rounded to the cent; then after − check. The
 * coefficient stands in the components' table written under these blocks: the formulas read its
 * address once that table is placed.
 */
function checkBlocks(g: SheetGrid, grid: Grid, rev: DeliberationRevision, before: BlockRows, after: BlockRows, coefficient: () => string): void {
  const checked = (r: number, c: number) => {
    const b = grid.cents.before[r]![c]!;
    return b === null ? null : applyFactor(b, rev.factor);
  };
  const check = gridBlock(g, grid, `Contrôle : avant × coefficient ${formatFactor(rev.factor)}, arrondi au centime`, (r, c) => {
    const k = checked(r, c);
    if (k === null) return missingCell();
    const b = at(before, r, c);
    return [() => formula(`ROUND(${b}*${coefficient()},2)`, euros(k)), EURO];
  });
  const title = rev.origin === 'version' ? 'Écart entre le tableau « après » et le contrôle (0,00 € : conforme aux composantes)' : 'Écart entre « après » et le contrôle (0,00 € : calcul vérifié)';
  gridBlock(g, grid, title, (r, c) => {
    const a = grid.cents.after[r]![c]!;
    const k = checked(r, c);
    if (a === null || k === null) return missingCell();
    return [formula(`${at(after, r, c)}-${at(check, r, c)}`, euros(a - k)), EURO_SIGNED];
  });
}

export function mainSheet(data: DeliberationData, grid: Grid, date: Date): MainSheet {
  const width = 1 + grid.columns.length;
  const span = Math.max(width, 4);
  const rev = data.revision;
  const g = new SheetGrid();

  const header = heading(g, data, grid, date, span);
  if (header !== TABLE_HEADER_ROW) throw new GrilleError('INTERNAL', 'mise en page de la délibération : ligne d’en-tête inattendue');
  const tables = { before: amountsBlock(g, data, grid, 'before'), after: amountsBlock(g, data, grid, 'after') };
  changeBlocks(g, grid, tables.before, tables.after);
  if (rev) {
    let coefRow: number | null = null;
    const coefficient = () => {
      if (coefRow === null) throw new GrilleError('INTERNAL', 'mise en page de la délibération : coefficient non placé');
      return cellAddress(2, coefRow, true);
    };
    checkBlocks(g, grid, rev, tables.before, tables.after, coefficient);
    coefRow = componentsBlock(g, rev, data.after.label, span).coefRow;
  }

  g.blank();
  if (grid.derivedNote) g.add(noteRow(grid.derivedNote, span));
  g.add(noteRow('« non précisé » : la source ne donne pas ce montant ; il n’est jamais remplacé par 0, et les écarts qui en dépendent restent « non précisé ».', span));

  const refs = {} as Record<SideName, (Ref | null)[][]>;
  for (const side of SIDES) {
    refs[side] = grid.cents[side].map((row, r) => row.map((v, c) => (v === null ? null : { column: FIRST_COLUMN + c, row: tables[side].firstRow + r })));
  }
  return {
    spec: {
      name: SHEET_TABLE,
      widths: [40, ...grid.columns.map(() => 17)],
      frozen: { rows: header, columns: 1 },
      // a board reads the table on one page when it is small enough to stay legible there
      pageSetup: landscapeFitToWidth({ printTitlesRow: `${header}:${header}`, ...(grid.rows.length <= 8 ? { fitToHeight: 1 } : {}) }),
      rows: g.rows(),
    },
    refs,
  };
}
