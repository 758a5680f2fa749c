/**
 * Tariff revisions (docs/RULINGS.md, règles 1 and 2). Pure.
 *
 * API
 * - `parseComponentArg("PMSS:1,9")` → `{ ok, component: { label: "PMSS", rate: "1.9" } }` (CLI "label:rate";
 *   the rate follows the last ":"), or a French error.
 * - `revisionFactor(components, mode)` → `{ ok, factor: Rational, components (rates normalised "1.9") }` | error:
 *   additive: 1 + Σ rate/100; compound: Π (1 + rate/100). Exact (BigInt). A factor ≤ 0 is refused.
 * - `reviseCells(cells, spec)` → `RevisionResult`: every cell × factor, rounded half-up to the cent once per cell
 *   (never per component, never on a total), with per cell old, new, Δ cents and Δ % (2 decimals, exact rounding).
 *   `spec` = { components, mode (default additive), effectiveFrom, reference? }.
 * - `reviseWithFactor(cells, factor)` → the same cells × any exact factor (used for the inverse).
 * - `reviseVersion(product, fromVersion, spec)` → the cells of that version revised (`RevisionResult`, with
 *   `fromVersion`), or an error when the version is unknown or has no cells.
 * - `inverseRevision(result)` → `{ factor: 1/f, cells }`: the new cells brought back by the exact inverse factor.
 *   For any factor f > 1/3 (a change above −66,7 %), each cell comes back within 1 cent of where it started: the
 *   forward rounding error (≤ ½ cent) divided by f stays below 1,5 cent, so the backward rounding lands within 1.
 * - `toCatalogueEntries(result, { code, label, document, source })` → `{ version, tariffs }` in the catalogue
 *   shape (`versionSchema`, `tariffCellSchema`), the components kept in `version.revision`; each new cell carries
 *   the caller's `source` (e.g. the deliberation), the catalogue requiring one.
 * - `diffCells(before, after)` → per cell (key formula × option × segment × zone × period) old, new, Δ and Δ %, plus
 *   the cells present on one side only (e.g. comparing two dated versions).
 */
import type { ProductFile, Source, TariffCellEntry } from './catalogue-schema';
import { isIsoDate } from './dates';
import {
  addRational,
  applyFactor,
  deltaPercent,
  factorFromPercent,
  formatFactor,
  formatRationalPercent,
  inverse,
  mulRational,
  ONE,
  parseRate,
  percentOfFactor,
  prepareFactor,
  rational,
  type Rational,
} from './money';
import type { Hypothesis } from './pricing-types';

type VersionEntry = ProductFile['versions'][number];

export type RevisionMode = 'additive' | 'compound';

export interface RevisionComponent {
  label: string;
  /** percentage as a decimal string, "1.9" (a comma is accepted on input and normalised) */
  rate: string;
}

export interface RevisionSpec {
  components: RevisionComponent[];
  mode?: RevisionMode | undefined;
  /** the new version's effective date "AAAA-MM-JJ" */
  effectiveFrom: string;
  /** e.g. "avenant n°3" */
  reference?: string | undefined;
}

/** A tariff cell as the revision needs it (a catalogue TariffCellEntry fits). */
export interface CellLike {
  formula: string;
  option?: string | undefined;
  segment: string;
  zone?: string | undefined;
  amountCents: number;
  period: 'month' | 'year';
  source?: Source | undefined;
}

export interface CellChange {
  formula: string;
  option: string;
  segment: string;
  zone: string;
  period: 'month' | 'year';
  oldCents: number;
  newCents: number;
  deltaCents: number;
  /** Δ % rounded half-up to 2 decimals; null when the old amount is 0 */
  deltaPercent: number | null;
  /** the source of the old cell (the new amount is computed, not printed) */
  previousSource: Source | null;
}

export interface RevisionResult {
  mode: RevisionMode;
  components: RevisionComponent[];
  factor: Rational;
  /** e.g. "1,059" */
  factorText: string;
  /** e.g. "5,9 %" */
  totalRateText: string;
  effectiveFrom: string;
  reference: string | null;
  fromVersion: string | null;
  cells: CellChange[];
  hypotheses: Hypothesis[];
}

