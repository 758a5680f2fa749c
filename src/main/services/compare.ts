/** The comparison use case: columns named by product and formula, read from the store, compared by the pure model. */
import type { CompareRequest } from '../../shared/api';
import { compare, CompareError, type Comparison } from '../../shared/core/compare';
import { isIsoDate } from '../../shared/core/dates';
import { GrilleError } from '../../shared/errors';
import { getTaxonomy } from '../store/reader';
import { catalogueShow, type Catalogue } from './catalogue';

export const MAX_COLUMNS = 200;

/** "product", "product:formula" or "product:formula:option" (CLI) → a column request. */
export function parseColumnArg(arg: string): CompareRequest['columns'][number] {
  const [productId, formula, option] = arg.split(':');
  if (!productId) throw new GrilleError('INVALID_INPUT', `colonne « ${arg} » : produit[:formule[:option]] attendu`);
  return { productId, formula: formula ?? '', option: option ?? null };
}

export function compareColumns(cat: Catalogue, request: CompareRequest): Comparison {
  if (request.columns.length === 0) throw new GrilleError('INVALID_INPUT', 'aucune colonne à comparer : nommez au moins un produit');
  if (request.columns.length > MAX_COLUMNS) throw new GrilleError('INVALID_INPUT', `trop de colonnes (${request.columns.length}, ${MAX_COLUMNS} au plus)`);
  if (request.at && !isIsoDate(request.at)) throw new GrilleError('INVALID_INPUT', `date « ${request.at} » impossible ou mal écrite (AAAA-MM-JJ)`);
  const products = new Map<string, ReturnType<typeof catalogueShow>>();
  const columns = request.columns.flatMap((c) => {
    let product = products.get(c.productId);
    if (!product) {
      product = catalogueShow(cat, c.productId);
      products.set(c.productId, product);
    }
    // a product named without a formula gives one column per formula
    const formulas = c.formula ? [c.formula] : product.formulas.filter((f) => f.kind === 'formula').map((f) => f.code);
    return formulas.map((formula) => ({ product: product, formula, option: c.option ?? null, version: c.version ?? null }));
  });
  try {
    return compare({ columns, taxonomy: getTaxonomy(cat.db), at: request.at ?? null, filter: request.filter });
  } catch (e) {
    if (e instanceof CompareError) throw new GrilleError('INVALID_INPUT', e.message);
    throw e;
  }
}
