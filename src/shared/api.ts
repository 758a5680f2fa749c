/**
 * The one contract between the renderer and the main process: one method per operation. The
 * preload exposes exactly one object that `satisfies GrilleApi`; the main process registers one
 * validated handler per channel (src/main/ipc-handlers.ts). Payloads and answers are plain data,
 * amounts in integer cents; exact rationals (BigInt) never cross the bridge.
 */
import type { ProductFile, Role, Status } from './core/catalogue-schema';
import type { Comparison, CompareFilter } from './core/compare';
import type { ImpactResult } from './core/impact';
import type { Periodicity } from './core/mav';
import type { ProductQuote } from './core/quote';
import type { SimulationResult } from './core/reimbursement';
import type { CatalogueOfActs } from './core/reimbursement-acts';
import type { StandardBasket } from './core/reimbursement-examples';
import type { RevisionResult } from './core/revision';
import type { ErrorDto } from './errors';
import type { InputField } from './input-error';

export interface ProductSummaryDto {
  id: string;
  kind: ProductFile['product']['kind'];
  name: string;
  insurer: { id: string; name: string };
  distributor: { id: string; name: string } | null;
  attachedTo: string | null;
  references: string[];
  formulas: { code: string; label: string; kind: 'formula' | 'option' }[];
  versions: { code: string; label: string; effectiveFrom: string | null; effectiveTo: string | null; reference: string | null }[];
  guaranteeCount: number;
  tariffCellCount: number;
}

export interface TaxonomyCategoryDto {
  key: string;
  label: string;
  order?: number | undefined;
}

/** Every answer: the value, or an error a person can act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

export interface CompareRequest {
  columns: { productId: string; formula: string; option?: string | null; version?: string | null }[];
  /** AAAA-MM-JJ: versions in force that day (default: the latest) */
  at?: string | null;
  filter?: CompareFilter;
}

export interface MemberDto {
  role: Role;
  /** AAAA-MM-JJ or AAAA */
  birth: string;
  status?: Status | null;
}

/** One offer ticked: a product and one of its formulas. */
export interface QuoteOfferDto {
  productId: string;
  formula: string;
}

export interface QuoteRequestDto {
  /** the offers to price, each once, in this order (a MAV offer: one quote per option asked for) */
  offers: QuoteOfferDto[];
  at: string;
  members: MemberDto[];
  mav?: { options?: string[]; sports?: string[]; periodicity?: Periodicity; adhesion?: string; renouncedOptions?: string[] };
}

export interface RevisionComponentDto {
  label: string;
  /** decimal string, e.g. "1.9" */
  rate: string;
}

export interface ReviseRequest {
  productId: string;
  fromAt: string;
  components: RevisionComponentDto[];
  mode: 'additive' | 'compound';
  effective: string;
  reference?: string;
  /** code of the saved version (default revision-<date>) */
  code?: string;
  save: boolean;
}

/** A revision as it crosses the bridge: without its exact rational factor (BigInt). */
export type RevisionDto = Omit<RevisionResult, 'factor'>;

export interface ReviseAnswer {
  revision: RevisionDto;
  saved: { version: string; product: string } | null;
}

export interface ImpactRequest {
  productId: string;
  /** the headcounts file's text, read by the renderer from a file the user picked (≤ 1 Mo) */
  headcountsText: string;
  headcountsFormat: 'csv' | 'json';
  /** shown in messages, e.g. "effectifs.csv" */
  headcountsName: string;
  fromAt: string;
  /** the "after" version's date, or a revision (components) */
  toAt?: string;
  components?: RevisionComponentDto[];
  mode?: 'additive' | 'compound';
  /** e.g. "15" or "bands:remuneration:0-1800=20,1800+=10" */
  participation?: string;
}

export interface DeliberationRequest {
  productId: string;
  fromAt: string;
  toAt?: string;
  components?: RevisionComponentDto[];
  mode?: 'additive' | 'compound';
  reference?: string;
  headcounts?: { text: string; format: 'csv' | 'json'; name: string };
  participation?: string;
}

/** An export: the main process asks where to save (a dialog); null when the user cancelled. */
export interface ExportAnswer {
  path: string | null;
}

