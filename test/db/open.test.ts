import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GrilleError } from '../../src/shared/errors';
import { openDatabase } from '../../src/main/store/open';
import { migrations, SCHEMA_VERSION } from '../../src/main/store/schema';

const dirs: string[] = [];
function tempFile(name = 'cat.sqlite'): string {
  const dir = mkdtempSync(join(tmpdir(), 'grille-db-'));
  dirs.push(dir);
  return join(dir, name);
}
afterEach(() => {
  dirs.length = 0;
});

function schemaOf(db: Database.Database): string {
  return (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string; sql: string }[])
    .map((r) => `-- ${r.type} ${r.name}\n${r.sql};`)
    .join('\n\n');
}

describe('openDatabase', () => {
  it('creates a new file with WAL, foreign keys, busy timeout, quick_check ok, read back from the connection', async () => {
    const file = tempFile();
    const { db, pragmas, migratedFrom } = await openDatabase(file);
    expect(pragmas).toEqual({ journalMode: 'wal', foreignKeys: true, busyTimeout: 5000, quickCheck: 'ok', userVersion: SCHEMA_VERSION });
    expect(migratedFrom).toBe(0);
    // read back independently of the report
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    // no backup for a new file
    expect(readdirSync(join(file, '..')).filter((n) => n.includes('avant-migration'))).toEqual([]);
  });

  it('enforces foreign keys', async () => {
    const { db } = await openDatabase(tempFile());
    expect(() => db.prepare("INSERT INTO products (id, kind, name, insurer_id, source_id, sort) VALUES ('x', 'sante', 'x', 'nobody', 1, 0)").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it.each(Array.from({ length: SCHEMA_VERSION }, (_, k) => k))('migrates a file at schema version %i to the current one, backing it up first', async (k) => {
    const file = tempFile();
    const old = await openDatabase(file, { migrations: migrations.slice(0, k) });
    expect(old.pragmas.userVersion).toBe(k);
    if (k > 0) old.db.prepare("INSERT INTO meta (key, value) VALUES ('marker', 'kept')").run();
    old.db.close();
    const backups: string[] = [];
    const { db, migratedFrom } = await openDatabase(file, {
      backupPath: (from, to) => {
        const b = `${file}.backup-${from}-${to}`;
        backups.push(b);
        return b;
      },
    });
    expect(migratedFrom).toBe(k);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    if (k > 0) {
      expect((db.prepare("SELECT value FROM meta WHERE key = 'marker'").get() as { value: string }).value).toBe('kept');
      expect(backups).toHaveLength(1);
      const b = new Database(backups[0]!, { readonly: true });
      expect(b.pragma('user_version', { simple: true })).toBe(k);
      b.close();
    } else {
      expect(backups).toHaveLength(0);
    }
    db.close();
  });

  it('rolls a failing migration back whole, leaving the version unchanged', async () => {
    const file = tempFile();
    const broken = [...migrations, 'CREATE TABLE extra (a INTEGER); INSERT INTO no_such_table VALUES (1);'];
    await expect(openDatabase(file, { migrations: broken })).rejects.toThrow(/no_such_table/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database from a newer version and leaves it byte-for-byte untouched', async () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(file);
    const error = await openDatabase(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrilleError);
    expect((error as GrilleError).code).toBe('DB_NEWER');
    expect((error as GrilleError).message).toContain('version plus récente');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a SQLite file that is not a Grille catalogue, untouched', async () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE accounts (id)');
    raw.close();
    const before = readFileSync(file);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'DB_FOREIGN' });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite at all, untouched', async () => {
    const file = tempFile();
    writeFileSync(file, 'ceci est un tableur, pas une base'.repeat(200));
    const before = readFileSync(file);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'DB_FOREIGN' });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a directory', async () => {
    const file = tempFile();
    await expect(openDatabase(join(file, '..'))).rejects.toMatchObject({ code: 'DB_UNREADABLE' });
  });

  it('keeps the schema as released (snapshot: a migration that changes it by accident fails here)', async () => {
    const { db } = await openDatabase(tempFile());
    await expect(`${schemaOf(db)}\n`).toMatchFileSnapshot('./__snapshots__/schema.sql');
    db.close();
  });
});
