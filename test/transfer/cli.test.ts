/** grille import / export catalogue / history, run as a user runs them. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import { stringifyPackage } from '../../src/main/transfer/json-package';
import { grille } from '../cli/run';
import { essaiPackage, essaiProduct } from '../fixtures/make-malformed';
import { TABLE_SOURCE, dbBytes, freshDb } from './helpers';

const NINE = loadDataDir().products.map((p) => p.product.id);

describe('grille export catalogue', () => {
  it('writes the whole catalogue as a JSON package, or chosen products as an Excel template', async () => {
    const db = await freshDb();
    const out = join(dirname(db), 'catalogue.json');
    const r = grille(['export', 'catalogue', '--format', 'json', '--out', out, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(out, 'utf8')) as { format: string; formatVersion: number; products: { product: { id: string } }[] };
    expect(pkg.format).toBe('grille-catalogue');
    expect(pkg.formatVersion).toBe(1);
    expect(pkg.products.map((p) => p.product.id).sort()).toEqual([...NINE].sort());

    const xlsx = join(dirname(db), 'deux.xlsx');
    const x = grille(['export', 'catalogue', 'bpce-mav', 'interiale-cdg-sante', '--format', 'xlsx', '--out', xlsx, '--json', '--db', db]);
    expect(x.code).toBe(0);
    expect(JSON.parse(x.stdout)).toMatchObject({ out: xlsx, format: 'xlsx', products: ['bpce-mav', 'interiale-cdg-sante'] });
    expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('refuses an unknown product (exit 1) and a bad or missing option (exit 2)', async () => {
    const db = await freshDb();
    const out = join(dirname(db), 'x.json');
    const unknown = grille(['export', 'catalogue', 'nope', '--format', 'json', '--out', out, '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Produit\(s\) inconnu\(s\) : « nope »/);
    expect(grille(['export', 'catalogue', '--format', 'csv', '--out', out, '--db', db]).code).toBe(2);
    expect(grille(['export', 'catalogue', '--format', 'json', '--db', db]).code).toBe(2);
  });
});

describe('grille import and grille history', () => {
  it('imports a new product, says what it did, and the history lists it', async () => {
    const db = await freshDb();
    const file = join(dirname(db), 'essai.json');
    writeFileSync(file, stringifyPackage(essaiPackage()));
    const dry = grille(['import', file, '--dry-run', '--json', '--db', db]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: true, dryRun: true, written: false, products: [{ id: 'essai-sante', action: 'create' }] });

    const before = dbBytes(db);
    const r = grille(['import', file, '--comment', 'nouvelle offre', '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('essai.json (json) importé.');
    expect(r.stdout).toContain(`+ essai-sante — nouveau produit « ${essaiProduct().product.name} »`);
    expect(r.stdout).toMatch(/Sauvegarde avant import : .*backups/);
    expect(dbBytes(db).equals(before)).toBe(false);

    const h = grille(['history', 'essai-sante', '--json', '--db', db]);
    expect(h.code).toBe(0);
    const { entries } = JSON.parse(h.stdout) as { entries: { action: string; comment: string; newValue: { tariffCells: number } }[] };
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'import.product', comment: 'nouvelle offre', newValue: { tariffCells: essaiProduct().tariffs.length } });
    const text = grille(['history', 'essai-sante', '--db', db]);
    expect(text.stdout).toContain('Import du nouveau produit');
    expect(text.stdout).toContain('commentaire : nouvelle offre');

    const again = grille(['import', file, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("= essai-sante — déjà au catalogue à l'identique");
  });

  it('imports a CSV tariff table into a new version given on the command line', async () => {
    const db = await freshDb();
    const csv = join(dirname(db), 'tarifs.csv');
    writeFileSync(csv, 'formule;segment;montant\nsecurite;jeune-actif;26,50\n');
    const r = grille([
      'import', csv, '--product', 'interiale-cdg-sante', '--version', '2027', '--effective-from', '2027-01-01', '--period', 'mois',
      '--source-file', TABLE_SOURCE.file, '--source-section', TABLE_SOURCE.section, '--source-lines', TABLE_SOURCE.lines, '--source-quote', TABLE_SOURCE.quote, '--json', '--db', db,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, written: true, products: [{ id: 'interiale-cdg-sante', action: 'add-tariffs', versions: ['2027'], tariffCells: 1 }] });
    const show = JSON.parse(grille(['catalogue', 'show', 'interiale-cdg-sante', '--json', '--db', db]).stdout) as { product: { tariffs: { version: string; amountCents: number }[] } };
    expect(show.product.tariffs.filter((t) => t.version === '2027').map((t) => t.amountCents)).toEqual([2650]);
  });

  it('exits 2 on bad usage and 1 on an unknown file type or an unknown product history', async () => {
    const db = await freshDb();
    const csv = join(dirname(db), 't.csv');
    writeFileSync(csv, 'formule;segment;montant\n');
    expect(grille(['import', csv, '--db', db]).code).toBe(2);
    expect(grille(['import', '--db', db]).code).toBe(2);
    const txt = join(dirname(db), 'notes.txt');
    writeFileSync(txt, 'x');
    const ext = grille(['import', txt, '--db', db]);
    expect(ext.code).toBe(1);
    expect(ext.stderr).toMatch(/extension « \.txt » inconnue/);
    const missing = grille(['import', join(dirname(db), 'absent.json'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/fichier illisible/);
    const h = grille(['history', 'no-such-product', '--db', db]);
    expect(h.code).toBe(1);
    expect(h.stderr).toMatch(/Produit inconnu : « no-such-product »/);
  });
});