/** A reimbursement simulation: an act or a basket, on offers (product × formula); amounts in cents. */
export interface ReimburseRequest {
  offers: { productId: string; formula: string }[];
  act?: string | null;
  basket?: string | null;
  /** per unit, or the whole equipment for a pooled basket (glasses) */
  priceCents: number;
  brCents?: number | null;
  /** date of care AAAA-MM-JJ (default: today): picks the parameters in force */
  date?: string | null;
  optam?: boolean | null;
  centSante?: boolean;
  quantity?: number;
  loyaltyBonus?: boolean;
}

/** The acts and baskets the simulator knows, and the standard examples the desktop shows. */
export interface ReimburseListAnswer extends CatalogueOfActs {
  standard: StandardBasket[];
}

/**
 * Long work (exports, imports, saved revisions) runs in a worker thread of the main process. While it
 * runs, the main process sends its progress on `progressChannel`; `cancelJob` stops it, and the call
 * that started it then answers `{ ok: false, error: { code: 'CANCELLED' } }` with nothing written.
 */
export interface JobProgress {
  /** the job's id, for cancelJob */
  job: string;
  /** what the job does, in French: "Export de la comparaison" */
  title: string;
  /** the current step, in French: "Écriture des lignes" */
  phase: string;
  done: number;
  /** null while the amount of work is not known yet */
  total: number | null;
  state: 'running' | 'done' | 'failed' | 'cancelled';
}

/** Where an edited value comes from: the source it had, a document the user cites, or none (flagged). */
export type SourceChoice =
  | { mode: 'keep' }
  | { mode: 'none' }
  | { mode: 'document'; file: string; section: string; lines: [number, number]; quote: string };

/** A document the user cites: file, section, first and last line, verbatim quote. */
export type CitedDocumentDto = Omit<Extract<SourceChoice, { mode: 'document' }>, 'mode'>;

/** The source file of values a user keyed in without a document: shown as « sans source » everywhere. */
export { UNSOURCED_FILE } from './core/source-label';

export type GuaranteeStatusDto = 'covered' | 'not_covered' | 'unspecified';

/**
 * One change of the catalogue from the desktop. Edits of existing values carry the value the user saw
 * (`expected…`): a value changed meanwhile is refused rather than overwritten. Every change is one
 * transaction with its audit row (what, old value, new value, when, comment).
 */
export type CatalogueEdit =
  | {
      kind: 'guarantee';
      productId: string;
      /** position in ProductFile.guarantees (catalogueShow order) */
      index: number;
      expectedText: string;
      text: string;
      status: GuaranteeStatusDto;
      /** the comparable quantities (hours, amountCents…), replaced as a whole */
      quantities: Record<string, number>;
      conditions: string | null;
      source: SourceChoice;
      comment: string;
    }
  | {
      kind: 'tariffCell';
      productId: string;
      version: string;
      formula: string;
      option: string;
      segment: string;
      zone: string;
      expectedCents: number;
      amountCents: number;
      source: SourceChoice;
      comment: string;
    }
  | {
      kind: 'addGuarantee';
      productId: string;
      /** a key of the taxonomy (`taxonomy()`), e.g. assistance.aide_domicile.hospitalisation */
      category: string;
      /** the document's heading for it, e.g. « 3.1 Aide à domicile » */
      label: string;
      /** formula (or option) codes it applies to, or ['*'] for every formula */
      formulas: string[];
      /** version codes it applies to, or ['*'] for every version */
      versions: string[];
      status: GuaranteeStatusDto;
      text: string;
      quantities: Record<string, number>;
      conditions: string | null;
      /** a cited document or none: `keep` has nothing to keep for a new guarantee */
      source: SourceChoice;
      comment: string;
    }
  | { kind: 'formulaLabel'; productId: string; formula: string; expectedLabel: string; label: string; comment: string }
  | { kind: 'addFormula'; productId: string; code: string; label: string; formulaKind: 'formula' | 'option'; source: SourceChoice; comment: string }
  | {
      kind: 'addVersion';
      productId: string;
      code: string;
      label: string;
      effectiveFrom: string;
      effectiveTo: string | null;
      reference: string | null;
      /** copy the tariff cells of this version (amounts unchanged, to edit afterwards); null = no tariff */
      copyTariffsFrom: string | null;
      source: SourceChoice;
      comment: string;
    }
  | {
      kind: 'addProduct';
      id: string;
      productKind: ProductFile['product']['kind'];
      name: string;
      /** an organisation of the catalogue (id) or a new one (name) */
      insurer: { id: string } | { name: string };
      formula: { code: string; label: string };
      version: { code: string; label: string; effectiveFrom: string };
      source: SourceChoice;
      comment: string;
    };

