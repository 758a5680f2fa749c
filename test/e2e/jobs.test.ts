/**
 * A long export in the desktop, end to end: the progress panel shows the real job (a worker thread writing a
 * large comparison), « Annuler » stops it, the view says that no file was written, and none was.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../src/shared/api';
import { replaceCatalogue } from '../../src/main/store/writer';
import { bigComparisonCatalogue } from '../fixtures/big-catalogue';
import { ARTIFACTS, eventually, launchApp, openTab, type App } from './harness';

// 20 products × 3 formulas = 60 columns over 25 groups of 20 guarantees: some 500 000 cells to write
const SIZE = { products: 20, formulas: 3, groups: 25, perGroup: 20 };

let app: App;
beforeAll(async () => {
  app = await launchApp({
    prepare: (cat) => {
      const { taxonomy, products } = bigComparisonCatalogue(SIZE);
      replaceCatalogue(cat.db, taxonomy, products);
    },
  });
});
afterAll(async () => {
  await app?.close();
});

describe('Travaux longs', () => {
  it('an export shows the progress panel, and « Annuler » stops it: no file is written', async () => {
    const { page } = app;
    await openTab(page, 'Comparaison');
    await page.getByRole('button', { name: 'Tout sélectionner' }).click();
    await page.locator('#comparaison-lancer').click();
    await eventually(() => page.locator('.comparaison .counts').innerText()).toMatch(/^500 lignes sur 500/);

    const panel = page.getByRole('status', { name: 'Travaux en cours' });
    expect(await panel.isHidden()).toBe(true);
    await page.locator('#comparaison-exporter').click();
    // the job's title, a step, a bar, and the button
    const job = panel.locator('.job');
    await job.waitFor({ state: 'visible' });
    expect(await job.locator('.job-title').innerText()).toBe('Export de la comparaison');
    await eventually(() => job.locator('.job-phase').innerText()).toMatch(/Écriture des lignes/);
    const bar = job.getByRole('progressbar', { name: 'Avancement : Export de la comparaison' });
    const max = Number(await bar.getAttribute('max'));
    // grid (header + groups + rows), values, sources (one per cell), hypotheses: more than the 500 rows × 60 cells / 60
    expect(max).toBeGreaterThan(1 + 25 + 500 + 1 + 500 * 60);
    expect(await job.locator('.job-count').innerText()).toMatch(/^\d[\d\u202f\u00a0]* \/ \d[\d\u202f\u00a0]*$/);
    // while it runs: the window as it is (the viewport: quick), and the panel alone
    await page.screenshot({ path: join(ARTIFACTS, 'travaux-export-en-cours.png') });
    await job.screenshot({ path: join(ARTIFACTS, 'travaux-export-panneau.png') });

    await job.getByRole('button', { name: 'Annuler : Export de la comparaison' }).click();
    await eventually(() => page.locator('.comparaison .notice').last().innerText()).toBe('Export annulé : aucun fichier n’a été écrit.');
    await eventually(() => panel.isHidden()).toBe(true);
    expect(readdirSync(app.exportsDir)).toEqual([]);
    // the page asked to cancel the job it was shown
    const cancel = app.calls.find((c) => c.method === 'cancelJob');
    expect(cancel?.args).toHaveLength(1);
    expect(cancel!.args[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.problems).toEqual([]);
    await app.shot('travaux-export-annule');
  });

  it('a progress event of unknown size shows an indeterminate bar; the end of the job takes it away', async () => {
    const { page } = app;
    const event: JobProgress = { job: 'essai-1', title: 'Import du catalogue', phase: 'Lecture du fichier', done: 0, total: null, state: 'running' };
    await app.emit('progress', event);
    const job = page.locator('.job[data-job="essai-1"]');
    await job.waitFor({ state: 'visible' });
    expect(await job.locator('progress').getAttribute('value')).toBeNull();
    expect(await job.locator('.job-count').innerText()).toBe('');
    await app.emit('progress', { ...event, phase: 'Écriture', done: 1234, total: 5000 });
    await eventually(() => job.locator('.job-count').innerText()).toBe('1\u202f234 / 5\u202f000');
    expect(await job.locator('progress').getAttribute('value')).toBe('1234');
    await app.emit('progress', { ...event, done: 5000, total: 5000, state: 'done' });
    await eventually(() => page.getByRole('status', { name: 'Travaux en cours' }).isHidden()).toBe(true);
    // a late event of the job over does not bring it back
    await app.emit('progress', event);
    expect(await job.count()).toBe(0);
  });
});
