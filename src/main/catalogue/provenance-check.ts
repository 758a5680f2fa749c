/**
 * Provenance of the catalogue against the seed documents. The seeds live outside the project
 * (../shared/seeds beside the clone, or the folder named by GRILLE_SOURCES): only this check reads them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ProductFile, Quantities, Source } from '../../shared/core/catalogue-schema';
import { checkQuote, displayedNumber, quoteShowsNumber } from '../../shared/core/provenance';
import { resolveDataDir } from './data-dir';

export function findSeedsDir(): { dir: string | null; message: string } {
  const fromEnv = process.env.GRILLE_SOURCES;
  if (fromEnv) {
    return existsSync(fromEnv)
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

export function checkCatalogueProvenance(products: ProductFile[], seedsDir: string): string[] {
  const texts = new Map<string, string | null>();
  const text = (file: string) => {
    if (!texts.has(file)) {
      const path = join(seedsDir, file);
      texts.set(file, existsSync(path) ? readFileSync(path, 'utf8') : null);
    }
    return texts.get(file)!;
  };
  const problems: string[] = [];
  for (const p of products) {
    const id = p.product.id;
    const check = (where: string, source: Source) => {
      // values Grille computed (a saved revision, grille:calcul) or a user keyed in without a document
      // (grille:saisie, shown « sans source ») say so in their source: they stand in no document
      if (source.file.startsWith('grille:')) return;
      const doc = text(source.file);
      if (doc === null) {
        problems.push(`${id}: ${where}: document source ${source.file} introuvable`);
        return;
      }
      const problem = checkQuote(doc, source);
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
      check(where, t.source);
      if (!t.source.file.startsWith('grille:') && !quoteShowsNumber(t.source.quote, t.amountCents / 100)) {
        problems.push(`${id}: ${where}: ${(t.amountCents / 100).toFixed(2)} n'apparaît pas dans la citation « ${t.source.quote} »`);
      }
    });
  }
  return problems;
}
