/**
 * The deliberation workbook, for a CDG board: the tariff table before and after (formulas as rows,
 * segments as columns, as the deliberation and its Annexe print them), the change per cell in euros
 * and in percent, the revision's components and a check of every cell against them, and, when
 * headcounts are given, the budget impact with the employer participation and the agents' net cost.
 *
 * Every change, check and total is a live Excel formula written with its cached value (what the
 * engine computed), so the file reads right in a viewer that does not recalculate and a reader can
 * follow each figure back to the cells it comes from. A cell the source does not give reads
 * "non précisé": it is never 0, and no formula points at it (its changes read "non précisé" too).
 */
import type { Style } from 'exceljs';
import type { ProductFile, Source } from '../../shared/core/catalogue-schema';
import { NOT_SPECIFIED } from '../../shared/core/compare';
import { formatDateFr } from '../../shared/core/format';
import type { ImpactLine, ImpactResult, ImpactSide, SideTotals } from '../../shared/core/impact';
import { applyFactor, formatFactor, formatRationalPercent, percentOfFactor, type Rational } from '../../shared/core/money';
import type { Hypothesis } from '../../shared/core/pricing-types';
import { sameTable } from '../../shared/core/product-index';
import type { CellLike, RevisionComponent, RevisionMode } from '../../shared/core/revision';
import { sourceFileText } from '../../shared/core/source-label';
import { cellAddress, euros, RowList, sheetCellAddress } from './sheet-rows';
import {
  centerStyle,
  groupStyle,
  headerLeftStyle,
  headerStyle,
  missingAmountStyle,
  NUMFMT_COUNT,
  NUMFMT_EURO,
  NUMFMT_EURO_SIGNED,
  NUMFMT_PERCENT_SIGNED,
  numberStyle,
  numFmtDecimal,
  numFmtPercent,
  textStyle,
  titleStyle,
  titleWrapStyle,
  totalLabelStyle,
  totalMissingStyle,
  totalNumberStyle,
  wrapNoteStyle,
} from './styles';
import { formula, landscapeFitToWidth, toDocumentDate, writeWorkbook, type CellValue, type SheetRow, type SheetSpec, type WorkbookSpec, type WriteHooks } from './workbook-writer';

export interface DeliberationSide {
  /** e.g. "Cotisations en vigueur au 27 novembre 2025 (délibération)" */
  label: string;
  /** the version's code; null for a revision computed by Grille */
  version: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  /** the document the table is printed in; null when the amounts are computed */
  document: { title: string; file: string } | null;
  cells: readonly CellLike[];
  /** true when the amounts are computed by Grille (a revision), not printed in a document */
  computed: boolean;
}

export interface DeliberationRevision {
  /** "revision": asked for (the "after" side is computed); "version": the "after" version's own components */
  origin: 'revision' | 'version';
  mode: RevisionMode;
  components: readonly RevisionComponent[];
  factor: Rational;
  /** the wording that states the components (the version's source), when there is one */
  source: Source | null;
}

export interface DeliberationData {
  product: ProductFile;
  before: DeliberationSide;
  after: DeliberationSide;
  revision: DeliberationRevision | null;
  /** e.g. "avenant n°3" */
  reference: string | null;
  impact: { result: ImpactResult; headcountsName: string } | null;
  /** assumptions of the engines (version choice, revision rounding...) */
  hypotheses: readonly Hypothesis[];
}

export interface DeliberationWorkbookOptions {
  /** the document's date (AAAA-MM-JJ or Date): created/modified and zip entry times */
  date: Date | string;
  title?: string | undefined;
  /** progress and cancellation of a long export (src/main/jobs) */
  hooks?: WriteHooks | undefined;
}

export const SHEET_TABLE = 'Délibération';
export const SHEET_DOCUMENTS = 'Tableaux des documents';
export const SHEET_IMPACT = 'Impact budgétaire';
export const SHEET_SOURCES = 'Sources';
export const SHEET_ASSUMPTIONS = 'Hypothèses';

/** The row of the main sheet's header (rows above it: title and notes). */
export const TABLE_HEADER_ROW = 5;

const EURO = numberStyle(NUMFMT_EURO);
const EURO_SIGNED = numberStyle(NUMFMT_EURO_SIGNED);
const PERCENT_SIGNED = numberStyle(NUMFMT_PERCENT_SIGNED);
const COUNT = numberStyle(NUMFMT_COUNT);
/** The heading of one printed table: bold, wrapped over the table's width. */
const subtitleStyle: Partial<Style> = { ...titleWrapStyle, font: { bold: true, size: 12 } };

type SideName = 'before' | 'after';

interface RowKey {
  formula: string;
  option: string;
  zone: string;
  label: string;
}

interface Column {
  /** segment code; null for the derived column (children of retirees) */
  code: string | null;
  label: string;
}

/** The two tables on one grid of rows (formula × option × zone) and columns (segments). */
interface Grid {
  rows: RowKey[];
  columns: Column[];
  /** cents per side, [row][column]; the derived column holds the children's cell when it applies */
  cents: Record<SideName, (number | null)[][]>;
  /** per side and row: the derived column repeats the children's column (same printed table) */
  derivedFromChild: Record<SideName, boolean[]>;
  /** index of the children's column, when there is a derived column */
  childColumn: number | null;
  derivedNote: string | null;
  period: 'month' | 'year' | 'mixed';
}

const keyOf = (formula: string, option: string, zone: string) => `${formula}\u0000${option}\u0000${zone}`;

function cellMap(cells: readonly CellLike[]): Map<string, CellLike> {
  const map = new Map<string, CellLike>();
  for (const c of cells) {
    const k = `${keyOf(c.formula, c.option ?? '', c.zone ?? '')}\u0000${c.segment}`;
    if (!map.has(k)) map.set(k, c);
  }
  return map;
}

