/**
 * The default catalogue against its source texts: every quote of data/ stands in its seed text at its lines,
 * and the strict check of data/ refuses a source that is not a seed file. Moved here from
 * test/catalogue/default-catalogue.test.ts (run by `npm run test:sources`, the texts at hand).
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import { checkCatalogueProvenance, checkProvenance, findSeedsDir, grilleSourceFiles } from '../../src/main/catalogue/provenance-check';
import type { ProductFile } from '../../src/shared/core/catalogue-schema';

const data = loadDataDir();
const product = (id: string): ProductFile => {
  const p = data.products.find((x) => x.product.id === id);
  if (!p) throw new Error(`produit ${id} absent de data/products`);
  return p;
};

describe('the default catalogue in data/', () => {
  it('every quote stands in its seed text at its lines, and every number is visible in its quote', () => {
    const seeds = findSeedsDir();
    // The one test that reads the seeds: it fails, saying where to put them, when they are not at hand.
    if (!seeds.dir) throw new Error(seeds.message);
    expect(checkCatalogueProvenance(data.products, seeds.dir)).toEqual([]);
  });

  it('that test fails on a source naming a document that is not a seed text, which `catalogue check` only lists', () => {
    const seeds = findSeedsDir();
    if (!seeds.dir) throw new Error(seeds.message);
    const p = structuredClone(product('mie-assistance'));
    const g = p.guarantees[0]!;
    const seed = g.source.file;
    for (const file of ['Avenant n°5.pdf', `../${basename(seeds.dir)}/${seed}`]) {
      g.source = { ...g.source, file };
      const where = `garantie n°1 (${g.category})`;
      // data/: strict, every source is a seed file of the folder (a path to one is not a name of one)
      expect(checkCatalogueProvenance([p], seeds.dir)).toEqual([`mie-assistance: ${where}: document source ${file} introuvable`]);
      // a user's catalogue: information, the quote is never read from that name
      expect(checkProvenance([p], seeds.dir, grilleSourceFiles())).toEqual({ problems: [], unverifiable: [{ id: 'mie-assistance', count: 1, where: [where], files: [file] }] });
    }
    expect(grilleSourceFiles()).toEqual(new Set(data.products.flatMap((x) => x.documents.map((d) => d.file))));
    expect(grilleSourceFiles().has(seed)).toBe(true);
  });
});
