/**
 * Excel export benchmarks: Grille's comparison and tariff workbooks against the raw exceljs streaming
 * writer and against SheetJS, writing the same cells, in the same run.
 *
 * Grille's path counts the export: from the comparison model (whose build is timed on a row of its
 * own) or from the product files (the tariff tables are built inside the export), laying out the
 * sheets, styles, the formula guard, and the pass that fixes the zip dates.
 * The baselines write the very same cells (values and number formats, already laid out in arrays):
 * the raw exceljs streaming writer (shared strings, one shared style per number format, no fonts,
 * fills or borders), and SheetJS (aoa_to_sheet, a format on each number cell, compressed .xlsx).
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import type { GuaranteeEntry, ProductFile, Source, TariffCellEntry } from '../src/shared/core/catalogue-schema';
import { compare, type ColumnSpec, type TaxonomyCategory } from '../src/shared/core/compare';
import { comparisonWorkbookSpec } from '../src/main/export/comparison-workbook';
import { tariffWorkbookSpec } from '../src/main/export/tariff-workbook';
import { writeWorkbook, type CellValue, type WorkbookSpec } from '../src/main/export/workbook-writer';
import { timeAsync, type BenchRow, type BenchSection } from './harness';

const DATE = '2026-01-01';
const RUNS = 3;
const source: Source = { file: 'genere.txt', section: 'Barème généré', lines: [1, 1], quote: 'barème généré pour la mesure' };

function baseProduct(id: string, name: string, formulas: number): Omit<ProductFile, 'guarantees' | 'tariffs' | 'segments' | 'categories'> {
  return {
    formatVersion: 1,
    product: { id, kind: 'assistance', name, insurer: 'assureur-genere', distributor: null, subscribers: [], references: [], attachedTo: null, source },
    organisations: [{ id: 'assureur-genere', name: 'Assureur généré', roles: ['insurer'], source }],
    documents: [{ id: 'doc', file: 'genere.txt', title: 'Document généré', kind: 'notice', lines: [1, 1000], date: null }],
    formulas: Array.from({ length: formulas }, (_, f) => ({ code: `f${f}`, label: `Formule ${f + 1}`, kind: 'formula' as const })),
    versions: [{ code: 'v1', label: 'Version 2026', effectiveFrom: DATE, effectiveTo: null, document: 'doc', source }],
    rules: [],
  };
}

// ---------- comparison: 20 products × 3 formulas = 60 columns, 500 categories in 25 groups

const GROUPS = 25;
const PER_GROUP = 20;
const CMP_PRODUCTS = 20;
const CMP_FORMULAS = 3;

export function comparisonInput(): { columns: ColumnSpec[]; taxonomy: TaxonomyCategory[] } {
  const taxonomy: TaxonomyCategory[] = [];
  for (let g = 0; g < GROUPS; g++) {
    taxonomy.push({ key: `groupe_${g}`, label: `Groupe ${g + 1}`, order: g * 1000 });
    for (let c = 0; c < PER_GROUP; c++) taxonomy.push({ key: `groupe_${g}.garantie_${c}`, label: `Garantie ${g + 1}.${c + 1}`, order: g * 1000 + c + 1 });
  }
  const columns: ColumnSpec[] = [];
  for (let p = 0; p < CMP_PRODUCTS; p++) {
    const guarantees: GuaranteeEntry[] = [];
    for (let g = 0; g < GROUPS; g++) {
      for (let c = 0; c < PER_GROUP; c++) {
        const k = p * 131 + g * 17 + c;
        if (k % 11 === 0) continue; // "non précisé"
        for (let f = 0; f < CMP_FORMULAS; f++) {
          const notCovered = (k + f) % 13 === 0;
          const hours = 10 + ((k * 7 + f * 5) % 41);
          guarantees.push({
            category: `groupe_${g}.garantie_${c}`,
            label: `Art. ${g + 1}.${c + 1}`,
            formulas: [`f${f}`],
            versions: ['*'],
            status: notCovered ? 'not_covered' : 'covered',
            quantities: notCovered ? {} : { hours, periodDays: 30 },
            text: notCovered ? 'non couvert' : `${hours} h sur 30 jours, 2 h min.`,
            trigger: 'Hospitalisation imprévue de plus de 2 jours',
            conditions: 'Du lundi au vendredi, hors jours fériés. Demande sous 7 jours.',
            source: { ...source, lines: [k % 900 + 1, k % 900 + 3], quote: `ne pourra excéder ${hours} heures réparties sur une période maximale de 30 jours` },
          });
        }
      }
    }
    const product: ProductFile = { ...baseProduct(`produit-${p}`, `Produit ${p + 1}`, CMP_FORMULAS), segments: [], categories: [], guarantees, tariffs: [] };
    for (let f = 0; f < CMP_FORMULAS; f++) columns.push({ product, formula: `f${f}` });
  }
  return { columns, taxonomy };
}

// ---------- tariffs: 12 products × 2 versions × (4 formulas × 126 zones) rows × 50 segments = 604 800 amounts

const TAR_PRODUCTS = 12;
const TAR_VERSIONS = 2;
const TAR_FORMULAS = 4;
const AGES = 50;
const ZONES = 126;

export function tariffProducts(): ProductFile[] {
  // Codes are shared strings, as in a catalogue read with JSON.parse (which interns short strings).
  const versionCodes = Array.from({ length: TAR_VERSIONS }, (_, v) => `v${v}`);
  const formulaCodes = Array.from({ length: TAR_FORMULAS }, (_, f) => `f${f}`);
  const segmentCodes = Array.from({ length: AGES }, (_, a) => `age-${18 + a}`);
  const zoneCodes = Array.from({ length: ZONES }, (_, z) => `z${z + 1}`);
  const out: ProductFile[] = [];
  for (let i = 0; i < TAR_PRODUCTS; i++) {
    const tariffs: TariffCellEntry[] = [];
    for (let v = 0; v < TAR_VERSIONS; v++)
      for (let f = 0; f < TAR_FORMULAS; f++)
        for (let z = 0; z < ZONES; z++) {
          const rowSource: Source = { ...source, lines: [z + 1, z + 1], quote: `Formule ${f + 1} zone ${z + 1}` };
          for (let a = 0; a < AGES; a++) {
            tariffs.push({ version: versionCodes[v]!, formula: formulaCodes[f]!, option: '', segment: segmentCodes[a]!, zone: zoneCodes[z]!, amountCents: 1000 + ((i * 7919 + v * 104729 + f * 1299709 + a * 31 + z) % 20000), period: 'month', source: rowSource });
          }
        }
    const base = baseProduct(`tarif-${i}`, `Produit tarifé ${i + 1}`, TAR_FORMULAS);
    out.push({
      ...base,
      versions: Array.from({ length: TAR_VERSIONS }, (_, v) => ({ code: `v${v}`, label: `Version ${2025 + v}`, effectiveFrom: `${2025 + v}-01-01`, effectiveTo: null, document: 'doc', source })),
      segments: Array.from({ length: AGES }, (_, a) => ({ code: `age-${18 + a}`, label: `${18 + a} ans`, roles: ['principal' as const], status: null, ageMin: 18 + a, ageMax: 18 + a, source })),
      categories: [],
      guarantees: [],
      tariffs,
    });
  }
  return out;
}

// ---------- baselines on the same cells

interface PlainSheet {
  name: string;
  rows: CellValue[][];
  /** number format per cell of a row, where the cell has one (amounts, hours...) */
  formats: (string | undefined)[][];
}

