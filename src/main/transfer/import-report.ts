/** What an import answers the desktop: the plan (and whether it was written), or every problem of the file. */
import { basename } from 'node:path';
import type { ImportReportDto } from '../../shared/api';
import type { ImportFormat, ImportResult } from './import';
import type { ImportRejected } from './problems';

export function reportOf(r: ImportResult): ImportReportDto {
  return {
    file: r.file,
    format: r.format,
    dryRun: r.dryRun,
    written: r.written,
    products: r.products.map((p) => ({
      id: p.id,
      name: p.name,
      action: p.action,
      versions: p.versions,
      guarantees: p.guarantees,
      tariffCells: p.tariffCells,
      documents: p.documents,
      rules: p.rules,
      closed: p.closed,
    })),
    categoriesAdded: r.categoriesAdded,
    warnings: r.warnings,
    problems: [],
    problemCount: 0,
    backup: r.backup === null ? null : basename(r.backup),
  };
}

export function rejectedReport(file: { format: ImportFormat }, dryRun: boolean, e: ImportRejected): ImportReportDto {
  return {
    file: e.file,
    format: file.format,
    dryRun,
    written: false,
    products: [],
    categoriesAdded: [],
    warnings: [],
    problems: e.problems,
    problemCount: e.total,
    backup: null,
  };
}
