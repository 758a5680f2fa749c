/**
 * The backup taken before a migration goes into the rotating backups/ folder beside the database (the
 * user-data folder for the app), with the import backups, and is listed by `grille db backup --list`.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups, rotatingBackup } from '../../src/main/store/backup-files';
import { openDatabase } from '../../src/main/store/open';
import { migrations, SCHEMA_VERSION } from '../../src/main/store/schema';
import { grille } from '../cli/run';

function tempFile(name = 'grille.sqlite'): string {
  return join(mkdtempSync(join(tmpdir(), 'grille-migration-backup-')), name);
}

async function atSchema(file: string, version: number): Promise<void> {
  const { db } = await openDatabase(file, { migrations: migrations.slice(0, version) });
  db.prepare("INSERT INTO meta (key, value) VALUES ('marker', 'avant migration')").run();
  db.close();
}

describe('the backup before a migration', () => {
  it('lands in backups/ beside the file, holds the old schema, and nothing is written beside the file', async () => {
    expect(SCHEMA_VERSION).toBeGreaterThan(1);
    const file = tempFile();
    await atSchema(file, 1);
    const { db, migratedFrom } = await openDatabase(file);
    expect(migratedFrom).toBe(1);
    db.close();
    const backups = listBackups(file);
    expect(backups).toHaveLength(1);
    expect(dirname(backups[0]!)).toBe(join(dirname(file), 'backups'));
    expect(basename(backups[0]!)).toMatch(new RegExp(`^grille-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z-avant-migration-v1-v${SCHEMA_VERSION}\\.sqlite$`));
    const old = new Database(backups[0]!, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    expect(old.prepare("SELECT value FROM meta WHERE key = 'marker'").get()).toEqual({ value: 'avant migration' });
    old.close();
    // only the database, its WAL files and the folder: no backup beside the file any more
    expect(readdirSync(dirname(file)).filter((n) => !n.startsWith('grille.sqlite'))).toEqual(['backups']);
    // no partial copy left
    expect(readdirSync(join(dirname(file), 'backups')).filter((n) => n.endsWith('.partiel'))).toEqual([]);
  });

  it('is counted in the rotation with the other backups (the oldest beyond the limit go)', async () => {
    const file = tempFile();
    await atSchema(file, 1);
    const probe = new Database(file, { readonly: true });
    const first = await rotatingBackup(probe, file, 'avant-import', 2);
    const second = await rotatingBackup(probe, file, 'manuelle', 2);
    probe.close();
    expect(listBackups(file)).toEqual([first, second]);
    const { db } = await openDatabase(file, { keepBackups: 2 });
    db.close();
    const after = listBackups(file);
    expect(after).toHaveLength(2);
    expect(after[0]).toBe(second);
    expect(after[1]).toMatch(/-avant-migration-v1-v\d+\.sqlite$/);
    expect(existsSync(first)).toBe(false);
  });

  it('a new file is not backed up; an explicit backupPath still wins', async () => {
    const file = tempFile();
    (await openDatabase(file)).db.close();
    expect(existsSync(join(dirname(file), 'backups'))).toBe(false);
    const other = tempFile();
    await atSchema(other, 1);
    const target = join(dirname(other), 'ici.sqlite');
    (await openDatabase(other, { backupPath: () => target })).db.close();
    expect(existsSync(target)).toBe(true);
    expect(listBackups(other)).toEqual([]);
  });

  it('is listed by grille db backup --list', async () => {
    const file = tempFile();
    await atSchema(file, 1);
    (await openDatabase(file)).db.close();
    const r = grille(['db', 'backup', '--list', '--json', '--db', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ db: file, backups: listBackups(file) });
    const text = grille(['db', 'backup', '--list', '--db', file]);
    expect(text.stdout).toMatch(/Sauvegardes de .* \(1, la plus ancienne d'abord\)/);
    expect(text.stdout).toContain(listBackups(file)[0]);
    // listing makes no backup
    expect(listBackups(file)).toHaveLength(1);
  });
});
