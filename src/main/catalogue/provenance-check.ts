/**
 * Provenance of the catalogue against the seed documents. The seeds live outside the project
 * (../shared/seeds beside the clone, or the folder named by GRILLE_SOURCES): only this check reads them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ProductFile, Quantities, Source } from '../../shared/core/catalogue-schema';
import { checkQuote, displayedNumber, quoteShowsNumber } from '../../shared/core/provenance';
import { resolveDataDir } from './data-dir';

export function findSeedsDir(): { dir: string | null; message: string } {
  const fromEnv = process.env.GRILLE_SOURCES;
  if (fromEnv) {
    return existsSync(fromEnv) && statSync(fromEnv).isDirectory()
      ? { dir: resolve(fromEnv), message: `sources: ${fromEnv}` }
      : { dir: null, message: `GRILLE_SOURCES désigne un dossier absent : ${fromEnv}` };
  }
  // shared/ stands beside the project's clone (CI and the developers' machines)
  const beside = join(dirname(resolveDataDir()), '..', 'shared', 'seeds');
  if (existsSync(beside)) return { dir: beside, message: 'sources: ../shared/seeds' };
  return {
    dir: null,
    message:
      'Textes sources introuvables : ni ../shared/seeds à côté du projet, ni GRILLE_SOURCES. ' +
      'Indiquez le dossier des documents sources avec GRILLE_SOURCES=<dossier> pour vérifier les citations.',
  };
}

/** The seed texts at hand: the names of the files of the sources folder (never a path from a catalogue). */
function seedFileNames(seedsDir: string): Set<string> {
  return new Set(readdirSync(seedsDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name));
}

/**
 * The documents the default catalogue cites (`documents[].file` of data/products): Grille's own sources,
 * whose texts the sources folder should hold. A catalogue value citing one of them is always checked
 * (its text missing from the folder is a problem); a value citing any other document cannot be.
 */
export function grilleSourceFiles(dataDir = resolveDataDir()): Set<string> {
  const files = new Set<string>();
  const productsDir = join(dataDir, 'products');
  if (!existsSync(productsDir)) return files;
  for (const name of readdirSync(productsDir).filter((n) => n.endsWith('.json'))) {
    const raw = JSON.parse(readFileSync(join(productsDir, name), 'utf8')) as { documents?: { file?: unknown }[] };
    for (const d of raw.documents ?? []) if (typeof d.file === 'string' && !d.file.startsWith('grille:')) files.add(d.file);
  }
  return files;
}

/** Values of one product whose source cites a document that is not among Grille's sources. */
export interface UnverifiableSources {
  id: string;
  /** values citing such a document (each tariff cell counts) */
  count: number;
  /** the values, named as `catalogue check` names them; tariff cells by version (« tarifs de la version 2027 : 12 cellules ») */
  where: string[];
  /** the documents they cite, each once */
  files: string[];
}

export interface ProvenanceReport {
  /** quotes not found in their seed text, numbers not visible in their quote, seed texts missing */
  problems: string[];
  /** information, not a failure: documents Grille has no text of (a user's « Avenant n°5.pdf », an imported notice) */
  unverifiable: UnverifiableSources[];
}

/**
 * Provenance of a catalogue: each quote that cites one of Grille's sources (a file of the sources folder, or a
 * document of the default catalogue) is read against its seed text; a value citing another document is listed
 * as unverifiable. Every number must still be visible in its quote, whatever the document.
 */
export function checkProvenance(products: ProductFile[], seedsDir: string, grilleSources: ReadonlySet<string> = new Set()): ProvenanceReport {
  return runCheck(products, seedsDir, (file) => grilleSources.has(file));
}

/**
 * The strict check of data/ (its test, scripts/check-data.ts): every source must be a seed file of the folder,
 * a document Grille has no text of is a problem.
 */
export function checkCatalogueProvenance(products: ProductFile[], seedsDir: string): string[] {
  return runCheck(products, seedsDir, () => true).problems;
}

/** `isSeed(file)`: a document the folder lacks is still a seed (its text missing is a problem), not unverifiable. */
function runCheck(products: ProductFile[], seedsDir: string, isSeed: (file: string) => boolean): ProvenanceReport {
  const inFolder = seedFileNames(seedsDir);
  const texts = new Map<string, string>();
  const text = (file: string) => {
    if (!texts.has(file)) texts.set(file, readFileSync(join(seedsDir, file), 'utf8'));
    return texts.get(file)!;
  };
  const problems: string[] = [];
  const unverifiable: UnverifiableSources[] = [];
  for (const p of products) {
    const id = p.product.id;
    const notChecked: UnverifiableSources = { id, count: 0, where: [], files: [] };
    // tariff cells are counted one by one but named by version (an imported table may hold thousands)
    const cellsByVersion = new Map<string, number>();
    const check = (where: string, source: Source, tariffVersion?: string) => {
      // values Grille computed (a saved revision, grille:calcul) or a user keyed in without a document
      // (grille:saisie, shown « sans source ») say so in their source: they stand in no document
      if (source.file.startsWith('grille:')) return;
      // only a name listed in the folder is read: a cited file name is never joined to a path as written
      if (!inFolder.has(source.file)) {
        if (isSeed(source.file)) problems.push(`${id}: ${where}: document source ${source.file} introuvable`);
        else {
          notChecked.count++;
          if (tariffVersion === undefined) notChecked.where.push(where);
          else cellsByVersion.set(tariffVersion, (cellsByVersion.get(tariffVersion) ?? 0) + 1);
          if (!notChecked.files.includes(source.file)) notChecked.files.push(source.file);
        }
        return;
      }
      const problem = checkQuote(text(source.file), source);
      if (problem) problems.push(`${id}: ${where}: ${problem.message}`);
    };
    check('produit', p.product.source);
    p.organisations.forEach((o) => check(`organisation ${o.id}`, o.source));
    p.formulas.forEach((f) => f.source && check(`formule ${f.code}`, f.source));
    p.segments.forEach((s) => check(`segment ${s.code}`, s.source));
    p.versions.forEach((v) => check(`version ${v.code}`, v.source));
    p.rules.forEach((r, i) => check(`règle n°${i + 1} (${r.type})`, r.source));
    p.guarantees.forEach((g, i) => {
      const where = `garantie n°${i + 1} (${g.category})`;
      check(where, g.source);
      if (g.source.file.startsWith('grille:')) return;
      const derived = new Set(g.derived ?? []);
      for (const [kind, value] of Object.entries(g.quantities) as [keyof Quantities, number][]) {
        if (derived.has(kind)) continue;
        const shown = displayedNumber(kind, value);
        if (!quoteShowsNumber(g.source.quote, shown)) {
          problems.push(`${id}: ${where}: ${kind} = ${shown} n'apparaît pas dans la citation « ${g.source.quote} »`);
        }
      }
    });
    p.tariffs.forEach((t, i) => {
      const where = `tarif n°${i + 1} (${t.version}/${t.formula}/${t.segment})`;
      check(where, t.source, t.version);
      if (!t.source.file.startsWith('grille:') && !quoteShowsNumber(t.source.quote, t.amountCents / 100)) {
        problems.push(`${id}: ${where}: ${(t.amountCents / 100).toFixed(2)} n'apparaît pas dans la citation « ${t.source.quote} »`);
      }
    });
    for (const [version, n] of cellsByVersion) notChecked.where.push(`tarifs de la version ${version} : ${n} cellule${n > 1 ? 's' : ''}`);
    if (notChecked.count) unverifiable.push(notChecked);
  }
  return { problems, unverifiable };
}