type Fail = { ok: false; message: string };

export function parseComponentArg(arg: string): { ok: true; component: RevisionComponent } | Fail {
  const i = arg.lastIndexOf(':');
  if (i <= 0 || i === arg.length - 1) {
    return { ok: false, message: `composante « ${arg} »: forme « libellé:taux » attendue, ex. « PMSS:1.9 »` };
  }
  const label = arg.slice(0, i).trim();
  const rate = parseRate(arg.slice(i + 1));
  if (!label) return { ok: false, message: `composante « ${arg} »: libellé vide` };
  if (!rate.ok) return { ok: false, message: `composante « ${arg} »: ${rate.message}` };
  return { ok: true, component: { label, rate: rate.rate.text } };
}

export function revisionFactor(
  components: readonly RevisionComponent[],
  mode: RevisionMode = 'additive',
): { ok: true; factor: Rational; components: RevisionComponent[] } | Fail {
  if (components.length === 0) return { ok: false, message: 'révision sans composante' };
  const normalised: RevisionComponent[] = [];
  let sum = rational(0n);
  let product = ONE;
  for (const c of components) {
    const p = parseRate(c.rate);
    if (!p.ok) return { ok: false, message: `composante « ${c.label} »: ${p.message}` };
    if (!c.label.trim()) return { ok: false, message: 'composante sans libellé' };
    normalised.push({ label: c.label.trim(), rate: p.rate.text });
    sum = addRational(sum, p.rate.percent);
    const f = factorFromPercent(p.rate.percent);
    if (mode === 'compound' && f.num <= 0n) {
      return { ok: false, message: `composante « ${c.label} » (${p.rate.text} %): une baisse de 100 % ou plus est impossible` };
    }
    product = mulRational(product, f);
  }
  const factor = mode === 'additive' ? factorFromPercent(sum) : product;
  if (factor.num <= 0n) return { ok: false, message: 'taux global de −100 % ou moins: cotisations nulles ou négatives impossibles' };
  return { ok: true, factor, components: normalised };
}

export function reviseWithFactor(cells: readonly CellLike[], factor: Rational): CellChange[] {
  const pf = prepareFactor(factor);
  const out: CellChange[] = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    out[i] = cellChange(c, applyFactor(c.amountCents, pf));
  }
  return out;
}

/** A cell's old amount beside its new one, keyed as the cell (empty option and zone spelled ''). */
function cellChange(c: CellLike, newCents: number): CellChange {
  return {
    formula: c.formula,
    option: c.option ?? '',
    segment: c.segment,
    zone: c.zone ?? '',
    period: c.period,
    oldCents: c.amountCents,
    newCents,
    deltaCents: newCents - c.amountCents,
    deltaPercent: deltaPercent(c.amountCents, newCents),
    previousSource: c.source ?? null,
  };
}

function revisionHypotheses(mode: RevisionMode, components: readonly RevisionComponent[], factor: Rational): Hypothesis[] {
  const list = components.map((c) => `${c.label} ${c.rate.startsWith('-') ? '' : '+'}${c.rate.replace('.', ',')} %`).join(', ');
  return [
    {
      code: 'revision-mode',
      ruling: 2,
      text:
        mode === 'additive'
          ? `Composantes additionnées (${list}): hausse globale de ${formatRationalPercent(percentOfFactor(factor))}, coefficient ${formatFactor(factor)}.`
          : `Composantes composées (${list}): coefficient ${formatFactor(factor)} (hausse de ${formatRationalPercent(percentOfFactor(factor))}).`,
      source: null,
    },
    {
      code: 'revision-arrondi',
      ruling: 1,
      text: 'Chaque cellule est multipliée par le coefficient exact puis arrondie au centime le plus proche (demi vers le haut), une seule fois.',
      source: null,
    },
  ];
}

