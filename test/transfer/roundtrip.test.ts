/**
 * Export then import gives back exactly the same catalogue: every product of the default catalogue,
 * deep-equal, through the Excel template and through the JSON package.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import type { Catalogue } from '../../src/main/services/catalogue';
import { openDatabase } from '../../src/main/store/open';
import { getProduct, getTaxonomy, productIds } from '../../src/main/store/reader';
import { exportCatalogue } from '../../src/main/transfer/export';
import { importBytes } from '../../src/main/transfer/import';
import { dbBytes, freshDb, withCatalogue } from './helpers';

/** An empty store (schema only, no catalogue): what an import must fill by itself. */
async function emptyStore(): Promise<Catalogue> {
  const file = join(mkdtempSync(join(tmpdir(), 'grille-roundtrip-')), 'empty.sqlite');
  const { db } = await openDatabase(file);
  return { db, file, created: false, close: () => db.close() };
}

describe.each(['xlsx', 'json'] as const)('round trip through %s', (format) => {
  it('gives back every product of the default catalogue exactly, in the same order, with the categories they use', async () => {
    const source = await freshDb();
    await withCatalogue(source, async (from) => {
      const ids = productIds(from.db);
      // the nine products of data/products
      expect([...ids].sort()).toEqual(loadDataDir().products.map((p) => p.product.id).sort());
      const exported = await exportCatalogue(from.db, [], format);
      expect(exported.products).toEqual(ids);

      const to = await emptyStore();
      try {
        const result = await importBytes(to, exported.bytes, `catalogue.${format}`, { backup: false });
        expect(result.products.map((p) => [p.id, p.action])).toEqual(ids.map((id) => [id, 'create']));
        expect(productIds(to.db)).toEqual(ids);
        for (const id of ids) expect(getProduct(to.db, id), id).toEqual(getProduct(from.db, id));
        // the taxonomy the products use came along, with the same labels and order
        const used = new Set(getTaxonomy(to.db).map((c) => c.key));
        expect(used.size).toBeGreaterThan(0);
        expect(getTaxonomy(to.db)).toEqual(getTaxonomy(from.db).filter((c) => used.has(c.key)));
        // and exporting the copy gives the same bytes again
        expect((await exportCatalogue(to.db, [], format)).bytes.equals(exported.bytes)).toBe(true);
      } finally {
        to.close();
      }
    });
  }, 120_000);

  it('imported back into the same catalogue, finds every product unchanged and writes nothing', async () => {
    const file = await freshDb();
    const bytes = await withCatalogue(file, async (cat) => (await exportCatalogue(cat.db, [], format)).bytes);
    const before = dbBytes(file);
    const result = await withCatalogue(file, (cat) => importBytes(cat, bytes, `catalogue.${format}`));
    expect(result.written).toBe(false);
    expect(result.backup).toBeNull();
    expect(new Set(result.products.map((p) => p.action))).toEqual(new Set(['unchanged']));
    expect(dbBytes(file).equals(before)).toBe(true);
  }, 120_000);

  it('exports one product on its own and gives it back exactly', async () => {
    const source = await freshDb();
    await withCatalogue(source, async (from) => {
      const exported = await exportCatalogue(from.db, ['interiale-cdg-sante'], format);
      expect(exported.products).toEqual(['interiale-cdg-sante']);
      const to = await emptyStore();
      try {
        await importBytes(to, exported.bytes, `un.${format}`, { backup: false });
        expect(productIds(to.db)).toEqual(['interiale-cdg-sante']);
        expect(getProduct(to.db, 'interiale-cdg-sante')).toEqual(getProduct(from.db, 'interiale-cdg-sante'));
      } finally {
        to.close();
      }
    });
  }, 60_000);
});

describe('what the Excel template cannot hold exactly', () => {
  it('is refused by the Excel export, naming the product, and goes through the JSON package unchanged', async () => {
    const { essaiProduct } = await import('../fixtures/make-malformed');
    const { writeCatalogueWorkbook } = await import('../../src/main/transfer/xlsx-export');
    const { stringifyPackage } = await import('../../src/main/transfer/json-package');
    const p = essaiProduct();
    p.product.description = 'ligne\u0001avec un caractère de contrôle';
    await expect(writeCatalogueWorkbook([p], [])).rejects.toThrow(/essai-sante : le texte « ligne.* exportez ce produit en JSON/);
    const to = await emptyStore();
    try {
      await importBytes(to, Buffer.from(stringifyPackage({ format: 'grille-catalogue', formatVersion: 1, taxonomy: [], products: [p] })), 'essai.json', { backup: false });
      expect(getProduct(to.db, 'essai-sante')!.product.description).toBe(p.product.description);
    } finally {
      to.close();
    }
  });
});
