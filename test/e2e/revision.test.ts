import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gridCell, launchApp, openTab, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.close();
});

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const eur = (s: string) => `${s}${NBSP}€`;
const GRID = '#revision-grille';

async function components(list: [string, string][]): Promise<void> {
  const { page } = app;
  while ((await page.locator('.component').count()) < list.length) await page.getByRole('button', { name: 'Ajouter une composante' }).click();
  for (const [i, [label, rate]] of list.entries()) {
    await page.locator('.component').nth(i).locator('.component-label').fill(label);
    await page.locator('.component').nth(i).locator('.component-rate').fill(rate);
  }
}

describe('Révision / Délibération', () => {
  it('refuses an unreadable rate, saying which and how to write it', async () => {
    const { page } = app;
    await openTab(page, 'Révision / Délibération');
    await page.getByLabel('Produit').selectOption('interiale-cdg-sante');
    await page.getByLabel('Version de départ en vigueur au').fill('01/06/2025');
    await components([['PMSS', 'abc']]);
    await page.getByRole('button', { name: 'Calculer la révision' }).click();
    await eventually(() => page.locator('.revision .notice-error').first().innerText()).toMatch(/taux « abc » illisible/);
  });

  it('runs the +1,9 % +4 % revision (additive, from 2025) and finds the 2026 Annexe 1 amounts', async () => {
    const { page } = app;
    await components([['PMSS', '1,9'], ['Technique', '4']]);
    await page.getByLabel('Date d’effet de la nouvelle version').fill('01/01/2026');
    await page.getByRole('button', { name: 'Calculer la révision' }).click();
    await eventually(() => page.locator('.revision-summary h3').innerText()).toMatch(new RegExp(`\\+5,9${NBSP}%$`));
    expect(await page.locator('.revision-summary .facts').innerText()).toMatch(/Facteur\n1,059/);
    // seed 003 Annexe 1 (l. 220-228): 2025 23,74 € → 2026 25,14 € for Sécurité, young agents
    const row = 'securite||jeune-actif||month';
    await eventually(() => gridCell(page, GRID, row, 'new')).toBe(`${eur('25,14')} par mois`);
    expect(await gridCell(page, GRID, row, 'old')).toBe(`${eur('23,74')} par mois`);
    expect(await gridCell(page, GRID, row, 'de')).toBe(`+${eur('1,40')}`);
    expect(await gridCell(page, GRID, row, 'dp')).toBe(`+5,90${NBSP}%`);
    expect(await gridCell(page, GRID, 'renforcee||retraite||month', 'new')).toBe(`${eur('114,69')} par mois`);
    expect(await page.locator('.revision .notice-ok').first().innerText()).toMatch(/non enregistrée/);
  });

  it('loads a headcounts file and shows the impact with a capped employer participation', async () => {
    const { page } = app;
    await page.locator('#deliberation-effectifs').setInputFiles({ name: 'effectifs.csv', mimeType: 'text/csv', buffer: Buffer.from('formule;segment;effectif\nsecurite;jeune-actif;10\nsecurite;actif;20\n') });
    await eventually(() => page.locator('.deliberation .notice-ok').first().innerText()).toMatch(/effectifs\.csv chargé \(CSV, 3 lignes\)/);
    expect(await page.locator('#deliberation-choisir').innerText()).toBe('Fichier : effectifs.csv (changer…)');
    await page.getByLabel('Participation employeur').fill('30');
    await page.getByRole('button', { name: 'Calculer l’impact' }).click();
    const totals = page.locator('.impact-totals');
    await eventually(() => totals.count()).toBe(1);
    const text = await totals.innerText();
    // 2025: 10 × 23,74 + 20 × 34,05 = 918,40 €; after: 10 × 25,14 + 20 × 36,06 = 972,60 €
    expect(text).toContain(`Cotisations par mois\t${eur('918,40')}\t${eur('972,60')}\t+${eur('54,20')} (+5,90${NBSP}%)`);
    // 30 € capped at the young agents' 25,14 €: 10 × 25,14 + 20 × 30 = 851,40 €
    expect(text).toMatch(new RegExp(`Participation employeur par mois\\t[^\\t]+\\t${eur('851,40')}`));
    expect(text).toContain(`Cotisations par an\t${eur(`11${NNBSP}020,80`)}\t${eur(`11${NNBSP}671,20`)}`);
    expect(await page.locator('.impact .grid-impact .ag-row').count()).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('revision');
  });

  it('exports the deliberation workbook: tables before and after, and the budget impact', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Exporter le classeur de délibération' }).click();
    const notice = page.locator('.deliberation-status .notice-ok');
    await eventually(() => notice.count()).toBe(1);
    const path = /enregistré : (.+\.xlsx)$/.exec(await notice.innerText())![1]!;
    expect(path).toBe(`${app.exportsDir}/deliberation-interiale-cdg-sante-2026-03-01.xlsx`);
    expect(existsSync(path)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Délibération', 'Impact budgétaire']));
    const numbers = (name: string) => {
      const out: number[] = [];
      wb.getWorksheet(name)!.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as unknown;
          const n = typeof v === 'number' ? v : v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : null;
          if (typeof n === 'number') out.push(Math.round(n * 100) / 100);
        }),
      );
      return out;
    };
    // the 2026 amounts recomputed from 2025 (Annexe 1), and the monthly totals of the impact shown on screen
    expect(numbers('Délibération')).toEqual(expect.arrayContaining([23.74, 25.14, 114.69]));
    expect(numbers('Impact budgétaire')).toEqual(expect.arrayContaining([918.4, 972.6]));
  });

  it('saves a revision as a new version that the tariffs then show', async () => {
    const { page } = app;
    await page.getByLabel('Version de départ en vigueur au').fill('01/06/2026');
    await components([['PMSS', '2'], ['Technique', '3']]);
    await page.getByLabel('Date d’effet de la nouvelle version').fill('01/01/2027');
    await page.getByLabel('Référence (facultatif)').fill('avenant n°4');
    const saves = () => app.calls.filter((c) => c.method === 'revise' && (c.args[0] as { save: boolean }).save).length;
    const confirmation = page.getByRole('group', { name: 'Enregistrer cette révision comme nouvelle version ?' });
    // saving asks first, with what would be written; « Ne pas enregistrer » writes nothing
    await page.getByRole('button', { name: 'Enregistrer comme nouvelle version' }).click();
    await eventually(() => confirmation.isVisible()).toBe(true);
    expect(await confirmation.innerText()).toMatch(/\+5\s% sur 12 cellule\(s\), à compter du 01\/01\/2027 \(référence avenant n°4\)/);
    await app.shot('revision-confirmation');
    await confirmation.getByRole('button', { name: 'Ne pas enregistrer' }).click();
    await eventually(() => confirmation.isVisible()).toBe(false);
    expect(saves()).toBe(0);
    // a change of the form after the preview withdraws the question
    await page.getByRole('button', { name: 'Enregistrer comme nouvelle version' }).click();
    await eventually(() => confirmation.isVisible()).toBe(true);
    await page.getByLabel('Référence (facultatif)').fill('avenant n°4 bis');
    await eventually(() => confirmation.isVisible()).toBe(false);
    await page.getByLabel('Référence (facultatif)').fill('avenant n°4');
    expect(saves()).toBe(0);
    await page.getByRole('button', { name: 'Enregistrer comme nouvelle version' }).click();
    await confirmation.getByRole('button', { name: 'Confirmer l’enregistrement' }).click();
    await eventually(() => page.locator('.revision > .slot .notice').first().innerText()).toMatch(/Version « revision-2027-01-01 » enregistrée dans interiale-cdg-sante, à compter du 01\/01\/2027/);
    // 25,14 € × 1,05 = 26,397 → 26,40 €
    await eventually(() => gridCell(page, GRID, 'securite||jeune-actif||month', 'new')).toBe(`${eur('26,40')} par mois`);
    await openTab(page, 'Tarifs');
    const tarifs = page.locator('#vue-tarifs');
    await tarifs.getByLabel('Produit').selectOption('interiale-cdg-sante');
    await eventually(async () => (await tarifs.getByLabel('Comparer avec').locator('option').allTextContents()).some((t) => t.startsWith('revision-2027-01-01'))).toBe(true);
    await tarifs.getByLabel('Version', { exact: true }).selectOption('2026');
    await tarifs.getByLabel('Comparer avec').selectOption('revision-2027-01-01');
    await eventually(() => gridCell(page, '#tarifs-grille', 'jeune-actif', 'securite||:apres')).toBe(eur('26,40'));
    expect(app.problems).toEqual([]);
  });
});
