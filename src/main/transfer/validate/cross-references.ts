/**
 * Cross references of the products (codes that name a formula, segment, version, document, category,
 * organisation) and duplicates across products, as the default catalogue's loader checks them
 * (crossCheck), each message put back at its place in the file.
 */
import type { ProductFile, TaxonomyFile } from '../../../shared/core/catalogue-schema';
import { crossCheck } from '../../catalogue/data-dir';
import { isReported, type ParsedInput, type Path, type Report, type Where } from './parsed-input';
import { categoryKeyOf, type Checked } from './product-shape';
import { cellKey, cellLabel } from './tariff-cells';

function lastIndex<T>(list: T[], pred: (t: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i]!)) return i;
  return -1;
}

type Located = { path: Path; message: string };

/** A duplicated tariff cell: the second one, saying where the first is. */
function locateDuplicateCell(p: ProductFile, key: string, locate: (path: Path) => Where): Located {
  const i = lastIndex(p.tariffs, (t) => cellKey(t) === key);
  const first = p.tariffs.findIndex((t) => cellKey(t) === key);
  const at = locate(['tariffs', first]);
  const there = at.row !== undefined ? `ligne ${at.row}` : (at.path ?? `tarif n°${first + 1}`);
  return { path: ['tariffs', i], message: `cellule de tarif en double (${i >= 0 ? cellLabel(p.tariffs[i]!) : key}) : même version, formule, option, segment et zone qu'en ${there}` };
}

/** Messages that name an entry of the product by its number or code. */
function locateEntryMessage(p: ProductFile, msg: string): Located | null {
  let m: RegExpExecArray | null;
  const strip = (s: string) => s.replace(/^(tarif|garantie|règle) n°\d+( \([^)]*\))?: /, '');
  if ((m = /^tarif n°(\d+): (version|formule|option|segment) /.exec(msg))) {
    const field = { version: 'version', formule: 'formula', option: 'option', segment: 'segment' }[m[2] as 'version'];
    return { path: ['tariffs', Number(m[1]) - 1, field], message: strip(msg) };
  }
  if ((m = /^garantie n°(\d+) \([^)]*\): (.*)$/.exec(msg))) {
    const rest = m[2]!;
    const field = /^catégorie/.test(rest) ? 'category' : /^formule/.test(rest) ? 'formulas' : /^version/.test(rest) ? 'versions' : /derived/.test(rest) ? 'derived' : 'status';
    return { path: ['guarantees', Number(m[1]) - 1, field], message: rest };
  }
  if ((m = /^garanties n°\d+ et n°(\d+): /.exec(msg))) return { path: ['guarantees', Number(m[1]) - 1, 'category'], message: msg };
  if ((m = /^règle n°(\d+) \([^)]*\): (.*)$/.exec(msg))) return { path: ['rules', Number(m[1]) - 1, 'versions'], message: m[2]! };
  if ((m = /^version (\S+): document/.exec(msg))) {
    const code = m[1];
    return { path: ['versions', p.versions.findIndex((v) => v.code === code), 'document'], message: msg.replace(/^version \S+: /, '') };
  }
  if ((m = /^(formule|segment|version) en double (.*)$/.exec(msg))) {
    const part = { formule: 'formulas', segment: 'segments', version: 'versions' }[m[1] as 'formule'] as 'formulas' | 'segments' | 'versions';
    const code = m[2];
    return { path: [part, lastIndex(p[part] as { code: string }[], (x) => x.code === code), 'code'], message: msg };
  }
  return null;
}

/** Messages about the product's header, organisations and categories. */
function locateHeaderMessage(p: ProductFile, msg: string): Located {
  let m: RegExpExecArray | null;
  if (/^assureur /.test(msg)) return { path: ['product', 'insurer'], message: msg };
  if (/^distributeur /.test(msg)) return { path: ['product', 'distributor'], message: msg };
  if (/^souscripteur /.test(msg)) return { path: ['product', 'subscribers'], message: msg };
  if (/^aucune formule/.test(msg)) return { path: ['formulas'], message: msg };
  if ((m = /^catégorie (\S+) libellée/.exec(msg))) {
    const key = m[1];
    return { path: ['categories', p.categories.findIndex((c) => c.key === key), 'label'], message: msg };
  }
  if ((m = /^organisation (\S+) nommée/.exec(msg))) {
    const id = m[1];
    return { path: ['organisations', p.organisations.findIndex((o) => o.id === id), 'name'], message: msg };
  }
  return { path: [], message: msg };
}

/**
 * Where a message of crossCheck (src/main/catalogue/data-dir.ts) points in a product. The messages
 * name the entry ("tarif n°3", "version 2026", "formule en double x"); unknown wordings fall back to
 * the product as a whole, never to nothing.
 */
function locateCrossMessage(p: ProductFile, msg: string, locate: (path: Path) => Where): Located {
  const entry = locateEntryMessage(p, msg);
  if (entry) return entry;
  const m = /^cellule de tarif en double (.*)$/.exec(msg);
  return m ? locateDuplicateCell(p, m[1]!, locate) : locateHeaderMessage(p, msg);
}

/**
 * crossCheck's messages. It expects valid products: when the invalid ones make it throw, the valid
 * ones are checked together and each invalid one alone, as far as it goes.
 */
function crossMessages(taxonomy: TaxonomyFile, checked: Checked[]): Set<string> {
  const cross = new Set<string>();
  const tryCross = (products: ProductFile[]): boolean => {
    try {
      for (const m of crossCheck(taxonomy, products)) cross.add(m);
      return true;
    } catch {
      return false;
    }
  };
  if (!tryCross(checked.map((c) => c.product))) {
    tryCross(checked.filter((c) => c.valid).map((c) => c.product));
    for (const c of checked) if (!c.valid) tryCross([c.product]);
  }
  return cross;
}

/** Reports every cross-reference problem at its place (a product's, a duplicate product's, a category's). */
export function reportCrossReferences(taxonomy: TaxonomyFile, checked: Checked[], fileTaxonomy: ParsedInput['taxonomy'], at: Report): void {
  const byId = new Map<string, Checked>();
  for (const c of checked) if (typeof c.product.product?.id === 'string' && !byId.has(c.product.product.id)) byId.set(c.product.product.id, c);
  for (const msg of crossMessages(taxonomy, checked)) {
    let m: RegExpExecArray | null;
    if ((m = /^([a-zA-Z0-9][a-zA-Z0-9_-]*): (.*)$/.exec(msg)) && byId.has(m[1]!)) {
      const c = byId.get(m[1]!)!;
      const { path, message } = locateCrossMessage(c.product, m[2]!, c.input.locate);
      if (!isReported(c.input.reported, path)) at(c.input.locate(path), message);
    } else if ((m = /^produit en double (.*)$/.exec(msg))) {
      const id = m[1];
      const dup = checked.filter((c) => c.product.product.id === id)[1];
      at(dup ? dup.input.locate(['product', 'id']) : {}, `produit en double ${id} dans le fichier`);
    } else if ((m = /^catégorie (\S+): (catégorie parente .*)$/.exec(msg))) {
      const key = m[1];
      const owner = checked.find((c) => c.product.categories.some((k) => categoryKeyOf(k) === key));
      const t = fileTaxonomy.find((x) => categoryKeyOf(x.raw) === key);
      at(owner ? owner.input.locate(['categories', owner.product.categories.findIndex((k) => categoryKeyOf(k) === key), 'key']) : (t?.where ?? {}), `catégorie ${key} : ${m[2]}`);
    } else at({}, msg);
  }
}