/** The cells of a spec (values and number formats), laid out beforehand so the baselines time writing only. */
function materialise(spec: WorkbookSpec): { sheets: PlainSheet[]; cells: number } {
  let cells = 0;
  const sheets = spec.sheets.map((s) => {
    const rows: CellValue[][] = [];
    const formats: (string | undefined)[][] = [];
    for (const r of s.rows) {
      rows.push([...r.values]);
      formats.push(r.values.map((v, c) => (typeof v === 'number' ? (r.styles?.[c] ?? r.style)?.numFmt : undefined)));
      for (const v of r.values) if (v !== null && v !== undefined) cells++;
    }
    return { name: s.name, rows, formats };
  });
  return { sheets, cells };
}

class NullSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.bytes += chunk.length;
    cb();
  }
}

/** exceljs as its documentation shows it: streaming writer, shared strings, one shared style object per number format. */
async function rawExcelJs(sheets: PlainSheet[]): Promise<number> {
  const sink = new NullSink();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  // With styles on, exceljs serialises the style of every cell unless it is an object seen before:
  // the fast way, and the fair baseline, gives unformatted cells one shared empty style.
  const plain: Partial<ExcelJS.Style> = {};
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    let r = 0;
    for (const values of s.rows) {
      const formats = s.formats[r]!;
      const row = ws.getRow(++r);
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        if (v === null || v === undefined) continue;
        const cell = row.getCell(c + 1);
        cell.value = v;
        const fmt = formats[c];
        if (fmt) {
          let st = styles.get(fmt);
          if (!st) styles.set(fmt, (st = { numFmt: fmt }));
          cell.style = st;
        } else {
          cell.style = plain;
        }
      }
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
  return sink.bytes;
}

