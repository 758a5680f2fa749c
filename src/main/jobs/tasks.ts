/**
 * The registry of long tasks: what may run as a job, in a worker thread (or inline over a ':memory:'
 * catalogue). Adding a task is one entry here: how it opens the catalogue, which file it writes (removed
 * if the job does not finish), what its cancelled call answers, and the work itself, which reports its
 * progress through `ctx` (each report is also where a cancellation stops it).
 *
 * Payloads and results cross a thread boundary: plain data only (structured clone), no functions.
 */
import type { CompareRequest, DeliberationRequest, ImportReportDto, QuoteRequestDto, ReviseAnswer } from '../../shared/api';
import type { WriteHooks } from '../export/workbook-writer';
import type { Catalogue } from '../services/catalogue';
import { comparisonWorkbook, deliberationWorkbook, quoteWorkbook, tariffWorkbook } from '../services/exports';
import { revise, type ReviseInput, type ReviseOutput } from '../services/pricing';
import { exportCatalogue, type ExportFormat } from '../transfer/export';
import { importBytes, readImportFile, type ImportFormat, type ImportOptions } from '../transfer/import';
import { rejectedReport, reportOf } from '../transfer/import-report';
import { ImportRejected } from '../transfer/problems';
import { writeOutput, type JobContext } from './context';

export interface TaskDefinition<P, R> {
  /** read: the worker opens the catalogue for reading only; write: the task writes into it */
  access: 'read' | 'write';
  /** the file the task writes, if any: its temporary copy is removed when the job does not finish */
  output?: ((payload: P) => string) | undefined;
  /** the message of the CANCELLED answer, in French */
  cancelled: string;
  run: (ctx: JobContext, cat: Catalogue, payload: P) => Promise<R>;
}

function task<P, R>(definition: TaskDefinition<P, R>): TaskDefinition<P, R> {
  return definition;
}

/** An export job: the request, the document date, and the path the user chose (asked before the job starts). */
export interface ExportJob<Q> {
  request: Q;
  date: string;
  path: string;
}

export const EXPORT_CANCELLED = 'Export annulé : aucun fichier n’a été écrit.';

/** Builds a workbook reporting the rows it writes, then writes it beside the target and renames it. */
async function exportWorkbook(ctx: JobContext, path: string, build: (hooks: WriteHooks) => Promise<Buffer>): Promise<{ path: string }> {
  ctx.progress('Préparation des données');
  let rows: number | null = null;
  const bytes = await build({
    progress: (done, total) => {
      rows = total;
      ctx.progress('Écriture des lignes', done, total);
    },
    finishing: () => ctx.progress('Compression du classeur', rows ?? 0, rows),
  });
  ctx.progress('Enregistrement du fichier', rows ?? 0, rows);
  writeOutput(ctx, path, bytes);
  return { path };
}

/** A workbook export task: reads the catalogue, writes the file the user chose (removed if the job does not finish). */
function exportTask<Q>(build: (cat: Catalogue, p: ExportJob<Q>, hooks: WriteHooks) => Promise<Buffer>): TaskDefinition<ExportJob<Q>, { path: string }> {
  return task({
    access: 'read',
    output: (p: ExportJob<Q>) => p.path,
    cancelled: EXPORT_CANCELLED,
    run: (ctx, cat, p: ExportJob<Q>) => exportWorkbook(ctx, p.path, (hooks) => build(cat, p, hooks)),
  });
}

/** The revision answer without its exact rational (BigInt does not cross the bridge). */
export function reviseAnswer(r: ReviseOutput): ReviseAnswer {
  const { factor: _factor, ...revision } = r.revision;
  return { revision, saved: r.saved };
}

/** An import from the desktop: the file the user picked (its path stays in the main process and the worker). */
export interface ImportJob {
  path: string;
  format: ImportFormat;
  dryRun: boolean;
  comment: string | null;
  csv?: ImportOptions['csv'];
}

export const tasks = {
  exportComparison: exportTask<CompareRequest>((cat, p, hooks) => comparisonWorkbook(cat, p.request, p.date, hooks)),
  exportTariffs: exportTask<{ productIds: string[] }>((cat, p, hooks) => tariffWorkbook(cat, p.request.productIds, p.date, hooks)),
  exportQuote: exportTask<QuoteRequestDto>((cat, p, hooks) => quoteWorkbook(cat, p.request, p.date, hooks)),
  exportDeliberation: exportTask<DeliberationRequest>((cat, p, hooks) => deliberationWorkbook(cat, p.request, p.date, hooks)),
  /** a revision saved as a new version: the version and its audit row in one transaction, rolled back on cancel */
  revise: task({
    access: 'write',
    cancelled: 'Révision annulée : aucune version n’a été enregistrée.',
    run: async (ctx, cat, input: ReviseInput) => reviseAnswer(revise(cat, input, (phase, done, total) => ctx.progress(phase, done, total))),
  }),
  /** a catalogue import (or its dry run): a rejected file answers its problems; cancelled, nothing is written */
  importCatalogue: task({
    access: 'write',
    cancelled: 'Import annulé : le catalogue n’a pas été modifié.',
    run: async (ctx, cat, p: ImportJob): Promise<ImportReportDto> => {
      try {
        // read again now, with the import's size limits: the file may have changed since it was picked
        const bytes = readImportFile(p.path);
        const result = await importBytes(cat, bytes, p.path, { dryRun: p.dryRun, comment: p.comment, ...(p.csv ? { csv: p.csv } : {}), progress: (phase, done, total) => ctx.progress(phase, done, total) });
        return reportOf(result);
      } catch (e) {
        if (e instanceof ImportRejected) return rejectedReport(p, p.dryRun, e);
        throw e;
      }
    },
  }),
  exportCatalogue: task({
    access: 'read',
    output: (p: { productIds: string[]; format: ExportFormat; path: string }) => p.path,
    cancelled: EXPORT_CANCELLED,
    run: async (ctx, cat, p: { productIds: string[]; format: ExportFormat; path: string }) => {
      ctx.progress('Lecture du catalogue');
      const { bytes } = await exportCatalogue(cat.db, p.productIds, p.format);
      ctx.progress('Enregistrement du fichier');
      writeOutput(ctx, p.path, bytes);
      return { path: p.path };
    },
  }),
};

export type TaskName = keyof typeof tasks;
export type TaskPayload<N extends TaskName> = (typeof tasks)[N] extends TaskDefinition<infer P, unknown> ? P : never;
export type TaskResult<N extends TaskName> = (typeof tasks)[N] extends TaskDefinition<never, infer R> ? R : never;

export function isTaskName(name: unknown): name is TaskName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(tasks, name);
}

/** The registry seen without the types of each entry (the runner and the worker look entries up by name). */
export function taskDefinition(name: TaskName): TaskDefinition<unknown, unknown> {
  return tasks[name] as unknown as TaskDefinition<unknown, unknown>;
}
