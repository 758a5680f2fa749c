/**
 * The rotating backups of a catalogue database: `backups/` beside the database file (the user-data
 * folder for the app), one file per backup named `<base>-<UTC stamp>-<reason>.sqlite`, the last
 * BACKUP_KEEP kept. Written by the import (transfer/import.ts), the restore, `grille db backup`, and
 * before a migration (open.ts). Copies use SQLite's online backup into a temporary name renamed at the
 * end, so a copy killed halfway never looks like a backup. Needs only Node and better-sqlite3 (open.ts
 * imports it: no exceljs).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GrilleError } from '../../shared/errors';
import type { Db } from './open';

export const BACKUP_KEEP = 10;

export function backupsDir(dbFile: string): string {
  return join(dirname(resolve(dbFile)), 'backups');
}

export const backupStamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');
export const backupBaseName = (dbFile: string): string => basename(dbFile).replace(/\.(sqlite3?|db)$/i, '');
const BACKUP_NAME = /^(.+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(-\d+)?-([a-z0-9-]+)\.sqlite$/;

/** The backups of this database in its backups/ folder, oldest first. */
export function listBackups(dbFile: string): string[] {
  const dir = backupsDir(dbFile);
  if (!existsSync(dir)) return [];
  const base = backupBaseName(dbFile);
  return readdirSync(dir)
    .filter((n) => BACKUP_NAME.exec(n)?.[1] === base)
    .sort((a, b) => BACKUP_NAME.exec(a)![2]!.localeCompare(BACKUP_NAME.exec(b)![2]!) || a.localeCompare(b))
    .map((n) => join(dir, n));
}

/** A new file name in backups/ for this reason (lower-case letters, digits and dashes), never an existing one. */
export function nextBackupPath(dbFile: string, reason: string): string {
  if (!/^[a-z0-9-]+$/.test(reason)) {
    // the reasons are Grille's own (avant-import, avant-restauration…): another one is a defect
    throw new GrilleError(
      'INTERNAL',
      `Sauvegarde de ${dbFile} dans ${backupsDir(dbFile)} refusée : la raison « ${reason} » doit s'écrire en lettres minuscules, chiffres et tirets (erreur de Grille, à signaler).`,
    );
  }
  const dir = backupsDir(dbFile);
  const s = backupStamp();
  let target = join(dir, `${backupBaseName(dbFile)}-${s}-${reason}.sqlite`);
  for (let n = 2; existsSync(target); n++) target = join(dir, `${backupBaseName(dbFile)}-${s}-${n}-${reason}.sqlite`);
  return target;
}

/** SQLite's online backup into `target`, through a temporary name. */
export async function copyInto(db: Db, target: string): Promise<void> {
  const partial = `${target}.partiel`;
  rmSync(partial, { force: true });
  try {
    mkdirSync(dirname(target), { recursive: true });
    await db.backup(partial);
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw new GrilleError('IO', `Sauvegarde vers ${target} impossible : ${(e as Error).message}`);
  }
}

/** Removes the oldest backups beyond `keep`. */
export function pruneBackups(dbFile: string, keep = BACKUP_KEEP): void {
  const all = listBackups(dbFile);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) rmSync(old, { force: true });
}

/** A new backup in backups/ beside the database, then the oldest beyond `keep` removed. Returns its path. */
export async function rotatingBackup(db: Db, dbFile: string, reason: string, keep = BACKUP_KEEP): Promise<string> {
  const target = nextBackupPath(dbFile, reason);
  await copyInto(db, target);
  pruneBackups(dbFile, keep);
  return target;
}
