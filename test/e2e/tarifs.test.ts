import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gridCell, gridRowIds, launchApp, openTab, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.close();
});

const GRID = '#tarifs-grille';
const NBSP = '\u00a0';

describe('Tarifs', () => {
  it('opens the Intériale tariffs: 2025 vs 2026, +5,9 % (PMSS +1,9 % and technique +4 %, additive)', async () => {
    const { page } = app;
    await openTab(page, 'Tarifs');
    await page.getByLabel('Produit').selectOption('interiale-cdg-sante');
    await page.getByLabel('Version', { exact: true }).selectOption('2025');
    await page.getByLabel('Comparer avec').selectOption('2026');
    await eventually(() => gridRowIds(page, GRID)).toEqual(['jeune-actif', 'actif', 'enfant', 'retraite']);
    // seed 003: 2025 Sécurité jeunes actifs 23,74 € (l. 88), 2026 25,14 € (Annexe 1, l. 220)
    expect(await page.locator('.tarifs .grid-caption').innerText()).toMatch(/^Cotisations par mois/);
    expect(await gridCell(page, GRID, 'jeune-actif', 'securite||:avant')).toBe(`23,74${NBSP}€`);
    expect(await gridCell(page, GRID, 'jeune-actif', 'securite||:apres')).toBe(`25,14${NBSP}€`);
    expect(await gridCell(page, GRID, 'jeune-actif', 'securite||:de')).toBe(`+1,40${NBSP}€`);
    expect(await gridCell(page, GRID, 'jeune-actif', 'securite||:dp')).toBe(`+5,90${NBSP}%`);
    expect(await gridCell(page, GRID, 'retraite', 'renforcee||:apres')).toBe(`114,69${NBSP}€`);
    const note = page.locator('.revision-note');
    await eventually(() => note.innerText()).toMatch(new RegExp(`2026 = 2025 \\+5,9${NBSP}%`));
    expect(await note.innerText()).toMatch(/PMSS \+1,9.%.*Technique \+4.%/);
    expect(await note.innerText()).toMatch(/Grille retrouve les 12 cotisations publiées/);
  });

  it('draws the cotisation by segment and formula', async () => {
    const { page } = app;
    const chart = page.locator('.tarifs figure.chart svg');
    expect(await chart.getAttribute('aria-label')).toMatch(/Cotisation par mois par segment et formule — 2026/);
    // 4 segments × 3 formulas, each bar titled with its amount
    expect(await chart.locator('rect > title').count()).toBe(12);
    expect(await chart.locator('rect > title').allTextContents()).toContain(`Jeunes actifs jusqu'à 35 ans — Sécurité : 25,14${NBSP}€`);
  });

  it('shows one version alone, and exports the tariffs', async () => {
    const { page } = app;
    await page.getByLabel('Comparer avec').selectOption('');
    await eventually(() => gridCell(page, GRID, 'actif', 'securite||')).toBe(`34,05${NBSP}€`);
    await page.getByLabel('Comparer avec').selectOption('2026');
    await eventually(() => gridCell(page, GRID, 'actif', 'securite||:dp')).toMatch(/^\+5,9/);
    await page.getByRole('button', { name: 'Exporter en Excel' }).click();
    await eventually(() => page.locator('.tarifs .notice-ok').innerText()).toMatch(/tarifs-2026-03-01\.xlsx/);
    const file = `${app.exportsDir}/tarifs-2026-03-01.xlsx`;
    expect(existsSync(file)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('tarifs');
    expect(app.problems).toEqual([]);
  });
});
