/**
 * The SQLite side of `grille db backup` and `grille db restore` (transfer/backup.ts): opening a file
 * as it is, without migrating it, and copying one database file into another with SQLite's online
 * backup. Naming and rotation of the backups/ folder: backup-files.ts.
 */
import Database from 'better-sqlite3';
import { explainSqliteError } from './errors';
import { BUSY_TIMEOUT_MS, type Db } from './open';

/** An existing file opened read-only, as it is (no pragma that writes, no migration). */
export function openReadOnly(file: string): Db {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (e) {
    db?.close();
    throw explainSqliteError(e, file);
  }
}

/** An existing file opened for writing when SQLite can read it and quick_check passes; null otherwise. */
export function openIfReadable(file: string): Db | null {
  let db: Db | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (String(db.pragma('quick_check', { simple: true })) === 'ok') return db;
  } catch {
    // unreadable: the caller keeps its bytes aside instead
  }
  db?.close();
  return null;
}

/**
 * Copies the database in `from` into `target` with SQLite's online backup: into an existing database,
 * it is one write transaction (a process killed halfway leaves `target` as it was).
 */
export async function copyDatabaseFile(from: string, target: string): Promise<void> {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
}