export interface EditAnswer {
  /** the audit row of the change */
  auditId: number;
  productId: string;
  /** what was done, in French */
  what: string;
}

export interface UndoAnswer {
  /** the audit row of the change undone, and the audit row of the undo itself */
  undone: number;
  auditId: number;
  productId: string;
  what: string;
}

export interface HistoryEntryDto {
  id: number;
  /** ISO timestamp (UTC) */
  at: string;
  action: string;
  what: string;
  productId: string | null;
  oldValue: unknown;
  newValue: unknown;
  comment: string | null;
  /** an edit that "Annuler" would undo now (the latest edit not yet undone) */
  undoable: boolean;
  /** the id of the undo row that undid this edit */
  undoneBy: number | null;
}

/** A file the user picked in the open dialog: the main process keeps its path, the page gets a token. */
export interface PickedFile {
  token: string;
  name: string;
  size: number;
  format: 'json' | 'xlsx' | 'csv';
}

export interface ImportRequest {
  token: string;
  dryRun: boolean;
  comment?: string | null;
  /**
   * a CSV tariff table goes into one product and version (a new version when `effectiveFrom` is
   * given: `label`, `document` (a documents id of the product, default the last version's),
   * `reference`); `source` is the source of the whole table when the file has no source columns
   */
  csv?: {
    productId: string;
    version: string;
    effectiveFrom?: string;
    label?: string;
    period?: 'mois' | 'an';
    document?: string;
    reference?: string;
    source?: CitedDocumentDto;
  };
}

/** One problem of an imported file: which file, where in it, and what is expected (French). */
export interface ImportProblemDto {
  /** the file's name as given */
  file: string;
  /** xlsx: the sheet */
  sheet?: string;
  /** xlsx row or CSV line (1-based) */
  row?: number;
  /** xlsx: column letter and header, e.g. "G (montant (€))"; CSV: the header */
  column?: string;
  /** JSON: the path in the package, e.g. products[0].tariffs[3].amountCents; an option: the thing it gives */
  path?: string;
  /** the option of the request the problem is about (a CSV table's target), for a caller naming it its way */
  input?: InputField;
  message: string;
}

export interface ImportReportDto {
  file: string;
  format: 'json' | 'xlsx' | 'csv';
  dryRun: boolean;
  /** true when the catalogue was changed */
  written: boolean;
  products: {
    id: string;
    name: string;
    action: 'create' | 'add-versions' | 'add-tariffs' | 'unchanged';
    versions: string[];
    guarantees: number;
    tariffCells: number;
    /** documents and rules added (always sent by the main process) */
    documents?: number;
    rules?: number;
    /** the open-ended version the import closes the day before its new one (always sent; null when none) */
    closed?: { version: string; effectiveTo: string } | null;
  }[];
  categoriesAdded: string[];
  warnings: ImportProblemDto[];
  /** every problem of the file (the first 1 000); non-empty = nothing written */
  problems: ImportProblemDto[];
  /** how many problems the file has, more than `problems` lists when over the cap (always sent by the main process) */
  problemCount?: number;
  /** the backup made before writing (its file name) */
  backup: string | null;
}

export interface ExportTariffsRequest {
  productIds: string[];
}

/** The edits of one product, or of the whole catalogue when null. */
export interface EditScope {
  productId: string | null;
}

export interface ExportCatalogueRequest {
  productIds: string[];
  format: 'xlsx' | 'json';
}

