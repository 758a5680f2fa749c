/**
 * The shapes of the side-by-side comparison: what it takes (columns, taxonomy, date, filter) and the model it gives
 * (columns, rows with one cell per column, the row's comparable figure and ranking, assumptions). Types only.
 */
import type { GuaranteeEntry, ProductFile, ProductKind, Quantities, Source } from './catalogue-schema';
import type { QuantityKind } from './format';

export interface TaxonomyCategory {
  key: string;
  label: string;
  order?: number | undefined;
}

export interface ColumnSpec {
  product: ProductFile;
  /** a formula code of the product (`base` for single-level products) */
  formula: string;
  /** an option code (kind "option") also selected, e.g. MAV option `1` */
  option?: string | null | undefined;
  /** a version code; when absent the version in force at `at` (or the latest) is taken */
  version?: string | null | undefined;
}

export interface CompareFilter {
  /** taxonomy prefix: `assistance.aide_domicile` keeps that category and the ones below it */
  category?: string | null | undefined;
  /** words that must all appear (accents and case ignored) in the row's label or one of its cells */
  search?: string | null | undefined;
  /** keep only rows whose columns differ */
  differencesOnly?: boolean | undefined;
}

export interface CompareInput {
  columns: readonly ColumnSpec[];
  /** data/taxonomy.json categories; each product's own `categories` are added to them */
  taxonomy: readonly TaxonomyCategory[];
  /** AAAA-MM-JJ: default version = the one in force that day; absent → the latest */
  at?: string | null | undefined;
  filter?: CompareFilter | undefined;
}

export type CellStatus = GuaranteeEntry['status'];

/** How a column's version was chosen. */
export type VersionChoice = 'explicit' | 'in-force' | 'latest';

export interface ComparisonColumn {
  index: number;
  productId: string;
  productName: string;
  productKind: ProductKind;
  insurer: string;
  formula: string;
  formulaLabel: string;
  option: string | null;
  optionLabel: string | null;
  version: string;
  versionLabel: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  versionChoice: VersionChoice;
  /** header text: product, formula (and option), version */
  label: string;
}

export interface CellSource extends Source {
  /** the product's document whose file holds the quote (null when the file is not listed) */
  documentId: string | null;
  documentTitle: string | null;
}

export interface ComparisonCell {
  status: CellStatus;
  /** short French text: the guarantee's text, or "non précisé" when the column has no entry */
  text: string;
  /** false when the product says nothing for this row (shown "non précisé") */
  present: boolean;
  /** the document's heading for the guarantee */
  label: string | null;
  quantities: Quantities;
  derived: string[];
  trigger: string | null;
  beneficiary: string | null;
  conditions: string | null;
  sources: CellSource[];
}

export interface RowFigure {
  /** the quantity every covered cell of the row has */
  kind: QuantityKind;
  /** what it counts, in French ("heures", "montant (€)"...) */
  label: string;
  /** per column: the quantity (cents for amounts) when the cell is covered, else null */
  values: (number | null)[];
}

export interface ComparisonRow {
  /** "group": a heading for categories below it that no column fills itself */
  type: 'group' | 'category';
  key: string;
  label: string;
  /** 0 for a top-level category */
  depth: number;
  /** true when rows below this one are shown */
  hasChildren: boolean;
  /** one per column (empty for group rows) */
  cells: ComparisonCell[];
  figure: RowFigure | null;
  /** column indexes: best and worst of the row (empty when the columns cannot be ranked) */
  best: number[];
  worst: number[];
  /** the columns do not all say the same thing */
  differs: boolean;
}

export interface Comparison {
  columns: ComparisonColumn[];
  rows: ComparisonRow[];
  /** French sentences: how versions were chosen, how rows are read (the "Hypothèses" of exports) */
  assumptions: string[];
  at: string | null;
  filter: { category: string | null; search: string | null; differencesOnly: boolean };
  /** category rows before and after the filter */
  counts: { categories: number; shown: number; differing: number };
}