function buildGrid(data: DeliberationData): Grid {
  const p = data.product;
  const rank = new Map(p.formulas.map((f, i) => [f.code, i]));
  const label = new Map(p.formulas.map((f) => [f.code, f.label]));
  const byKey = new Map<string, RowKey & { first: number }>();
  let n = 0;
  for (const c of [...data.before.cells, ...data.after.cells]) {
    const k = keyOf(c.formula, c.option ?? '', c.zone ?? '');
    if (byKey.has(k)) continue;
    const option = c.option ?? '';
    const zone = c.zone ?? '';
    const text = `${label.get(c.formula) ?? c.formula}${option ? ` + ${label.get(option) ?? option}` : ''}${zone ? ` (zone ${zone})` : ''}`;
    byKey.set(k, { formula: c.formula, option, zone, label: text, first: n++ });
  }
  const r = (code: string) => rank.get(code) ?? Number.MAX_SAFE_INTEGER;
  const rows = [...byKey.values()].sort((a, b) => r(a.formula) - r(b.formula) || (a.option ? r(a.option) : -1) - (b.option ? r(b.option) : -1) || a.first - b.first);

  const used = new Set([...data.before.cells, ...data.after.cells].map((c) => c.segment));
  const segments = p.segments.filter((s) => used.has(s.code)).map((s) => ({ code: s.code, label: s.label }));
  for (const code of used) if (!segments.some((s) => s.code === code)) segments.push({ code, label: code });

  const maps = { before: cellMap(data.before.cells), after: cellMap(data.after.cells) };
  const cell = (side: SideName, row: RowKey, segment: string) => maps[side].get(`${keyOf(row.formula, row.option, row.zone)}\u0000${segment}`) ?? null;

  // Children of retirees: when a table prints the children beside the retirees, the children's price
  // is theirs too; when the retirees' table has no children's column (Intériale 2026), they have none.
  const child = p.segments.find((s) => s.roles.includes('enfant') && segments.some((x) => x.code === s.code));
  const retiree = p.segments.find((s) => s.status === 'retraite' && s.roles.includes('principal') && segments.some((x) => x.code === s.code));
  const derivedFromChild: Record<SideName, boolean[]> = { before: rows.map(() => false), after: rows.map(() => false) };
  let derived = false;
  if (child && retiree) {
    for (const side of ['before', 'after'] as const) {
      rows.forEach((row, i) => {
        const c = cell(side, row, child.code);
        const rt = cell(side, row, retiree.code);
        if (!c || !rt) return;
        const same = sameTable(c.source, rt.source);
        if (same === false) derived = true;
        else derivedFromChild[side][i] = true;
      });
    }
  }
  const columns: Column[] = segments.map((s) => ({ code: s.code, label: s.label }));
  let childColumn: number | null = null;
  let derivedNote: string | null = null;
  if (derived && child && retiree) {
    childColumn = segments.findIndex((s) => s.code === child.code);
    const lower = retiree.label.charAt(0).toLowerCase() + retiree.label.slice(1);
    columns.push({ code: null, label: `${child.label} de ${lower}` });
    const sideText = (side: SideName, name: string) =>
      derivedFromChild[side].some(Boolean)
        ? `${name} : la colonne « ${child.label} » est imprimée dans le même tableau que « ${retiree.label} » : elle vaut pour leurs enfants (formule = la cellule « ${child.label} »).`
        : `${name} : le tableau des « ${retiree.label} » n’a pas de colonne « ${child.label} » : tarif non précisé par la source, aucune autre colonne n’est substituée.`;
    derivedNote = `Colonne « ${columns[columns.length - 1]!.label} » déduite des tableaux. ${sideText('before', 'Avant')} ${sideText('after', 'Après')}`;
  }

  const cents: Record<SideName, (number | null)[][]> = { before: [], after: [] };
  const periods = new Set<string>();
  for (const side of ['before', 'after'] as const) {
    cents[side] = rows.map((row, i) =>
      columns.map((col) => {
        if (col.code === null) return derivedFromChild[side][i] && childColumn !== null ? (cell(side, row, child!.code)?.amountCents ?? null) : null;
        const c = cell(side, row, col.code);
        if (c) periods.add(c.period);
        return c ? c.amountCents : null;
      }),
    );
  }
  const period = periods.size === 1 ? (periods.has('year') ? 'year' : 'month') : periods.size === 0 ? 'month' : 'mixed';
  return { rows, columns, cents, derivedFromChild, childColumn, derivedNote, period };
}

/** Decimals of an exact percentage (59/10 → 1), 4 when it does not end within 8. */
function decimalsOf(percent: Rational): number {
  let num = percent.num < 0n ? -percent.num : percent.num;
  for (let d = 0; d <= 8; d++) {
    if (num % percent.den === 0n) return d;
    num *= 10n;
  }
  return 4;
}

function rateDecimals(rate: string): number {
  return (rate.split('.')[1] ?? '').length;
}

function ratio(r: Rational): number {
  return Number(r.num) / Number(r.den);
}

function sideTitle(side: DeliberationSide, name: string): string {
  const dates =
    side.effectiveFrom && side.effectiveTo
      ? ` — du ${formatDateFr(side.effectiveFrom)} au ${formatDateFr(side.effectiveTo)}`
      : side.effectiveFrom
        ? ` — à compter du ${formatDateFr(side.effectiveFrom)}`
        : side.effectiveTo
          ? ` — jusqu’au ${formatDateFr(side.effectiveTo)}`
          : '';
  return `${name} : ${side.label}${dates}${side.computed ? ' (calculé par Grille)' : ''}`;
}

const PERIOD_WORD = { month: 'mensuelles', year: 'annuelles', mixed: 'mensuelles ou annuelles' } as const;

/** A row holding a long text over `span` columns, wrapped (the writer makes the row tall enough). */
function noteRow(text: string, span: number, style: Partial<Style> = wrapNoteStyle): SheetRow {
  return { values: [text], styles: [style], merge: span > 1 ? [[1, span]] : undefined };
}

interface Ref {
  column: number;
  row: number;
}

interface MainSheet {
  spec: SheetSpec;
  /** where each amount of the two tables stands (null: "non précisé"), per side: [row][column] */
  refs: Record<SideName, (Ref | null)[][]>;
}

