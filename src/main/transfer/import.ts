/**
 * `grille import`: a JSON package, an Excel template or a CSV tariff table, validated whole against
 * the catalogue (every problem listed with its place in the file), then, when nothing is wrong and it
 * is not a dry run, a rotating backup of the database and one transaction with its audit rows.
 * Nothing is written when any problem remains.
 */
import { openSync, closeSync, fstatSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Catalogue } from '../services/catalogue';
import { GrilleError } from '../../shared/errors';
import { wordedError } from '../../shared/input-error';
import { applyImport } from '../store/writer-import';
import { rotatingBackup, BACKUP_KEEP } from './backup';
import { readTariffCsv, type CsvTarget } from './csv-tariffs';
import { parsePackage } from './json-package';
import { DEFAULT_LIMITS, mib, type ImportLimits } from './limits';
import { Problems, rejectFile, type ImportProblem } from './problems';
import { validateImport, type ParsedInput, type ProductPlan } from './validate';

// The Excel reader loads exceljs, which costs more than Node's own start: loaded on first use, so the
// commands that only read the catalogue start fast (test/cli/startup.test.ts).
const xlsxReader = () => import('./xlsx-import');

export type ImportFormat = 'json' | 'xlsx' | 'csv';

export interface ImportOptions {
  dryRun?: boolean;
  comment?: string | null;
  /** CSV: where the table goes */
  csv?: CsvTarget;
  limits?: ImportLimits;
  /** rotating backup before writing (default true; never for :memory:) */
  backup?: boolean;
  keepBackups?: number;
  /** where the import is (a job's progress); a cancellation thrown from it stops the import, nothing written */
  progress?: ((phase: string, done?: number, total?: number | null) => void) | undefined;
}

export interface ImportResult {
  file: string;
  format: ImportFormat;
  dryRun: boolean;
  /** true when the catalogue was changed */
  written: boolean;
  products: ProductPlan[];
  categoriesAdded: string[];
  /** what was kept as the catalogue has it (shared organisations) */
  warnings: ImportProblem[];
  backup: string | null;
}

export function formatOf(name: string): ImportFormat {
  const ext = extname(name).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  if (ext === '.xls') throw new GrilleError('INVALID_INPUT', `${name} : classeur Excel 97-2003 (.xls) ; enregistrez-le au format .xlsx`);
  throw new GrilleError('INVALID_INPUT', `${name} : extension « ${ext || '(aucune)'} » inconnue ; .json (paquet de catalogue), .xlsx (modèle Excel) ou .csv (table de tarifs) attendu`);
}

function limitFor(format: ImportFormat, limits: ImportLimits): number {
  return format === 'json' ? limits.jsonBytes : format === 'xlsx' ? limits.xlsxBytes : limits.csvBytes;
}

/** Reads a file, refusing it from its size before reading a byte of it. */
export function readImportFile(path: string, limits: ImportLimits = DEFAULT_LIMITS): Buffer {
  const format = formatOf(path);
  const name = basename(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new GrilleError('NOT_FOUND', `${path} : fichier illisible (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new GrilleError('INVALID_INPUT', `${path} n'est pas un fichier`);
    const max = limitFor(format, limits);
    if (st.size > max) throw rejectFile(name, `fichier de ${mib(st.size)} : ${mib(max)} au plus pour un fichier ${format}`);
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < st.size) {
      const n = readSync(fd, buf, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    return buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** Parses, validates and (unless a dry run) writes. Throws ImportRejected listing every problem. */
export async function importBytes(cat: Catalogue, bytes: Buffer, name: string, options: ImportOptions = {}): Promise<ImportResult> {
  const format = formatOf(name);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const file = basename(name);
  const problems = new Problems(file, limits.problems);
  const progress = options.progress ?? (() => undefined);
  progress('Lecture du fichier');
  let input: ParsedInput;
  if (format === 'json') input = parsePackage(bytes, file, limits);
  else if (format === 'xlsx') input = await (await xlsxReader()).readCatalogueWorkbook(bytes, file, limits, problems, (rows) => progress('Lecture du classeur (lignes)', rows, null));
  else {
    if (!options.csv) {
      throw wordedError([`${file} : une table de tarifs CSV s'importe dans un produit et une version`, { field: 'product', thing: '', lead: ' : ', tail: ' ID' }, { field: 'version', thing: '', lead: ' ', tail: ' CODE' }]);
    }
    input = readTariffCsv(cat.db, bytes, file, limits, problems, options.csv);
  }
  progress('Vérification des données');
  const plan = validateImport(cat.db, input, problems, { file, comment: options.comment ?? null, tariffsOnly: format === 'csv' });
  problems.throwIfAny();
  const changes = plan.write.creates.length + plan.write.additions.length + plan.write.categories.length;
  const result: ImportResult = { file, format, dryRun: options.dryRun ?? false, written: false, products: plan.products, categoriesAdded: plan.categoriesAdded, warnings: plan.warnings.map((w) => ({ file, ...w })), backup: null };
  if (result.dryRun || changes === 0) return result;
  if (options.backup !== false && cat.file !== ':memory:') {
    progress('Sauvegarde de la base');
    result.backup = await rotatingBackup(cat.db, cat.file, 'avant-import', options.keepBackups ?? BACKUP_KEEP);
  }
  progress('Écriture dans le catalogue (produits)', 0, plan.write.creates.length + plan.write.additions.length);
  applyImport(cat.db, plan.write, (done, total) => progress('Écriture dans le catalogue (produits)', done, total));
  result.written = true;
  return result;
}

export async function importFile(cat: Catalogue, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  return importBytes(cat, readImportFile(path, options.limits), path, options);
}
