import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { openCatalogue, openForReading } from '../../main/services/catalogue';
import { GrilleError } from '../../shared/errors';
import { undoEdit } from '../../main/services/editing';
import {
  backupTo,
  backupsDir,
  exportCatalogue,
  formatOf,
  historyWithUndo,
  importBytes,
  ImportRejected,
  listBackups,
  openRaw,
  readImportFile,
  restoreDatabase,
  rotatingBackup,
  writeFileAtomic,
  type ExportFormat,
  type ImportOptions,
  type ImportResult,
} from '../../main/services/transfer';
import { cliProblem } from '../flag-errors';
import { dbPathOf, type GlobalOptions } from '../context';
import { printJson } from '../output';

interface ImportOpts {
  dryRun?: boolean;
  json?: boolean;
  comment?: string;
  product?: string;
  version?: string;
  effectiveFrom?: string;
  label?: string;
  document?: string;
  reference?: string;
  period?: string;
  sourceFile?: string;
  sourceSection?: string;
  sourceLines?: string;
  sourceQuote?: string;
}

function describeImport(r: ImportResult): string {
  const out: string[] = [];
  out.push(r.dryRun ? `${r.file} (${r.format}) : fichier valide — vérification seulement (--dry-run), rien n'a été écrit.` : r.written ? `${r.file} (${r.format}) importé.` : `${r.file} (${r.format}) : rien à importer.`);
  const counts = (p: ImportResult['products'][number]) =>
    [p.tariffCells && `${p.tariffCells} cellule(s) de tarif`, p.guarantees && `${p.guarantees} garantie(s)`, p.rules && `${p.rules} règle(s)`, p.documents && `${p.documents} document(s)`]
      .filter(Boolean)
      .join(', ');
  for (const p of r.products) {
    if (p.action === 'create') out.push(`  + ${p.id} — nouveau produit « ${p.name} » : version(s) ${p.versions.join(', ')} ; ${counts(p) || 'aucune valeur chiffrée'}`);
    else if (p.action === 'add-versions') out.push(`  + ${p.id} — nouvelle(s) version(s) ${p.versions.join(', ')}${p.closed ? ` (version ${p.closed.version} close au ${p.closed.effectiveTo})` : ''} : ${counts(p) || 'sans valeur chiffrée'}`);
    else if (p.action === 'add-tariffs') out.push(`  + ${p.id} — ${p.tariffCells} cellule(s) de tarif${p.versions.length ? ` dans la nouvelle version ${p.versions.join(', ')}` : ''}`);
    else out.push(`  = ${p.id} — déjà au catalogue à l'identique`);
  }
  if (r.categoriesAdded.length) out.push(`Catégories ajoutées : ${r.categoriesAdded.join(', ')}`);
  for (const w of r.warnings) out.push(`Attention : ${cliProblem(w)}`);
  if (r.backup) out.push(`Sauvegarde avant import : ${r.backup}`);
  return out.join('\n');
}

function reportRejection(e: ImportRejected, json: boolean | undefined): void {
  if (json) printJson({ ok: false, file: e.file, total: e.total, errors: e.problems });
  process.stderr.write(`grille: ${e.file} refusé : ${e.total} problème(s), rien n'a été écrit.\n`);
  for (const p of e.problems) process.stderr.write(`  ${cliProblem(p)}\n`);
  if (e.total > e.problems.length) process.stderr.write(`  … et ${e.total - e.problems.length} autre(s) problème(s) non listé(s)\n`);
  process.exitCode = 1;
}

type Globals = () => GlobalOptions;

/** The CSV options of an import: the table's target version and, without source columns, its source. */
function csvOptions(opts: ImportOpts): NonNullable<ImportOptions['csv']> {
  return {
    productId: opts.product!,
    version: opts.version!,
    effectiveFrom: opts.effectiveFrom,
    label: opts.label,
    document: opts.document,
    reference: opts.reference,
    period: opts.period,
    source: { file: opts.sourceFile, section: opts.sourceSection, lines: opts.sourceLines, quote: opts.sourceQuote },
  };
}

