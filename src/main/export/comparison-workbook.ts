/**
 * The comparison workbook: the grid as the screen shows it ("Comparaison"), the comparable figures as
 * numbers ("Valeurs"), where every value comes from ("Sources") and the assumptions ("Hypothèses").
 * It reads the comparison model only: it computes nothing the grid would not show.
 */
import type { Style } from 'exceljs';
import type { Comparison, ComparisonColumn, ComparisonRow } from '../../shared/core/compare';
import { NOT_SPECIFIED } from '../../shared/core/compare';
import { formatDateFr, formatQuantities, isCentsKind } from '../../shared/core/format';
import { formatEuros } from '../../shared/core/money';
import type { SimulationResult } from '../../shared/core/reimbursement';
import type { StandardBasket } from '../../shared/core/reimbursement-examples';
import { sourceFileText } from '../../shared/core/source-label';
import {
  bestStyle,
  centerStyle,
  groupStyle,
  headerLeftStyle,
  headerStyle,
  labelStyle,
  missingAmountStyle,
  missingStyle,
  notCoveredStyle,
  numberStyle,
  NUMFMT_EURO,
  numFmtOf,
  textStyle,
  worstStyle,
  wrapNoteStyle,
} from './styles';
import { landscapeFitToWidth, toDocumentDate, writeWorkbook, type CellValue, type SheetRow, type SheetSpec, type WorkbookSpec, type WriteHooks } from './workbook-writer';

export interface ComparisonWorkbookOptions {
  /** the document's date (AAAA-MM-JJ or Date): written as created/modified, and as the zip entries' time */
  date: Date | string;
  title?: string | undefined;
  /** more assumptions to list (the caller's own, e.g. how the columns were chosen) */
  assumptions?: readonly string[] | undefined;
  /** the standard baskets simulated on the santé columns: adds the sheet "Exemples en euros" */
  examples?: ReimbursementExamples | undefined;
  /** progress and cancellation of a long export (src/main/jobs) */
  hooks?: WriteHooks | undefined;
}

/** The standard baskets simulated by the engine on the comparison's santé columns. */
export interface ReimbursementExamples {
  /** the date of care: the regulatory parameters in force that day */
  date: string;
  /** indexes in the model's columns of the simulated offers, in the order of each result's offers */
  columns: number[];
  baskets: { basket: StandardBasket; result: SimulationResult | null; message: string | null }[];
}

export const SHEET_GRID = 'Comparaison';
export const SHEET_VALUES = 'Valeurs';
export const SHEET_SOURCES = 'Sources';
export const SHEET_ASSUMPTIONS = 'Hypothèses';
export const SHEET_EXAMPLES = 'Exemples en euros';

const STATUS_FR = { covered: 'couvert', not_covered: 'non couvert', unspecified: NOT_SPECIFIED } as const;

/** The column header: product, formula (+ option), version, on three lines. */
export function columnHeader(c: ComparisonColumn): string {
  const formula = c.option ? `${c.formulaLabel} + ${c.optionLabel}` : c.formulaLabel;
  return `${c.productName}\n${formula}\n${c.versionLabel}`;
}

function mark(row: ComparisonRow, i: number): 'best' | 'worst' | null {
  if (row.best.includes(i)) return 'best';
  if (row.worst.includes(i)) return 'worst';
  return null;
}

function* gridRows(model: Comparison): Generator<SheetRow> {
  const n = model.columns.length;
  yield {
    values: ['Garantie', ...model.columns.map(columnHeader), 'Repère comparé', 'Écart'],
    styles: [headerLeftStyle, ...model.columns.map(() => headerStyle), headerStyle, headerStyle],
    height: 48,
  };
  for (const row of model.rows) {
    if (row.type === 'group') {
      const values: CellValue[] = new Array<CellValue>(n + 3).fill(null);
      values[0] = row.label;
      yield { values, style: groupStyle, styles: [labelStyle(row.depth, true)] };
      continue;
    }
    const values: CellValue[] = [row.label];
    const styles: Partial<Style>[] = [labelStyle(row.depth, false)];
    row.cells.forEach((cell, i) => {
      values.push(cell.text);
      const m = mark(row, i);
      styles.push(
        m === 'best' ? bestStyle : m === 'worst' ? worstStyle : !cell.present || cell.status === 'unspecified' ? missingStyle : cell.status === 'not_covered' ? notCoveredStyle : textStyle,
      );
    });
    values.push(row.figure?.label ?? '', row.differs ? '≠' : '');
    styles.push(centerStyle, centerStyle);
    yield { values, styles };
  }
}