function mainSheet(data: DeliberationData, grid: Grid, date: Date): MainSheet {
  const { rows, columns } = grid;
  const R = rows.length;
  const C = columns.length;
  const width = 1 + C;
  const widths = [40, ...columns.map(() => 17)];
  const rev = data.revision;
  const list = new RowList();
  const span = Math.max(width, 4);

  const p = data.product.product;
  const merge: SheetRow['merge'] = [[1, span]];
  list.add({ values: [`Évolution des cotisations — ${p.name}`], styles: [titleWrapStyle], height: 20, merge });
  list.add({ values: [`${data.reference ? `${data.reference} — ` : ''}${data.before.label} → ${data.after.label}`], styles: [wrapNoteStyle], merge });
  list.add({
    values: [`Cotisations ${PERIOD_WORD[grid.period]} en euros, par personne. Écarts, contrôles et totaux : formules Excel. Document établi le ${formatDateFr(date.toISOString().slice(0, 10))}.`],
    styles: [wrapNoteStyle],
    merge,
  });
  list.blank();
  const header = list.add({ values: ['Formule', ...columns.map((c) => c.label)], styles: [headerLeftStyle, ...columns.map(() => headerStyle)], height: 34 });
  if (header !== TABLE_HEADER_ROW) throw new Error('mise en page de la délibération : ligne d’en-tête inattendue');

  const nBlocks = rev ? 6 : 4;
  const blockRow = (b: number, r: number) => header + 1 + b * (R + 1) + 1 + r;
  // the components' table under the blocks: blank, title, header, K components, total, coefficient
  const K = rev ? rev.components.length : 0;
  const compStart = header + nBlocks * (R + 1) + 4;
  const totalRow = compStart + K;
  const coefRow = totalRow + 1;
  const coef = cellAddress(2, coefRow, true);

  const refs: Record<SideName, (Ref | null)[][]> = { before: [], after: [] };
  const address: Record<SideName, (string | null)[][]> = { before: [], after: [] };
  const group = (text: string) => {
    const values: CellValue[] = new Array<CellValue>(width).fill(null);
    values[0] = text;
    list.add({ values, style: groupStyle });
  };
  const missing = (text = NOT_SPECIFIED): [CellValue, Partial<Style>] => [text, missingAmountStyle];

  // Before and after: the amounts (the derived column repeats the children's cell by a formula).
  (['before', 'after'] as const).forEach((side, b) => {
    group(sideTitle(data[side], side === 'before' ? 'Avant' : 'Après'));
    refs[side] = rows.map((row, r) => {
      const at = blockRow(b, r);
      const values: CellValue[] = [row.label];
      const styles: Partial<Style>[] = [textStyle];
      const addrs: (Ref | null)[] = [];
      columns.forEach((col, c) => {
        const v = grid.cents[side][r]![c]!;
        if (v === null) {
          const [t, s] = missing();
          values.push(t);
          styles.push(s);
          addrs.push(null);
          return;
        }
        if (col.code === null) values.push(formula(cellAddress(2 + grid.childColumn!, at), euros(v)));
        else values.push(euros(v));
        styles.push(EURO);
        addrs.push({ column: 2 + c, row: at });
      });
      const n = list.add({ values, styles });
      if (n !== at) throw new Error('mise en page de la délibération : ligne inattendue');
      return addrs;
    });
    address[side] = refs[side].map((row) => row.map((ref) => (ref ? cellAddress(ref.column, ref.row) : null)));
  });

  // Changes: after − before, and the change over before; nothing where a side has no price.
  group('Écart en euros (après − avant)');
  const deltaAddr: (string | null)[][] = [];
  rows.forEach((row, r) => {
    const values: CellValue[] = [row.label];
    const styles: Partial<Style>[] = [textStyle];
    const addrs: (string | null)[] = [];
    columns.forEach((_col, c) => {
      const b = grid.cents.before[r]![c]!;
      const a = grid.cents.after[r]![c]!;
      const ba = address.before[r]![c]!;
      const aa = address.after[r]![c]!;
      if (b === null || a === null) {
        const [t, s] = missing();
        values.push(t);
        styles.push(s);
        addrs.push(null);
        return;
      }
      values.push(formula(`${aa}-${ba}`, euros(a - b)));
      styles.push(EURO_SIGNED);
      addrs.push(cellAddress(2 + c, blockRow(2, r)));
    });
    deltaAddr.push(addrs);
    list.add({ values, styles });
  });
  group('Écart en % (écart en euros / avant)');
  rows.forEach((row, r) => {
    const values: CellValue[] = [row.label];
    const styles: Partial<Style>[] = [textStyle];
    columns.forEach((_col, c) => {
      const b = grid.cents.before[r]![c]!;
      const a = grid.cents.after[r]![c]!;
      const d = deltaAddr[r]![c]!;
      if (b === null || a === null || d === null) {
        const [t, s] = missing();
        values.push(t);
        styles.push(s);
      } else if (b === 0) {
        const [t, s] = missing('non calculable');
        values.push(t);
        styles.push(s);
      } else {
        values.push(formula(`${d}/${address.before[r]![c]!}`, (a - b) / b));
        styles.push(PERCENT_SIGNED);
      }
    });
    list.add({ values, styles });
  });

  // The check: each "before" cell × the coefficient, rounded to the cent; then after − check.
  if (rev) {
    group(`Contrôle : avant × coefficient ${formatFactor(rev.factor)}, arrondi au centime`);
    const checkAddr: (string | null)[][] = [];
    const checkCents: (number | null)[][] = [];
    rows.forEach((row, r) => {
      const values: CellValue[] = [row.label];
      const styles: Partial<Style>[] = [textStyle];
      const addrs: (string | null)[] = [];
      const cs: (number | null)[] = [];
      columns.forEach((_col, c) => {
        const b = grid.cents.before[r]![c]!;
        if (b === null) {
          const [t, s] = missing();
          values.push(t);
          styles.push(s);
          addrs.push(null);
          cs.push(null);
          return;
        }
        const checked = applyFactor(b, rev.factor);
        values.push(formula(`ROUND(${address.before[r]![c]!}*${coef},2)`, euros(checked)));
        styles.push(EURO);
        addrs.push(cellAddress(2 + c, blockRow(4, r)));
        cs.push(checked);
      });
      checkAddr.push(addrs);
      checkCents.push(cs);
      list.add({ values, styles });
    });
    group(rev.origin === 'version' ? 'Écart entre le tableau « après » et le contrôle (0,00 € : conforme aux composantes)' : 'Écart entre « après » et le contrôle (0,00 € : calcul vérifié)');
    rows.forEach((row, r) => {
      const values: CellValue[] = [row.label];
      const styles: Partial<Style>[] = [textStyle];
      columns.forEach((_col, c) => {
        const a = grid.cents.after[r]![c]!;
        const k = checkCents[r]![c]!;
        if (a === null || k === null) {
          const [t, s] = missing();
          values.push(t);
          styles.push(s);
          return;
        }
        values.push(formula(`${address.after[r]![c]!}-${checkAddr[r]![c]!}`, euros(a - k)));
        styles.push(EURO_SIGNED);
      });
      list.add({ values, styles });
    });
  }

  // The revision's components.
  if (rev) {
    list.blank();
    list.add({ values: ['Composantes de la révision'], styles: [titleStyle], height: 20 });
    list.add({ values: ['Composante', 'Taux'], styles: [headerLeftStyle, headerStyle] });
    const first = list.next;
    for (const c of rev.components) {
      list.add({ values: [c.label, Number(c.rate) / 100], styles: [textStyle, numberStyle(numFmtPercent(rateDecimals(c.rate)))] });
    }
    const last = list.next - 1;
    const percent = percentOfFactor(rev.factor);
    const dec = decimalsOf(percent);
    const rates = rev.components.map((_c, i) => cellAddress(2, first + i));
    // the rate as a fraction (5,9 % → 0,059), divided exactly rather than 5.9 / 100
    const asRate = ratio({ num: percent.num, den: percent.den * 100n });
    const total =
      rev.mode === 'additive' ? formula(`SUM(${cellAddress(2, first)}:${cellAddress(2, last)})`, asRate) : formula(`PRODUCT(${rates.map((a) => `1+${a}`).join(',')})-1`, asRate);
    const t = list.add({
      values: [rev.mode === 'additive' ? 'Hausse globale (somme des taux)' : 'Hausse globale (taux composés)', total],
      styles: [totalLabelStyle, totalNumberStyle(numFmtPercent(dec))],
    });
    const k = list.add({ values: ['Coefficient appliqué à chaque cotisation', formula(`1+${cellAddress(2, t)}`, ratio(rev.factor))], styles: [totalLabelStyle, totalNumberStyle(numFmtDecimal(dec + 2))] });
    if (t !== totalRow || k !== coefRow) throw new Error('mise en page de la délibération : composantes mal placées');
    const how =
      rev.origin === 'revision'
        ? `Révision calculée par Grille (${rev.mode === 'additive' ? 'taux additionnés' : 'taux composés'}, hausse de ${formatRationalPercent(percent)}) : chaque cotisation « après » = cotisation « avant » × ${formatFactor(rev.factor)}, arrondie au centime le plus proche (demi vers le haut), cellule par cellule.`
        : `Composantes déclarées pour la version « ${data.after.label} » (${rev.mode === 'additive' ? 'taux additionnés' : 'taux composés'}, hausse de ${formatRationalPercent(percent)}). Le bloc « Contrôle » recalcule chaque cotisation à partir du tableau « avant ».`;
    list.add(noteRow(how, span));
    if (rev.source) list.add(noteRow(`Source : « ${rev.source.quote} » (${sourceFileText(rev.source.file)}, ${rev.source.section}, l. ${lines(rev.source)}).`, span));
  }

  list.blank();
  if (grid.derivedNote) list.add(noteRow(grid.derivedNote, span));
  list.add(noteRow('« non précisé » : la source ne donne pas ce montant ; il n’est jamais remplacé par 0, et les écarts qui en dépendent restent « non précisé ».', span));

  return {
    spec: {
      name: SHEET_TABLE,
      widths,
      frozen: { rows: TABLE_HEADER_ROW, columns: 1 },
      // a board reads the table on one page when it is small enough to stay legible there
      pageSetup: landscapeFitToWidth({ printTitlesRow: `${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}`, ...(R <= 8 ? { fitToHeight: 1 } : {}) }),
      rows: list.rows,
    },
    refs,
  };
}

