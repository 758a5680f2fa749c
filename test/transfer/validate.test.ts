/**
 * The validator over products that failed the schema: a JSON product is still cross-checked as far as
 * its structure goes, and an entry that is not even an object (null in a list) is reported, never a
 * crash of the import.
 */
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../src/main/transfer/import';
import { ImportRejected } from '../../src/main/transfer/problems';
import { essaiProduct } from '../fixtures/make-malformed';
import { freshDb, withCatalogue } from './helpers';

const pkg = (products: unknown[]) => Buffer.from(JSON.stringify({ format: 'grille-catalogue', formatVersion: 1, taxonomy: [], products }), 'utf8');

async function refusal(bytes: Buffer): Promise<ImportRejected> {
  const db = await freshDb();
  const e = await withCatalogue(db, (cat) => importBytes(cat, bytes, 'paquet.json', { dryRun: true }).catch((x: unknown) => x));
  expect(e).toBeInstanceOf(ImportRejected);
  return e as ImportRejected;
}

describe('a product whose list holds null', () => {
  it('is refused at that entry, with the problems of the other products still listed', async () => {
    const broken = { ...essaiProduct(), categories: [null] };
    const other = essaiProduct();
    other.product.id = 'essai-autre';
    other.categories = [{ key: 'inconnue.feuille', label: 'Feuille' }];
    const e = await refusal(pkg([broken, other]));
    expect(e.problems).toContainEqual(expect.objectContaining({ path: 'products[0].categories[0]' }));
    expect(e.problems).toContainEqual({ file: 'paquet.json', path: 'products[1].categories[0].key', message: expect.stringMatching(/^catégorie inconnue\.feuille : catégorie parente inconnue absente/) });
  });

  it('alone, is refused at that entry', async () => {
    const e = await refusal(pkg([{ ...essaiProduct(), categories: [{ key: 'sante.x', label: 'X' }, null] }]));
    expect(e.problems).toContainEqual(expect.objectContaining({ path: 'products[0].categories[1]' }));
  });
});
