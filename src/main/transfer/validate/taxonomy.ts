/**
 * Categories: the file's taxonomy against the catalogue's (a known key keeps its label, a new one is
 * added), and the categories a product may use — the catalogue's, the file's taxonomy, and its own.
 */
import { categorySchema, type TaxonomyFile } from '../../../shared/core/catalogue-schema';
import type { CategoryEntry } from '../../store/writer-import';
import { formatPath, isReported, type ParsedInput, type Report } from './parsed-input';
import { categoryKeyOf, schemaIssues, type Checked } from './product-shape';

export interface TaxonomyCheck {
  /** the catalogue's categories followed by the file's new ones */
  taxonomy: TaxonomyFile;
  categoriesAdded: CategoryEntry[];
  /** the catalogue's labels by key */
  storeLabels: Map<string, string>;
}

/** The file's taxonomy, against the store's. */
export function checkTaxonomy(storeTaxonomy: CategoryEntry[], fileTaxonomy: ParsedInput['taxonomy'], at: Report): TaxonomyCheck {
  const storeLabels = new Map(storeTaxonomy.map((c) => [c.key, c.label]));
  const categoriesAdded: CategoryEntry[] = [];
  const packageKeys = new Set<string>();
  for (const t of fileTaxonomy) {
    const r = schemaIssues(categorySchema, t.raw);
    if (!r.success) {
      for (const i of r.issues) at({ ...t.where, ...(t.where.path !== undefined ? { path: `${t.where.path}${i.path.length ? `.${formatPath(i.path)}` : ''}` } : {}) }, i.message);
      continue;
    }
    const c = r.data as CategoryEntry;
    if (packageKeys.has(c.key)) {
      at(t.where, `catégorie en double ${c.key}`);
      continue;
    }
    packageKeys.add(c.key);
    const known = storeLabels.get(c.key);
    if (known === undefined) categoriesAdded.push(c);
    else if (known !== c.label) at(t.where, `la catégorie ${c.key} s'appelle « ${known} » au catalogue, « ${c.label} » dans le fichier`);
  }
  return { taxonomy: { formatVersion: 1 as const, categories: [...storeTaxonomy, ...categoriesAdded] }, categoriesAdded, storeLabels };
}

/**
 * The keys every product may use (the catalogue's and the file's taxonomy) and the keys any list of
 * the file holds. A key no list holds at all is crossCheck's "catégorie inconnue"; what is said here
 * is a key some product's list holds but not the one that needs it.
 */
export interface CategoryReach {
  sharedKeys: Set<string>;
  anyKeys: Set<unknown>;
}

export function categoryReach(taxonomy: TaxonomyFile, checked: Checked[]): CategoryReach {
  const sharedKeys = new Set(taxonomy.categories.map((k) => k.key));
  const anyKeys = new Set<unknown>([...sharedKeys, ...checked.flatMap((c) => (Array.isArray(c.product.categories) ? c.product.categories.map(categoryKeyOf) : []))]);
  return { sharedKeys, anyKeys };
}

const parentOf = (key: string): string | null => (key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : null);

/** A new category of the file's taxonomy whose parent only a product's own categories hold. */
export function checkTaxonomyParents(fileTaxonomy: ParsedInput['taxonomy'], storeLabels: Map<string, string>, reach: CategoryReach, at: Report): void {
  for (const t of fileTaxonomy) {
    const key = categoryKeyOf(t.raw);
    if (typeof key !== 'string' || storeLabels.has(key)) continue;
    const parent = parentOf(key);
    if (parent && !reach.sharedKeys.has(parent) && reach.anyKeys.has(parent)) at(t.where, `catégorie ${key} : sa catégorie parente ${parent} n'est ni au catalogue ni dans la taxonomie du fichier`);
  }
}

/** The parents of a product's categories and the categories of its guarantees, within its reach. */
export function checkProductCategories(c: Checked, reach: CategoryReach, at: Report): void {
  const p = c.product;
  const usable = new Set([...reach.sharedKeys, ...p.categories.map((k) => k.key)]);
  const reachable = (key: string, path: (string | number)[], what: string) => {
    if (!usable.has(key) && reach.anyKeys.has(key) && !isReported(c.input.reported, path)) at(c.input.locate(path), `${what} ${key} : ni au catalogue, ni dans la taxonomie du fichier, ni dans les catégories du produit`);
  };
  p.categories.forEach((k, i) => {
    const parent = parentOf(k.key);
    if (parent) reachable(parent, ['categories', i, 'key'], `catégorie parente de ${k.key} :`);
  });
  p.guarantees.forEach((g, i) => reachable(g.category, ['guarantees', i, 'category'], 'catégorie'));
}
