/**
 * The pricing test products: valid files, and every amount visible in its quote (so the expected values of the
 * pricing tests come from the documents); test/sources/pricing-fixtures.test.ts reads their quotes in the seeds.
 */
import { describe, expect, it } from 'vitest';
import { productFileSchema } from '../../src/shared/core/catalogue-schema';
import { normaliseForQuote } from '../../src/shared/core/provenance';
import { interialeProduct, mavProduct } from './fixtures/pricing-products';

describe('pricing fixtures', () => {
  for (const [name, product] of [['interiale', interialeProduct()], ['mav', mavProduct()]] as const) {
    it(`${name}: valid ProductFile`, () => {
      const parsed = productFileSchema.safeParse(product);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });
    it(`${name}: every tariff amount is written in its quote`, () => {
      for (const t of product.tariffs) {
        const euros = t.amountCents % 100 === 0 ? String(t.amountCents / 100) : (t.amountCents / 100).toFixed(2).replace('.', ',');
        expect(normaliseForQuote(t.source.quote)).toContain(euros);
      }
    });
  }
});