export function reviseCells(cells: readonly CellLike[], spec: RevisionSpec): { ok: true; result: RevisionResult } | Fail {
  if (!isIsoDate(spec.effectiveFrom)) return { ok: false, message: `date d'effet « ${spec.effectiveFrom} » invalide (AAAA-MM-JJ attendu)` };
  const mode = spec.mode ?? 'additive';
  const f = revisionFactor(spec.components, mode);
  if (!f.ok) return f;
  return {
    ok: true,
    result: {
      mode,
      components: f.components,
      factor: f.factor,
      factorText: formatFactor(f.factor),
      totalRateText: formatRationalPercent(percentOfFactor(f.factor)),
      effectiveFrom: spec.effectiveFrom,
      reference: spec.reference ?? null,
      fromVersion: null,
      cells: reviseWithFactor(cells, f.factor),
      hypotheses: revisionHypotheses(mode, f.components, f.factor),
    },
  };
}

/** The cells of one version of a product. */
export function cellsOfVersion(product: ProductFile, version: string): TariffCellEntry[] {
  return product.tariffs.filter((c) => c.version === version);
}

export function reviseVersion(
  product: ProductFile,
  fromVersion: string,
  spec: RevisionSpec,
): { ok: true; result: RevisionResult } | Fail {
  const v = product.versions.find((x) => x.code === fromVersion);
  if (!v) return { ok: false, message: `version « ${fromVersion} » inconnue pour « ${product.product.id} »` };
  const cells = cellsOfVersion(product, fromVersion);
  if (cells.length === 0) {
    return { ok: false, message: `version « ${v.label} »: aucune cotisation donnée par la source, rien à réviser` };
  }
  if (v.effectiveFrom !== null && spec.effectiveFrom <= v.effectiveFrom) {
    return { ok: false, message: `la date d'effet de la révision (${spec.effectiveFrom}) doit suivre le début de la version « ${v.label} » (${v.effectiveFrom})` };
  }
  const r = reviseCells(cells, spec);
  if (!r.ok) return r;
  r.result.fromVersion = fromVersion;
  return r;
}

export function inverseRevision(result: RevisionResult): { factor: Rational; cells: CellChange[] } {
  const factor = inverse(result.factor);
  const back = reviseWithFactor(
    result.cells.map((c) => ({ ...c, amountCents: c.newCents, source: c.previousSource ?? undefined })),
    factor,
  );
  return { factor, cells: back };
}

export function toCatalogueEntries(
  result: RevisionResult,
  target: { code: string; label: string; document: string; source: Source },
): { version: VersionEntry; tariffs: TariffCellEntry[] } {
  const version: VersionEntry = {
    code: target.code,
    label: target.label,
    effectiveFrom: result.effectiveFrom,
    effectiveTo: null,
    document: target.document,
    ...(result.reference ? { reference: result.reference } : {}),
    revision: { mode: result.mode, components: result.components.map((c) => ({ ...c })) },
    source: target.source,
  };
  const tariffs: TariffCellEntry[] = result.cells.map((c) => ({
    version: target.code,
    formula: c.formula,
    option: c.option,
    segment: c.segment,
    zone: c.zone,
    amountCents: c.newCents,
    period: c.period,
    source: target.source,
  }));
  return { version, tariffs };
}

function keyOf(c: CellLike): string {
  return `${c.formula}\u0000${c.option ?? ''}\u0000${c.segment}\u0000${c.zone ?? ''}\u0000${c.period}`;
}

export function diffCells(
  before: readonly CellLike[],
  after: readonly CellLike[],
): { changes: CellChange[]; onlyBefore: CellLike[]; onlyAfter: CellLike[] } {
  const afterMap = new Map(after.map((c) => [keyOf(c), c]));
  const seen = new Set<string>();
  const changes: CellChange[] = [];
  const onlyBefore: CellLike[] = [];
  for (const b of before) {
    const k = keyOf(b);
    const a = afterMap.get(k);
    if (!a) {
      onlyBefore.push(b);
      continue;
    }
    seen.add(k);
    changes.push(cellChange(b, a.amountCents));
  }
  const onlyAfter = after.filter((c) => !seen.has(keyOf(c)));
  return { changes, onlyBefore, onlyAfter };
}
