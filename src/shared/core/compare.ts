/**
 * The side-by-side comparison model: columns (a product's formula at one version) against the
 * guarantee taxonomy. Pure: plain data in, plain data out; the grid, the CLI and the Excel export
 * all read this model, so they cannot disagree about a value.
 */
import type { GuaranteeEntry, ProductFile, ProductKind, Quantities, Source } from './catalogue-schema';
import { formatDateFr, quantityDisplayOrder, quantityLabels, type QuantityKind } from './format';

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

export class CompareError extends Error {
  override name = 'CompareError';
}

export const NOT_SPECIFIED = 'non précisé';
export const NOT_COVERED = 'non couvert';

/**
 * The quantity a row is compared on, in order of preference, when every covered cell has it.
 * More is better for all of them (more hours, a higher ceiling, more sessions, a longer window).
 */
export const comparableKinds: readonly QuantityKind[] = quantityDisplayOrder.filter(
  // a minimum per visit and an age limit are conditions, not a measure of how much is covered
  (k) => k !== 'minHoursPerVisit' && k !== 'ageMax',
);

/** Accents, case, apostrophe and space variants folded, for search and text comparison. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

function isAll(list: readonly string[]): boolean {
  return list.length === 1 && list[0] === '*';
}

/** The version of a product used by a column. */
export function chooseVersion(
  product: ProductFile,
  requested: string | null | undefined,
  at: string | null | undefined,
): { version: ProductFile['versions'][number]; choice: VersionChoice } {
  if (requested) {
    const v = product.versions.find((x) => x.code === requested);
    if (!v) {
      throw new CompareError(
        `${product.product.id} : version « ${requested} » inconnue (versions : ${product.versions.map((x) => x.code).join(', ')})`,
      );
    }
    return { version: v, choice: 'explicit' };
  }
  // ISO dates compare as strings; a missing start means "since always", a missing end "still in force".
  const startOf = (v: ProductFile['versions'][number]) => v.effectiveFrom ?? '';
  const latestOf = (list: ProductFile['versions']) =>
    list.reduce((best, v) => (startOf(v) >= startOf(best) ? v : best));
  if (at) {
    const inForce = product.versions.filter((v) => startOf(v) <= at && (v.effectiveTo === null || at <= v.effectiveTo));
    if (inForce.length > 0) return { version: latestOf(inForce), choice: 'in-force' };
  }
  return { version: latestOf(product.versions), choice: 'latest' };
}

function resolveColumn(spec: ColumnSpec, index: number, at: string | null): ComparisonColumn {
  const p = spec.product;
  const formula = p.formulas.find((f) => f.code === spec.formula);
  if (!formula) {
    throw new CompareError(
      `${p.product.id} : formule « ${spec.formula} » inconnue (formules : ${p.formulas.map((f) => f.code).join(', ')})`,
    );
  }
  let option: ProductFile['formulas'][number] | null = null;
  if (spec.option) {
    option = p.formulas.find((f) => f.code === spec.option && f.kind === 'option') ?? null;
    if (!option) {
      const options = p.formulas.filter((f) => f.kind === 'option').map((f) => f.code);
      throw new CompareError(
        `${p.product.id} : option « ${spec.option} » inconnue (${options.length ? `options : ${options.join(', ')}` : 'ce produit n’a pas d’option'})`,
      );
    }
  }
  const { version, choice } = chooseVersion(p, spec.version, at);
  const formulaPart = option ? `${formula.label} + ${option.label}` : formula.label;
  return {
    index,
    productId: p.product.id,
    productName: p.product.name,
    productKind: p.product.kind,
    insurer: p.product.insurer,
    formula: formula.code,
    formulaLabel: formula.label,
    option: option?.code ?? null,
    optionLabel: option?.label ?? null,
    version: version.code,
    versionLabel: version.label,
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
    versionChoice: choice,
    label: `${p.product.name} — ${formulaPart} — ${version.label}`,
  };
}

