/** What every view receives: the api, the catalogue cache and navigation between views. */
import type { GrilleApi } from '../../shared/api';
import type { CatalogueCache } from './api';

export type ViewId = 'catalogue' | 'comparaison' | 'tarifs' | 'devis' | 'revision' | 'remboursements';

/** What a view is opened with from another view, e.g. the product chosen in the catalogue. */
export interface NavParams {
  productId?: string;
}

export interface AppContext {
  api: () => GrilleApi;
  catalogue: CatalogueCache;
  go(view: ViewId, params?: NavParams): void;
}

export interface View {
  element: HTMLElement;
  /** called each time the view is shown (params when another view opened it) */
  show(params?: NavParams): void;
}

export type ViewFactory = (ctx: AppContext) => View;