function lines(s: Source): string {
  return s.lines[0] === s.lines[1] ? `${s.lines[0]}` : `${s.lines[0]}–${s.lines[1]}`;
}

/** The tables as the documents print them: one table per printed source section (Annexe 1: ACTIFS, RETRAITÉS). */
function documentsSheet(data: DeliberationData, grid: Grid): SheetSpec {
  const segLabel = new Map(data.product.segments.map((s) => [s.code, s.label]));
  const list = new RowList();
  const maxCols = 1 + grid.columns.length;
  const widths = [40, ...grid.columns.map(() => 17)];
  const merge: SheetRow['merge'] = maxCols > 1 ? [[1, maxCols]] : undefined;
  list.add({ values: ['Les tableaux tels que les documents les impriment'], styles: [titleStyle], height: 20 });
  for (const side of ['before', 'after'] as const) {
    const s = data[side];
    list.blank();
    const values: CellValue[] = new Array<CellValue>(maxCols).fill(null);
    values[0] = sideTitle(s, side === 'before' ? 'Avant' : 'Après');
    list.add({ values, style: groupStyle });
    if (s.document) list.add({ values: [`Document : ${s.document.title} (${sourceFileText(s.document.file)})`], styles: [wrapNoteStyle], merge });
    if (s.computed) list.add({ values: ['Montants calculés par Grille, présentés comme le tableau d’origine.'], styles: [wrapNoteStyle], merge });
    // groups of cells by printed section, in the order of their lines
    const groups = new Map<string, { section: string; source: Source | null; from: number; to: number; cells: CellLike[] }>();
    for (const c of s.cells) {
      const k = c.source ? `${c.source.file}\u0000${c.source.section}` : '';
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { section: c.source?.section ?? 'Sans source', source: c.source ?? null, from: c.source?.lines[0] ?? 0, to: c.source?.lines[1] ?? 0, cells: [] }));
      g.cells.push(c);
      if (c.source) {
        g.from = Math.min(g.from, c.source.lines[0]);
        g.to = Math.max(g.to, c.source.lines[1]);
      }
    }
    for (const g of [...groups.values()].sort((a, b) => a.from - b.from)) {
      list.blank();
      list.add({ values: [g.source ? `${g.section} — ${sourceFileText(g.source.file)}, l. ${g.from === g.to ? g.from : `${g.from}–${g.to}`}` : g.section], styles: [subtitleStyle], merge });
      const segs = data.product.segments.map((x) => x.code).filter((code) => g.cells.some((c) => c.segment === code));
      for (const c of g.cells) if (!segs.includes(c.segment)) segs.push(c.segment);
      list.add({ values: ['Formule', ...segs.map((x) => segLabel.get(x) ?? x)], styles: [headerLeftStyle, ...segs.map(() => headerStyle)], height: 34 });
      const map = cellMap(g.cells);
      for (const row of grid.rows) {
        const amounts = segs.map((seg) => map.get(`${keyOf(row.formula, row.option, row.zone)}\u0000${seg}`) ?? null);
        if (amounts.every((a) => a === null)) continue;
        list.add({
          values: [row.label, ...amounts.map((a) => (a ? euros(a.amountCents) : NOT_SPECIFIED))],
          styles: [textStyle, ...amounts.map((a) => (a ? EURO : missingAmountStyle))],
        });
      }
    }
  }
  return { name: SHEET_DOCUMENTS, widths, pageSetup: landscapeFitToWidth(), rows: list.rows };
}

