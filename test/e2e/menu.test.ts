/**
 * The native menus' commands, as the shell sends them on the menu channel: a view by its name, or an
 * action on the view shown (export, search, copy), and a clear word when a command does nothing there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gridRowIds, launchApp, openTab, TODAY, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.close();
});

const selectedTab = () => app.page.locator('[role="tab"][aria-selected="true"]').innerText();
const focusedId = () => app.page.evaluate(() => document.activeElement?.id ?? '');

describe('menu commands', () => {
  it('Affichage › a view opens its tab; Délibération opens the revision view at its deliberation section', async () => {
    await app.emit('menu', 'view:tarifs');
    await eventually(selectedTab).toBe('Tarifs');
    await app.emit('menu', 'view:remboursements');
    await eventually(selectedTab).toBe('Remboursements');
    await app.emit('menu', 'view:deliberation');
    await eventually(selectedTab).toBe('Révision / Délibération');
    await eventually(() => app.page.locator('#deliberation').evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    await app.emit('menu', 'view:catalogue');
    await eventually(selectedTab).toBe('Catalogue');
  });

  it('Rechercher… focuses the search field of the view shown', async () => {
    await app.emit('menu', 'find');
    await eventually(focusedId).toBe('catalogue-recherche');
  });

  it('Exporter…, Rechercher… and Copier la grille act on the comparison shown; nothing happens in a view without them, and the page says so', async () => {
    const { page } = app;
    await openTab(page, 'Comparaison');
    for (const id of ['mie-assistance', 'slm-assistance']) await page.locator(`.picker input[data-product="${id}"]`).check();
    await page.getByRole('button', { name: 'Comparer (2 colonnes)' }).click();
    await eventually(async () => (await gridRowIds(page, '#comparaison-grille')).length).toBeGreaterThan(5);
    await app.emit('menu', 'find');
    await eventually(focusedId).toBe('comparaison-filtre');
    await app.emit('menu', 'export');
    const file = join(app.exportsDir, `comparaison-${TODAY}.xlsx`);
    await eventually(() => existsSync(file)).toBe(true);
    expect(app.calls.filter((c) => c.method === 'exportComparison')).toHaveLength(1);
    await app.emit('menu', 'copyGrid');
    await eventually(() => page.locator('.comparaison .notice-ok').first().innerText()).toMatch(/Tableau copié/);

    await openTab(page, 'Remboursements');
    await app.emit('menu', 'copyGrid');
    await eventually(() => page.locator('.app-announce').innerText()).toMatch(/« Copier la grille » n’a pas d’effet dans la vue Remboursements/);
    await app.shot('menu-sans-effet');
    // a later command clears the word
    await app.emit('menu', 'view:catalogue');
    await eventually(() => page.locator('.app-announce').innerText()).toBe('');
    expect(app.calls.filter((c) => c.method === 'exportComparison')).toHaveLength(1);
    expect(app.problems).toEqual([]);
  });

  it('Importer… and « Annuler la dernière modification du catalogue » work from any view: they open the Catalogue and act there', async () => {
    const { page } = app;
    await openTab(page, 'Tarifs');
    await app.emit('menu', 'import');
    await eventually(selectedTab).toBe('Catalogue');
    await eventually(() => app.calls.filter((c) => c.method === 'pickImportFile').length).toBe(1);
    await openTab(page, 'Devis');
    await app.emit('menu', 'undoEdit');
    await eventually(selectedTab).toBe('Catalogue');
    // no product open: nothing to undo here, and the page says where to find it
    await eventually(() => page.locator('.app-announce').innerText()).toMatch(/Aucune modification à annuler ici[\s\S]*Ouvrez un produit dans le Catalogue/);
    expect(app.calls.filter((c) => c.method === 'undoEdit')).toHaveLength(0);
  });
});
