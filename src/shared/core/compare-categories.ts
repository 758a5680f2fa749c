/**
 * The categories of a comparison in taxonomy order: a key's parent and depth from its dotted form, the shared
 * taxonomy first and then each product's own categories (a product cannot relabel a shared one), siblings by
 * `order`, then by first appearance. Pure.
 */
import type { ProductFile } from './catalogue-schema';
import type { TaxonomyCategory } from './compare-types';

export function parentKey(key: string): string | null {
  const i = key.lastIndexOf('.');
  return i < 0 ? null : key.slice(0, i);
}

export function depthOf(key: string): number {
  let n = 0;
  for (const ch of key) if (ch === '.') n++;
  return n;
}

export interface CategoryInfo {
  key: string;
  label: string;
  order: number | undefined;
  seen: number;
}

/** Keys in taxonomy order: depth first, siblings by `order` then by first appearance. */
export function orderCategories(known: Map<string, CategoryInfo>, keys: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const k of keys) {
    for (let a: string | null = k; a !== null; a = parentKey(a)) all.add(a);
  }
  const children = new Map<string | null, string[]>();
  for (const k of all) {
    const parent = parentKey(k);
    const list = children.get(parent) ?? [];
    list.push(k);
    children.set(parent, list);
  }
  const rank = (k: string) => {
    const info = known.get(k);
    return { order: info?.order ?? Number.POSITIVE_INFINITY, seen: info?.seen ?? Number.POSITIVE_INFINITY };
  };
  for (const list of children.values()) {
    list.sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      if (ra.order !== rb.order) return ra.order < rb.order ? -1 : 1;
      if (ra.seen !== rb.seen) return ra.seen - rb.seen;
      return a < b ? -1 : a > b ? 1 : 0;
    });
  }
  const out: string[] = [];
  const walk = (parent: string | null) => {
    for (const k of children.get(parent) ?? []) {
      out.push(k);
      walk(k);
    }
  };
  walk(null);
  return out;
}

/** The taxonomy first, then each product's own categories (a product cannot relabel a shared one). */
export function knownCategories(taxonomy: readonly TaxonomyCategory[], products: readonly ProductFile[]): Map<string, CategoryInfo> {
  const known = new Map<string, CategoryInfo>();
  let seen = 0;
  for (const c of taxonomy) {
    if (!known.has(c.key)) known.set(c.key, { key: c.key, label: c.label, order: c.order, seen: seen++ });
  }
  for (const p of products) {
    for (const c of p.categories) {
      if (!known.has(c.key)) known.set(c.key, { key: c.key, label: c.label, order: c.order, seen: seen++ });
    }
  }
  return known;
}