function* valueRows(model: Comparison): Generator<SheetRow> {
  yield {
    values: ['Garantie', 'Repère comparé', ...model.columns.map(columnHeader)],
    styles: [headerLeftStyle, headerStyle, ...model.columns.map(() => headerStyle)],
    height: 48,
  };
  let any = false;
  for (const row of model.rows) {
    const f = row.figure;
    if (row.type !== 'category' || !f) continue;
    any = true;
    const fmt = numFmtOf(f.kind, f.values.every((v) => v === null || Number.isInteger(v)));
    const cents = isCentsKind(f.kind);
    const values: CellValue[] = [row.label, f.label];
    const styles: Partial<Style>[] = [labelStyle(row.depth, false), textStyle];
    f.values.forEach((v, i) => {
      // amounts are stored in cents and shown in euros; a cent is exact in a double after /100 for display
      values.push(v === null ? (row.cells[i]!.present ? row.cells[i]!.text : NOT_SPECIFIED) : cents ? v / 100 : v);
      styles.push(v === null ? missingStyle : numberStyle(fmt, mark(row, i)));
    });
    yield { values, styles };
  }
  if (!any) yield { values: ['Aucune ligne n’a de quantité commune à toutes ses colonnes couvertes.'], styles: [missingStyle] };
}

const euroStyle = numberStyle(NUMFMT_EURO);

function* exampleRows(model: Comparison, ex: ReimbursementExamples): Generator<SheetRow> {
  const cols = ex.columns.map((i) => model.columns[i]!);
  const head = (c: ComparisonColumn) => `${c.productName}\n${c.option ? `${c.formulaLabel} + ${c.optionLabel}` : c.formulaLabel}`;
  yield {
    values: ['Panier', 'Prix', 'Base de remboursement', 'Part Sécurité sociale', ...cols.flatMap((c) => [`${head(c)}\nPart complémentaire`, `${head(c)}\nReste à charge`])],
    styles: [headerLeftStyle, headerStyle, headerStyle, headerStyle, ...cols.flatMap(() => [headerStyle, headerStyle])],
    height: 64,
  };
  const notes: string[] = [`Soins datés du ${formatDateFr(ex.date)} : paramètres réglementaires (Sécurité sociale) en vigueur ce jour-là. Montants en euros ; « ${NOT_SPECIFIED} » : la source ne donne pas la garantie.`];
  for (const { basket, result, message } of ex.baskets) {
    notes.push(`${basket.title} : ${basket.assumption}.`);
    if (!result) {
      yield { values: [basket.title, `Simulation impossible : ${message ?? ''}`], styles: [labelStyle(0, false), missingStyle] };
      continue;
    }
    const values: CellValue[] = [basket.title, result.priceCents / 100, result.securiteSociale.brCents / 100, result.securiteSociale.netCents / 100];
    const styles: Partial<Style>[] = [labelStyle(0, false), euroStyle, euroStyle, euroStyle];
    result.offers.forEach((o) => {
      if (o.complementaryCents === null) {
        values.push(o.knownComplementaryCents ? `${NOT_SPECIFIED} (au moins ${formatEuros(o.knownComplementaryCents)})` : NOT_SPECIFIED);
        styles.push(missingAmountStyle);
      } else {
        values.push(o.complementaryCents / 100);
        styles.push(euroStyle);
      }
      values.push(o.resteAChargeCents === null ? NOT_SPECIFIED : o.resteAChargeCents / 100);
      styles.push(o.resteAChargeCents === null ? missingAmountStyle : euroStyle);
    });
    yield { values, styles };
    for (const h of [...result.hypotheses, ...result.offers.flatMap((o) => o.hypotheses)]) if (!notes.includes(h.text)) notes.push(h.text);
  }
  yield { values: [] };
  for (const text of notes) yield { values: [text], styles: [wrapNoteStyle] };
}

function* sourceRows(model: Comparison): Generator<SheetRow> {
  yield {
    values: [
      'Garantie',
      'Clé',
      'Colonne',
      'Statut',
      'Texte',
      'Intitulé dans le document',
      'Déclencheur',
      'Bénéficiaires',
      'Conditions',
      'Quantités',
      'Document',
      'Fichier',
      'Article / section',
      'Lignes',
      'Citation',
    ],
    style: headerLeftStyle,
  };
  for (const row of model.rows) {
    if (row.type !== 'category') continue;
    for (let i = 0; i < row.cells.length; i++) {
      const cell = row.cells[i]!;
      if (!cell.present) continue;
      const col = model.columns[i]!;
      for (const s of cell.sources) {
        yield {
          values: [
            row.label,
            row.key,
            col.label,
            STATUS_FR[cell.status],
            cell.text,
            cell.label ?? '',
            cell.trigger ?? '',
            cell.beneficiary ?? '',
            cell.conditions ?? '',
            formatQuantities(cell.quantities),
            s.documentTitle ?? '',
            sourceFileText(s.file),
            s.section,
            s.lines[0] === s.lines[1] ? `${s.lines[0]}` : `${s.lines[0]}–${s.lines[1]}`,
            s.quote,
          ],
          style: textStyle,
        };
      }
    }
  }
}

