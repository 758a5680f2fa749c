/**
 * The `grille` command: the services of the desktop app, headless. Never imports 'electron'.
 * Exit codes: 0 done, 1 the command failed (message on stderr), 2 bad usage.
 */
import { Command, CommanderError } from 'commander';
import { GrilleError } from '../shared/errors';
import { explainSqliteError } from '../main/services/catalogue';
import { registerCatalogue } from './commands/catalogue';
import { registerCompare } from './commands/compare';
import { registerExport } from './commands/export';
import { registerPricing } from './commands/pricing';
import { registerTransfer } from './commands/transfer';
import { registerReimburse } from './commands/reimburse';
import { dbPathOf, type GlobalOptions } from './context';
import { cliMessage } from './flag-errors';
import { frenchUsageError } from './usage-fr';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('grille')
    .description('Grille — comparer et tarifer des contrats d\'assurance, hors ligne, sur le catalogue intégré')
    .option('--db <file>', 'fichier de la base (défaut : GRILLE_DB, sinon le dossier de données utilisateur)')
    .configureOutput({ outputError: (message, write) => write(frenchUsageError(message)) })
    .showHelpAfterError('(grille --help pour l\'aide)')
    .exitOverride();
  const globals = () => program.opts<GlobalOptions>();
  registerCatalogue(program, globals);
  registerPricing(program, globals);
  registerCompare(program, globals);
  registerExport(program, globals);
  registerTransfer(program, globals);
  registerReimburse(program, globals);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version print and exit 0; usage errors were already printed by commander
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof GrilleError) {
      process.stderr.write(`grille: ${cliMessage(e)}\n`);
      return 1;
    }
    if (typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code.startsWith('SQLITE_')) {
      process.stderr.write(`grille: ${explainSqliteError(e, dbPathOf(program.opts<GlobalOptions>())).message}\n`);
      return 1;
    }
    process.stderr.write(`grille: erreur inattendue : ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}
