/**
 * Developer check of data/: schema, cross references and provenance against the seed texts.
 * Usage: npx tsx scripts/check-data.ts [product-id...]   (seeds from GRILLE_SOURCES or ../shared/seeds)
 */
import { loadDataDir } from '../src/main/catalogue/data-dir';
import { checkCatalogueProvenance, findSeedsDir } from '../src/main/catalogue/provenance-check';

const only = process.argv.slice(2);
const data = loadDataDir();
const seeds = findSeedsDir();
if (!seeds.dir) {
  console.error(seeds.message);
  process.exit(2);
}
const problems = [...data.problems, ...checkCatalogueProvenance(data.products, seeds.dir)].filter(
  (p) => only.length === 0 || only.some((id) => p.startsWith(id)),
);
for (const p of problems) console.log(p);
console.log(`${problems.length} problème(s) sur ${data.products.length} produit(s)`);
process.exit(problems.length ? 1 : 0);
