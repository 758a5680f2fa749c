/**
 * The `show` of a view built on the catalogue's product list: the list is read the first time the view
 * is shown and again whenever the catalogue changes (an edit, an undo, an import, a saved revision); a
 * product another view asked for (`go(view, { productId })`) is handed over with the list, or at once
 * when the list is already there. A list that cannot be read says so in the view's status slot.
 */
import type { ProductSummaryDto } from '../../shared/api';
import type { AppContext, NavParams } from './context';
import { errorText, say } from './notice';

export interface ProductListHooks {
  /** the catalogue's products, and the product asked for by another view (null: none) */
  fill(products: ProductSummaryDto[], wanted: string | null): void | Promise<void>;
  /** a product asked for by another view once the list is shown */
  select(productId: string): void | Promise<void>;
  /** after the list was read again because the catalogue changed */
  changed?(): void;
}

export function productListShow(ctx: AppContext, status: HTMLElement, hooks: ProductListHooks): (params?: NavParams) => void {
  let loaded = false;
  let pending: string | null = null;

  async function load(): Promise<boolean> {
    const answer = await ctx.catalogue.products();
    if (!answer.ok) {
      say(status, 'error', errorText(answer.error), 'Relancez Grille.');
      return false;
    }
    loaded = true;
    const wanted = pending;
    pending = null;
    await hooks.fill(answer.value, wanted);
    return true;
  }

  ctx.catalogue.onChange(() => {
    if (loaded) void load().then((ok) => ok && hooks.changed?.());
  });

  return (params) => {
    if (params?.productId) pending = params.productId;
    if (!loaded) void load();
    else if (pending) {
      const id = pending;
      pending = null;
      void hooks.select(id);
    }
  };
}
