/**
 * The tariff workbook: one sheet per product × version holding the document's table (formula rows ×
 * segment columns, amounts as numbers in euros with a € format), a summary, and the sources of every
 * row of figures. A cell the document does not give reads "non précisé": nothing is filled in.
 */
import type { Style } from 'exceljs';
import type { ProductFile, Source, TariffCellEntry } from '../../shared/core/catalogue-schema';
import { formatDateFr } from '../../shared/core/format';
import { NOT_SPECIFIED } from '../../shared/core/compare';
import { sourceFileText } from '../../shared/core/source-label';
import { centerStyle, headerLeftStyle, headerStyle, missingStyle, NUMFMT_EURO, numberStyle, textStyle, titleStyle, titleWrapStyle, wrapNoteStyle } from './styles';
import { landscapeFitToWidth, sheetNamer, toDocumentDate, writeWorkbook, type CellValue, type SheetRow, type SheetSpec, type WorkbookSpec, type WriteHooks } from './workbook-writer';

export interface TariffRowHeader {
  formula: string;
  formulaLabel: string;
  option: string;
  optionLabel: string;
  zone: string;
}

export interface TariffSourceGroup {
  formula: string;
  option: string;
  zone: string;
  segments: string[];
  source: Source;
}

export interface TariffTable {
  productId: string;
  productName: string;
  version: string;
  versionLabel: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  reference: string | null;
  documentTitle: string | null;
  documentFile: string | null;
  /** the period every amount of the table is given for, or "mixed" */
  period: 'month' | 'year' | 'mixed';
  rows: TariffRowHeader[];
  segments: { code: string; label: string }[];
  /** cents, [row][segment]; null where the document gives no amount */
  cents: (number | null)[][];
  /** period per row when the table mixes periods */
  rowPeriods: ('month' | 'year' | 'mixed')[];
  sources: TariffSourceGroup[];
  /** the French wording of the product's pricing rules that apply to this version */
  rules: string[];
  /** number of amounts given by the document */
  cellCount: number;
}

export interface TariffWorkbookOptions {
  /** the document's date (AAAA-MM-JJ or Date): created/modified and zip entry times */
  date: Date | string;
  title?: string | undefined;
  /** versions to export per product id (all when absent) */
  versions?: Readonly<Record<string, readonly string[]>> | undefined;
  /** progress and cancellation of a long export (src/main/jobs) */
  hooks?: WriteHooks | undefined;
}

const PERIOD_FR: Record<'month' | 'year' | 'mixed', string> = { month: 'par mois', year: 'par an', mixed: 'par mois ou par an (voir colonne « Période »)' };

function appliesTo(list: readonly string[], code: string): boolean {
  return list.includes('*') || list.includes(code);
}

type Period = 'month' | 'year' | 'mixed';

function sourceKey(s: Source): string {
  return `${s.file}\u0000${s.section}\u0000${s.lines[0]}\u0000${s.lines[1]}\u0000${s.quote}`;
}

/** The cells of one version, gathered in one pass over the product's tariffs. */
class TableBuilder {
  readonly rowIds = new Map<string, Map<string, Map<string, number>>>();
  readonly headers: TariffRowHeader[] = [];
  readonly amounts: (number | null)[][] = [];
  readonly periods: (Period | null)[] = [];
  readonly firstSource: Source[] = [];
  readonly mixedSource: boolean[] = [];
  anyMixed = false;
  period: Period | null = null;
  count = 0;
  private last: TariffCellEntry | null = null;
  private id = -1;
  private lastSeg = -1;

  /** segment code → index: the product's segments first, then codes met in the cells */
  readonly segIds: Map<string, number>;
  readonly segCodes: string[];
  private readonly segUsed: boolean[];

  constructor(
    private readonly formulaLabel: ReadonlyMap<string, string>,
    productSegments: readonly string[],
  ) {
    this.segCodes = [...productSegments];
    this.segIds = new Map(this.segCodes.map((c, i) => [c, i]));
    this.segUsed = this.segCodes.map(() => false);
  }

