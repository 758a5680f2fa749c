/**
 * Fast read access to one product file for the pricing engine: versions by date, rules by version × formula,
 * tariff cells by version × formula × option × segment. Pure; an index is built once per ProductFile object
 * (cached in a WeakMap), so quoting thousands of households against a catalogue stays cheap. A product object is
 * therefore treated as immutable once priced: build a new object (or a copy) to change it.
 *
 * API
 * - `indexProduct(product)` → `ProductIndex` (cached).
 * - `pickVersion(index, at)` → `{ ok: true, version, hypotheses }` | `{ ok: false, message }`:
 *   the version in force at date `at` ("AAAA-MM-JJ"): effectiveFrom ≤ at ≤ effectiveTo, a null bound being open.
 *   A version whose effectiveFrom is null (start not given by the source) is picked when at ≤ effectiveTo, with a
 *   hypothesis saying the start is unknown. When several match, the one with the latest known start wins
 *   (a dated version beats one with an unknown start).
 * - `rulesFor(index, version, formula)` → the rules applying to that version × formula ("*" = all).
 * - `findCells(index, version, formula, option, segment)` → the matching tariff cells (zones included).
 * - `versionRef(version)` → `VersionRef`.
 * - `sameTable(a, b)`: whether two tariff cells come from the same printed table row, judged from their sources:
 *   same seed file and overlapping line ranges (the seeds print one table row per line: the 2025 Intériale row
 *   "Sécurité 23,74 € 34,05 € 13,53 € 65,30 €" holds the children and the retirees cells; in 2026 they stand in two
 *   tables, "Tarification ACTIFS" and "Tarification RETRAITÉS", on different lines). null when a source is missing.
 */
import type { ProductFile, RuleEntry, Source, TariffCellEntry } from './catalogue-schema';
import type { Hypothesis, VersionRef } from './pricing-types';
import { formatDateFr } from './dates';

type VersionEntry = ProductFile['versions'][number];
type FormulaEntry = ProductFile['formulas'][number];
type SegmentEntry = ProductFile['segments'][number];

export interface ProductIndex {
  readonly product: ProductFile;
  readonly formulas: ReadonlyMap<string, FormulaEntry>;
  readonly segments: ReadonlyMap<string, SegmentEntry>;
  /** version codes that have at least one tariff cell */
  readonly versionsWithCells: ReadonlySet<string>;
  readonly cells: ReadonlyMap<string, TariffCellEntry[]>;
  readonly rulesCache: Map<string, RuleEntry[]>;
  /** free cache for the modules of the engine (prepared rules...) */
  readonly memo: Map<string, unknown>;
}

const cache = new WeakMap<ProductFile, ProductIndex>();

export function cellKey(version: string, formula: string, option: string, segment: string): string {
  return `${version}\u0000${formula}\u0000${option}\u0000${segment}`;
}

export function indexProduct(product: ProductFile): ProductIndex {
  const hit = cache.get(product);
  if (hit) return hit;
  const cells = new Map<string, TariffCellEntry[]>();
  const versionsWithCells = new Set<string>();
  for (const c of product.tariffs) {
    const k = cellKey(c.version, c.formula, c.option ?? '', c.segment);
    const list = cells.get(k);
    if (list) list.push(c);
    else cells.set(k, [c]);
    versionsWithCells.add(c.version);
  }
  const index: ProductIndex = {
    product,
    formulas: new Map(product.formulas.map((f) => [f.code, f])),
    segments: new Map(product.segments.map((s) => [s.code, s])),
    versionsWithCells,
    cells,
    rulesCache: new Map(),
    memo: new Map(),
  };
  cache.set(product, index);
  return index;
}

export function versionRef(v: VersionEntry): VersionRef {
  return {
    code: v.code,
    label: v.label,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    reference: v.reference ?? null,
  };
}

export type VersionPick =
  | { ok: true; version: VersionEntry; hypotheses: Hypothesis[] }
  | { ok: false; message: string };

export function pickVersion(index: ProductIndex, at: string): VersionPick {
  const memoKey = `version\u0000${at}`;
  const memo = index.memo.get(memoKey) as VersionPick | undefined;
  if (memo) return memo;
  const matching = index.product.versions.filter(
    (v) => (v.effectiveFrom === null || v.effectiveFrom <= at) && (v.effectiveTo === null || at <= v.effectiveTo),
  );
  let pick: VersionPick;
  if (matching.length === 0) {
    const known = index.product.versions
      .map((v) => `${v.code} (${v.effectiveFrom ? `du ${formatDateFr(v.effectiveFrom)}` : 'début non précisé'}${v.effectiveTo ? ` au ${formatDateFr(v.effectiveTo)}` : ''})`)
      .join(', ');
    pick = {
      ok: false,
      message: `aucune version de « ${index.product.product.id} » en vigueur le ${formatDateFr(at)} (versions: ${known})`,
    };
  } else {
    const sorted = [...matching].sort((a, b) => (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? ''));
    const best = sorted[0]!;
    const tie = sorted[1];
    if (tie && (tie.effectiveFrom ?? '') === (best.effectiveFrom ?? '')) {
      pick = {
        ok: false,
        message: `plusieurs versions de « ${index.product.product.id} » en vigueur le ${formatDateFr(at)} (${best.code}, ${tie.code}): la source ne permet pas de choisir`,
      };
    } else {
      const hypotheses: Hypothesis[] = [];
      if (best.effectiveFrom === null) {
        hypotheses.push({
          code: 'version-debut-non-precise',
          ruling: null,
          text:
            best.effectiveTo === null
              ? `Version « ${best.label} »: la source ne donne ni date de début ni date de fin; elle est retenue pour le ${formatDateFr(at)}.`
              : `Version « ${best.label} »: la source ne donne pas sa date de début; elle est retenue car le ${formatDateFr(at)} est antérieur ou égal à sa date de fin (${formatDateFr(best.effectiveTo)}).`,
          source: best.source,
        });
      }
      pick = { ok: true, version: best, hypotheses };
    }
  }
  index.memo.set(memoKey, pick);
  return pick;
}

export function rulesFor(index: ProductIndex, version: string, formula: string): RuleEntry[] {
  const k = `${version}\u0000${formula}`;
  const hit = index.rulesCache.get(k);
  if (hit) return hit;
  const list = index.product.rules.filter(
    (r) =>
      (r.versions.includes('*') || r.versions.includes(version)) &&
      (r.formulas.includes('*') || r.formulas.includes(formula)),
  );
  index.rulesCache.set(k, list);
  return list;
}

export function findCells(
  index: ProductIndex,
  version: string,
  formula: string,
  option: string,
  segment: string,
): TariffCellEntry[] {
  return index.cells.get(cellKey(version, formula, option, segment)) ?? [];
}

export function sameTable(a: Source | undefined, b: Source | undefined): boolean | null {
  if (!a || !b) return null;
  return a.file === b.file && a.lines[0] <= b.lines[1] && b.lines[0] <= a.lines[1];
}