async function runImport(globals: Globals, file: string, opts: ImportOpts, cmd: Command): Promise<void> {
  const format = formatOf(file);
  if (format === 'csv' && (!opts.product || !opts.version)) cmd.error('grille import FICHIER.csv demande --product ID et --version CODE', { exitCode: 2 });
  if (format !== 'csv' && (opts.product || opts.version || opts.effectiveFrom || opts.period || opts.sourceFile)) {
    cmd.error('--product, --version, --effective-from, --period et --source-* ne servent qu\'aux tables de tarifs .csv', { exitCode: 2 });
  }
  let bytes: Buffer;
  try {
    bytes = readImportFile(file);
  } catch (e) {
    if (e instanceof ImportRejected) return reportRejection(e, opts.json);
    throw e;
  }
  const cat = await openCatalogue(dbPathOf(globals()));
  try {
    const result = await importBytes(cat, bytes, file, { dryRun: opts.dryRun ?? false, comment: opts.comment ?? null, ...(format === 'csv' ? { csv: csvOptions(opts) } : {}) });
    if (opts.json) printJson({ ok: true, ...result, db: cat.file });
    else console.log(describeImport(result));
  } catch (e) {
    if (e instanceof ImportRejected) return reportRejection(e, opts.json);
    throw e;
  } finally {
    cat.close();
  }
}

function registerImport(program: Command, globals: Globals): void {
  program
    .command('import')
    .description('importe un paquet de catalogue (.json), un modèle Excel (.xlsx) ou une table de tarifs (.csv) ; rien n\'est écrit si une erreur subsiste')
    .argument('<file>', 'fichier à importer : .json, .xlsx, ou .csv avec --product et --version')
    .option('--dry-run', 'vérifie le fichier sans rien écrire')
    .option('--json', 'sortie JSON')
    .option('--comment <text>', "commentaire gardé dans l'historique")
    .option('--product <id>', 'CSV : produit qui reçoit la table')
    .option('--version <code>', 'CSV : version qui reçoit la table (existante, ou nouvelle avec --effective-from)')
    .option('--effective-from <date>', "CSV, nouvelle version : date d'effet AAAA-MM-JJ")
    .option('--label <text>', 'CSV, nouvelle version : libellé')
    .option('--document <id>', 'CSV, nouvelle version : document source (défaut : celui de la dernière version)')
    .option('--reference <text>', 'CSV, nouvelle version : référence (ex. avenant n°4)')
    .option('--period <mois|an>', 'CSV sans colonne période : période des montants')
    .option('--source-file <file>', 'CSV sans colonnes de source : fichier source du tableau')
    .option('--source-section <text>', 'CSV sans colonnes de source : section')
    .option('--source-lines <from-to>', 'CSV sans colonnes de source : lignes, ex. 220-228')
    .option('--source-quote <text>', 'CSV sans colonnes de source : citation mot pour mot')
    .action((file: string, opts: ImportOpts, cmd: Command) => runImport(globals, file, opts, cmd));
}

function registerExportCatalogue(program: Command, globals: Globals): void {
  // `export` may hold other subcommands (comparison, tariffs): add to it when it exists
  const exportCmd = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('exporte vers un fichier');
  exportCmd
    .command('catalogue')
    .description('exporte des produits (tous par défaut) en paquet JSON ou en modèle Excel réimportable')
    .argument('[product-id...]', 'produits à exporter (défaut : tout le catalogue)')
    .addOption(new Option('--format <format>', 'xlsx (modèle Excel) ou json (paquet de catalogue)').choices(['xlsx', 'json']).makeOptionMandatory())
    .requiredOption('--out <file>', 'fichier à écrire')
    .option('--json', 'sortie JSON')
    .action(async (ids: string[], opts: { format: ExportFormat; out: string; json?: boolean }) => {
      const cat = await openForReading(dbPathOf(globals()));
      try {
        const { bytes, products } = await exportCatalogue(cat.db, ids, opts.format);
        writeFileAtomic(opts.out, bytes);
        if (opts.json) printJson({ out: opts.out, format: opts.format, products, bytes: bytes.length });
        else console.log(`${products.length} produit(s) exporté(s) en ${opts.format === 'xlsx' ? 'modèle Excel' : 'paquet JSON'} : ${opts.out}`);
      } finally {
        cat.close();
      }
    });
}

function printHistory(id: string | undefined, entries: ReturnType<typeof historyWithUndo>): void {
  if (!entries.length) return console.log(`${id ?? 'Catalogue'} : aucune modification enregistrée depuis le catalogue par défaut.`);
  console.log(`Historique ${id ? `de ${id}` : 'du catalogue'} (${entries.length} entrée(s), la plus récente d'abord) :`);
  for (const e of entries) {
    const flags = [e.undoneBy !== null && `annulée (n°${e.undoneBy})`, e.undoable && 'la prochaine que « grille undo » annulerait'].filter(Boolean);
    console.log(`n°${e.id}  ${e.at.replace('T', ' ').slice(0, 19)}  ${e.what}${!id && e.productId ? ` [${e.productId}]` : ''}${flags.length ? `  — ${flags.join(', ')}` : ''}`);
    if (e.oldValue !== null) console.log(`    avant : ${JSON.stringify(e.oldValue)}`);
    if (e.newValue !== null) console.log(`    après : ${JSON.stringify(e.newValue)}`);
    if (e.comment) console.log(`    commentaire : ${e.comment}`);
  }
}

