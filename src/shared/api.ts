/**
 * The one contract between the renderer and the main process: one method per operation. The
 * preload exposes exactly one object that `satisfies GrilleApi`; the main process registers one
 * validated handler per channel (src/main/ipc-handlers.ts). Payloads and answers are plain data,
 * amounts in integer cents; exact rationals (BigInt) never cross the bridge.
 */
import type { ProductFile, Role, Status } from './core/catalogue-schema';
import type { Comparison, CompareFilter } from './core/compare';
import type { ImpactResult } from './core/impact';
import type { ProductQuote } from './core/quote';
import type { SimulationResult } from './core/reimbursement';
import type { CatalogueOfActs } from './core/reimbursement-acts';
import type { StandardBasket } from './core/reimbursement-examples';
import type { RevisionResult } from './core/revision';

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
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

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

export interface QuoteRequestDto {
  /** none = every product */
  productIds: string[];
  at: string;
  formulas?: string[];
  members: MemberDto[];
  mav?: { options?: string[]; sports?: string[]; periodicity?: string; adhesion?: string; renouncedOptions?: string[] };
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

export interface GrilleApi {
  catalogueList(): Promise<Result<ProductSummaryDto[]>>;
  catalogueShow(productId: string): Promise<Result<ProductFile>>;
  taxonomy(): Promise<Result<TaxonomyCategoryDto[]>>;
  compare(request: CompareRequest): Promise<Result<Comparison>>;
  quote(request: QuoteRequestDto): Promise<Result<ProductQuote[]>>;
  revise(request: ReviseRequest): Promise<Result<ReviseAnswer>>;
  impact(request: ImpactRequest): Promise<Result<ImpactResult>>;
  exportComparison(request: CompareRequest): Promise<Result<ExportAnswer>>;
  exportTariffs(request: { productIds: string[] }): Promise<Result<ExportAnswer>>;
  exportQuote(request: QuoteRequestDto): Promise<Result<ExportAnswer>>;
  exportDeliberation(request: DeliberationRequest): Promise<Result<ExportAnswer>>;
  reimburseList(): Promise<Result<ReimburseListAnswer>>;
  reimburse(request: ReimburseRequest): Promise<Result<SimulationResult>>;
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
  'view:catalogue',
  'view:comparaison',
  'view:tarifs',
  'view:devis',
  'view:revision',
  'view:deliberation',
] as const;
export type MenuCommand = (typeof menuCommands)[number];

/** The one main → renderer channel: menu commands, sent only to the app's own window. */
export const menuChannel = 'grille:menu';

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (menuCommands as readonly string[]).includes(value);
}

/**
 * What the preload exposes as `window.grille`: the request methods of GrilleApi, plus the menu
 * subscription. `onMenu` returns the function that unsubscribes. Kept apart from GrilleApi so that
 * `channels` and the IPC handlers stay one-to-one with the request methods.
 */
export interface GrilleBridge extends GrilleApi {
  onMenu(listener: (command: MenuCommand) => void): () => void;
}
