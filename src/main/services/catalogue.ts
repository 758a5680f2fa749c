/**
 * Catalogue use cases shared by the CLI and the desktop app: open (creating the user's database
 * from data/ on first use), list, show, reset, check.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ProductFile } from '../../shared/core/catalogue-schema';
import { productFileSchema } from '../../shared/core/catalogue-schema';
import { isUnsourcedFile } from '../../shared/core/source-label';
import { formatZodIssues } from '../../shared/core/zod-issues';
import { crossCheck, loadDataDir, resolveDataDir, type DataDir } from '../catalogue/data-dir';
import { checkProvenance, findSeedsDir, grilleSourceFiles, type UnverifiableSources } from '../catalogue/provenance-check';
import { GrilleError } from '../../shared/errors';
import { foreignKeyViolationCount, integrityCheck, orphanTariffSourceCount } from '../store/integrity';
import { openDatabase, type Db, type OpenOptions } from '../store/open';
import { getMeta, getProduct, getTaxonomy, listProducts, productIds, type ProductSummary } from '../store/reader';
import { replaceCatalogue } from '../store/writer';

export interface Catalogue {
  db: Db;
  file: string;
  /** true when this call created the database and loaded the default catalogue */
  created: boolean;
  close(): void;
}

/** A fingerprint of data/, kept in the database to tell which default catalogue it was made from. */
export function dataFingerprint(dir: string): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(dir, 'taxonomy.json')));
  for (const name of readdirSync(join(dir, 'products')).sort()) {
    hash.update(name);
    hash.update(readFileSync(join(dir, 'products', name)));
  }
  return hash.digest('hex').slice(0, 16);
}

export function loadDefaultCatalogue(dir?: string): DataDir {
  const data = loadDataDir(dir ?? resolveDataDir());
  if (data.problems.length) {
    throw new GrilleError('DATA_INVALID', `Catalogue par défaut invalide (${data.problems.length} problème(s)) :\n${data.problems.join('\n')}`);
  }
  return data;
}

function writeDefaultCatalogue(db: Db, data: DataDir): void {
  replaceCatalogue(db, data.taxonomy, data.products, {
    catalogue_source: 'default',
    catalogue_fingerprint: dataFingerprint(data.dir),
    catalogue_loaded_at: new Date().toISOString(),
  });
}

/**
 * Open the catalogue at `file`. A missing file is created and filled from data/ (one transaction:
 * killed halfway, it holds nothing and is filled on the next run). With `readonly`, nothing is written.
 */
export async function openCatalogue(file: string, options: OpenOptions = {}): Promise<Catalogue> {
  const isNew = file !== ':memory:' && !existsSync(file);
  const { db } = await openDatabase(file, options);
  let created = false;
  try {
    if (!options.readonly && getMeta(db, 'catalogue_loaded_at') === null) {
      writeDefaultCatalogue(db, loadDefaultCatalogue());
      created = true;
    }
  } catch (e) {
    db.close();
    // a file this call created and could not fill is removed: a failed command leaves nothing behind
    if (isNew) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    throw e;
  }
  return { db, file, created, close: () => db.close() };
}

/** Open for a read-only command: create on first use, otherwise never write. */
export async function openForReading(file: string, options: OpenOptions = {}): Promise<Catalogue> {
  if (!existsSync(file)) return openCatalogue(file, options);
  const probe = await openDatabase(file, { ...options, readonly: true }).catch(async (e: unknown) => {
    // An older schema needs one write (migration, with a backup first).
    if (e instanceof GrilleError && e.code === 'DB_NEEDS_MIGRATION') return null;
    throw e;
  });
  if (probe === null) return openCatalogue(file, options);
  if (getMeta(probe.db, 'catalogue_loaded_at') === null) {
    probe.db.close();
    return openCatalogue(file, options);
  }
  return { db: probe.db, file, created: false, close: () => probe.db.close() };
}

export function catalogueList(cat: Catalogue): ProductSummary[] {
  return listProducts(cat.db);
}

export function catalogueShow(cat: Catalogue, id: string): ProductFile {
  const product = getProduct(cat.db, id);
  if (!product) {
    throw new GrilleError('NOT_FOUND', `Produit inconnu : « ${id} ». Produits du catalogue : ${productIds(cat.db).join(', ')}.`);
  }
  return product;
}