function statusWord(s: string | null): string {
  return s === 'retraite' ? 'retraité' : (s ?? '');
}

/**
 * The budget impact: per headcount row the cost before and after (monthly and annual), then the employer
 * participation and what is left for the agents, with totals; per formula × segment when rows share one.
 */
function impactSheet(data: DeliberationData, result: ImpactResult, headcountsName: string, main: MainSheet, grid: Grid): SheetSpec {
  const p = data.product;
  const formulaLabel = new Map(p.formulas.map((f) => [f.code, f.label]));
  const segmentLabel = new Map(p.segments.map((s) => [s.code, s.label]));
  const hasStatus = result.lines.some((l) => l.status !== null);
  const hasBand = result.lines.some((l) => l.band !== null);
  const lead = ['Formule', 'Segment', ...(hasStatus ? ['Statut'] : []), ...(hasBand ? ['Tranche'] : []), 'Effectif'];
  const L = lead.length; // the count is column L; amounts start at L + 1
  const col = (i: number) => L + 1 + i; // i-th amount column
  const widths = [...lead.map((_x, i) => (i === 0 ? 22 : i === 1 ? 26 : i === L - 1 ? 10 : 12)), ...new Array<number>(9).fill(15)];
  const list = new RowList();
  const span = lead.length + 9;

  const merge: SheetRow['merge'] = [[1, span]];
  list.add({ values: [`Impact budgétaire — ${p.product.name}`], styles: [titleWrapStyle], height: 20, merge });
  list.add({ values: [`${result.beforeLabel} → ${result.afterLabel} — effectifs : ${headcountsName}`], styles: [wrapNoteStyle], merge });
  list.add({ values: [`Participation employeur : ${result.participation}.`], styles: [wrapNoteStyle], merge });
  if (!result.complete) list.add({ values: ['Des cotisations ne sont pas précisées par la source : les totaux concernés sont « non précisé » ; la ligne « partiel » somme ce qui est connu.'], styles: [wrapNoteStyle], merge });

  // Where each line's cotisation stands in the main sheet (a live link), when its value is the one shown there.
  const rowIndex = new Map(grid.rows.map((r, i) => [keyOf(r.formula, r.option, r.zone), i]));
  const segIndex = new Map(grid.columns.map((c, i) => [c.code, i]));
  const derivedIndex = grid.columns.findIndex((c) => c.code === null);
  function cotisationCell(line: ImpactLine, side: SideName, s: ImpactSide): CellValue {
    if (s.cellCents === null) return NOT_SPECIFIED;
    const r = rowIndex.get(keyOf(line.formula, '', ''));
    const retireeChild = line.status === 'retraite' && derivedIndex >= 0 && grid.childColumn !== null && grid.columns[grid.childColumn]!.code === line.segment;
    const c = retireeChild ? derivedIndex : segIndex.get(line.segment);
    const ref = r === undefined || c === undefined ? null : main.refs[side][r]![c]!;
    const shown = r === undefined || c === undefined ? null : grid.cents[side][r]![c]!;
    if (ref === null || shown !== s.cellCents) return euros(s.cellCents);
    return formula(sheetCellAddress(SHEET_TABLE, ref.column, ref.row), euros(s.cellCents));
  }
  const leadValues = (l: ImpactLine): CellValue[] => [
    formulaLabel.get(l.formula) ?? l.formula,
    segmentLabel.get(l.segment) ?? l.segment,
    ...(hasStatus ? [statusWord(l.status)] : []),
    ...(hasBand ? [l.band ?? ''] : []),
    l.count,
  ];
  const leadStyles = (): Partial<Style>[] => [...lead.slice(0, -1).map(() => textStyle), COUNT];
  const totalLead = (label: string): { values: CellValue[]; styles: Partial<Style>[] } => ({
    values: [label, ...new Array<CellValue>(L - 2).fill(null)],
    styles: new Array<Partial<Style>>(L - 1).fill(totalLabelStyle),
  });
  const leadMerge: SheetRow['merge'] = L - 1 > 1 ? [[1, L - 1]] : undefined;
  // a partial row sums different lines on each side: no change is computed between its sums
  const noChange: [CellValue, Partial<Style>] = ['—', totalMissingStyle];
  const num = (cents: number | null, f: string | null, fmt: Partial<Style>): [CellValue, Partial<Style>] =>
    cents === null ? [NOT_SPECIFIED, missingAmountStyle] : [f === null ? euros(cents) : formula(f, euros(cents)), fmt];
  const A = (c: number, r: number) => cellAddress(c, r);

  // Table 1: cost of the cotisations.
  list.blank();
  list.add({ values: ['Coût des cotisations'], styles: [titleStyle], height: 20 });
  const h1 = ['Cotisation avant (par personne)', 'Cotisation après (par personne)', 'Coût mensuel avant', 'Coût mensuel après', 'Écart mensuel', 'Écart %', 'Coût annuel avant', 'Coût annuel après', 'Écart annuel'];
  list.add({ values: [...lead, ...h1], styles: [...lead.map(() => headerLeftStyle), ...h1.map(() => headerStyle)], height: 46 });
  const first1 = list.next;
  const lineRows: number[] = [];
  for (const l of result.lines) {
    const r = list.next;
    lineRows.push(r);
    const cnt = A(L, r);
    const values: CellValue[] = leadValues(l);
    const styles = leadStyles();
    const push = ([v, s]: [CellValue, Partial<Style>]) => {
      values.push(v);
      styles.push(s);
    };
    const cb = cotisationCell(l, 'before', l.before);
    const ca = cotisationCell(l, 'after', l.after);
    push([cb, l.before.cellCents === null ? missingAmountStyle : EURO]);
    push([ca, l.after.cellCents === null ? missingAmountStyle : EURO]);
    push(num(l.before.monthlyCents, `${cnt}*${A(col(0), r)}`, EURO));
    push(num(l.after.monthlyCents, `${cnt}*${A(col(1), r)}`, EURO));
    push(num(l.deltaMonthlyCents, `${A(col(3), r)}-${A(col(2), r)}`, EURO_SIGNED));
    if (l.deltaMonthlyCents === null || l.before.monthlyCents === null) push([NOT_SPECIFIED, missingAmountStyle]);
    else if (l.before.monthlyCents === 0) push(['non calculable', missingAmountStyle]);
    else push([formula(`${A(col(4), r)}/${A(col(2), r)}`, l.deltaMonthlyCents / l.before.monthlyCents), PERCENT_SIGNED]);
    push(num(l.before.annualCents, `12*${A(col(2), r)}`, EURO));
    push(num(l.after.annualCents, `12*${A(col(3), r)}`, EURO));
    push(num(l.deltaAnnualCents, `${A(col(7), r)}-${A(col(6), r)}`, EURO_SIGNED));
    list.add({ values, styles });
  }
  const last1 = list.next - 1;
  const sumCol = (c: number, first: number, last: number) => `SUM(${A(c, first)}:${A(c, last)})`;
  const totalsRow = (label: string, t: { count: number; before: SideTotals; after: SideTotals }, first: number, last: number, partial: boolean) => {
    const r = list.next;
    const { values, styles } = totalLead(label);
    values.push(formula(sumCol(L, first, last), t.count));
    styles.push(totalNumberStyle(NUMFMT_COUNT));
    const tot = (cents: number | null, f: string, fmt: string) => {
      if (cents === null) {
        values.push(NOT_SPECIFIED);
        styles.push(totalMissingStyle);
      } else {
        values.push(formula(f, euros(cents)));
        styles.push(totalNumberStyle(fmt));
      }
    };
    values.push(null, null);
    styles.push(totalLabelStyle, totalLabelStyle);
    const bm = t.before.monthlyCents;
    const am = t.after.monthlyCents;
    const ba = t.before.annualCents;
    const aa = t.after.annualCents;
    // in a partial row, SUM skips the "non précisé" texts: that is what "partiel" says
    const skip = () => {
      values.push(noChange[0]);
      styles.push(noChange[1]);
    };
    tot(bm, sumCol(col(2), first, last), NUMFMT_EURO);
    tot(am, sumCol(col(3), first, last), NUMFMT_EURO);
    if (partial) skip();
    else tot(bm === null || am === null ? null : am - bm, `${A(col(3), r)}-${A(col(2), r)}`, NUMFMT_EURO_SIGNED);
    if (partial) skip();
    else if (bm === null || am === null || bm === 0) {
      values.push(bm === 0 ? 'non calculable' : NOT_SPECIFIED);
      styles.push(totalMissingStyle);
    } else {
      values.push(formula(`${A(col(4), r)}/${A(col(2), r)}`, (am - bm) / bm));
      styles.push(totalNumberStyle(NUMFMT_PERCENT_SIGNED));
    }
    tot(ba, sumCol(col(6), first, last), NUMFMT_EURO);
    tot(aa, sumCol(col(7), first, last), NUMFMT_EURO);
    if (partial) skip();
    else tot(ba === null || aa === null ? null : aa - ba, `${A(col(7), r)}-${A(col(6), r)}`, NUMFMT_EURO_SIGNED);
    list.add({ values, styles, merge: leadMerge });
  };
  if (result.lines.length > 0) {
    totalsRow('Total', result.totals, first1, last1, false);
    if (!result.complete) totalsRow('Total partiel (lignes chiffrées seulement)', { count: result.totals.count, ...result.partial }, first1, last1, true);
  }

  // Table 2: employer participation and the agents' net cost.
  list.blank();
  list.add({ values: ['Participation employeur et reste à charge des agents'], styles: [titleStyle], height: 20 });
  const h2 = [
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
  list.add({ values: [...lead, ...h2], styles: [...lead.map(() => headerLeftStyle), ...h2.map(() => headerStyle)], height: 46 });
  const first2 = list.next;
  result.lines.forEach((l, i) => {
    const r = list.next;
    const r1 = lineRows[i]!;
    const cnt = A(L, r);
    const values: CellValue[] = leadValues(l);
    const styles = leadStyles();
    const push = ([v, s]: [CellValue, Partial<Style>]) => {
      values.push(v);
      styles.push(s);
    };
    push(num(l.before.employerPerAgentCents, null, EURO));
    push(num(l.after.employerPerAgentCents, null, EURO));
    push(num(l.before.employerAnnualCents, `12*${cnt}*${A(col(0), r)}`, EURO));
    push(num(l.after.employerAnnualCents, `12*${cnt}*${A(col(1), r)}`, EURO));
    push(num(l.before.employerAnnualCents === null || l.after.employerAnnualCents === null ? null : l.after.employerAnnualCents - l.before.employerAnnualCents, `${A(col(3), r)}-${A(col(2), r)}`, EURO_SIGNED));
    push(num(l.before.netPerAgentCents, `${A(col(0), r1)}-${A(col(0), r)}`, EURO));
    push(num(l.after.netPerAgentCents, `${A(col(1), r1)}-${A(col(1), r)}`, EURO));
    push(num(l.before.netMonthlyCents === null ? null : 12 * l.before.netMonthlyCents, `12*${cnt}*${A(col(5), r)}`, EURO));
    push(num(l.after.netMonthlyCents === null ? null : 12 * l.after.netMonthlyCents, `12*${cnt}*${A(col(6), r)}`, EURO));
    list.add({ values, styles });
  });
  const last2 = list.next - 1;
  const totals2 = (label: string, t: { count: number; before: SideTotals; after: SideTotals }, partial: boolean) => {
    const r = list.next;
    const { values, styles } = totalLead(label);
    values.push(formula(sumCol(L, first2, last2), t.count));
    styles.push(totalNumberStyle(NUMFMT_COUNT));
    values.push(null, null);
    styles.push(totalLabelStyle, totalLabelStyle);
    const tot = (cents: number | null, f: string, fmt: string) => {
      if (cents === null) {
        values.push(NOT_SPECIFIED);
        styles.push(totalMissingStyle);
      } else {
        values.push(formula(f, euros(cents)));
        styles.push(totalNumberStyle(fmt));
      }
    };
    const be = t.before.employerAnnualCents;
    const ae = t.after.employerAnnualCents;
    tot(be, sumCol(col(2), first2, last2), NUMFMT_EURO);
    tot(ae, sumCol(col(3), first2, last2), NUMFMT_EURO);
    if (partial) {
      values.push(noChange[0]);
      styles.push(noChange[1]);
    } else tot(be === null || ae === null ? null : ae - be, `${A(col(3), r)}-${A(col(2), r)}`, NUMFMT_EURO_SIGNED);
    values.push(null, null);
    styles.push(totalLabelStyle, totalLabelStyle);
    tot(t.before.netAnnualCents, sumCol(col(7), first2, last2), NUMFMT_EURO);
    tot(t.after.netAnnualCents, sumCol(col(8), first2, last2), NUMFMT_EURO);
    list.add({ values, styles, merge: leadMerge });
  };
  if (result.lines.length > 0) {
    totals2('Total', result.totals, false);
    if (!result.complete) totals2('Total partiel (lignes chiffrées seulement)', { count: result.totals.count, ...result.partial }, true);
  }

  // Table 3: per formula × segment, when several headcount rows share one (statut, tranche).
  if (result.groups.length < result.lines.length) {
    list.blank();
    list.add({ values: ['Par formule et segment'], styles: [titleStyle], height: 20 });
    const h3 = ['Coût mensuel avant', 'Coût mensuel après', 'Écart mensuel', 'Écart %', 'Coût employeur annuel avant', 'Coût employeur annuel après', 'Reste à charge annuel avant', 'Reste à charge annuel après'];
    const lead3 = ['Formule', 'Segment', ...new Array<CellValue>(L - 3).fill(null), 'Effectif'];
    list.add({ values: [...lead3, ...h3], styles: [...lead3.map(() => headerLeftStyle), ...h3.map(() => headerStyle)], height: 46 });
    for (const g of result.groups) {
      const r = list.next;
      const members = result.lines.map((l, i) => (l.formula === g.formula && l.segment === g.segment ? i : -1)).filter((i) => i >= 0);
      const sumOf = (refs: string[]) => (refs.length === 1 ? refs[0]! : `SUM(${refs.join(',')})`);
      const sum1 = (c: number) => sumOf(members.map((i) => A(c, lineRows[i]!)));
      const sum2 = (c: number) => sumOf(members.map((i) => A(c, first2 + i)));
      const values: CellValue[] = [formulaLabel.get(g.formula) ?? g.formula, segmentLabel.get(g.segment) ?? g.segment, ...new Array<CellValue>(L - 2).fill(null)];
      const styles: Partial<Style>[] = [textStyle, textStyle, ...new Array<Partial<Style>>(L - 2).fill(textStyle)];
      // the head count sits in the count column (L) like the tables above
      values[L - 1] = formula(sum1(L), g.count);
      styles[L - 1] = COUNT;
      const push = ([v, s]: [CellValue, Partial<Style>]) => {
        values.push(v);
        styles.push(s);
      };
      const bm = g.before.monthlyCents;
      const am = g.after.monthlyCents;
      push(num(bm, sum1(col(2)), EURO));
      push(num(am, sum1(col(3)), EURO));
      push(num(g.deltaMonthlyCents, `${A(col(1), r)}-${A(col(0), r)}`, EURO_SIGNED));
      if (bm === null || am === null) push([NOT_SPECIFIED, missingAmountStyle]);
      else if (bm === 0) push(['non calculable', missingAmountStyle]);
      else push([formula(`${A(col(2), r)}/${A(col(0), r)}`, (am - bm) / bm), PERCENT_SIGNED]);
      push(num(g.before.employerAnnualCents, sum2(col(2)), EURO));
      push(num(g.after.employerAnnualCents, sum2(col(3)), EURO));
      push(num(g.before.netAnnualCents, sum2(col(7)), EURO));
      push(num(g.after.netAnnualCents, sum2(col(8)), EURO));
      list.add({ values, styles });
    }
  }

  list.blank();
  for (const m of result.missing) {
    list.add(noteRow(`Ligne ${m.line} des effectifs (${m.side === 'before' ? 'avant' : 'après'}) ${formulaLabel.get(m.formula) ?? m.formula} × ${segmentLabel.get(m.segment) ?? m.segment} : ${m.why}.`, span, wrapNoteStyle));
  }
  list.add(noteRow('Coût mensuel = effectif × cotisation ; coût annuel = 12 × coût mensuel. Participation employeur plafonnée à la cotisation de l’agent ; reste à charge = cotisation − participation. Les cotisations renvoient aux cellules de la feuille « Délibération ».', span));

  return {
    name: SHEET_IMPACT,
    widths,
    frozen: { rows: 0, columns: 2 },
    pageSetup: landscapeFitToWidth(),
    rows: list.rows,
  };
}

function sourcesSheet(data: DeliberationData, grid: Grid): SheetSpec {
  const segLabel = new Map(data.product.segments.map((s) => [s.code, s.label]));
  const list = new RowList();
  list.add({ values: ['Côté', 'Formule', 'Segments', 'Fichier', 'Article / section', 'Lignes', 'Citation'], style: headerLeftStyle });
  for (const side of ['before', 'after'] as const) {
    const s = data[side];
    for (const row of grid.rows) {
      const cells = s.cells.filter((c) => c.formula === row.formula && (c.option ?? '') === row.option && (c.zone ?? '') === row.zone);
      const bySource = new Map<string, { source: Source | null; segments: string[] }>();
      for (const c of cells) {
        const k = c.source ? `${c.source.file}\u0000${c.source.section}\u0000${c.source.lines.join('-')}\u0000${c.source.quote}` : '';
        let g = bySource.get(k);
        if (!g) bySource.set(k, (g = { source: c.source ?? null, segments: [] }));
        g.segments.push(segLabel.get(c.segment) ?? c.segment);
      }
      for (const g of bySource.values()) {
        const src = g.source;
        list.add({
          values: [
            `${side === 'before' ? 'Avant' : 'Après'}${s.computed ? ' (calculé : source de la cotisation de départ)' : ''}`,
            row.label,
            g.segments.join(', '),
            src ? sourceFileText(src.file) : '',
            src?.section ?? 'sans source',
            src ? lines(src) : '',
            src?.quote ?? '',
          ],
          style: textStyle,
        });
      }
    }
  }
  if (data.revision?.source) {
    const src = data.revision.source;
    list.add({ values: ['Composantes', '', data.revision.components.map((c) => `${c.label} ${c.rate.replace('.', ',')} %`).join(' + '), src.file, src.section, lines(src), src.quote], style: textStyle });
  }
  return { name: SHEET_SOURCES, widths: [18, 22, 36, 26, 34, 9, 70], frozen: { rows: 1, columns: 0 }, pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }), rows: list.rows };
}

