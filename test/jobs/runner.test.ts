/**
 * The job runner with real worker threads over a temporary SQLite catalogue: progress, cancellation
 * (cooperative, and by terminate after the grace period), errors, several jobs, and the inline mode of a
 * ':memory:' catalogue.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../src/shared/api';
import { PROGRESS_INTERVAL_MS } from '../../src/main/jobs/context';
import type { JobRunner } from '../../src/main/jobs/runner';
import { EXPORT_CANCELLED } from '../../src/main/jobs/tasks';
import { catalogueShow, openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { GrilleError } from '../../src/shared/errors';
import { saveProduct } from '../../src/main/store/writer';
import { bigTariffProduct } from '../fixtures/big-catalogue';
import { nodeJobs } from '../fixtures/jobs';

const BIG = 'big-tarif';
// 4 formulas × 500 zones × 50 ages = 100 000 monthly amounts in one version
const SIZE = { formulas: 4, zones: 500, segments: 50 };
const DATE = '2026-03-01';

let work: string;
let file: string;
let cat: Catalogue;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'grille-jobs-'));
  file = join(work, 'catalogue.sqlite');
  cat = await openCatalogue(file);
  saveProduct(cat.db, bigTariffProduct(BIG, SIZE));
});
afterAll(() => {
  cat?.close();
  rmSync(work, { recursive: true, force: true });
});

function recorder(): { events: (JobProgress & { at: number })[]; sink: (p: JobProgress) => void } {
  const events: (JobProgress & { at: number })[] = [];
  return { events, sink: (p) => events.push({ ...p, at: performance.now() }) };
}

function outDir(): string {
  const dir = join(work, `out-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  return dir;
}

const exportBig = (path: string) => ({ title: 'Export des tarifs', task: 'exportTariffs' as const, payload: { request: { productIds: [BIG] }, date: DATE, path } });

async function failure(p: Promise<unknown>): Promise<GrilleError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GrilleError);
  return e as GrilleError;
}

describe('jobs in worker threads', () => {
  it('an export: progress in order, a few per second, ending done with every row written', async () => {
    const { events, sink } = recorder();
    const runner = nodeJobs(async () => cat, sink);
    const path = join(outDir(), 'tarifs.xlsx');
    const started = performance.now();
    expect(await runner.run(exportBig(path))).toEqual({ path });
    const elapsed = performance.now() - started;

    // one job, its first event at once, its last one "done"
    expect(new Set(events.map((e) => e.job)).size).toBe(1);
    expect(events[0]).toMatchObject({ title: 'Export des tarifs', phase: 'Démarrage', state: 'running', done: 0, total: null });
    expect(events.at(-1)!.state).toBe('done');
    expect(events.slice(0, -1).every((e) => e.state === 'running')).toBe(true);
    // the steps in order (each reported at least once)
    const phases = events.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['Démarrage', 'Préparation des données', 'Écriture des lignes', 'Compression du classeur', 'Enregistrement du fichier', 'Terminé']);
    // the rows: summary (header + 1 table), the table (title, 2 notes, header, formulas × zones rows), sources (header + one per row)
    const rows = SIZE.formulas * SIZE.zones;
    const total = 2 + (4 + rows) + (1 + rows);
    const writing = events.filter((e) => e.phase === 'Écriture des lignes');
    expect(writing.every((e) => e.total === total)).toBe(true);
    const done = writing.map((e) => e.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ done: total, total });
    // throttled: one event per interval at most, besides the first, the last and one per change of step
    expect(events.length).toBeLessThanOrEqual(Math.ceil(elapsed / PROGRESS_INTERVAL_MS) + phases.length + 1);

    // the file is whole, and the total was the real number of rows
    expect(readdirSync(join(path, '..'))).toEqual(['tarifs.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((ws) => ws.actualRowCount).reduce((a, b) => a + b, 0)).toBe(total);
    expect(runner.active).toEqual([]);
  });

  it('cancelling in the middle of an export: CANCELLED, no file under the name nor beside it', async () => {
    const { events, sink } = recorder();
    let runner: JobRunner | null = null;
    let cancelled: Promise<boolean> | null = null;
    runner = nodeJobs(async () => cat, (p) => {
      sink(p);
      if (!cancelled && p.phase === 'Écriture des lignes') cancelled = runner!.cancel(p.job);
    });
    const dir = outDir();
    const e = await failure(runner.run(exportBig(join(dir, 'tarifs.xlsx'))));
    expect(e.code).toBe('CANCELLED');
    expect(e.message).toBe(EXPORT_CANCELLED);
    expect(await cancelled).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    // stopped while writing rows, before the end
    const writing = events.filter((x) => x.phase === 'Écriture des lignes');
    expect(writing.at(-1)!.done).toBeLessThan(writing.at(-1)!.total!);
    expect(events.at(-1)).toMatchObject({ state: 'cancelled', phase: 'Annulé' });
    expect(runner.active).toEqual([]);
  });

  it.each([
    ['by itself at its next progress point (the transaction rolls back)', 60_000],
    ['by terminate() at once (the transaction never commits)', 0],
  ])('cancelling a saved revision while it writes, stopped %s: the file is unchanged byte for byte, the version absent', async (_how, graceMs) => {
    // a catalogue of its own, settled: every connection closed, the WAL folded into the file
    const own = join(work, `revision-${graceMs}.sqlite`);
    cat.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(file, own);
    const hash = () => createHash('sha256').update(readFileSync(own)).digest('hex');
    const before = hash();
    const main = await openCatalogue(own);
    const { events, sink } = recorder();
    let runner: JobRunner | null = null;
    let cancelled: Promise<boolean> | null = null;
    runner = nodeJobs(async () => main, (p) => {
      sink(p);
      // the write transaction starts right after this step is announced
      if (!cancelled && p.phase === 'Enregistrement de la version') cancelled = runner!.cancel(p.job);
    }, { graceMs });
    const e = await failure(
      runner.run({
        title: 'Enregistrement de la révision',
        task: 'revise',
        payload: { productId: BIG, fromAt: '2026-01-01', components: ['PMSS:1.9'], mode: 'additive', effective: '2027-01-01', reference: undefined, code: 'annulee-2027', save: true },
      }),
    );
    expect(e.code).toBe('CANCELLED');
    expect(e.message).toMatch(/^Révision annulée : aucune version n’a été enregistrée\.$/);
    expect(await cancelled).toBe(true);
    // it was cancelled while the new cells (old + new version: 2 × 100 000) were being written
    expect(events.find((x) => x.phase === 'Enregistrement de la version')).toMatchObject({ done: 0, total: 2 * SIZE.formulas * SIZE.zones * SIZE.segments });
    expect(catalogueShow(main, BIG).versions.map((v) => v.code)).toEqual(['v2026']);
    expect((main.db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'revision'").get() as { n: number }).n).toBe(0);
    main.close();
    expect(existsSync(`${own}-wal`)).toBe(false);
    expect(hash()).toBe(before);
  });

  it('a saved revision that is not cancelled is written, with its audit row', async () => {
    const own = join(work, 'revision-ok.sqlite');
    cat.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(file, own);
    const main = await openCatalogue(own);
    const { events, sink } = recorder();
    const answer = await nodeJobs(async () => main, sink).run({
      title: 'Enregistrement de la révision',
      task: 'revise',
      payload: { productId: BIG, fromAt: '2026-01-01', components: ['PMSS:1.9'], mode: 'additive', effective: '2027-01-01', reference: undefined, code: 'r2027', save: true },
    });
    expect(answer.saved).toEqual({ version: 'r2027', product: BIG });
    expect(answer.revision).not.toHaveProperty('factor');
    const product = catalogueShow(main, BIG);
    expect(product.versions.map((v) => v.code)).toEqual(['v2026', 'r2027']);
    // additive 1.9 %: 1000 cents → 1019 cents (half-up to the cent)
    const first = product.tariffs.find((t) => t.version === 'r2027' && t.formula === 'f0' && t.segment === 'age-18' && t.zone === 'z1')!;
    expect(first.amountCents).toBe(1019);
    expect((main.db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'revision'").get() as { n: number }).n).toBe(1);
    expect(events.at(-1)).toMatchObject({ state: 'done', done: 2 * SIZE.formulas * SIZE.zones * SIZE.segments });
    main.close();
  });

  it('a task error comes back with its code and French message, and leaves no file', async () => {
    const { events, sink } = recorder();
    const dir = outDir();
    const e = await failure(nodeJobs(async () => cat, sink).run({ title: 'Export des tarifs', task: 'exportTariffs', payload: { request: { productIds: ['inconnu'] }, date: DATE, path: join(dir, 't.xlsx') } }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toMatch(/^Produit inconnu : « inconnu »\. Produits du catalogue : .*big-tarif/);
    expect(readdirSync(dir)).toEqual([]);
    expect(events.at(-1)).toMatchObject({ state: 'failed', phase: 'Échec' });
  });

  it('a worker that dies without answering gives a clear French error', async () => {
    const { events, sink } = recorder();
    const runner = nodeJobs(async () => cat, sink, { workerScript: resolve(__dirname, '..', 'fixtures', 'jobs-dying-worker.cjs') });
    const e = await failure(runner.run(exportBig(join(outDir(), 't.xlsx'))));
    expect(e.code).toBe('JOB_FAILED');
    expect(e.message).toBe('Export des tarifs : le travail s’est arrêté de façon inattendue (code de sortie 7). Rien n’a été enregistré ; relancez-le, et si cela se reproduit, redémarrez Grille.');
    // the progress it sent before dying was relayed, then the job failed
    expect(events.map((x) => [x.phase, x.state])).toEqual([
      ['Démarrage', 'running'],
      ['Écriture des lignes', 'running'],
      ['Échec', 'failed'],
    ]);
  });

  it('a worker script that cannot load is a clear error too', async () => {
    const runner = nodeJobs(async () => cat, () => undefined, { workerScript: join(work, 'absent.cjs') });
    const e = await failure(runner.run(exportBig(join(outDir(), 't.xlsx'))));
    expect(e.code).toBe('JOB_FAILED');
    expect(e.message).toMatch(/^Export des tarifs : le travail s’est arrêté de façon inattendue \(.*absent\.cjs/);
  });

  it('a worker that does not stop within the grace period is terminated: CANCELLED, nothing left', async () => {
    let runner: JobRunner | null = null;
    let cancelled: Promise<boolean> | null = null;
    runner = nodeJobs(
      async () => cat,
      (p) => {
        if (!cancelled && p.phase === 'Démarrage') cancelled = runner!.cancel(p.job);
      },
      { graceMs: 0 },
    );
    const dir = outDir();
    const e = await failure(runner.run(exportBig(join(dir, 't.xlsx'))));
    expect(e.code).toBe('CANCELLED');
    expect(await cancelled).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('cancelJob of an unknown or finished job answers false', async () => {
    const { events, sink } = recorder();
    const runner = nodeJobs(async () => cat, sink);
    expect(await runner.cancel('5d0c0f0e-1b2a-4c3d-8e9f-0a1b2c3d4e5f')).toBe(false);
    await runner.run({ title: 'Export des tarifs', task: 'exportTariffs', payload: { request: { productIds: ['interiale-cdg-sante'] }, date: DATE, path: join(outDir(), 't.xlsx') } });
    expect(await runner.cancel(events[0]!.job)).toBe(false);
  });

  it('cancelAll (the app quitting) stops every running job: no file left, neither target nor temporary', async () => {
    const { events, sink } = recorder();
    let runner: JobRunner | null = null;
    let all: Promise<void> | null = null;
    const started = new Set<string>();
    runner = nodeJobs(async () => cat, (p) => {
      sink(p);
      // both workers are up and reading the catalogue (each export takes seconds from there): quit now
      if (p.phase === 'Préparation des données') started.add(p.job);
      if (!all && started.size === 2) all = runner!.cancelAll();
    });
    const dir = outDir();
    const results = await Promise.allSettled([runner.run(exportBig(join(dir, 'a.xlsx'))), runner.run(exportBig(join(dir, 'b.xlsx')))]);
    expect(all).not.toBeNull();
    await all;
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as GrilleError).code : 'done'))).toEqual(['CANCELLED', 'CANCELLED']);
    expect(readdirSync(dir)).toEqual([]);
    expect(runner.active).toEqual([]);
    for (const job of started) expect(events.filter((e) => e.job === job).at(-1)!.state).toBe('cancelled');
  });

  it('runs several jobs at once, each with its own id and its own file', async () => {
    const { events, sink } = recorder();
    const runner = nodeJobs(async () => cat, sink);
    const dir = outDir();
    const [a, b] = await Promise.all([
      runner.run(exportBig(join(dir, 'a.xlsx'))),
      runner.run({ title: 'Export des tarifs', task: 'exportTariffs', payload: { request: { productIds: ['interiale-cdg-sante'] }, date: DATE, path: join(dir, 'b.xlsx') } }),
    ]);
    expect([a.path, b.path]).toEqual([join(dir, 'a.xlsx'), join(dir, 'b.xlsx')]);
    expect(readdirSync(dir).sort()).toEqual(['a.xlsx', 'b.xlsx']);
    const jobs = [...new Set(events.map((e) => e.job))];
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect(events.filter((e) => e.job === job).at(-1)!.state).toBe('done');
  });
});

describe('a :memory: catalogue runs its jobs inline, with the same progress and cancellation', () => {
  let memory: Catalogue;
  beforeAll(async () => {
    memory = await openCatalogue(':memory:');
    saveProduct(memory.db, bigTariffProduct(BIG, { formulas: 2, zones: 100, segments: 20 }));
  });
  afterAll(() => memory?.close());

  it('an export ends done, its file written', async () => {
    const { events, sink } = recorder();
    // a worker script that would fail if it were used: inline runs none
    const runner = nodeJobs(async () => memory, sink, { workerScript: join(work, 'absent.cjs') });
    const path = join(outDir(), 't.xlsx');
    expect(await runner.run(exportBig(path))).toEqual({ path });
    expect(existsSync(path)).toBe(true);
    expect(events.at(-1)).toMatchObject({ state: 'done', done: 2 + 4 + 200 + 1 + 200, total: 2 + 4 + 200 + 1 + 200 });
  });

  it('a cancel during the export stops it at the next progress point: no file', async () => {
    let runner: JobRunner | null = null;
    let cancelled: Promise<boolean> | null = null;
    runner = nodeJobs(async () => memory, (p) => {
      if (!cancelled && p.phase === 'Écriture des lignes') cancelled = runner!.cancel(p.job);
    }, { workerScript: join(work, 'absent.cjs') });
    const dir = outDir();
    const e = await failure(runner.run(exportBig(join(dir, 't.xlsx'))));
    expect(e.code).toBe('CANCELLED');
    expect(await cancelled).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
