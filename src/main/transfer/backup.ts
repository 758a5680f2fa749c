/**
 * Backups of the catalogue database: a rotating copy in `backups/` beside the database before every
 * import, restore and migration (the last BACKUP_KEEP kept; naming and rotation in store/backup-files.ts),
 * `grille db backup [--out FILE] [--list]`, and `grille db restore FILE`,
 * which first proves FILE is a Grille catalogue of a known schema, then backs the current one up.
 * Copies use SQLite's online backup (consistent even while the file is open) into a temporary name
 * renamed at the end, so a copy killed halfway never looks like a backup.
 */
import { copyFileSync, existsSync, mkdirSync, readSync, openSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { copyDatabaseFile, openIfReadable, openReadOnly } from '../store/backup';
import { BACKUP_KEEP, backupBaseName, backupStamp, backupsDir, copyInto, listBackups, rotatingBackup } from '../store/backup-files';
import { GrilleError } from '../../shared/errors';
import { explainSqliteError } from '../store/errors';
import { foreignKeyViolationCount, integrityCheck, releasedSchemaObjects, schemaObjects, userVersion } from '../store/integrity';
import { openDatabase, type Db } from '../store/open';
import { getMeta, productCount } from '../store/reader';
import { SCHEMA_VERSION } from '../store/schema';
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
  return openReadOnly(file);
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
    db = openReadOnly(file);
    const version = userVersion(db);
    if (version === 0) throw new GrilleError('DB_FOREIGN', `${file} est une base SQLite qui n'est pas un catalogue Grille.`);
    if (version > SCHEMA_VERSION) {
      throw new GrilleError('DB_NEWER', `${file} a été écrit par une version plus récente de Grille (schéma ${version}, cette version connaît le schéma ${SCHEMA_VERSION}) : mettez Grille à jour.`);
    }
    if (JSON.stringify(schemaObjects(db)) !== JSON.stringify(releasedSchemaObjects(version))) {
      throw new GrilleError('DB_FOREIGN', `${file} n'a pas le schéma d'un catalogue Grille (schéma ${version} attendu, tables ou index différents) : fichier refusé.`);
    }
    const integrity = integrityCheck(db);
    if (integrity !== 'ok') {
      const said = integrity.replace(/\s+/g, ' ').trim();
      throw new GrilleError('DB_CORRUPT', `${file} est endommagé (integrity_check : ${said.length > 160 ? `${said.slice(0, 160)}…` : said}) : fichier refusé.`);
    }
    if (foreignKeyViolationCount(db)) throw new GrilleError('DB_CORRUPT', `${file} a des références brisées (foreign_key_check) : fichier refusé.`);
    const loadedAt = getMeta(db, 'catalogue_loaded_at');
    if (loadedAt === null) throw new GrilleError('DB_FOREIGN', `${file} ne contient pas de catalogue (base jamais remplie) : fichier refusé.`);
    return { file, schema: version, products: productCount(db), loadedAt };
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
    const current = openIfReadable(dbFile);
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
  try {
    if (replaceFile || !existsSync(dbFile)) {
      mkdirSync(dirname(resolve(dbFile)), { recursive: true });
      const partial = `${dbFile}.restauration-partielle`;
      rmSync(partial, { force: true });
      await copyDatabaseFile(from, partial);
      for (const suffix of ['-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
      renameSync(partial, dbFile);
    } else {
      await copyDatabaseFile(from, dbFile);
    }
  } catch (e) {
    throw new GrilleError('IO', `Restauration de ${from} vers ${dbFile} impossible : ${(e as Error).message}. La base courante est inchangée${backup ? ` (sauvegarde : ${backup})` : ''}.`);
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
