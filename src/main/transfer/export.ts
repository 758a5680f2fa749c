/** `grille export catalogue`: products of the store as a JSON package or an Excel template. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ProductFile, TaxonomyFile } from '../../shared/core/catalogue-schema';
import type { Db } from '../store/open';
import { GrilleError } from '../../shared/errors';
import { getProduct, getTaxonomy, productIds } from '../store/reader';
import { PACKAGE_FORMAT, stringifyPackage, type CataloguePackage } from './json-package';

// exceljs is loaded on first use (see import.ts)
const xlsxWriter = () => import('./xlsx-export');

export type ExportFormat = 'json' | 'xlsx';

/** The products asked for (all when none), in catalogue order, each exactly as the store gives it. */
export function productsFor(db: Db, ids: string[]): ProductFile[] {
  const all = productIds(db);
  const wanted = ids.length ? ids : all;
  const unknown = wanted.filter((id) => !all.includes(id));
  if (unknown.length) throw new GrilleError('NOT_FOUND', `Produit(s) inconnu(s) : ${unknown.map((i) => `« ${i} »`).join(', ')}. Produits du catalogue : ${all.join(', ')}.`);
  const dup = wanted.filter((id, i) => wanted.indexOf(id) !== i);
  if (dup.length) throw new GrilleError('INVALID_INPUT', `Produit demandé deux fois : ${dup.join(', ')}.`);
  return wanted.map((id) => getProduct(db, id)!);
}

/** The taxonomy categories the products use (guarantee and product categories and their parents), in store order. */
export function taxonomyFor(db: Db, products: ProductFile[]): TaxonomyFile['categories'] {
  const needed = new Set<string>();
  const addWithParents = (key: string) => {
    for (let k: string | null = key; k !== null && !needed.has(k); k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : null) needed.add(k);
  };
  for (const p of products) {
    for (const c of p.categories) addWithParents(c.key);
    for (const g of p.guarantees) addWithParents(g.category);
  }
  return getTaxonomy(db)
    .filter((c) => needed.has(c.key))
    .map((c) => ({ key: c.key, label: c.label, ...(c.order !== undefined && c.order !== null ? { order: c.order } : {}) }));
}

export function cataloguePackage(db: Db, ids: string[]): CataloguePackage {
  const products = productsFor(db, ids);
  return { format: PACKAGE_FORMAT, formatVersion: 1, taxonomy: taxonomyFor(db, products), products };
}

export async function exportCatalogue(db: Db, ids: string[], format: ExportFormat): Promise<{ bytes: Buffer; products: string[] }> {
  const pkg = cataloguePackage(db, ids);
  const bytes = format === 'json' ? Buffer.from(stringifyPackage(pkg), 'utf8') : await (await xlsxWriter()).writeCatalogueWorkbook(pkg.products, pkg.taxonomy);
  return { bytes, products: pkg.products.map((p) => p.product.id) };
}

/** Writes beside the target then renames: an interrupted export never leaves half a file under the name. */
export function writeFileAtomic(out: string, bytes: Buffer): void {
  const target = resolve(out);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partiel-${process.pid}`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw new GrilleError('IO', `Écriture de ${out} impossible : ${(e as Error).message}`);
  }
}
