import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { productFileSchema } from '../../src/shared/core/catalogue-schema';
import { openDatabase } from '../../src/main/store/open';
import { findTariffCell, getProduct, listProducts } from '../../src/main/store/reader';
import { addTariffCells, replaceCatalogue, saveProduct } from '../../src/main/store/writer';
import { fixtureTaxonomy, storeFixture } from '../fixtures/store-product';

async function freshDb() {
  const { db } = await openDatabase(join(mkdtempSync(join(tmpdir(), 'grille-store-')), 'c.sqlite'));
  return db;
}

describe('catalogue writer and reader', () => {
  it('gives back exactly the product it was given', async () => {
    const db = await freshDb();
    const product = productFileSchema.parse(storeFixture());
    replaceCatalogue(db, fixtureTaxonomy, [product]);
    expect(getProduct(db, product.product.id)).toEqual(product);
    db.close();
  });

  it('reads one tariff cell by its key, in integer cents', async () => {
    const db = await freshDb();
    replaceCatalogue(db, fixtureTaxonomy, [productFileSchema.parse(storeFixture())]);
    // seed 003 l. 220: "Sécurité 25,14 €" for jeunes actifs in 2026
    expect(findTariffCell(db, { productId: 'fixture-sante', version: '2026', formula: 'securite', segment: 'jeune-actif' })).toEqual({ amountCents: 2514, period: 'month' });
    expect(findTariffCell(db, { productId: 'fixture-sante', version: '2025', formula: 'securite', segment: 'jeune-actif' })).toBeNull();
    db.close();
  });

  it('lists products with their formulas, versions and counts', async () => {
    const db = await freshDb();
    replaceCatalogue(db, fixtureTaxonomy, [productFileSchema.parse(storeFixture('a')), productFileSchema.parse(storeFixture('b'))]);
    const list = listProducts(db);
    expect(list.map((p) => p.id)).toEqual(['a', 'b']);
    expect(list[0]).toMatchObject({ kind: 'sante', insurer: { id: 'interiale', name: 'INTÉRIALE' }, guaranteeCount: 2, tariffCellCount: 2, references: ['CCFS-749-CP'] });
    expect(list[0]!.versions).toEqual([{ code: '2026', label: '2026', effectiveFrom: '2026-01-01', effectiveTo: null, reference: 'avenant n°3' }]);
    db.close();
  });

  it('writes a catalogue all or nothing: a bad product leaves the previous catalogue whole', async () => {
    const db = await freshDb();
    const good = productFileSchema.parse(storeFixture('good'));
    replaceCatalogue(db, fixtureTaxonomy, [good]);
    const bad = productFileSchema.parse(storeFixture('bad'));
    bad.tariffs.push({ ...bad.tariffs[0]!, segment: 'no-such-segment' });
    expect(() => replaceCatalogue(db, fixtureTaxonomy, [productFileSchema.parse(storeFixture('other')), bad])).toThrow(/segment inconnu/);
    expect(listProducts(db).map((p) => p.id)).toEqual(['good']);
    expect(getProduct(db, 'good')).toEqual(good);
    db.close();
  });

  it('refuses to overwrite a product silently, replaces it on request, and removes its old rows and sources', async () => {
    const db = await freshDb();
    replaceCatalogue(db, fixtureTaxonomy, [productFileSchema.parse(storeFixture('p'))]);
    const sourcesBefore = (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
    expect(() => saveProduct(db, productFileSchema.parse(storeFixture('p')))).toThrow(/existe déjà/);
    const changed = productFileSchema.parse(storeFixture('p'));
    changed.tariffs[0]!.amountCents = 2600;
    saveProduct(db, changed, { replace: true });
    expect(getProduct(db, 'p')).toEqual(changed);
    expect((db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n).toBe(sourcesBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('adds many tariff cells in one transaction, and none when one is wrong', async () => {
    const db = await freshDb();
    replaceCatalogue(db, fixtureTaxonomy, [productFileSchema.parse(storeFixture('p'))]);
    const source = storeFixture().tariffs[0]!.source;
    const cells = Array.from({ length: 1000 }, (_, i) => ({ version: '2026', formula: 'securite', option: '', segment: 'enfant', zone: `z${i}`, amountCents: i, period: 'month' as const, source }));
    expect(addTariffCells(db, 'p', cells)).toBe(1000);
    expect(() => addTariffCells(db, 'p', [...cells.map((c) => ({ ...c, zone: `y${c.zone}` })), { ...cells[0]!, formula: 'nope' }])).toThrow(/inconnu/);
    expect(getProduct(db, 'p')!.tariffs).toHaveLength(1002);
    // cells of one table share one source row
    expect((db.prepare("SELECT count(*) AS n FROM sources WHERE quote = 'Sécurité 25,14 €'").get() as { n: number }).n).toBe(2);
    db.close();
  });

  it('keeps money exact: a non-integer amount is refused by the database itself', async () => {
    const db = await freshDb();
    replaceCatalogue(db, fixtureTaxonomy, [productFileSchema.parse(storeFixture('p'))]);
    expect(() => db.prepare("INSERT INTO tariff_cells (version_id, formula_id, option_code, segment_id, zone, amount_cents, period) VALUES (1, 1, '', 1, 'x', 25.14, 'month')").run()).toThrow(/CHECK/);
    db.close();
  });
});
