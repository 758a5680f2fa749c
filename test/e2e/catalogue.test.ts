import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gridCell, gridRowIds, launchApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.close();
});

const GRID = '#catalogue-grille';

describe('Catalogue', () => {
  it('lists the nine products with insurer, formulas and versions, and searches them', async () => {
    const { page } = app;
    await eventually(async () => (await gridRowIds(page, GRID)).length).toBe(9);
    expect(await gridCell(page, GRID, 'interiale-cdg-sante', 'insurer')).toBe('INTÉRIALE');
    expect(await gridCell(page, GRID, 'interiale-cdg-sante', 'versions')).toBe('2025, 2026');
    expect(await gridCell(page, GRID, 'interiale-cdg-sante', 'formulas')).toBe('Sécurité, Essentielle, Renforcée');
    await page.getByLabel('Rechercher').fill('ima assurances');
    await eventually(async () => (await gridRowIds(page, GRID)).sort()).toEqual(['assurbp-sante-assistance', 'bpce-mav-assistance', 'interiale-assistance', 'mie-assistance', 'slm-assistance']);
    await page.getByLabel('Rechercher').fill('');
    await eventually(async () => (await gridRowIds(page, GRID)).length).toBe(9);
  });

  it('opens a product from the keyboard: its guarantees and their sources', async () => {
    const { page } = app;
    await page.locator(`${GRID} .ag-row[row-id="mie-assistance"] [col-id="name"]`).first().focus();
    await page.keyboard.press('Enter');
    const detail = page.locator('.product-detail');
    await eventually(() => detail.locator('h3').first().innerText()).toMatch(/Assistance Santé MIE/);
    await eventually(() => detail.locator('.grid-guarantees .ag-row').count()).toBeGreaterThan(5);
    await detail.locator('.grid-guarantees .ag-row [col-id="text"]', { hasText: '15 h sur 2 semaines' }).first().click();
    // seed 000 art. 3.1: the quote behind "15 h sur 2 semaines"
    await eventually(() => detail.locator('.source-panel').innerText()).toMatch(/art\. 3\.1[\s\S]*«[\s\S]*15 heures/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('catalogue');
  });

  it('moves between views with the arrow keys on the tabs, and from a product to its comparison', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Catalogue' }).focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => page.getByRole('tab', { name: 'Comparaison' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('onglet-comparaison');
    expect(await page.locator('#vue-catalogue').isHidden()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await eventually(() => page.locator('#vue-catalogue').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Comparer ce produit' }).click();
    await eventually(() => gridRowIds(page, '#comparaison-grille')).toContain('assistance.aide_domicile.hospitalisation');
    expect(await page.locator('#comparaison-grille .ag-header-group-cell').first().innerText()).toMatch(/Assistance Santé MIE/);
    expect(app.problems).toEqual([]);
  });
});

describe('Catalogue that cannot be read', () => {
  it('says what is wrong and what to do, instead of an empty page', async () => {
    const broken = await launchApp({
      override: (method) => (method === 'catalogueList' ? Promise.resolve({ ok: false, error: { code: 'DB_NEWER', message: 'La base a été créée par une version plus récente de Grille.' } }) : undefined),
    });
    try {
      const error = broken.page.locator('.catalogue .notice-error');
      await eventually(() => error.innerText()).toMatch(/version plus récente de Grille\. \(DB_NEWER\) Relancez Grille ; si l’erreur persiste, « grille catalogue check »/);
      expect(await error.getAttribute('role')).toBe('alert');
    } finally {
      await broken.close();
    }
  });
});