export interface GrilleApi {
  catalogueList(): Promise<Result<ProductSummaryDto[]>>;
  catalogueShow(productId: string): Promise<Result<ProductFile>>;
  taxonomy(): Promise<Result<TaxonomyCategoryDto[]>>;
  compare(request: CompareRequest): Promise<Result<Comparison>>;
  quote(request: QuoteRequestDto): Promise<Result<ProductQuote[]>>;
  revise(request: ReviseRequest): Promise<Result<ReviseAnswer>>;
  impact(request: ImpactRequest): Promise<Result<ImpactResult>>;
  exportComparison(request: CompareRequest): Promise<Result<ExportAnswer>>;
  exportTariffs(request: ExportTariffsRequest): Promise<Result<ExportAnswer>>;
  exportQuote(request: QuoteRequestDto): Promise<Result<ExportAnswer>>;
  exportDeliberation(request: DeliberationRequest): Promise<Result<ExportAnswer>>;
  reimburseList(): Promise<Result<ReimburseListAnswer>>;
  reimburse(request: ReimburseRequest): Promise<Result<SimulationResult>>;
  cancelJob(job: string): Promise<Result<{ cancelled: boolean }>>;
  editCatalogue(edit: CatalogueEdit): Promise<Result<EditAnswer>>;
  /** undoes the latest edit not yet undone, of one product (or of the whole catalogue when null) */
  undoEdit(request: EditScope): Promise<Result<UndoAnswer>>;
  history(request: EditScope): Promise<Result<HistoryEntryDto[]>>;
  /** the open dialog; null when the user cancelled */
  pickImportFile(): Promise<Result<PickedFile | null>>;
  importCatalogue(request: ImportRequest): Promise<Result<ImportReportDto>>;
  exportCatalogue(request: ExportCatalogueRequest): Promise<Result<ExportAnswer>>;
}

/** IPC channel names, one per method of GrilleApi. */
export const channels = {
  catalogueList: 'grille:catalogue:list',
  catalogueShow: 'grille:catalogue:show',
  taxonomy: 'grille:catalogue:taxonomy',
  compare: 'grille:compare',
  quote: 'grille:quote',
  revise: 'grille:revise',
  impact: 'grille:impact',
  exportComparison: 'grille:export:comparison',
  exportTariffs: 'grille:export:tariffs',
  exportQuote: 'grille:export:quote',
  exportDeliberation: 'grille:export:deliberation',
  reimburseList: 'grille:reimburse:list',
  reimburse: 'grille:reimburse',
  cancelJob: 'grille:job:cancel',
  editCatalogue: 'grille:catalogue:edit',
  undoEdit: 'grille:catalogue:undo',
  history: 'grille:catalogue:history',
  pickImportFile: 'grille:import:pick',
  importCatalogue: 'grille:import',
  exportCatalogue: 'grille:export:catalogue',
} as const satisfies Record<keyof GrilleApi, string>;

/**
 * Commands the native menus send to the renderer (Fichier › Exporter…, Affichage › Comparaison…).
 * The renderer decides what each means in the view it shows; an unknown command is dropped by the
 * preload before it reaches the page.
 */
export const menuCommands = [
  'export',
  'find',
  'copyGrid',
  'import',
  'exportCatalogue',
  'undoEdit',
  'view:catalogue',
  'view:comparaison',
  'view:tarifs',
  'view:devis',
  'view:revision',
  'view:deliberation',
  'view:remboursements',
] as const;
export type MenuCommand = (typeof menuCommands)[number];

/** The main → renderer channels, sent only to the app's own window: menu commands and job progress. */
export const menuChannel = 'grille:menu';
export const progressChannel = 'grille:progress';

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (menuCommands as readonly string[]).includes(value);
}

const jobStates: readonly string[] = ['running', 'done', 'failed', 'cancelled'] satisfies JobProgress['state'][];

/** The shape of a progress event, checked by the preload before the page sees it. */
export function isJobProgress(value: unknown): value is JobProgress {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  const count = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  return (
    typeof p.job === 'string' &&
    p.job.length <= 100 &&
    typeof p.title === 'string' &&
    typeof p.phase === 'string' &&
    count(p.done) &&
    (p.total === null || count(p.total)) &&
    typeof p.state === 'string' &&
    jobStates.includes(p.state)
  );
}

/**
 * What the preload exposes as `window.grille`: the request methods of GrilleApi, plus the menu and
 * progress subscriptions. `onMenu` and `onProgress` return the function that unsubscribes. Kept apart from GrilleApi so that
 * `channels` and the IPC handlers stay one-to-one with the request methods.
 */
export interface GrilleBridge extends GrilleApi {
  onMenu(listener: (command: MenuCommand) => void): () => void;
  onProgress(listener: (progress: JobProgress) => void): () => void;
}