function assumptionsSheet(data: DeliberationData, grid: Grid): SheetSpec {
  const list = new RowList();
  list.add({ values: ['N°', 'Hypothèse', 'Source'], style: headerLeftStyle });
  const items: { text: string; source: string }[] = [];
  const seen = new Set<string>();
  const add = (text: string, source: Source | null = null) => {
    if (seen.has(text)) return;
    seen.add(text);
    items.push({ text, source: source ? `« ${source.quote} » (${sourceFileText(source.file)}, l. ${lines(source)})` : '' });
  };
  add(`Avant : ${data.before.label}${data.before.version ? ` (version ${data.before.version})` : ''}. Après : ${data.after.label}${data.after.version ? ` (version ${data.after.version})` : ' (révision calculée)'}.`);
  for (const h of data.hypotheses) add(h.text, h.source);
  if (grid.derivedNote) add(grid.derivedNote);
  add('Écart en euros = après − avant ; écart en % = écart en euros / avant. Formules Excel, valeurs enregistrées avec elles.');
  if (data.revision) add('Contrôle = avant × coefficient, arrondi au centime (ARRONDI / ROUND) ; le coefficient est celui de la section « Composantes de la révision ».');
  add('« non précisé » : la source ne donne pas le montant. Jamais remplacé par 0 ; aucun écart ni total n’est calculé dessus.');
  if (data.impact) for (const h of data.impact.result.hypotheses) add(h.text, h.source);
  let n = 0;
  for (const it of items) list.add({ values: [++n, it.text, it.source], styles: [centerStyle, textStyle, textStyle] });
  return { name: SHEET_ASSUMPTIONS, widths: [6, 100, 50], frozen: { rows: 1, columns: 0 }, pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }), rows: list.rows };
}