export function catalogueReset(cat: Catalogue, dataDir?: string): { products: number } {
  const data = loadDefaultCatalogue(dataDir);
  writeDefaultCatalogue(cat.db, data);
  return { products: data.products.length };
}

export interface CheckReport {
  ok: boolean;
  integrity: string;
  foreignKeyViolations: number;
  orphanTariffSources: number;
  products: number;
  problems: string[];
  provenance: {
    checked: boolean;
    message: string;
    /** quotes of Grille's sources not found in their text, numbers not in their quote: failures */
    problems: string[];
    /**
     * values citing a document Grille has no text of (« non vérifiable : document absent des sources de Grille »):
     * information, not a failure; empty when the quotes were not checked
     */
    unverifiable: { total: number; products: UnverifiableSources[] };
  };
  /** values keyed in without a document (source « sans source »): information, not a failure */
  unsourced: { total: number; products: { id: string; count: number; where: string[] }[] };
}

/** The values of a product whose source is UNSOURCED_FILE, named as `catalogue check` lists them. */
export function unsourcedValues(p: ProductFile): string[] {
  const out: string[] = [];
  const at = (where: string, source: { file: string } | undefined) => {
    if (source && isUnsourcedFile(source.file)) out.push(where);
  };
  at('produit', p.product.source);
  p.organisations.forEach((o) => at(`organisation ${o.id}`, o.source));
  p.formulas.forEach((f) => at(`formule ${f.code}`, f.source));
  p.segments.forEach((s) => at(`segment ${s.code}`, s.source));
  p.versions.forEach((v) => at(`version ${v.code}`, v.source));
  p.guarantees.forEach((g, i) => at(`garantie n°${i + 1} (${g.category})`, g.source));
  p.tariffs.forEach((t) => at(`tarif ${t.version}/${t.formula}${t.option ? `/${t.option}` : ''}/${t.segment}${t.zone ? `/${t.zone}` : ''}`, t.source));
  p.rules.forEach((r, i) => at(`règle n°${i + 1} (${r.type})`, r.source));
  return out;
}

/** Integrity of the file, validity of every product, and provenance of every quote when the sources are at hand. */
export function catalogueCheck(cat: Catalogue): CheckReport {
  const integrity = integrityCheck(cat.db);
  const foreignKeyViolations = foreignKeyViolationCount(cat.db);
  const orphanTariffSources = orphanTariffSourceCount(cat.db);
  const problems: string[] = [];
  const products: ProductFile[] = [];
  for (const id of productIds(cat.db)) {
    const parsed = productFileSchema.safeParse(getProduct(cat.db, id));
    if (!parsed.success) problems.push(...formatZodIssues(parsed.error).map((m) => `${id}: ${m}`));
    else products.push(parsed.data);
  }
  problems.push(...crossCheck({ formatVersion: 1, categories: getTaxonomy(cat.db) }, products));
  const seeds = findSeedsDir();
  const provenance = seeds.dir ? checkProvenance(products, seeds.dir, grilleSourceFiles()) : { problems: [], unverifiable: [] };
  const provenanceProblems = provenance.problems;
  const unsourced = products.map((p) => ({ id: p.product.id, where: unsourcedValues(p) })).filter((u) => u.where.length).map((u) => ({ id: u.id, count: u.where.length, where: u.where }));
  return {
    ok: integrity === 'ok' && foreignKeyViolations === 0 && orphanTariffSources === 0 && problems.length === 0 && provenanceProblems.length === 0,
    integrity,
    foreignKeyViolations,
    orphanTariffSources,
    products: products.length,
    problems,
    provenance: {
      checked: seeds.dir !== null,
      message: seeds.message,
      problems: provenanceProblems,
      unverifiable: { total: provenance.unverifiable.reduce((n, u) => n + u.count, 0), products: provenance.unverifiable },
    },
    unsourced: { total: unsourced.reduce((n, u) => n + u.count, 0), products: unsourced },
  };
}

/** A SQLite failure said in French, naming the file: for the CLI's last resort, which catches outside a service. */
export { explainSqliteError } from '../store/errors';