/** A product's guarantees by category (built once per product and comparison). */
function byCategory(p: ProductFile): Map<string, GuaranteeEntry[]> {
  const m = new Map<string, GuaranteeEntry[]>();
  for (const g of p.guarantees) {
    const list = m.get(g.category);
    if (list) list.push(g);
    else m.set(g.category, [g]);
  }
  return m;
}

/**
 * The entry of a column for one category. When several match, the most specific wins: one naming
 * the option, then the formula, then "*"; a named version before "*".
 */
function findEntry(entries: readonly GuaranteeEntry[] | undefined, col: ComparisonColumn): GuaranteeEntry | null {
  let best: GuaranteeEntry | null = null;
  let bestScore = -1;
  for (const g of entries ?? []) {
    const versionScore = isAll(g.versions) ? 0 : g.versions.includes(col.version) ? 1 : -1;
    if (versionScore < 0) continue;
    let formulaScore = -1;
    if (col.option !== null && g.formulas.includes(col.option)) formulaScore = 2;
    else if (g.formulas.includes(col.formula)) formulaScore = 1;
    else if (isAll(g.formulas)) formulaScore = 0;
    if (formulaScore < 0) continue;
    const score = formulaScore * 2 + versionScore;
    if (score > bestScore) {
      best = g;
      bestScore = score;
    }
  }
  return best;
}

function cellOf(p: ProductFile, g: GuaranteeEntry | null): ComparisonCell {
  if (!g) {
    return {
      status: 'unspecified',
      text: NOT_SPECIFIED,
      present: false,
      label: null,
      quantities: {},
      derived: [],
      trigger: null,
      beneficiary: null,
      conditions: null,
      sources: [],
    };
  }
  const doc = p.documents.find((d) => d.file === g.source.file && d.lines[0] <= g.source.lines[0] && g.source.lines[1] <= d.lines[1])
    ?? p.documents.find((d) => d.file === g.source.file)
    ?? null;
  return {
    status: g.status,
    text: g.text,
    present: true,
    label: g.label,
    quantities: { ...g.quantities },
    derived: [...(g.derived ?? [])],
    trigger: g.trigger ?? null,
    beneficiary: g.beneficiary ?? null,
    conditions: g.conditions ?? null,
    sources: [{ ...g.source, lines: [g.source.lines[0], g.source.lines[1]], documentId: doc?.id ?? null, documentTitle: doc?.title ?? null }],
  };
}

function canonicalQuantities(q: Quantities): string {
  return Object.keys(q)
    .sort()
    .map((k) => `${k}=${q[k as QuantityKind]}`)
    .join(';');
}

/** Two cells say the same thing when status and quantities agree (or, without quantities, their texts). */
function signature(c: ComparisonCell): string {
  if (c.status !== 'covered') return c.status;
  const q = canonicalQuantities(c.quantities);
  return q ? `q:${q}` : `t:${foldText(c.text).replace(/[.;,]+$/, '')}`;
}

/** The comparable figure of a row, its best and worst columns, and whether columns differ. */
export function rankRow(cells: readonly ComparisonCell[]): Pick<ComparisonRow, 'figure' | 'best' | 'worst' | 'differs'> {
  const covered = cells.flatMap((c, i) => (c.status === 'covered' ? [i] : []));
  const notCovered = cells.flatMap((c, i) => (c.status === 'not_covered' ? [i] : []));
  let figure: RowFigure | null = null;
  if (covered.length > 0) {
    const kind = comparableKinds.find((k) => covered.every((i) => cells[i]!.quantities[k] !== undefined));
    if (kind) {
      figure = {
        kind,
        label: quantityLabels[kind],
        values: cells.map((c) => (c.status === 'covered' ? (c.quantities[kind] ?? null) : null)),
      };
    }
  }
  let best: number[] = [];
  let worst: number[] = [];
  // Ranking needs two columns that say something; "non précisé" is unknown, never ranked.
  if (covered.length + notCovered.length >= 2 && covered.length > 0) {
    if (figure) {
      const vals = covered.map((i) => figure.values[i]!);
      const max = Math.max(...vals);
      const min = Math.min(...vals);
      if (max > min || notCovered.length > 0) best = covered.filter((i) => figure.values[i] === max);
      if (notCovered.length > 0) worst = notCovered;
      else if (max > min) worst = covered.filter((i) => figure.values[i] === min);
    } else if (notCovered.length > 0) {
      best = covered;
      worst = notCovered;
    }
  }
  const differs = new Set(cells.map(signature)).size > 1;
  return { figure, best, worst, differs };
}