export function deliberationWorkbookSpec(data: DeliberationData, options: DeliberationWorkbookOptions): WorkbookSpec {
  const date = toDocumentDate(options.date);
  const grid = buildGrid(data);
  if (grid.rows.length === 0) throw new Error(`« ${data.product.product.id} » : aucune cotisation à comparer`);
  const main = mainSheet(data, grid, date);
  const sheets: SheetSpec[] = [main.spec];
  if (data.impact) sheets.push(impactSheet(data, data.impact.result, data.impact.headcountsName, main, grid));
  sheets.push(documentsSheet(data, grid), sourcesSheet(data, grid), assumptionsSheet(data, grid));
  const rev = data.revision;
  return {
    properties: {
      title: options.title ?? `Évolution des cotisations — ${data.product.product.name}`,
      subject: `${data.before.label} → ${data.after.label}${data.reference ? ` (${data.reference})` : ''}`,
      description: `${grid.rows.length} formules × ${grid.columns.length} colonnes${rev ? ` ; composantes : ${rev.components.map((c) => `${c.label} ${c.rate.replace('.', ',')} %`).join(' + ')}` : ''}${data.impact ? ` ; impact budgétaire sur ${data.impact.result.totals.count} personnes` : ''}`,
      keywords: 'Grille; délibération; cotisations; révision',
      category: 'Délibération',
      date,
    },
    sheets,
  };
}

/** The deliberation workbook's bytes; the same data and options give the same bytes. */
export async function writeDeliberationWorkbook(data: DeliberationData, options: DeliberationWorkbookOptions): Promise<Buffer> {
  return writeWorkbook(deliberationWorkbookSpec(data, options), options.hooks);
}
