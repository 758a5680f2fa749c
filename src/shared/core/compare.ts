/**
 * The side-by-side comparison model: columns (a product's formula at one version) against the
 * guarantee taxonomy. Pure: plain data in, plain data out; the grid, the CLI and the Excel export
 * all read this model, so they cannot disagree about a value. The row's comparable figure and ranking are
 * compare-rank.ts, the category order compare-categories.ts, the shapes compare-types.ts (all re-exported here).
 */
import type { GuaranteeEntry, ProductFile } from './catalogue-schema';
import { depthOf, knownCategories, orderCategories, parentKey, type CategoryInfo } from './compare-categories';
import { foldText, rankRow } from './compare-rank';
import type { Comparison, ComparisonCell, ComparisonColumn, ComparisonRow, CompareInput, ColumnSpec, VersionChoice } from './compare-types';
import { formatDateFr } from './format';

export { comparableKinds, foldText, rankRow } from './compare-rank';
export type * from './compare-types';

export class CompareError extends Error {
  override name = 'CompareError';
}

export const NOT_SPECIFIED = 'non précisé';
export const NOT_COVERED = 'non couvert';

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

/** The categories some column fills, with every column's cell. */
function cellsByCategory(specs: readonly ColumnSpec[], columns: readonly ComparisonColumn[]): Map<string, ComparisonCell[]> {
  const indexes = new Map<ProductFile, Map<string, GuaranteeEntry[]>>();
  const entriesOf = specs.map((spec) => {
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
      specs.map((spec, i) => cellOf(spec.product, findEntry(entriesOf[i]!.get(key), columns[i]!))),
    );
  }
  return cellsByKey;
}

type Filter = Comparison['filter'];

/** The category rows in taxonomy order that pass the filter, and how many rows differ before it. */
function categoryRows(known: Map<string, CategoryInfo>, cellsByKey: Map<string, ComparisonCell[]>, filter: Filter, labelOf: (key: string) => string): { kept: ComparisonRow[]; differing: number } {
  const words = filter.search ? foldText(filter.search).split(' ').filter(Boolean) : [];
  let differing = 0;
  const kept: ComparisonRow[] = [];
  for (const key of orderCategories(known, cellsByKey.keys())) {
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
  return { kept, differing };
}

/** The kept rows with a group heading for every ancestor, in taxonomy order. */
function withGroups(known: Map<string, CategoryInfo>, kept: readonly ComparisonRow[], labelOf: (key: string) => string): ComparisonRow[] {
  const byKey = new Map(kept.map((r) => [r.key, r]));
  const rows: ComparisonRow[] = [];
  for (const key of orderCategories(known, byKey.keys())) {
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
  return rows;
}

/** Builds the comparison. Throws CompareError when a column names an unknown formula, option or version. */
export function compare(input: CompareInput): Comparison {
  const at = input.at ?? null;
  const filter: Filter = {
    category: input.filter?.category?.trim() || null,
    search: input.filter?.search?.trim() || null,
    differencesOnly: input.filter?.differencesOnly ?? false,
  };
  const columns = input.columns.map((spec, i) => resolveColumn(spec, i, at));
  const known = knownCategories(input.taxonomy, input.columns.map((c) => c.product));
  const cellsByKey = cellsByCategory(input.columns, columns);
  const labelOf = (key: string) => known.get(key)?.label ?? key.slice(key.lastIndexOf('.') + 1);
  const { kept, differing } = categoryRows(known, cellsByKey, filter, labelOf);
  return {
    columns,
    rows: withGroups(known, kept, labelOf),
    assumptions: assumptionsOf(columns, at),
    at,
    filter,
    counts: { categories: cellsByKey.size, shown: kept.length, differing },
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