/** SheetJS: the same arrays through aoa_to_sheet, number formats on the cells, compressed .xlsx. */
function sheetJs(sheets: PlainSheet[]): number {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows);
    s.formats.forEach((formats, r) =>
      formats.forEach((fmt, c) => {
        if (fmt) (ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject).z = fmt;
      }),
    );
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  const out = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return out.length;
}

/**
 * Rounds: each round times Grille, then raw exceljs, then SheetJS, after a collection; the best time
 * of each over the rounds is kept. Interleaving spreads the noise of a shared 2-core machine over all
 * three, and the first round warms every path up.
 */
async function rounds(paths: Record<'grille' | 'raw' | 'sheetjs', () => Promise<unknown>>): Promise<Record<'grille' | 'raw' | 'sheetjs', number>> {
  const bestMs = { grille: Infinity, raw: Infinity, sheetjs: Infinity };
  for (let i = 0; i < RUNS; i++) {
    for (const key of ['grille', 'raw', 'sheetjs'] as const) {
      global.gc?.();
      const { ms } = await timeAsync(paths[key]);
      if (ms < bestMs[key]) bestMs[key] = ms;
    }
  }
  return bestMs;
}

function rows(label: string, cells: number, grille: number, raw: number, sheetjs: number): BenchRow[] {
  const rate = (ms: number) => ({ value: cells / (ms / 1000), unit: 'cells/s' });
  const rawRatio = raw / grille;
  const sjRatio = sheetjs / grille;
  return [
    { name: `raw exceljs streaming writer — ${label}`, ms: raw, baselineMs: null, baseline: null, rate: rate(raw) },
    { name: `SheetJS (xlsx) — ${label}`, ms: sheetjs, baselineMs: null, baseline: null, rate: rate(sheetjs) },
    {
      name: `Grille — ${label}`,
      ms: grille,
      baselineMs: raw,
      baseline: 'raw exceljs streaming writer, same cells',
      rate: rate(grille),
      goal: 'rate ratio ≥ 0.7',
      met: rawRatio >= 0.7,
    },
    {
      name: `Grille — ${label}`,
      ms: grille,
      baselineMs: sheetjs,
      baseline: 'SheetJS aoa_to_sheet + write, same cells',
      rate: rate(grille),
      goal: 'rate ratio ≥ 2 (twice as fast as SheetJS)',
      met: sjRatio >= 2,
    },
  ];
}

async function comparisonBench(): Promise<BenchRow[]> {
  const input = comparisonInput();
  // The model is what the grid shows; the export reads it. Its build is timed on its own row.
  let model = compare({ ...input, at: DATE });
  let modelMs = Infinity;
  for (let i = 0; i < RUNS; i++) {
    global.gc?.();
    const r = await timeAsync(async () => compare({ ...input, at: DATE }));
    modelMs = Math.min(modelMs, r.ms);
    model = r.value;
  }
  const categories = model.rows.filter((r) => r.type === 'category').length;
  if (categories < 500 || model.columns.length < 60) throw new Error(`bench: ${categories} lignes × ${model.columns.length} colonnes seulement`);
  const { sheets, cells } = materialise(comparisonWorkbookSpec(model, { date: DATE }));
  const t = await rounds({
    grille: () => writeWorkbook(comparisonWorkbookSpec(model, { date: DATE })),
    raw: () => rawExcelJs(sheets),
    sheetjs: async () => sheetJs(sheets),
  });
  return [
    {
      name: `Grille comparison model (compare(): ${categories} rows × ${model.columns.length} columns), for information`,
      ms: modelMs,
      baselineMs: null,
      baseline: null,
    },
    ...rows(`comparison export ${categories} rows × ${model.columns.length} columns (${cells.toLocaleString('fr-FR')} cells, 4 sheets)`, cells, t.grille, t.raw, t.sheetjs),
  ];
}

async function tariffBench(): Promise<BenchRow[]> {
  const products = tariffProducts();
  const amounts = products.reduce((n, p) => n + p.tariffs.length, 0);
  if (amounts < 600_000) throw new Error(`bench: ${amounts} montants seulement`);
  const { sheets, cells } = materialise(tariffWorkbookSpec(products, { date: DATE }));
  // Grille starts from the product files: building the tables is part of its time.
  const t = await rounds({
    grille: () => writeWorkbook(tariffWorkbookSpec(products, { date: DATE })),
    raw: () => rawExcelJs(sheets),
    sheetjs: async () => sheetJs(sheets),
  });
  return rows(
    `tariff export ${amounts.toLocaleString('fr-FR')} amounts in ${products.length * TAR_VERSIONS} tables (${cells.toLocaleString('fr-FR')} cells)`,
    cells,
    t.grille,
    t.raw,
    t.sheetjs,
  );
}

export const exportBench: BenchSection = async () => [...(await comparisonBench()), ...(await tariffBench())];