  rowOf(t: TariffCellEntry): number {
    return this.rowIds.get(t.formula)!.get(t.option)!.get(t.zone)!;
  }

  /** indexes of the segments some cell gives, in segment order */
  usedSegments(): number[] {
    const out: number[] = [];
    this.segUsed.forEach((u, i) => u && out.push(i));
    return out;
  }

  add(t: TariffCellEntry): void {
    this.count++;
    const last = this.last;
    // consecutive cells usually belong to the same row: try it before the maps
    if (last === null || t.formula !== last.formula || t.zone !== last.zone || t.option !== last.option) {
      let byOption = this.rowIds.get(t.formula);
      if (!byOption) this.rowIds.set(t.formula, (byOption = new Map()));
      let byZone = byOption.get(t.option);
      if (!byZone) byOption.set(t.option, (byZone = new Map()));
      const known = byZone.get(t.zone);
      if (known === undefined) {
        this.id = this.headers.length;
        byZone.set(t.zone, this.id);
        this.headers.push({
          formula: t.formula,
          formulaLabel: this.formulaLabel.get(t.formula) ?? t.formula,
          option: t.option,
          optionLabel: t.option ? (this.formulaLabel.get(t.option) ?? t.option) : '',
          zone: t.zone,
        });
        // sized once (null = not given): growing arrays cell by cell costs copies and collections
        this.amounts.push(new Array<number | null>(this.segCodes.length).fill(null));
        this.periods.push(null);
        this.firstSource.push(t.source);
        this.mixedSource.push(false);
      } else {
        this.id = known;
      }
      this.last = t;
    }
    const id = this.id;
    // segments usually come in table order: try the one after the last before the map
    let seg: number | undefined = this.lastSeg + 1;
    if (this.segCodes[seg] !== t.segment) seg = this.segIds.get(t.segment);
    if (seg === undefined) {
      seg = this.segCodes.length;
      this.segIds.set(t.segment, seg);
      this.segCodes.push(t.segment);
      this.segUsed.push(false);
    }
    this.lastSeg = seg;
    this.segUsed[seg] = true;
    this.amounts[id]![seg] = t.amountCents;
    const rp = this.periods[id];
    if (rp !== t.period) this.periods[id] = rp === null ? t.period : 'mixed';
    if (this.period !== t.period) this.period = this.period === null ? t.period : 'mixed';
    if (this.firstSource[id] !== t.source && !this.mixedSource[id]) {
      this.mixedSource[id] = true;
      this.anyMixed = true;
    }
  }
}

/**
 * Tables of a product, one per version that has amounts, in the product's version order. A product
 * can hold hundreds of thousands of cells: one pass over them, nested maps on the codes (no composite
 * string keys), one source per row unless the row's cells cite several.
 */
