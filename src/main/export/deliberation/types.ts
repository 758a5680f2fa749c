/** What the deliberation workbook is made of (src/main/services/exports.ts builds it) and its sheets' names. */
import type { ProductFile, Source } from '../../../shared/core/catalogue-schema';
import type { ImpactResult } from '../../../shared/core/impact';
import type { Rational } from '../../../shared/core/money';
import type { Hypothesis } from '../../../shared/core/pricing-types';
import type { CellLike, RevisionComponent, RevisionMode } from '../../../shared/core/revision';
import type { WriteHooks } from '../workbook-writer';

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
