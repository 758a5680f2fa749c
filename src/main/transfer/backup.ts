/**
 * Backups of the catalogue database: a rotating copy in `backups/` beside the database before every
 * import, restore and migration (the last BACKUP_KEEP kept; naming and rotation in store/backup-files.ts),
 * `grille db backup [--out FILE] [--list]`, and `grille db restore FILE`,
 * which first proves FILE is a Grille catalogue of a known schema, then backs the current one up.
 * Copies use SQLite's online backup (consistent even while the file is open) into a temporary name
 * renamed at the end, so a copy killed halfway never looks like a backup.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readSync, openSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BACKUP_KEEP, backupBaseName, backupStamp, backupsDir, copyInto, listBackups, rotatingBackup } from '../store/backup-files';
import { GrilleError } from '../../shared/errors';
import { explainSqliteError } from '../store/errors';
import { openDatabase, type Db } from '../store/open';
import { migrations, SCHEMA_VERSION } from '../store/schema';
import { insertAudit } from '../store/writer-import';

// the naming and rotation live in the store (open.ts backs up before a migration without this module)
export { BACKUP_KEEP, backupsDir, listBackups, rotatingBackup };

/** `grille db backup --out FILE`: a copy at FILE (never over an existing file). */
export async function backupTo(db: Db, out: string): Promise<string> {
  if (existsSync(out)) throw new GrilleError('INVALID_INPUT', `${out} existe déjà : choisissez un autre nom (une sauvegarde n'écrase jamais un fichier).`);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  await copyInto(db, out);
  return out;
}

/** Opens an existing database file read-only, as it is (no migration), for a backup. */
export function openRaw(file: string): Db {
  if (!existsSync(file)) throw new GrilleError('NOT_FOUND', `Base ${file} introuvable : rien à sauvegarder.`);
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (e) {
    throw explainSqliteError(e, file);
  }
}

function schemaRows(db: Db): string[] {
  return (db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Record<string, unknown>[]).map((r) =>
    JSON.stringify(r),
  );
}

export interface CatalogueFileReport {
  file: string;
  schema: number;
  products: number;
  loadedAt: string;
}

/**
 * Proves `file` is a Grille catalogue this version can open: a SQLite file whose schema is exactly the
 * one of a known migration step, that passes integrity_check and foreign_key_check, and holds a loaded
 * catalogue. Throws GrilleError saying what is wrong.
 */
export function checkCatalogueFile(file: string): CatalogueFileReport {
  if (!existsSync(file) || !statSync(file).isFile()) throw new GrilleError('NOT_FOUND', `${file} introuvable (ou n'est pas un fichier).`);
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\u0000') throw new GrilleError('DB_FOREIGN', `${file} n'est pas une base SQLite : ce n'est pas une sauvegarde Grille.`);
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version === 0) throw new GrilleError('DB_FOREIGN', `${file} est une base SQLite qui n'est pas un catalogue Grille.`);
    if (version > SCHEMA_VERSION) {
      throw new GrilleError('DB_NEWER', `${file} a été écrit par une version plus récente de Grille (schéma ${version}, cette version connaît le schéma ${SCHEMA_VERSION}) : mettez Grille à jour.`);
    }
    const reference = new Database(':memory:');
    for (const m of migrations.slice(0, version)) reference.exec(m);
    const expected = schemaRows(reference);
    reference.close();
    const actual = schemaRows(db);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new GrilleError('DB_FOREIGN', `${file} n'a pas le schéma d'un catalogue Grille (schéma ${version} attendu, tables ou index différents) : fichier refusé.`);
    }
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') {
      const said = integrity.replace(/\s+/g, ' ').trim();
      throw new GrilleError('DB_CORRUPT', `${file} est endommagé (integrity_check : ${said.length > 160 ? `${said.slice(0, 160)}…` : said}) : fichier refusé.`);
    }
    if ((db.pragma('foreign_key_check') as unknown[]).length) throw new GrilleError('DB_CORRUPT', `${file} a des références brisées (foreign_key_check) : fichier refusé.`);
    const loaded = db.prepare("SELECT value FROM meta WHERE key = 'catalogue_loaded_at'").get() as { value: string } | undefined;
    if (!loaded) throw new GrilleError('DB_FOREIGN', `${file} ne contient pas de catalogue (base jamais remplie) : fichier refusé.`);
    const products = (db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
    return { file, schema: version, products, loadedAt: loaded.value };
  } catch (e) {
    throw explainSqliteError(e, file);
  } finally {
    db?.close();
  }
}

export interface RestoreReport {
  db: string;
  restoredFrom: CatalogueFileReport;
  /** the backup of the database as it was before the restore (null when there was none) */
  backup: string | null;
  migratedFrom: number | null;
}

/**
 * Replaces the catalogue at `dbFile` by the one in `from`, after checking `from` and backing the
 * current file up. The copy is SQLite's backup into the live file (one write transaction, so a
 * process killed halfway leaves the old catalogue); a current file SQLite cannot open is set aside.
 */
export async function restoreDatabase(dbFile: string, from: string, comment: string | null, keep = BACKUP_KEEP): Promise<RestoreReport> {
  if (resolve(from) === resolve(dbFile)) throw new GrilleError('INVALID_INPUT', `${from} est la base courante : rien à restaurer.`);
  const report = checkCatalogueFile(from);
  let backup: string | null = null;
  let replaceFile = false;
  if (existsSync(dbFile) && statSync(dbFile).size > 0) {
    let current: Db | null = null;
    try {
      current = new Database(dbFile, { fileMustExist: true });
      current.pragma('busy_timeout = 5000');
      if (String(current.pragma('quick_check', { simple: true })) !== 'ok') throw new Error('quick_check');
    } catch {
      current?.close();
      current = null;
    }
    if (current) {
      try {
        backup = await rotatingBackup(current, dbFile, 'avant-restauration', keep);
      } finally {
        current.close();
      }
    } else {
      // the current file is not a readable database: keep its bytes as they are, then replace it
      const dir = backupsDir(dbFile);
      mkdirSync(dir, { recursive: true });
      backup = join(dir, `${backupBaseName(dbFile)}-${backupStamp()}-illisible.sqlite`);
      copyFileSync(dbFile, backup);
      if (existsSync(`${dbFile}-wal`)) copyFileSync(`${dbFile}-wal`, `${backup}-wal`);
      replaceFile = true;
    }
  }
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    if (replaceFile || !existsSync(dbFile)) {
      mkdirSync(dirname(resolve(dbFile)), { recursive: true });
      const partial = `${dbFile}.restauration-partielle`;
      rmSync(partial, { force: true });
      await source.backup(partial);
      for (const suffix of ['-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
      renameSync(partial, dbFile);
    } else {
      await source.backup(dbFile);
    }
  } catch (e) {
    throw new GrilleError('IO', `Restauration de ${from} vers ${dbFile} impossible : ${(e as Error).message}. La base courante est inchangée${backup ? ` (sauvegarde : ${backup})` : ''}.`);
  } finally {
    source.close();
  }
  // open it as Grille does (an older schema is migrated, with its own backup) and record the restore
  const { db, migratedFrom } = await openDatabase(dbFile);
  try {
    insertAudit(db, {
      action: 'db.restore',
      what: `Restauration de la base depuis ${from}`,
      productId: null,
      oldValue: backup ? { backup } : null,
      newValue: { file: from, schema: report.schema, products: report.products, loadedAt: report.loadedAt },
      comment,
    });
  } finally {
    db.close();
  }
  return { db: dbFile, restoredFrom: report, backup, migratedFrom };
}