export function tariffTables(product: ProductFile, versions?: readonly string[]): TariffTable[] {
  const formulaIndex = new Map(product.formulas.map((f, i) => [f.code, i]));
  const formulaLabel = new Map(product.formulas.map((f) => [f.code, f.label]));
  const segmentLabel = new Map(product.segments.map((s) => [s.code, s.label]));
  const wanted = new Set(product.versions.filter((v) => !versions || versions.includes(v.code)).map((v) => v.code));
  const builders = new Map<string, TableBuilder>();
  let builder: TableBuilder | null = null;
  let builderVersion: string | null = null;
  for (const t of product.tariffs) {
    if (t.version !== builderVersion) {
      builderVersion = t.version;
      builder = builders.get(t.version) ?? null;
      if (!builder && wanted.has(t.version)) {
        builder = new TableBuilder(formulaLabel, product.segments.map((s) => s.code));
        builders.set(t.version, builder);
      }
    }
    builder?.add(t);
  }

  const rank = (code: string) => formulaIndex.get(code) ?? Number.MAX_SAFE_INTEGER;
  const out: TariffTable[] = [];
  for (const v of product.versions) {
    const b = builders.get(v.code);
    if (!b || b.count === 0) continue;
    // Rows in the product's formula order, then option order, then first appearance.
    const order = b.headers.map((_, i) => i).sort((x, y) => {
      const hx = b.headers[x]!;
      const hy = b.headers[y]!;
      const f = rank(hx.formula) - rank(hy.formula);
      if (f !== 0) return f;
      const o = (hx.option ? rank(hx.option) : -1) - (hy.option ? rank(hy.option) : -1);
      return o !== 0 ? o : x - y;
    });
    const used = b.usedSegments();
    const segments = used.map((i) => ({ code: b.segCodes[i]!, label: segmentLabel.get(b.segCodes[i]!) ?? b.segCodes[i]! }));
    // every segment given and none added on the way: the rows are the table as they are
    const whole = used.length === b.segCodes.length;
    const cents: (number | null)[][] = order.map((rid) => {
      const a = b.amounts[rid]!;
      if (whole && a.length === used.length) return a;
      return used.map((i) => a[i] ?? null);
    });

    // Rows whose cells cite several source objects: segments per source, merged when the texts agree.
    const colOfSeg = new Map(used.map((segIndex, col) => [segIndex, col]));
    const mixedGroups = new Map<number, Map<Source, number[]>>();
    if (b.anyMixed) {
      for (const t of product.tariffs) {
        if (t.version !== v.code) continue;
        const rid = b.rowOf(t);
        if (!b.mixedSource[rid]) continue;
        let bySource = mixedGroups.get(rid);
        if (!bySource) mixedGroups.set(rid, (bySource = new Map()));
        const col = colOfSeg.get(b.segIds.get(t.segment)!)!;
        const cols = bySource.get(t.source);
        if (cols) cols.push(col);
        else bySource.set(t.source, [col]);
      }
    }
    const sources: TariffSourceGroup[] = [];
    order.forEach((rid, r) => {
      const h = b.headers[rid]!;
      const groups = mixedGroups.get(rid);
      if (!groups) {
        const given: string[] = [];
        cents[r]!.forEach((amount, c) => {
          if (amount !== null) given.push(segments[c]!.code);
        });
        sources.push({ formula: h.formula, option: h.option, zone: h.zone, segments: given, source: b.firstSource[rid]! });
        return;
      }
      const byContent = new Map<string, { source: Source; cols: number[] }>();
      for (const [source, cols] of groups) {
        const key = sourceKey(source);
        const g = byContent.get(key);
        if (g) g.cols.push(...cols);
        else byContent.set(key, { source, cols: [...cols] });
      }
      for (const g of byContent.values()) {
        const cols = [...new Set(g.cols)].sort((x, y) => x - y);
        sources.push({ formula: h.formula, option: h.option, zone: h.zone, segments: cols.map((c) => segments[c]!.code), source: g.source });
      }
    });

    const doc = product.documents.find((d) => d.id === v.document) ?? null;
    out.push({
      productId: product.product.id,
      productName: product.product.name,
      version: v.code,
      versionLabel: v.label,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo,
      reference: v.reference ?? null,
      documentTitle: doc?.title ?? null,
      documentFile: doc?.file ?? null,
      period: b.period ?? 'month',
      rows: order.map((rid) => b.headers[rid]!),
      segments,
      cents,
      rowPeriods: order.map((rid) => b.periods[rid] ?? 'month'),
      sources,
      rules: product.rules.filter((r) => appliesTo(r.versions, v.code)).map((r) => r.text),
      cellCount: b.count,
    });
  }
  return out;
}

function periodText(t: TariffTable): string {
  if (t.effectiveFrom && t.effectiveTo) return `en vigueur du ${formatDateFr(t.effectiveFrom)} au ${formatDateFr(t.effectiveTo)}`;
  if (t.effectiveFrom) return `en vigueur à partir du ${formatDateFr(t.effectiveFrom)}`;
  if (t.effectiveTo) return `en vigueur jusqu’au ${formatDateFr(t.effectiveTo)}`;
  return 'dates d’effet non précisées';
}

