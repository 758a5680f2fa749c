/**
 * The streaming writer's progress hook (src/main/jobs uses it to report and to cancel a long export): the
 * totals the workbooks announce are the rows they write, the reports climb to that total, a throw stops the
 * write, and the bytes are the same with or without the hook.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparisonWorkbookSpec } from '../../src/main/export/comparison-workbook';
import { tariffWorkbookSpec } from '../../src/main/export/tariff-workbook';
import { PROGRESS_EVERY_CELLS, workbookRowCount, writeWorkbook, type WorkbookSpec } from '../../src/main/export/workbook-writer';
import { catalogueList, catalogueShow, openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { compareColumns } from '../../src/main/services/compare';
import { comparisonExamples } from '../../src/main/services/exports';
import { GrilleError } from '../../src/shared/errors';
import { bigTariffProduct } from '../fixtures/big-catalogue';

const DATE = '2026-03-01';
let cat: Catalogue;
beforeAll(async () => {
  cat = await openCatalogue(':memory:');
});
afterAll(() => cat?.close());

/** Rows a spec really gives, counted by walking every sheet (generators included). */
function rowsGiven(spec: WorkbookSpec): number {
  return spec.sheets.reduce((n, s) => n + [...s.rows].length, 0);
}

function comparisonSpec(): () => WorkbookSpec {
  // every santé formula of the default catalogue: the "Exemples en euros" sheet is there too
  const columns = catalogueList(cat)
    .filter((p) => p.kind === 'sante')
    .flatMap((p) => p.formulas.filter((f) => f.kind === 'formula').map((f) => ({ productId: p.id, formula: f.code })));
  const model = compareColumns(cat, { columns, at: '2026-01-01' });
  const examples = comparisonExamples(cat, model, DATE);
  expect(examples).toBeDefined();
  return () => comparisonWorkbookSpec(model, { date: DATE, examples });
}

function tariffSpec(): () => WorkbookSpec {
  // every product: tables with rules, products without any tariff
  const products = catalogueList(cat).map((p) => catalogueShow(cat, p.id));
  expect(products.some((p) => p.rules.length > 0) && products.some((p) => p.tariffs.length === 0)).toBe(true);
  return () => tariffWorkbookSpec(products, { date: DATE });
}

describe('progress of the streaming writer', () => {
  it.each([
    ['comparison', comparisonSpec],
    ['tariffs', tariffSpec],
  ])('the %s workbook announces exactly the rows it writes', (_name, make) => {
    const spec = make();
    const announced = workbookRowCount(spec());
    expect(announced).not.toBeNull();
    expect(announced).toBe(rowsGiven(spec()));
  });

  it('a sheet that does not say its rows makes the total unknown', () => {
    const spec = tariffSpec()();
    expect(workbookRowCount({ ...spec, sheets: [...spec.sheets, { name: 'X', widths: [10], rows: (function* () {})() }] })).toBeNull();
  });

  it('reports climb to the total, every few thousand cells; the steps that finish the file follow; the bytes do not change', async () => {
    // 2 formulas × 400 zones × 20 ages: 16 000 amounts, some 27 000 cells with labels and sources
    const big = bigTariffProduct('big', { formulas: 2, zones: 400, segments: 20 });
    const make = () => tariffWorkbookSpec([big], { date: DATE });
    const total = workbookRowCount(make())!;
    const reports: [number, number | null][] = [];
    const steps: string[] = [];
    const withHooks = await writeWorkbook(make(), { progress: (done, t) => reports.push([done, t]), finishing: (step) => steps.push(`${step}@${reports.length}`) });
    const without = await writeWorkbook(make());
    expect(withHooks.equals(without)).toBe(true);
    expect(reports.length).toBeGreaterThan(2);
    expect(reports.every(([, t]) => t === total)).toBe(true);
    const done = reports.map(([d]) => d);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(total);
    // cells between two reports: at least the threshold (rows of the tariffs are < 100 cells wide)
    const cells = make().sheets.reduce((n, s) => n + [...s.rows].reduce((m, r) => m + r.values.length + 1, 0), 0);
    expect(reports.length).toBeLessThanOrEqual(Math.floor(cells / PROGRESS_EVERY_CELLS) + 1);
    expect(steps).toEqual([`compress@${reports.length}`, `dates@${reports.length}`]);
  });

  it('a throw from the hook stops the write: the error comes out, no bytes', async () => {
    const make = comparisonSpec();
    let calls = 0;
    const stop = new GrilleError('CANCELLED', 'Export annulé : aucun fichier n’a été écrit.');
    await expect(
      writeWorkbook(make(), {
        progress: () => {
          calls++;
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(calls).toBe(1);
  });
});
