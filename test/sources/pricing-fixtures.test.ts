/**
 * The pricing test products quote the seeds verbatim: every source of the fixtures is found at its lines (so
 * the expected values of the pricing tests come from the documents).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQuote } from '../../src/shared/core/provenance';
import { interialeProduct, mavProduct } from '../unit/fixtures/pricing-products';
import { findSeedsDir } from '../../src/main/catalogue/provenance-check';

const seed = (file: string) => {
  // the seeds beside the clone, or GRILLE_SOURCES; fails saying so when neither is there
  const seeds = findSeedsDir();
  if (!seeds.dir) throw new Error(seeds.message);
  return readFileSync(join(seeds.dir, file), 'utf8');
};

describe('pricing fixtures', () => {
  for (const [name, product] of [['interiale', interialeProduct()], ['mav', mavProduct()]] as const) {
    it(`${name}: every quote stands in the seed at its lines`, () => {
      const sources = [
        product.product.source,
        ...product.segments.map((s) => s.source),
        ...product.versions.map((v) => v.source),
        ...product.tariffs.map((t) => t.source),
        ...product.rules.map((r) => r.source),
      ];
      const problems = sources.map((s) => checkQuote(seed(s.file), s)).filter((p) => p !== null);
      expect(problems).toEqual([]);
    });
  }
});