function* assumptionRows(model: Comparison, extra: readonly string[]): Generator<SheetRow> {
  yield { values: ['N°', 'Hypothèse'], style: headerLeftStyle };
  const f = model.filter;
  const lines = [
    model.at ? `Date de référence pour le choix des versions : ${formatDateFr(model.at)}.` : 'Aucune date de référence : la dernière version de chaque produit est retenue.',
    ...model.assumptions,
    ...extra,
  ];
  const filters: string[] = [];
  if (f.category) filters.push(`catégorie ${f.category}`);
  if (f.search) filters.push(`recherche « ${f.search} »`);
  if (f.differencesOnly) filters.push('lignes qui diffèrent seulement');
  lines.push(
    filters.length
      ? `Filtre : ${filters.join(', ')} (${model.counts.shown} lignes sur ${model.counts.categories}).`
      : `Aucun filtre : ${model.counts.categories} lignes, dont ${model.counts.differing} qui diffèrent.`,
  );
  lines.push('Feuille « Sources » : une ligne par case renseignée ; les cases « non précisé » n’ont pas de source.');
  let n = 0;
  for (const text of lines) yield { values: [++n, text], styles: [centerStyle, textStyle] };
}

/** The workbook's sheets, rows built as they are written. Exposed for the benchmark's baseline. */
/** Rows of the three large sheets, counted on the model without building them (progress of the export). */
function rowCounts(model: Comparison): { grid: number; values: number; sources: number } {
  let values = 0;
  let sources = 0;
  for (const row of model.rows) {
    if (row.type !== 'category') continue;
    if (row.figure) values++;
    for (const cell of row.cells) if (cell.present) sources += cell.sources.length;
  }
  return { grid: 1 + model.rows.length, values: 1 + Math.max(values, 1), sources: 1 + sources };
}

export function comparisonWorkbookSpec(model: Comparison, options: ComparisonWorkbookOptions): WorkbookSpec {
  const n = model.columns.length;
  const counts = rowCounts(model);
  const sheets: SheetSpec[] = [
    {
      name: SHEET_GRID,
      widths: [44, ...model.columns.map(() => 30), 16, 7],
      frozen: { rows: 1, columns: 1 },
      pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1', printTitlesColumn: 'A:A' }),
      rows: gridRows(model),
      rowCount: counts.grid,
    },
    {
      name: SHEET_VALUES,
      widths: [44, 18, ...model.columns.map(() => 18)],
      frozen: { rows: 1, columns: 2 },
      pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1', printTitlesColumn: 'A:B' }),
      rows: valueRows(model),
      rowCount: counts.values,
    },
    ...(options.examples && options.examples.columns.length
      ? [
          {
            name: SHEET_EXAMPLES,
            widths: [44, 14, 14, 14, ...options.examples.columns.flatMap(() => [18, 18])],
            frozen: { rows: 1, columns: 1 },
            pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1', printTitlesColumn: 'A:A' }),
            // a few baskets: built at once, so the sheet counts its rows
            rows: [...exampleRows(model, options.examples)],
          },
        ]
      : []),
    {
      name: SHEET_SOURCES,
      widths: [32, 24, 36, 12, 30, 30, 36, 24, 36, 24, 36, 24, 28, 10, 60],
      frozen: { rows: 1, columns: 1 },
      pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }),
      rows: sourceRows(model),
      rowCount: counts.sources,
    },
    {
      name: SHEET_ASSUMPTIONS,
      widths: [6, 120],
      frozen: { rows: 1, columns: 0 },
      pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }),
      rows: [...assumptionRows(model, options.assumptions ?? [])],
    },
  ];
  const products = [...new Set(model.columns.map((c) => c.productName))];
  return {
    properties: {
      title: options.title ?? 'Comparaison de garanties',
      subject: products.join(' ; '),
      description: `${model.rows.filter((r) => r.type === 'category').length} garanties × ${n} colonnes : ${model.columns.map((c) => c.label).join(' | ')}`,
      keywords: 'Grille; comparaison; garanties',
      category: 'Comparaison',
      date: toDocumentDate(options.date),
    },
    sheets,
  };
}

/** The comparison as an .xlsx file's bytes; the same model and options give the same bytes. */
export async function writeComparisonWorkbook(model: Comparison, options: ComparisonWorkbookOptions): Promise<Buffer> {
  return writeWorkbook(comparisonWorkbookSpec(model, options), options.hooks);
}
