/**
 * The one contract between the renderer and the main process: one method per operation. The
 * preload exposes exactly one object that `satisfies GrilleApi`; the main process registers one
 * validated handler per channel. Payloads and answers are plain data (amounts in integer cents).
 */
import type { ProductFile } from './core/catalogue-schema';

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

/** Every answer: the value, or an error a person can act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export interface GrilleApi {
  catalogueList(): Promise<Result<ProductSummaryDto[]>>;
  catalogueShow(productId: string): Promise<Result<ProductFile>>;
}

/** IPC channel names, one per method of GrilleApi. */
export const channels = {
  catalogueList: 'grille:catalogue:list',
  catalogueShow: 'grille:catalogue:show',
} as const satisfies Record<keyof GrilleApi, string>;
