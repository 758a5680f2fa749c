/**
 * grille db backup / restore: copies that are catalogues, a restore that proves its file first,
 * backs the current catalogue up, and is recorded in the audit trail.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import { openDatabase } from '../../src/main/store/open';
import { productIds } from '../../src/main/store/reader';
import { migrations, SCHEMA_VERSION } from '../../src/main/store/schema';
import { replaceCatalogue, setMeta } from '../../src/main/store/writer';
import { catalogueHistory } from '../../src/main/transfer/history';
import { grille } from '../cli/run';
import { essaiPackage } from '../fixtures/make-malformed';
import { stringifyPackage } from '../../src/main/transfer/json-package';
import { dbBytes, freshDb } from './helpers';

const NINE = loadDataDir().products.map((p) => p.product.id).sort();

function ids(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM products ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('grille db backup', () => {
  it('copies the catalogue into backups/ beside the database, or to --out, never over an existing file', async () => {
    const file = await freshDb();
    const r = grille(['db', 'backup', '--json', '--db', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { backup: string; backups: string[] };
    expect(dirname(out.backup)).toBe(join(dirname(file), 'backups'));
    expect(out.backups).toEqual([out.backup]);
    expect(ids(out.backup)).toEqual(NINE);

    const target = join(dirname(file), 'copie.sqlite');
    expect(grille(['db', 'backup', '--out', target, '--db', file]).code).toBe(0);
    expect(ids(target)).toEqual(NINE);
    const again = grille(['db', 'backup', '--out', target, '--db', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('existe déjà');
  });

  it('says so when there is no database to back up', () => {
    const r = grille(['db', 'backup', '--db', join(mkdtempSync(join(tmpdir(), 'grille-absent-')), 'absent.sqlite')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/introuvable : rien à sauvegarder/);
  });
});

describe('grille db restore', () => {
  it('puts a backup back, after backing up the current catalogue, and records the restore', async () => {
    const file = await freshDb();
    const backup = join(dirname(file), 'avant.sqlite');
    expect(grille(['db', 'backup', '--out', backup, '--db', file]).code).toBe(0);
    const pkg = join(dirname(file), 'essai.json');
    writeFileSync(pkg, stringifyPackage(essaiPackage()));
    expect(grille(['import', pkg, '--db', file]).code).toBe(0);
    expect(ids(file)).toContain('essai-sante');

    const r = grille(['db', 'restore', backup, '--comment', 'retour arrière', '--json', '--db', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { backup: string; restoredFrom: { schema: number; products: number } };
    expect(out.restoredFrom).toMatchObject({ schema: SCHEMA_VERSION, products: 9 });
    expect(ids(file)).toEqual(NINE);
    // the catalogue as it was before the restore is kept
    expect(ids(out.backup)).toContain('essai-sante');
    const { db } = await openDatabase(file, { readonly: true });
    expect(catalogueHistory(db)[0]).toMatchObject({ action: 'db.restore', comment: 'retour arrière', newValue: { file: backup, products: 9 } });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('restores a backup of an older schema and migrates it', async () => {
    const file = await freshDb();
    const old = join(dirname(file), 'schema-1.sqlite');
    const { db } = await openDatabase(old, { migrations: migrations.slice(0, 1) });
    const data = loadDataDir();
    replaceCatalogue(db, data.taxonomy, data.products.slice(0, 2));
    setMeta(db, 'catalogue_loaded_at', '2026-01-01T00:00:00.000Z');
    db.close();
    const r = grille(['db', 'restore', old, '--json', '--db', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ migratedFrom: 1, restoredFrom: { schema: 1, products: 2 } });
    const after = await openDatabase(file, { readonly: true });
    expect(productIds(after.db).sort()).toEqual(data.products.slice(0, 2).map((p) => p.product.id).sort());
    expect(after.pragmas.userVersion).toBe(SCHEMA_VERSION);
    after.db.close();
  });

  it('sets an unreadable current file aside and restores', async () => {
    const file = await freshDb();
    const good = join(dirname(file), 'bonne.sqlite');
    copyFileSync(file, good);
    writeFileSync(file, 'plus une base'.repeat(500));
    const r = grille(['db', 'restore', good, '--json', '--db', file]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { backup: string };
    expect(out.backup).toMatch(/-illisible\.sqlite$/);
    expect(readFileSync(out.backup, 'utf8')).toBe('plus une base'.repeat(500));
    expect(ids(file)).toEqual(NINE);
  });

  const refused: [string, (path: string, template: string) => void, RegExp][] = [
    ['a file that is not SQLite', (p) => writeFileSync(p, 'PK\u0003\u0004 pas une base'), /n'est pas une base SQLite/],
    [
      'a SQLite file of another program',
      (p) => {
        const db = new Database(p);
        db.exec('CREATE TABLE comptes (id INTEGER)');
        db.close();
      },
      /n'est pas un catalogue Grille/,
    ],
    [
      'a catalogue from a newer Grille',
      (p, t) => {
        copyFileSync(t, p);
        const db = new Database(p);
        db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
        db.close();
      },
      /version plus récente de Grille/,
    ],
    [
      'a catalogue whose schema was changed',
      (p, t) => {
        copyFileSync(t, p);
        const db = new Database(p);
        db.exec('CREATE TABLE extra (x)');
        db.close();
      },
      /n'a pas le schéma d'un catalogue Grille/,
    ],
    [
      'a damaged catalogue',
      (p, t) => {
        copyFileSync(t, p);
        const bytes = readFileSync(p);
        // overwrite the middle pages (the header and schema page stay readable)
        bytes.fill(0x5a, 8 * 4096, 12 * 4096);
        writeFileSync(p, bytes);
      },
      /endommagé|corrupt|malformed/i,
    ],
    [
      'a schema that was never filled',
      (p) => {
        const db = new Database(p);
        for (const m of migrations) db.exec(m);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
        db.close();
      },
      /ne contient pas de catalogue/,
    ],
  ];
  it.each(refused)('refuses %s and leaves the current catalogue untouched, without a backup', async (_what, make, expected) => {
    const file = await freshDb();
    const template = join(dirname(file), 'modele.sqlite');
    copyFileSync(file, template);
    const candidate = join(dirname(file), 'candidat.sqlite');
    make(candidate, template);
    const before = dbBytes(file);
    const r = grille(['db', 'restore', candidate, '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(expected);
    expect(dbBytes(file).equals(before)).toBe(true);
    expect(existsSync(join(dirname(file), 'backups'))).toBe(false);
  });

  it('refuses to restore the current database onto itself', async () => {
    const file = await freshDb();
    const r = grille(['db', 'restore', file, '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('est la base courante');
  });
});
