/**
 * Reads the default catalogue (data/taxonomy.json and data/products/*.json), validates each file
 * against the schema and checks cross references. Problems are returned, never thrown, so a
 * reviewer sees all of them at once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  productFileSchema,
  taxonomyFileSchema,
  type ProductFile,
  type TaxonomyFile,
} from '../../shared/core/catalogue-schema';
import { formatZodIssues } from '../../shared/core/zod-issues';
import { GrilleError } from '../../shared/errors';

export interface DataDir {
  dir: string;
  taxonomy: TaxonomyFile;
  products: ProductFile[];
  problems: string[];
}

/** data/ beside the package: GRILLE_DATA_DIR, or the nearest ancestor of this module that holds data/taxonomy.json. */
export function resolveDataDir(): string {
  const fromEnv = process.env.GRILLE_DATA_DIR;
  if (fromEnv) return resolve(fromEnv);
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'data', 'taxonomy.json'))) return join(dir, 'data');
    dir = dirname(dir);
  }
  throw new GrilleError(
    'NOT_FOUND',
    `Catalogue par défaut introuvable : aucun dossier data/ contenant taxonomy.json dans ${__dirname} ni ses dossiers parents (indiquez-le avec GRILLE_DATA_DIR).`,
  );
}

export function loadDataDir(dir = resolveDataDir()): DataDir {
  const problems: string[] = [];
  const taxonomy = taxonomyFileSchema.parse(JSON.parse(readFileSync(join(dir, 'taxonomy.json'), 'utf8')));
  const productsDir = join(dir, 'products');
  const products: ProductFile[] = [];
  for (const name of readdirSync(productsDir).filter((n) => n.endsWith('.json')).sort()) {
    const where = `data/products/${name}`;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(productsDir, name), 'utf8'));
    } catch (e) {
      problems.push(`${where}: JSON illisible (${(e as Error).message})`);
      continue;
    }
    const parsed = productFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of formatZodIssues(parsed.error)) problems.push(`${where}: ${issue}`);
      continue;
    }
    if (`${parsed.data.product.id}.json` !== name) {
      problems.push(`${where}: l'identifiant du produit (${parsed.data.product.id}) ne correspond pas au nom du fichier`);
    }
    products.push(parsed.data);
  }
  problems.push(...crossCheck(taxonomy, products));
  return { dir, taxonomy, products, problems };
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

