/**
 * Opening the catalogue database: classify an existing file read-only first (so a newer, foreign or
 * corrupt file is refused untouched), then set the pragmas and read them back, run quick_check, back
 * the file up (into the rotating backups/ folder beside it, as imports do) and migrate it.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { BACKUP_KEEP, copyInto, nextBackupPath, pruneBackups } from './backup-files';
import { GrilleError } from '../../shared/errors';
import { explainSqliteError } from './errors';
import { migrations, SCHEMA_VERSION } from './schema';

export type Db = Database.Database;

export interface OpenOptions {
  /** open without writing anything (no migration, no pragma that writes) */
  readonly?: boolean;
  /** a better-sqlite3 native binding built for another ABI (the Electron build) */
  nativeBinding?: string;
  /**
   * where to write the backup taken before a migration; default: the rotating backups/ folder beside
   * the file (backup-files.ts), as `<base>-<stamp>-avant-migration-v<from>-v<to>.sqlite`
   */
  backupPath?: (from: number, to: number) => string;
  /** how many rotating backups to keep (default BACKUP_KEEP) */
  keepBackups?: number;
  /** the migrations to apply (tests pass a prefix of the list to build earlier versions) */
  migrations?: readonly string[];
}

export interface PragmaReport {
  journalMode: string;
  foreignKeys: boolean;
  busyTimeout: number;
  quickCheck: string;
  userVersion: number;
}

export const BUSY_TIMEOUT_MS = 5000;

function classify(file: string, nativeBinding?: string): { userVersion: number; tables: number } {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    return { userVersion, tables };
  } catch (e) {
    throw explainSqliteError(e, file);
  } finally {
    db?.close();
  }
}

function readPragmas(db: Db): PragmaReport {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    foreignKeys: db.pragma('foreign_keys', { simple: true }) === 1,
    busyTimeout: Number(db.pragma('busy_timeout', { simple: true })),
    quickCheck: String(db.pragma('quick_check', { simple: true })),
    userVersion: Number(db.pragma('user_version', { simple: true })),
  };
}

/** SQLite's code for `synchronous = NORMAL` (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA). */
const SYNCHRONOUS_NORMAL = 1;

/**
 * Sets the connection's pragmas and reads each back: SQLite ignores a pragma it cannot apply without
 * an error, so a setting that did not take is refused here rather than trusted.
 */
export function setPragmas(db: Db, file: string, readonly: boolean): PragmaReport {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!readonly) {
    // WAL: readers (the jobs' connections) never block the writer, and a transaction is one append.
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL syncs at checkpoints only: a crash of the application loses nothing that was
    // committed; a crash of the OS or a power cut may lose the last transactions, never corrupts the file.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  const pragmas = readPragmas(db);
  if (pragmas.quickCheck !== 'ok') {
    throw new GrilleError('DB_CORRUPT', `Base ${file} endommagée (quick_check : ${pragmas.quickCheck}). Restaurez une sauvegarde ou recréez-la avec « grille catalogue reset ».`);
  }
  if (!readonly && file !== ':memory:' && pragmas.journalMode !== 'wal') {
    throw new GrilleError('IO', `Base ${file} : le mode WAL n'a pas pu être activé (journal_mode = ${pragmas.journalMode}).`);
  }
  if (!readonly) {
    const synchronous = Number(db.pragma('synchronous', { simple: true }));
    if (synchronous !== SYNCHRONOUS_NORMAL) {
      throw new GrilleError('IO', `Base ${file} : le mode d'écriture synchronous = NORMAL n'a pas pu être activé (synchronous = ${synchronous}).`);
    }
  }
  if (!pragmas.foreignKeys) throw new GrilleError('IO', `Base ${file} : les clés étrangères n'ont pas pu être activées.`);
  return pragmas;
}

/** The backup taken before migrating `file` from one schema to another: in the rotating backups/ folder. */
export function defaultBackupPath(file: string, from: number, to: number): string {
  return nextBackupPath(file, `avant-migration-v${from}-v${to}`);
}

/**
 * Open (and create or migrate) a catalogue database. Throws GrilleError with a French message.
 * A file written by a newer Grille, or a SQLite file that is not a Grille catalogue, is refused untouched.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<{ db: Db; pragmas: PragmaReport; migratedFrom: number | null }> {
  const steps = options.migrations ?? migrations;
  const target = steps.length;
  const exists = file !== ':memory:' && existsSync(file);
  if (exists && statSync(file).isDirectory()) {
    throw new GrilleError('DB_UNREADABLE', `${file} est un dossier, pas une base de données.`);
  }
  let before = { userVersion: 0, tables: 0 };
  if (exists && statSync(file).size > 0) {
    before = classify(file, options.nativeBinding);
    if (before.userVersion > SCHEMA_VERSION || before.userVersion > target) {
      throw new GrilleError(
        'DB_NEWER',
        `La base ${file} a été écrite par une version plus récente de Grille (schéma ${before.userVersion}, cette version connaît le schéma ${target}). Elle n'a pas été modifiée : mettez Grille à jour.`,
      );
    }
    if (before.userVersion === 0 && before.tables > 0) {
      throw new GrilleError('DB_FOREIGN', `${file} est une base SQLite qui n'est pas un catalogue Grille. Elle n'a pas été modifiée.`);
    }
  }
  if (options.readonly) {
    if (!exists) throw new GrilleError('DB_UNREADABLE', `Base ${file} introuvable.`);
    if (before.userVersion < target) {
      throw new GrilleError('DB_NEEDS_MIGRATION', `La base ${file} doit être mise à jour (schéma ${before.userVersion} → ${target}) : ouvrez-la une fois en écriture.`);
    }
  }
  if (!exists && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });

  let db: Db;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (e) {
    throw explainSqliteError(e, file);
  }
  try {
    let pragmas = setPragmas(db, file, options.readonly ?? false);
    let migratedFrom: number | null = null;
    if (!options.readonly && pragmas.userVersion < target) {
      migratedFrom = pragmas.userVersion;
      if (pragmas.userVersion > 0) {
        if (options.backupPath) await db.backup(options.backupPath(pragmas.userVersion, target));
        else {
          await copyInto(db, defaultBackupPath(file, pragmas.userVersion, target));
          pruneBackups(file, options.keepBackups ?? BACKUP_KEEP);
        }
      }
      migrate(db, steps);
      pragmas = readPragmas(db);
    }
    return { db, pragmas, migratedFrom };
  } catch (e) {
    db.close();
    throw explainSqliteError(e, file);
  }
}

/** Apply the pending migrations, each in its own transaction with its user_version bump. */
export function migrate(db: Db, steps: readonly string[] = migrations): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  for (let v = current; v < steps.length; v++) {
    db.transaction(() => {
      db.exec(steps[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
