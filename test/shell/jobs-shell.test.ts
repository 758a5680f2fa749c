/**
 * The shell's part of the jobs: its runner points at the main build's second entry (job-worker.js) with the
 * Electron build of SQLite, and progress goes to the app's own window only.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressChannel, type JobProgress } from '../../src/shared/api';
import type { Services } from '../../src/main/ipc-handler';
import type { JobRunnerOptions } from '../../src/main/jobs/runner';
import type { GrilleError } from '../../src/shared/errors';
import config from '../../electron.vite.config';
import { electron, FakeBrowserWindow, resetElectron } from './fake-electron';

const seen = vi.hoisted(() => ({ services: [] as unknown[], runnerOptions: [] as unknown[] }));
vi.mock('electron', async () => (await import('./fake-electron')).electron);
vi.mock('../../src/main/ipc', () => ({ registerIpc: (services: unknown) => seen.services.push(services) }));
vi.mock('../../src/main/jobs/runner', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/main/jobs/runner')>();
  class RecordedRunner extends real.JobRunner {
    constructor(options: JobRunnerOptions) {
      super(options);
      seen.runnerOptions.push(options);
    }
  }
  return { ...real, JobRunner: RecordedRunner };
});

const saved = { db: process.env.GRILLE_DB, resourcesPath: (process as { resourcesPath?: string }).resourcesPath };
beforeEach(() => {
  resetElectron();
  vi.resetModules();
  seen.services.length = 0;
  seen.runnerOptions.length = 0;
  process.env.GRILLE_DB = join(mkdtempSync(join(tmpdir(), 'grille-shell-jobs-')), 'grille.sqlite');
});
afterEach(() => {
  if (saved.db === undefined) delete process.env.GRILLE_DB;
  else process.env.GRILLE_DB = saved.db;
  (process as { resourcesPath?: string }).resourcesPath = saved.resourcesPath;
});

async function boot(): Promise<{ services: Services; options: JobRunnerOptions }> {
  await import('../../src/main/index');
  await electron.app.whenReady.mock.results[0]?.value;
  await new Promise((r) => setTimeout(r, 0));
  expect(seen.services).toHaveLength(1);
  expect(seen.runnerOptions).toHaveLength(1);
  return { services: seen.services[0] as Services, options: seen.runnerOptions[0] as JobRunnerOptions };
}

const progress = (state: JobProgress['state']): JobProgress => ({ job: '5d0c0f0e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', title: 'Export des tarifs', phase: 'Écriture des lignes', done: 3, total: 10, state });

describe('jobs in the Electron shell', () => {
  it('sends progress to the main window only, never to another window, focused or not', async () => {
    const { options } = await boot();
    const main = FakeBrowserWindow.instances[0]!;
    const other = new FakeBrowserWindow({});
    FakeBrowserWindow.getFocusedWindow = vi.fn(() => other);
    options.progress(progress('running'));
    options.progress(progress('done'));
    expect(main.webContents.send.mock.calls).toEqual([
      [progressChannel, progress('running')],
      [progressChannel, progress('done')],
    ]);
    expect(other.webContents.send).not.toHaveBeenCalled();
  });

  it('a real job’s events reach the main window; with no worker built beside index.js, the call gets a clear error', async () => {
    const { services } = await boot();
    const main = FakeBrowserWindow.instances[0]!;
    const outcome = await services.jobs
      .run({ title: 'Export des tarifs', task: 'exportTariffs', payload: { request: { productIds: ['interiale-cdg-sante'] }, date: '2026-03-01', path: join(tmpdir(), 'jamais.xlsx') } })
      .catch((e: unknown) => e);
    // from the sources, __dirname is src/main: the script the shell names is src/main/job-worker.js (built: out/main/job-worker.js)
    // (the module registry was reset for the boot: its GrilleError is not this file's class)
    expect(outcome).toMatchObject({ name: 'GrilleError', code: 'JOB_FAILED' });
    expect((outcome as GrilleError).message).toMatch(/^Export des tarifs : le travail s’est arrêté de façon inattendue \(.*src\/main\/job-worker\.js/);
    const sent = main.webContents.send.mock.calls.filter(([channel]) => channel === progressChannel).map(([, p]) => (p as JobProgress).state);
    expect(sent).toEqual(['running', 'failed']);
  });

  it('no window (closed): progress goes nowhere and nothing throws', async () => {
    const { options } = await boot();
    const main = FakeBrowserWindow.instances[0]!;
    main.isDestroyed = () => true;
    expect(() => options.progress(progress('running'))).not.toThrow();
    expect(main.webContents.send).not.toHaveBeenCalled();
  });

  it('the worker is the main build’s second entry, beside index.js; packaged, it gets the Electron build of SQLite', async () => {
    const resources = mkdtempSync(join(tmpdir(), 'grille-resources-'));
    mkdirSync(join(resources, 'native'));
    writeFileSync(join(resources, 'native', 'better_sqlite3.node'), '');
    (process as { resourcesPath?: string }).resourcesPath = resources;
    electron.app.isPackaged = true;
    const { options } = await boot();
    expect(options.workerScript).toBe(resolve(__dirname, '..', '..', 'src', 'main', 'job-worker.js'));
    expect(options.openOptions).toEqual({ nativeBinding: join(resources, 'native', 'better_sqlite3.node') });
    const input = (config as { main: { build: { rollupOptions: { input: Record<string, string> } } } }).main.build.rollupOptions.input;
    expect(input).toEqual({ index: resolve(__dirname, '..', '..', 'src', 'main', 'index.ts'), 'job-worker': resolve(__dirname, '..', '..', 'src', 'main', 'jobs', 'worker.ts') });
  });
});