export function crossCheck(taxonomy: TaxonomyFile, products: ProductFile[]): string[] {
  const problems: string[] = [];
  const labels = new Map<string, string>(taxonomy.categories.map((c) => [c.key, c.label]));
  for (const d of duplicates(taxonomy.categories.map((c) => c.key))) problems.push(`data/taxonomy.json: catégorie en double ${d}`);
  const orgNames = new Map<string, { name: string; product: string }>();
  for (const p of products) {
    for (const c of p.categories) {
      const known = labels.get(c.key);
      if (known !== undefined && known !== c.label) {
        problems.push(`${p.product.id}: catégorie ${c.key} libellée « ${c.label} » mais « ${known} » ailleurs`);
      }
      labels.set(c.key, c.label);
    }
    for (const o of p.organisations) {
      const other = orgNames.get(o.id);
      if (other && other.name !== o.name) {
        problems.push(`${p.product.id}: organisation ${o.id} nommée « ${o.name} » mais « ${other.name} » dans ${other.product}`);
      }
      orgNames.set(o.id, { name: o.name, product: p.product.id });
    }
  }
  for (const key of labels.keys()) {
    const parent = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : null;
    if (parent && !labels.has(parent)) problems.push(`catégorie ${key}: catégorie parente ${parent} absente`);
  }
  for (const d of duplicates(products.map((p) => p.product.id))) problems.push(`produit en double ${d}`);

  for (const p of products) {
    const id = p.product.id;
    const orgs = new Set(p.organisations.map((o) => o.id));
    const docs = new Set(p.documents.map((d) => d.id));
    const formulas = new Set(p.formulas.filter((f) => f.kind === 'formula').map((f) => f.code));
    const options = new Set(p.formulas.filter((f) => f.kind === 'option').map((f) => f.code));
    const segments = new Set(p.segments.map((s) => s.code));
    const versions = new Set(p.versions.map((v) => v.code));
    const need = (ok: boolean, msg: string) => {
      if (!ok) problems.push(`${id}: ${msg}`);
    };
    need(orgs.has(p.product.insurer), `assureur ${p.product.insurer} absent des organisations`);
    if (p.product.distributor) need(orgs.has(p.product.distributor), `distributeur ${p.product.distributor} absent des organisations`);
    for (const s of p.product.subscribers) need(orgs.has(s), `souscripteur ${s} absent des organisations`);
    for (const d of duplicates(p.formulas.map((f) => f.code))) need(false, `formule en double ${d}`);
    for (const d of duplicates(p.segments.map((s) => s.code))) need(false, `segment en double ${d}`);
    for (const d of duplicates(p.versions.map((v) => v.code))) need(false, `version en double ${d}`);
    need(formulas.size > 0, 'aucune formule (kind "formula")');
    for (const v of p.versions) need(docs.has(v.document), `version ${v.code}: document ${v.document} inconnu`);
    p.guarantees.forEach((g, i) => {
      const at = `garantie n°${i + 1} (${g.category})`;
      need(labels.has(g.category), `${at}: catégorie inconnue`);
      if (!(g.formulas.length === 1 && g.formulas[0] === '*')) {
        for (const f of g.formulas) need(formulas.has(f) || options.has(f), `${at}: formule ${f} inconnue`);
      }
      if (!(g.versions.length === 1 && g.versions[0] === '*')) {
        for (const v of g.versions) need(versions.has(v), `${at}: version ${v} inconnue`);
      }
      for (const d of g.derived ?? []) need(d in g.quantities, `${at}: « derived » nomme ${d}, absent des quantités`);
      if (g.status !== 'covered') need(Object.keys(g.quantities).length === 0, `${at}: des quantités sur une garantie ${g.status}`);
    });
    const allFormulas = [...formulas, ...options];
    const cellOwners = new Map<string, number>();
    p.guarantees.forEach((g, i) => {
      const fs = g.formulas[0] === '*' ? allFormulas : g.formulas;
      const vs = g.versions[0] === '*' ? [...versions] : g.versions;
      for (const f of fs) {
        for (const v of vs) {
          const key = `${g.category}|${f}|${v}`;
          const owner = cellOwners.get(key);
          if (owner !== undefined) {
            need(false, `garanties n°${owner + 1} et n°${i + 1}: même catégorie ${g.category} pour la formule ${f} et la version ${v} (une case de la grille ne tient qu'une valeur : créez une sous-catégorie)`);
          }
          cellOwners.set(key, i);
        }
      }
    });
    const cellKeys: string[] = [];
    p.tariffs.forEach((t, i) => {
      const at = `tarif n°${i + 1}`;
      need(versions.has(t.version), `${at}: version ${t.version} inconnue`);
      need(formulas.has(t.formula), `${at}: formule ${t.formula} inconnue`);
      need(t.option === '' || options.has(t.option), `${at}: option ${t.option} inconnue`);
      need(segments.has(t.segment), `${at}: segment ${t.segment} inconnu`);
      cellKeys.push([t.version, t.formula, t.option, t.segment, t.zone].join('|'));
    });
    for (const d of duplicates(cellKeys)) need(false, `cellule de tarif en double ${d}`);
    p.rules.forEach((r, i) => {
      for (const v of r.versions) need(v === '*' || versions.has(v), `règle n°${i + 1} (${r.type}): version ${v} inconnue`);
    });
  }
  return problems;
}