function parentKey(key: string): string | null {
  const i = key.lastIndexOf('.');
  return i < 0 ? null : key.slice(0, i);
}

function depthOf(key: string): number {
  let n = 0;
  for (const ch of key) if (ch === '.') n++;
  return n;
}

interface CategoryInfo {
  key: string;
  label: string;
  order: number | undefined;
  seen: number;
}

/** Keys in taxonomy order: depth first, siblings by `order` then by first appearance. */
function orderCategories(known: Map<string, CategoryInfo>, keys: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const k of keys) {
    for (let a: string | null = k; a !== null; a = parentKey(a)) all.add(a);
  }
  const children = new Map<string | null, string[]>();
  for (const k of all) {
    const parent = parentKey(k);
    const list = children.get(parent) ?? [];
    list.push(k);
    children.set(parent, list);
  }
  const rank = (k: string) => {
    const info = known.get(k);
    return { order: info?.order ?? Number.POSITIVE_INFINITY, seen: info?.seen ?? Number.POSITIVE_INFINITY };
  };
  for (const list of children.values()) {
    list.sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      if (ra.order !== rb.order) return ra.order < rb.order ? -1 : 1;
      if (ra.seen !== rb.seen) return ra.seen - rb.seen;
      return a < b ? -1 : a > b ? 1 : 0;
    });
  }
  const out: string[] = [];
  const walk = (parent: string | null) => {
    for (const k of children.get(parent) ?? []) {
      out.push(k);
      walk(k);
    }
  };
  walk(null);
  return out;
}

function matchesPrefix(key: string, prefix: string | null): boolean {
  return prefix === null || key === prefix || key.startsWith(`${prefix}.`);
}

function rowHaystack(label: string, key: string, cells: readonly ComparisonCell[]): string {
  const parts = [label, key];
  for (const c of cells) {
    parts.push(c.text);
    if (c.label) parts.push(c.label);
    if (c.trigger) parts.push(c.trigger);
    if (c.beneficiary) parts.push(c.beneficiary);
    if (c.conditions) parts.push(c.conditions);
  }
  return foldText(parts.join(' \u0001 '));
}

