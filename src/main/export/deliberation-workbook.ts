/**
 * The deliberation workbook, for a CDG board: the tariff table before and after (formulas as rows,
 * segments as columns, as the deliberation and its Annexe print them), the change per cell in euros
 * and in percent, the revision's components and a check of every cell against them, and, when
 * headcounts are given, the budget impact with the employer participation and the agents' net cost.
 *
 * Every change, check and total is a live Excel formula written with its cached value (what the
 * engine computed), so the file reads right in a viewer that does not recalculate and a reader can
 * follow each figure back to the cells it comes from. A cell the source does not give reads
 * "non précisé": it is never 0, and no formula points at it (its changes read "non précisé" too).
 *
 * The grid of both tables is in deliberation/grid.ts; each sheet has its own file in deliberation/.
 */
import { GrilleError } from '../../shared/errors';
import { assumptionsSheet } from './deliberation/assumptions-sheet';
import { documentsSheet } from './deliberation/documents-sheet';
import { buildGrid } from './deliberation/grid';
import { impactSheet } from './deliberation/impact-sheet';
import { mainSheet } from './deliberation/main-sheet';
import { sourcesSheet } from './deliberation/sources-sheet';
import type { DeliberationData, DeliberationWorkbookOptions } from './deliberation/types';
import { toDocumentDate, writeWorkbook, type SheetSpec, type WorkbookSpec } from './workbook-writer';

export * from './deliberation/types';

export function deliberationWorkbookSpec(data: DeliberationData, options: DeliberationWorkbookOptions): WorkbookSpec {
  const date = toDocumentDate(options.date);
  const grid = buildGrid(data);
  if (grid.rows.length === 0) throw new GrilleError('INVALID_INPUT', `« ${data.product.product.id} » : aucune cotisation à comparer`);
  const main = mainSheet(data, grid, date);
  const sheets: SheetSpec[] = [main.spec];
  if (data.impact) sheets.push(impactSheet(data, data.impact.result, data.impact.headcountsName, main, grid));
  sheets.push(documentsSheet(data, grid), sourcesSheet(data, grid), assumptionsSheet(data, grid));
  const rev = data.revision;
  return {
    properties: {
      title: options.title ?? `Évolution des cotisations — ${data.product.product.name}`,
      subject: `${data.before.label} → ${data.after.label}${data.reference ? ` (${data.reference})` : ''}`,
      description: `${grid.rows.length} formules × ${grid.columns.length} colonnes${rev ? ` ; composantes : ${rev.components.map((c) => `${c.label} ${c.rate.replace('.', ',')} %`).join(' + ')}` : ''}${data.impact ? ` ; impact budgétaire sur ${data.impact.result.totals.count} personnes` : ''}`,
      keywords: 'Grille; délibération; cotisations; révision',
      category: 'Délibération',
      date,
    },
    sheets,
  };
}

/** The deliberation workbook's bytes; the same data and options give the same bytes. */
export async function writeDeliberationWorkbook(data: DeliberationData, options: DeliberationWorkbookOptions): Promise<Buffer> {
  return writeWorkbook(deliberationWorkbookSpec(data, options), options.hooks);
}