function registerHistory(program: Command, globals: Globals): void {
  program
    .command('history')
    .description("historique d'un produit (ou de tout le catalogue) : imports, révisions, modifications et annulations, avec anciennes et nouvelles valeurs")
    .argument('[product-id]', 'identifiant du produit (défaut : tout le catalogue)')
    .option('--json', 'sortie JSON')
    .action(async (id: string | undefined, opts: { json?: boolean }) => {
      const cat = await openForReading(dbPathOf(globals()));
      try {
        const entries = historyWithUndo(cat.db, id ?? null);
        if (opts.json) return printJson({ product: id ?? null, entries });
        printHistory(id, entries);
      } finally {
        cat.close();
      }
    });
}

function registerUndo(program: Command, globals: Globals): void {
  program
    .command('undo')
    .description("annule la dernière modification faite dans Grille (d'un produit, ou de tout le catalogue) ; les imports et révisions se défont en restaurant une sauvegarde")
    .option('--product <id>', 'la dernière modification de ce produit (défaut : du catalogue)')
    .option('--json', 'sortie JSON')
    .action(async (opts: { product?: string; json?: boolean }) => {
      const cat = await openCatalogue(dbPathOf(globals()));
      try {
        const r = undoEdit(cat, opts.product ?? null);
        if (opts.json) return printJson(r);
        console.log(`${r.what} (n°${r.undone} annulée, historique n°${r.auditId}).`);
      } finally {
        cat.close();
      }
    });
}

function printBackups(file: string, json: boolean | undefined): void {
  const backups = listBackups(file);
  if (json) return printJson({ db: file, backups });
  if (!backups.length) return console.log(`Aucune sauvegarde dans ${backupsDir(file)}.`);
  console.log(`Sauvegardes de ${file} (${backups.length}, la plus ancienne d'abord) :`);
  for (const b of backups) console.log(`  ${b}`);
}

async function runBackup(file: string, opts: { out?: string; list?: boolean; json?: boolean }): Promise<void> {
  if (opts.list) return printBackups(file, opts.json);
  if (!existsSync(file)) throw new GrilleError('NOT_FOUND', `Base ${file} introuvable : rien à sauvegarder.`);
  const raw = openRaw(file);
  let out: string;
  try {
    out = opts.out ? await backupTo(raw, opts.out) : await rotatingBackup(raw, file, 'manuelle');
  } finally {
    raw.close();
  }
  if (opts.json) printJson({ backup: out, db: file, backups: opts.out ? null : listBackups(file) });
  else console.log(`Base sauvegardée : ${out}`);
}

function registerDbBackup(db: Command, globals: Globals): void {
  db.command('backup')
    .description(`copie la base (défaut : dans backups/ à côté d'elle, les dernières copies gardées)`)
    .option('--out <file>', 'fichier de la copie (jamais un fichier existant)')
    .option('--list', 'liste les sauvegardes de backups/ (avant import, avant migration, avant restauration, manuelles) sans en faire')
    .option('--json', 'sortie JSON')
    .action((opts: { out?: string; list?: boolean; json?: boolean }) => runBackup(dbPathOf(globals()), opts));
}

function registerDbRestore(db: Command, globals: Globals): void {
  db.command('restore')
    .description('remplace la base par une sauvegarde, après avoir vérifié que c\'est un catalogue Grille et sauvegardé la base courante')
    .argument('<file>', 'sauvegarde à restaurer')
    .option('--comment <text>', "commentaire gardé dans l'historique")
    .option('--json', 'sortie JSON')
    .action(async (from: string, opts: { comment?: string; json?: boolean }) => {
      const r = await restoreDatabase(dbPathOf(globals()), from, opts.comment ?? null);
      if (opts.json) return printJson(r);
      console.log(`Base restaurée depuis ${from} (schéma ${r.restoredFrom.schema}, ${r.restoredFrom.products} produit(s)) : ${r.db}`);
      if (r.backup) console.log(`Base précédente sauvegardée : ${r.backup}`);
    });
}

/** Catalogue import and export, history and undo, database backup and restore: one function per subcommand. */
export function registerTransfer(program: Command, globals: Globals): void {
  registerImport(program, globals);
  registerExportCatalogue(program, globals);
  registerHistory(program, globals);
  registerUndo(program, globals);
  const db = program.command('db').description('sauvegarder et restaurer la base du catalogue');
  registerDbBackup(db, globals);
  registerDbRestore(db, globals);
}
