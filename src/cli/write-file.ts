/**
 * Where the CLI writes a workbook: the path is checked before any work (a folder that exists, a name
 * ending in .xlsx), and the bytes go to a temporary file beside the target that is then renamed over
 * it, so an interrupted or failed command never leaves a half-written file under the target's name.
 */
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GrilleError } from '../shared/errors';
import { isIsoDate } from '../shared/core/dates';
import { localDate } from '../main/services/today';

/** The absolute path of `--out`, or a clear error when it cannot be written. */
export function checkOutPath(out: string): string {
  const path = resolve(out);
  if (!/\.xlsx$/i.test(path)) throw new GrilleError('INVALID_INPUT', `--out « ${out} » : le nom du classeur doit finir par .xlsx`);
  const dir = dirname(path);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new GrilleError('IO', `--out « ${out} » : le dossier ${dir} n’existe pas (créez-le d’abord)`);
  }
  if (!isDir) throw new GrilleError('IO', `--out « ${out} » : ${dir} n’est pas un dossier`);
  try {
    if (statSync(path).isDirectory()) throw new GrilleError('IO', `--out « ${out} » : c’est un dossier, pas un fichier`);
  } catch (e) {
    if (e instanceof GrilleError) throw e;
    // absent: it will be created
  }
  return path;
}

/** `--date` (the document's date) or today, checked. */
export function documentDate(date: string | undefined): string {
  if (date === undefined) return localDate(new Date());
  if (!isIsoDate(date)) throw new GrilleError('INVALID_INPUT', `--date « ${date} » : date impossible ou mal écrite (AAAA-MM-JJ attendu)`);
  return date;
}

/** Writes the bytes to `path` in one step as far as readers see: temporary file, then rename. */
export function writeFileAtomic(path: string, bytes: Buffer): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new GrilleError('IO', `écriture de ${path} impossible : ${(e as Error).message}`);
  }
}

/** Writes a workbook and says so (one line, or JSON). */
export function reportWritten(workbook: string, path: string, bytes: Buffer, json: boolean | undefined, extra: Record<string, unknown> = {}): void {
  writeFileAtomic(path, bytes);
  if (json) process.stdout.write(`${JSON.stringify({ workbook, file: path, bytes: bytes.length, ...extra }, null, 2)}\n`);
  else process.stdout.write(`Classeur écrit : ${path} (${bytes.length.toLocaleString('fr-FR').replace(/[\u202f\u00a0]/g, ' ')} octets)\n`);
}