function* tableRows(t: TariffTable): Generator<SheetRow> {
  const hasOption = t.rows.some((r) => r.option !== '');
  const hasZone = t.rows.some((r) => r.zone !== '');
  const mixed = t.period === 'mixed';
  // titles and notes wrap over the table's width: a longer line would widen the printed page
  const columns = labelColumns(t) + t.segments.length + (mixed ? 1 : 0);
  const merge = columns > 1 ? ([[1, columns]] as const) : undefined;
  yield { values: [t.productName], styles: [titleWrapStyle], height: 20, merge };
  yield { values: [`${t.versionLabel}${t.reference ? ` (${t.reference})` : ''} — ${periodText(t)}`], styles: [wrapNoteStyle], merge };
  yield {
    values: [`Cotisations en euros ${PERIOD_FR[t.period]}${t.documentTitle ? ` — source : ${t.documentTitle}${t.documentFile ? ` (${sourceFileText(t.documentFile)})` : ''}` : ''}`],
    styles: [wrapNoteStyle],
    merge,
  };
  const head: string[] = ['Formule'];
  if (hasOption) head.push('Option');
  if (hasZone) head.push('Zone');
  head.push(...t.segments.map((s) => s.label));
  if (mixed) head.push('Période');
  yield { values: head, styles: head.map((_, i) => (i === 0 ? headerLeftStyle : headerStyle)), height: 32 };
  const amount = numberStyle(NUMFMT_EURO);
  // One styles array shared by every complete row: labels, then holes (the row's style: amounts).
  const labels = 1 + (hasOption ? 1 : 0) + (hasZone ? 1 : 0);
  const shared: (Partial<Style> | undefined)[] = new Array<Partial<Style> | undefined>(labels + t.segments.length + (mixed ? 1 : 0)).fill(undefined);
  shared.fill(textStyle, 0, labels);
  if (mixed) shared[shared.length - 1] = centerStyle;
  const width = shared.length;
  for (let r = 0; r < t.rows.length; r++) {
    const h = t.rows[r]!;
    const values = new Array<CellValue>(width);
    let c0 = 0;
    values[c0++] = h.formulaLabel;
    if (hasOption) values[c0++] = h.optionLabel;
    if (hasZone) values[c0++] = h.zone;
    const row = t.cents[r]!;
    let styles = shared;
    for (let c = 0; c < row.length; c++) {
      const v = row[c]!;
      if (v === null) {
        values[labels + c] = NOT_SPECIFIED;
        if (styles === shared) styles = [...shared];
        styles[labels + c] = missingStyle;
      } else {
        // cents / 100 is the nearest double to the amount: Excel shows exactly the document's figure
        values[labels + c] = v / 100;
      }
    }
    if (mixed) values[width - 1] = PERIOD_FR[t.rowPeriods[r]!];
    yield { values, styles, style: amount };
  }
  if (t.rules.length > 0) {
    yield { values: [] };
    yield { values: ['Règles de tarification'], styles: [titleStyle] };
    for (const rule of t.rules) yield { values: [rule], styles: [wrapNoteStyle], merge };
  }
}

/** The rows tableRows gives: title, two notes, header, one row per formula/option/zone, then the rules. */
function tableRowCount(t: TariffTable): number {
  return 4 + t.rows.length + (t.rules.length > 0 ? 2 + t.rules.length : 0);
}

function labelColumns(t: TariffTable): number {
  return 1 + (t.rows.some((r) => r.option !== '') ? 1 : 0) + (t.rows.some((r) => r.zone !== '') ? 1 : 0);
}

/** The row of a table sheet where the header stands (rows before it: title and notes). */
export const TARIFF_HEADER_ROW = 4;

