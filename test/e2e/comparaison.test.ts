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

const GRID = '#comparaison-grille';
const HOSPITAL = 'assistance.aide_domicile.hospitalisation';
const IMA = ['mie-assistance', 'slm-assistance', 'interiale-assistance'];

/** The grid column of a product, from the request the page sent (columns keep the picker's order). */
function col(productId: string): string {
  const request = [...app.calls].reverse().find((c) => c.method === 'compare')!.args[0] as { columns: { productId: string }[] };
  const i = request.columns.findIndex((c) => c.productId === productId);
  expect(i).toBeGreaterThanOrEqual(0);
  return `c${i}`;
}

describe('Comparaison', () => {
  it('says what to do when no offer is chosen', async () => {
    const { page } = app;
    await openTab(page, 'Comparaison');
    await page.locator('#comparaison-lancer').click();
    await eventually(() => page.locator('.comparaison .notice-empty').innerText()).toMatch(/Choisissez au moins une offre à comparer/);
  });

  it('compares the three IMA assistance products: home help after hospitalisation is 15 h (MIE) vs 30 h (SLM, Intériale)', async () => {
    const { page } = app;
    for (const id of IMA) await page.locator(`.picker input[data-product="${id}"]`).check();
    await page.getByRole('button', { name: 'Comparer (3 colonnes)' }).click();
    await eventually(async () => (await gridRowIds(page, GRID)).includes(HOSPITAL)).toBe(true);
    // seeds: MIE convention art. 3.1 "15 heures ... sur 2 semaines"; SLM and Intériale 30 h sur 30 jours
    expect(await gridCell(page, GRID, HOSPITAL, col('mie-assistance'))).toMatch(/^▼\s*15 h sur 2 semaines/);
    expect(await gridCell(page, GRID, HOSPITAL, col('slm-assistance'))).toMatch(/^▲\s*30 h sur 30 jours/);
    expect(await gridCell(page, GRID, HOSPITAL, col('interiale-assistance'))).toMatch(/^▲\s*30 h max\. sur 30 jours/);
    const classes = (c: string) => page.locator(`${GRID} .ag-row[row-id="${HOSPITAL}"] [col-id="${c}"]`).first().getAttribute('class');
    expect(await classes(col('mie-assistance'))).toContain('cell-worst');
    expect(await classes(col('slm-assistance'))).toContain('cell-best');
    // headers: one group per product, the first column pinned
    expect(await page.locator(`${GRID} .ag-header-group-cell`).allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/Assistance Santé MIE/)]));
    expect(await page.locator(`${GRID} .ag-pinned-left-header [col-id="label"], ${GRID} .ag-header-cell[col-id="label"].ag-column-first`).count()).toBeGreaterThan(0);
  });

  it('shows the source and the conditions of a cell: tooltip on hover, panel on focus', async () => {
    const { page } = app;
    const cell = page.locator(`${GRID} .ag-row[row-id="${HOSPITAL}"] [col-id="${col('mie-assistance')}"]`).first();
    const tip = page.locator('.grid-tooltip');
    // the grid may still settle its header height: hover again until the tooltip is this cell's
    await eventually(async () => {
      await cell.hover();
      await page.waitForTimeout(500);
      return (await tip.count()) ? tip.first().innerText() : '';
    }).toMatch(/Aide à domicile après hospitalisation — Assistance Santé MIE[\s\S]*art\. 3\.1[\s\S]*«[\s\S]*15 heures/);
    await page.locator(`${GRID} .ag-row[row-id="${HOSPITAL}"] [col-id="${col('slm-assistance')}"]`).first().click();
    const panel = page.locator('.comparaison .source-panel');
    await eventually(() => panel.innerText()).toMatch(/Meilleure colonne[\s\S]*«/);
  });

  it('filters: differences only, and a quick filter that ignores accents', async () => {
    const { page } = app;
    const counts = page.locator('.comparaison .counts');
    expect(await counts.innerText()).toBe('59 lignes sur 59, 58 avec écart');
    // "Mutation professionnelle": MIE and SLM both say nothing priced, Intériale nothing: no difference
    await page.getByLabel('Filtrer les lignes').fill('mutation');
    await eventually(() => gridRowIds(page, GRID)).toEqual(['assistance.vie_pro.mutation_professionnelle']);
    await page.getByLabel('Écarts seulement').check();
    await eventually(() => counts.innerText()).toBe('58 lignes sur 59, 58 avec écart');
    await eventually(() => gridRowIds(page, GRID)).toEqual([]);
    expect(await page.locator(`${GRID} .ag-overlay`).innerText()).toMatch(/Aucune ligne/);
    await page.getByLabel('Écarts seulement').uncheck();
    await eventually(() => counts.innerText()).toBe('59 lignes sur 59, 58 avec écart');
    // accents and case ignored: "apres" finds "après"
    await page.getByLabel('Filtrer les lignes').fill('apres HOSPITALISATION');
    await eventually(() => gridRowIds(page, GRID)).toContain(HOSPITAL);
    expect(await gridRowIds(page, GRID)).not.toContain('assistance.info_conseil.juridique');
    await page.getByLabel('Filtrer les lignes').fill('');
  });

  it('copies the visible grid as a tab-separated table that pastes into Excel', async () => {
    const { page } = app;
    await page.getByLabel('Filtrer les lignes').fill('aide à domicile');
    await page.evaluate(() => {
      window.addEventListener('copy', (e) => {
        (window as unknown as { copied: string }).copied = e.clipboardData?.getData('text/plain') ?? '';
      });
    });
    await page.getByRole('button', { name: 'Copier le tableau' }).click();
    await eventually(() => page.locator('.comparaison .notice-ok').first().innerText()).toMatch(/Tableau copié/);
    const tsv = await page.evaluate(() => (window as unknown as { copied: string }).copied);
    const lines = tsv.trimEnd().split('\r\n');
    expect(lines[0]!.split('\t')).toHaveLength(4);
    expect(lines[0]).toMatch(/^Garantie\t.*MIE/);
    const hospital = lines.find((l) => l.includes('Aide à domicile après hospitalisation'))!;
    const field = (id: string) => hospital.split('\t')[Number(col(id).slice(1)) + 1];
    expect(field('mie-assistance')).toMatch(/^15 h/);
    expect(field('slm-assistance')).toMatch(/^30 h/);
    // only the filtered rows are copied
    expect(lines.some((l) => l.includes('Téléconsultation'))).toBe(false);
    await page.getByLabel('Filtrer les lignes').fill('');
  });

  it('exports the comparison to an Excel workbook that opens', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Exporter en Excel' }).click();
    await eventually(() => page.locator('.comparaison .notice-ok').first().innerText()).toMatch(/Classeur enregistré : .*comparaison-2026-03-01\.xlsx/);
    const file = `${app.exportsDir}/comparaison-2026-03-01.xlsx`;
    expect(existsSync(file)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('Comparaison')!;
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(row.values ? (row.values as unknown[]).map(String).join(' | ') : ''));
    expect(texts.find((t) => t.includes('Aide à domicile après hospitalisation'))).toMatch(/15 h[\s\S]*30 h/);
  });

  it('is keyboard reachable and looks right', async () => {
    const { page } = app;
    await page.locator(`${GRID} .ag-row[row-id="${HOSPITAL}"] [col-id="c0"]`).first().click();
    await page.keyboard.press('ArrowRight');
    const next = [...app.calls].reverse().find((c) => c.method === 'compare')!.args[0] as { columns: { productId: string }[] };
    const name = { 'mie-assistance': /MIE/, 'slm-assistance': /SLM/, 'interiale-assistance': /INTÉRIALE/ }[next.columns[1]!.productId]!;
    await eventually(() => page.locator('.comparaison .source-panel h4').innerText()).toMatch(name);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(`${GRID} .ag-row[row-id="${HOSPITAL}"] [col-id="${col('mie-assistance')}"]`).first().hover();
    await page.waitForTimeout(600);
    await app.shot('comparaison');
    expect(app.problems).toEqual([]);
  });
});