/** Builds the comparison. Throws CompareError when a column names an unknown formula, option or version. */
export function compare(input: CompareInput): Comparison {
  const at = input.at ?? null;
  const filter = {
    category: input.filter?.category?.trim() || null,
    search: input.filter?.search?.trim() || null,
    differencesOnly: input.filter?.differencesOnly ?? false,
  };
  const columns = input.columns.map((spec, i) => resolveColumn(spec, i, at));

  // Taxonomy first, then each product's own categories (a product cannot relabel a shared one).
  const known = new Map<string, CategoryInfo>();
  let seen = 0;
  for (const c of input.taxonomy) {
    if (!known.has(c.key)) known.set(c.key, { key: c.key, label: c.label, order: c.order, seen: seen++ });
  }
  for (const spec of input.columns) {
    for (const c of spec.product.categories) {
      if (!known.has(c.key)) known.set(c.key, { key: c.key, label: c.label, order: c.order, seen: seen++ });
    }
  }

  // The categories some column fills, with every column's cell.
  const indexes = new Map<ProductFile, Map<string, GuaranteeEntry[]>>();
  const entriesOf = input.columns.map((spec) => {
    let m = indexes.get(spec.product);
    if (!m) {
      m = byCategory(spec.product);
      indexes.set(spec.product, m);
    }
    return m;
  });
  const used = new Set<string>();
  columns.forEach((col, i) => {
    for (const [key, entries] of entriesOf[i]!) {
      if (!used.has(key) && findEntry(entries, col)) used.add(key);
    }
  });

  const cellsByKey = new Map<string, ComparisonCell[]>();
  for (const key of used) {
    cellsByKey.set(
      key,
      input.columns.map((spec, i) => cellOf(spec.product, findEntry(entriesOf[i]!.get(key), columns[i]!))),
    );
  }

  const labelOf = (key: string) => known.get(key)?.label ?? key.slice(key.lastIndexOf('.') + 1);
  const words = filter.search ? foldText(filter.search).split(' ').filter(Boolean) : [];

  let differing = 0;
  const kept: ComparisonRow[] = [];
  for (const key of orderCategories(known, used)) {
    const cells = cellsByKey.get(key);
    if (!cells) continue;
    const ranking = rankRow(cells);
    if (ranking.differs) differing++;
    if (!matchesPrefix(key, filter.category)) continue;
    if (filter.differencesOnly && !ranking.differs) continue;
    if (words.length > 0) {
      const hay = rowHaystack(labelOf(key), key, cells);
      if (!words.every((w) => hay.includes(w))) continue;
    }
    kept.push({ type: 'category', key, label: labelOf(key), depth: depthOf(key), hasChildren: false, cells, ...ranking });
  }

  // Group headings: every ancestor of a kept row, in taxonomy order.
  const keptKeys = new Set(kept.map((r) => r.key));
  const byKey = new Map(kept.map((r) => [r.key, r]));
  const rows: ComparisonRow[] = [];
  for (const key of orderCategories(known, keptKeys)) {
    const row = byKey.get(key);
    if (row) {
      rows.push(row);
    } else {
      rows.push({ type: 'group', key, label: labelOf(key), depth: depthOf(key), hasChildren: true, cells: [], figure: null, best: [], worst: [], differs: false });
    }
  }
  for (let i = 0; i < rows.length; i++) {
    const next = rows[i + 1];
    if (next && parentKey(next.key) !== null && next.key.startsWith(`${rows[i]!.key}.`)) rows[i]!.hasChildren = true;
  }

  return {
    columns,
    rows,
    assumptions: assumptionsOf(columns, at),
    at,
    filter,
    counts: { categories: used.size, shown: kept.length, differing },
  };
}

function assumptionsOf(columns: readonly ComparisonColumn[], at: string | null): string[] {
  const out: string[] = [];
  for (const c of columns) {
    const dated = c.effectiveFrom !== null || c.effectiveTo !== null;
    const period = !dated
      ? ' (le document ne donne pas de date)'
      : c.effectiveFrom && c.effectiveTo
        ? ` (du ${formatDateFr(c.effectiveFrom)} au ${formatDateFr(c.effectiveTo)})`
        : c.effectiveFrom
          ? ` (à partir du ${formatDateFr(c.effectiveFrom)})`
          : ` (jusqu’au ${formatDateFr(c.effectiveTo)})`;
    const why =
      c.versionChoice === 'explicit'
        ? 'version demandée'
        : c.versionChoice === 'in-force'
          ? dated
            ? `version en vigueur au ${formatDateFr(at)}`
            : 'version sans date, tenue pour en vigueur'
          : at
            ? `aucune version en vigueur au ${formatDateFr(at)} : dernière version retenue`
            : 'dernière version retenue';
    out.push(`${c.productName} — ${c.option ? `${c.formulaLabel} + ${c.optionLabel}` : c.formulaLabel} : ${c.versionLabel}${period}, ${why}.`);
  }
  out.push(
    `« ${NOT_SPECIFIED} » : le document du produit ne donne pas cette garantie ou ne la chiffre pas ; aucune valeur n’est supposée.`,
  );
  out.push(
    'Meilleure / moins bonne colonne : comparées sur la quantité que toutes les garanties couvertes de la ligne chiffrent ' +
      '(heures, montant, % BR, jours, séances…) ; plus est mieux ; une garantie non couverte est la moins bonne ; ' +
      `une case « ${NOT_SPECIFIED} » n’est pas classée.`,
  );
  out.push('Écart : les colonnes diffèrent par leur statut, leurs quantités ou, à défaut de quantités, leur texte.');
  return out;
}