export function tariffWorkbookSpec(products: readonly ProductFile[], options: TariffWorkbookOptions): WorkbookSpec {
  const name = sheetNamer();
  const summaryName = name('Sommaire');
  const sourcesName = name('Sources');
  const tables: { table: TariffTable; sheet: string }[] = [];
  const without: ProductFile[] = [];
  for (const p of products) {
    const ts = tariffTables(p, options.versions?.[p.product.id]);
    if (ts.length === 0) without.push(p);
    for (const t of ts) tables.push({ table: t, sheet: name(`${t.productId} ${t.version}`) });
  }

  function* summaryRows(): Generator<SheetRow> {
    yield { values: ['Produit', 'Version', 'Du', 'Au', 'Référence', 'Période', 'Feuille', 'Montants'], style: headerLeftStyle };
    for (const { table: t, sheet } of tables) {
      yield {
        values: [t.productName, t.versionLabel, formatDateFr(t.effectiveFrom), formatDateFr(t.effectiveTo), t.reference ?? '', PERIOD_FR[t.period], sheet, t.cellCount],
        style: textStyle,
      };
    }
    for (const p of without) {
      yield { values: [p.product.name, '', '', '', '', '', 'tarifs non précisés par la source', 0], style: missingStyle };
    }
  }

  function* sourceRows(): Generator<SheetRow> {
    yield { values: ['Produit', 'Version', 'Formule', 'Option', 'Zone', 'Segments', 'Fichier', 'Article / section', 'Lignes', 'Citation'], style: headerLeftStyle };
    for (const { table: t } of tables) {
      const segLabel = new Map(t.segments.map((s) => [s.code, s.label]));
      // most lines give the whole row: its label list is built once per table
      const allSegments = t.segments.map((s) => s.label).join(', ');
      const rowOf = new Map(t.rows.map((r) => [`${r.formula}\u0000${r.option}\u0000${r.zone}`, r]));
      for (const g of t.sources) {
        const h = rowOf.get(`${g.formula}\u0000${g.option}\u0000${g.zone}`)!;
        const s = g.source;
        yield {
          values: [
            t.productName,
            t.versionLabel,
            h.formulaLabel,
            h.optionLabel,
            h.zone,
            g.segments.length === t.segments.length ? allSegments : g.segments.map((c) => segLabel.get(c) ?? c).join(', '),
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

  const sheets: SheetSpec[] = [
    {
      name: summaryName,
      widths: [40, 30, 12, 12, 18, 16, 28, 10],
      frozen: { rows: 1, columns: 0 },
      pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }),
      rows: summaryRows(),
      rowCount: 1 + tables.length + without.length,
    },
  ];
  for (const { table, sheet } of tables) {
    const labels = labelColumns(table);
    sheets.push({
      name: sheet,
      widths: [...new Array<number>(labels).fill(labels === 1 ? 28 : 20), ...table.segments.map(() => 16), ...(table.period === 'mixed' ? [14] : [])],
      frozen: { rows: TARIFF_HEADER_ROW, columns: labels },
      pageSetup: landscapeFitToWidth({ printTitlesRow: `${TARIFF_HEADER_ROW}:${TARIFF_HEADER_ROW}` }),
      rows: tableRows(table),
      rowCount: tableRowCount(table),
    });
  }
  sheets.push({
    name: sourcesName,
    widths: [32, 24, 20, 14, 10, 36, 26, 28, 10, 60],
    frozen: { rows: 1, columns: 0 },
    pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }),
    rows: sourceRows(),
    rowCount: 1 + tables.reduce((n, { table }) => n + table.sources.length, 0),
  });
  return {
    properties: {
      title: options.title ?? 'Tarifs',
      subject: products.map((p) => p.product.name).join(' ; '),
      description: `${tables.length} tables de cotisations (produit × version)`,
      keywords: 'Grille; tarifs; cotisations',
      category: 'Tarifs',
      date: toDocumentDate(options.date),
    },
    sheets,
  };
}

/** The tariffs of the products as an .xlsx file's bytes; the same inputs give the same bytes. */
export async function writeTariffWorkbook(products: readonly ProductFile[], options: TariffWorkbookOptions): Promise<Buffer> {
  return writeWorkbook(tariffWorkbookSpec(products, options), options.hooks);
}
