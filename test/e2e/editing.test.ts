/**
 * Editing the catalogue from the desktop, end to end over the real services: a guarantee with a cited
 * document (seen in the comparison and the history, then undone), a tariff cell, a value saved without
 * source (flagged in the comparison grid), a new product with a formula and a version, a guarantee added
 * to a new product and compared next to MIE's, a malformed
 * import refused with its places, and a package exported by the app imported into another catalogue.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MALFORMED_DIR } from '../fixtures/make-malformed';
import { ARTIFACTS, eventually, gridCell, gridRowIds, launchApp, openTab, type App } from './harness';

let app: App;
/** what the open dialog returns next (null: cancelled) */
let nextFile: string | null = null;

beforeAll(async () => {
  app = await launchApp({ openFile: () => nextFile });
});
afterAll(async () => {
  await app?.close();
});

const NBSP = '\u00a0';
const CATALOGUE = '#catalogue-grille';
const COMPARISON = '#comparaison-grille';
const TARIFFS = '#tarifs-grille';
const HOSPITAL = 'assistance.aide_domicile.hospitalisation';
const IMA = ['mie-assistance', 'slm-assistance', 'interiale-assistance'];

const dialog = (page: Page): Locator => page.locator('dialog[open]');

/** A dialog as the person sees it: the window, not the whole page behind it. */
async function shotDialog(target: App, name: string): Promise<void> {
  await target.page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

async function openProduct(page: Page, id: string): Promise<Locator> {
  await openTab(page, 'Catalogue');
  await eventually(async () => (await gridRowIds(page, CATALOGUE)).includes(id)).toBe(true);
  await page.locator(`${CATALOGUE} .ag-row[row-id="${id}"] [col-id="name"]`).first().click();
  const detail = page.locator('.product-detail');
  await eventually(() => detail.locator('.grid-guarantees .ag-row, .muted').count()).toBeGreaterThan(0);
  return detail;
}

/** The comparison column of a product, from the request the page sent last. */
function col(productId: string): string {
  const request = [...app.calls].reverse().find((c) => c.method === 'compare')!.args[0] as { columns: { productId: string }[] };
  return `c${request.columns.findIndex((c) => c.productId === productId)}`;
}

async function compareIma(page: Page): Promise<void> {
  await openTab(page, 'Comparaison');
  await eventually(() => page.locator('.picker input[data-product="mie-assistance"]').count()).toBeGreaterThan(0);
  for (const id of IMA) await page.locator(`.picker input[data-product="${id}"]`).check();
  await page.locator('#comparaison-lancer').click();
  await eventually(async () => (await gridRowIds(page, COMPARISON)).includes(HOSPITAL)).toBe(true);
}

describe('Editing the catalogue', () => {
  it('edits the MIE home help after hospitalisation (15 h → 20 h) with a cited document: checked fields, the main process’s refusal kept in the dialog', async () => {
    const { page } = app;
    const detail = await openProduct(page, 'mie-assistance');
    // seed 000 art. 3.1 (l. 240-242): "ne pourra excéder 15 heures réparties sur une période maximale de 2 semaines"
    await detail.locator('.grid-guarantees .ag-row [col-id="text"]', { hasText: '15 h sur 2 semaines' }).first().click();
    await eventually(() => detail.locator('.source-panel').innerText()).toMatch(/15 heures/);
    await detail.getByRole('button', { name: 'Modifier cette garantie' }).click();
    const dlg = dialog(page);
    await eventually(() => dlg.locator('h2').innerText()).toBe('Modifier la garantie « 3.1 Aide à domicile »');
    // the first field has the focus; the current values are filled in
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await dlg.getByLabel('Valeur', { exact: true }).inputValue()).toBe('15 h sur 2 semaines max., pas de minimum par intervention');
    expect(await dlg.getByLabel('Heures', { exact: true }).inputValue()).toBe('15');
    expect(await dlg.getByLabel('Période (jours)').inputValue()).toBe('14');
    expect(await dlg.getByLabel('Garder la source actuelle').isChecked()).toBe(true);
    await shotDialog(app, 'edition-garantie-dialogue');

    await dlg.getByLabel('Valeur', { exact: true }).fill('20 h sur 2 semaines max., pas de minimum par intervention');
    await dlg.getByLabel('Heures', { exact: true }).fill('20');
    await dlg.getByLabel('Citer un document').check();
    await dlg.getByLabel('Commentaire').fill('Avenant 2026 reçu du courtier');
    // the missing document fields are said next to them, nothing is sent
    const editsBefore = app.calls.filter((c) => c.method === 'editCatalogue').length;
    await dlg.getByRole('button', { name: 'Enregistrer' }).click();
    await eventually(() => dlg.locator('.field-error').allInnerTexts()).toEqual([
      'Document : indiquez le fichier ou le titre du document cité.',
      'Article / section : indiquez où se trouve la valeur, ex. art. 3.1.',
      'Lignes ou pages — de : numéro de ligne ou de page attendu (1 ou plus).',
      'Lignes ou pages — à : numéro de ligne ou de page attendu (1 ou plus).',
      'Citation : recopiez la phrase du document qui donne la valeur.',
    ]);
    expect(app.calls.filter((c) => c.method === 'editCatalogue').length).toBe(editsBefore);
    expect(await dlg.getByLabel('Document', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await shotDialog(app, 'edition-garantie-erreurs');

    await dlg.getByLabel('Document', { exact: true }).fill('avenant-2026-mie.pdf');
    await dlg.getByLabel('Article / section').fill('art. 3.1 Aide à domicile');
    await dlg.getByLabel('Lignes ou pages : de').fill('12');
    await dlg.getByLabel('Lignes ou pages : à').fill('13');
    // a quote that does not show 20: the main process refuses, the dialog stays open with its message
    await dlg.getByLabel('Citation').fill('réparties sur une période maximale de 2 semaines');
    await dlg.getByRole('button', { name: 'Enregistrer' }).click();
    await eventually(() => dlg.locator('.dialog-alert').innerText()).toMatch(/20\sh n’apparaît pas dans la citation[\s\S]*Rien n’a été enregistré/);
    expect(await dlg.isVisible()).toBe(true);
    await shotDialog(app, 'edition-garantie-refus');

    await dlg.getByLabel('Citation').fill('ne pourra excéder 20 heures réparties sur une période maximale de 2 semaines');
    await dlg.getByRole('button', { name: 'Enregistrer' }).click();
    await eventually(() => dlg.count()).toBe(0);
    await eventually(() => page.locator('#grille-confirmation').innerText()).toMatch(/Modification enregistrée : Garantie n°6 « 3\.1 Aide à domicile »/);
    await eventually(() => detail.locator('.grid-guarantees .ag-row [col-id="text"]', { hasText: '20 h sur 2 semaines' }).count()).toBe(1);
    await app.shot('edition-garantie-enregistree');
  });

  it('shows the new value in the comparison grid, with its cited document', async () => {
    const { page } = app;
    await compareIma(page);
    await eventually(() => gridCell(page, COMPARISON, HOSPITAL, col('mie-assistance'))).toMatch(/20 h sur 2 semaines/);
    expect(await gridCell(page, COMPARISON, HOSPITAL, col('slm-assistance'))).toMatch(/30 h sur 30 jours/);
    await page.locator(`${COMPARISON} .ag-row[row-id="${HOSPITAL}"] [col-id="${col('mie-assistance')}"]`).first().click();
    await eventually(() => page.locator('.comparaison .source-panel').innerText()).toMatch(/avenant-2026-mie\.pdf · art\. 3\.1 Aide à domicile · l\. 12–13[\s\S]*20 heures/);
  });

  it('lists the change in the product’s history, undoes it and reads 15 h again', async () => {
    const { page } = app;
    const detail = await openProduct(page, 'mie-assistance');
    const history = detail.locator('.history');
    const first = history.locator('tbody tr').first();
    await eventually(() => first.innerText()).toMatch(/« 15 h sur 2 semaines max\., pas de minimum par intervention » → « 20 h sur 2 semaines/);
    expect(await first.innerText()).toMatch(/Avenant 2026 reçu du courtier/);
    // the change is read once, in the main process's text: no column repeats old → new
    await eventually(() => history.locator('thead th').allInnerTexts()).toEqual(['Date', 'Modification', 'Commentaire', 'État']);
    expect((await first.innerText()).split('→')).toHaveLength(2);
    expect((await first.innerText()).match(/20 h sur 2 semaines/g)).toHaveLength(1);
    expect(await first.locator('td').first().innerText()).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    const undo = history.getByRole('button', { name: 'Annuler la dernière modification' });
    expect(await undo.isEnabled()).toBe(true);
    await history.scrollIntoViewIfNeeded();
    await app.shot('historique');
    await undo.click();
    const dlg = dialog(page);
    await eventually(() => dlg.innerText()).toMatch(/Annuler la dernière modification \?[\s\S]*15 h sur 2 semaines/);
    await shotDialog(app, 'historique-annuler-dialogue');
    await dlg.getByRole('button', { name: 'Annuler la modification' }).click();
    await eventually(() => dlg.count()).toBe(0);
    await eventually(() => page.locator('#grille-confirmation').innerText()).toMatch(/Modification annulée : Annulation : Garantie n°6/);
    await eventually(() => detail.locator('.grid-guarantees .ag-row[row-index="5"] [col-id="text"]').first().innerText()).toBe('15 h sur 2 semaines max., pas de minimum par intervention');
    await eventually(() => detail.locator('.history tbody tr').count()).toBe(2);
    expect(await detail.locator('.history tr.history-undone').innerText()).toMatch(/20 h sur 2 semaines[\s\S]*annulée/);
    expect(await detail.getByRole('button', { name: 'Annuler la dernière modification' }).isDisabled()).toBe(true);
    // the comparison on screen is asked again: 15 h
    await openTab(page, 'Comparaison');
    await eventually(() => gridCell(page, COMPARISON, HOSPITAL, col('mie-assistance'))).toMatch(/^▼\s*15 h sur 2 semaines/);
  });

  it('edits a tariff cell of the Intériale table (Entrée on the cell) and reads the new amount', async () => {
    const { page } = app;
    await openTab(page, 'Tarifs');
    await page.getByLabel('Produit', { exact: true }).selectOption('interiale-cdg-sante');
    await eventually(() => gridCell(page, TARIFFS, 'jeune-actif', 'securite||:apres')).toBe(`25,14${NBSP}€`);
    const cell = page.locator(`${TARIFFS} .ag-row[row-id="jeune-actif"] [col-id="securite||:apres"]`).first();
    await cell.click();
    await page.keyboard.press('Enter');
    const dlg = dialog(page);
    await eventually(() => dlg.locator('.lead').innerText()).toMatch(/version 2026 .*Sécurité — Jeunes actifs jusqu'à 35 ans/);
    const amount = dlg.getByLabel('Montant (€ par mois)');
    expect(await amount.inputValue()).toBe('25,14');
    await amount.fill('25,5x');
    await dlg.getByRole('button', { name: 'Enregistrer' }).click();
    await eventually(() => dlg.locator('.field-error').first().innerText()).toMatch(/^Montant « 25,5x » : montant illisible/);
    await amount.fill('25,62');
    await dlg.getByLabel('Citer un document').check();
    await dlg.getByLabel('Document', { exact: true }).fill('avenant-4-cdg.pdf');
    await dlg.getByLabel('Article / section').fill('Annexe 1 — cotisations 2026');
    await dlg.getByLabel('Lignes ou pages : de').fill('3');
    await dlg.getByLabel('Lignes ou pages : à').fill('3');
    await dlg.getByLabel('Citation').fill('Sécurité 25,62 € 36,06 € 14,33 €');
    await dlg.getByLabel('Commentaire').fill('Correctif de l’assureur');
    await shotDialog(app, 'edition-tarif-dialogue');
    await dlg.getByRole('button', { name: 'Enregistrer' }).click();
    await eventually(() => dlg.count()).toBe(0);
    // the versions on screen stay (2025 vs 2026); the amount and its Δ are the new ones
    await eventually(() => gridCell(page, TARIFFS, 'jeune-actif', 'securite||:apres')).toBe(`25,62${NBSP}€`);
    expect(await gridCell(page, TARIFFS, 'jeune-actif', 'securite||:avant')).toBe(`23,74${NBSP}€`);
    expect(await gridCell(page, TARIFFS, 'jeune-actif', 'securite||:de')).toBe(`+1,88${NBSP}€`);
    expect(await page.locator('#grille-confirmation').innerText()).toMatch(/25,14.€ → 25,62.€/);

    // « Modifier la cellule » on the focused cell, saved without source: the cell is flagged
    await page.locator(`${TARIFFS} .ag-row[row-id="actif"] [col-id="securite||:apres"]`).first().click();
    await page.getByRole('button', { name: 'Modifier la cellule' }).click();
    await eventually(() => dlg.locator('.lead').innerText()).toMatch(/Sécurité — Actifs de plus de 35 ans/);
    await dlg.getByLabel('Montant (€ par mois)').fill('36,50');
    await dlg.getByLabel('Sans source (la valeur sera signalée)').check();
    await dlg.getByRole('button', { name: 'Enregistrer' }).click();
    await eventually(() => dlg.count()).toBe(0);
    const flagged = page.locator(`${TARIFFS} .ag-row[row-id="actif"] [col-id="securite||:apres"] .unsourced`).first();
    await eventually(() => flagged.count()).toBe(1);
    expect(await flagged.getAttribute('title')).toBe('Valeur saisie sans document : à vérifier.');
    // a narrow column: the icon on screen, the words for screen readers
    expect(await flagged.locator('.unsourced-icon').innerText()).toBe('⚠');
    expect(await flagged.locator('.unsourced-text.sr-only').textContent()).toBe('sans source');
    expect((await flagged.boundingBox())!.width).toBeLessThan(30);
    expect(await gridCell(page, TARIFFS, 'actif', 'securite||:apres')).toMatch(new RegExp(`^36,50${NBSP}€`));
    // the cell of 25,62 € keeps its cited document: no flag
    expect(await page.locator(`${TARIFFS} .ag-row[row-id="jeune-actif"] [col-id="securite||:apres"] .unsourced`).count()).toBe(0);
    await app.shot('tarifs-apres-edition');
  });

  it('saves a value « sans source »: flagged in the comparison grid, the product detail and the source panel', async () => {
    const { page } = app;
    const detail = await openProduct(page, 'slm-assistance');
    // guarantee n°7 (index 6) of the SLM notice, art. 3.1: "ne pourra excéder 30 heures … sur une période maximale de 30 jours"
    await eventually(() => detail.locator('.grid-guarantees .ag-row[row-index="6"] [col-id="text"]').first().innerText()).toBe('30 h sur 30 jours max., 2 h minimum par intervention');
    await detail.locator('.grid-guarantees .ag-row[row-index="6"] [col-id="edit"] button').click();
    const dlg = dialog(page);
    await eventually(() => dlg.locator('h2').innerText()).toMatch(/^Modifier la garantie/);
    await dlg.getByLabel('Valeur', { exact: true }).fill('25 h sur 30 jours max., 2 h minimum par intervention');
    await dlg.getByLabel('Heures', { exact: true }).fill('25');
    await dlg.getByLabel('Sans source (la valeur sera signalée)').check();
    await dlg.getByLabel('Commentaire').fill('Téléphone de l’assureur, à confirmer');
    await dlg.getByRole('button', { name: 'Enregistrer' }).click();
    await eventually(() => dlg.count()).toBe(0);
    await eventually(() => detail.locator('.grid-guarantees .unsourced').count()).toBe(1);
    expect(await detail.locator('.grid-guarantees .unsourced').getAttribute('title')).toBe('Valeur saisie sans document : à vérifier.');

    await openTab(page, 'Comparaison');
    const slm = page.locator(`${COMPARISON} .ag-row[row-id="${HOSPITAL}"] [col-id="${col('slm-assistance')}"]`).first();
    await eventually(() => slm.innerText()).toMatch(/sans source[\s\S]*25 h sur 30 jours/);
    expect(await slm.locator('.unsourced').getAttribute('title')).toBe('Valeur saisie sans document : à vérifier.');
    // MIE's cell keeps its document: no flag
    expect(await page.locator(`${COMPARISON} .ag-row[row-id="${HOSPITAL}"] [col-id="${col('mie-assistance')}"] .unsourced`).count()).toBe(0);
    await slm.click();
    await eventually(() => page.locator('.comparaison .source-panel').innerText()).toMatch(/sans source[\s\S]*Valeur saisie dans Grille sans document : à vérifier/);
    await app.shot('comparaison-sans-source');
  });

  it('adds a product with a formula and a version, renames its formula, and finds it in the Catalogue', async () => {
    const { page } = app;
    await openTab(page, 'Catalogue');
    await page.getByRole('button', { name: 'Nouveau produit' }).click();
    const dlg = dialog(page);
    await eventually(() => dlg.locator('h2').innerText()).toBe('Nouveau produit');
    // nothing filled: every missing field says so, nothing is sent
    await dlg.getByRole('button', { name: 'Créer le produit' }).click();
    await eventually(() => dlg.locator('.field-error').count()).toBeGreaterThanOrEqual(6);
    expect(await dlg.locator('.field-error').allInnerTexts()).toEqual(
      expect.arrayContaining(['Nom du produit : ce champ est obligatoire.', 'Date d’effet : indiquez une date (JJ/MM/AAAA).', 'Document : indiquez le fichier ou le titre du document cité.']),
    );
    await shotDialog(app, 'nouveau-produit-erreurs');
    await dlg.getByLabel('Nom du produit').fill('Santé Essai Courtier');
    expect(await dlg.getByLabel('Identifiant').inputValue()).toBe('sante-essai-courtier');
    await dlg.getByLabel('Assureur', { exact: true }).selectOption({ label: 'Nouvel assureur…' });
    await dlg.getByLabel('Nom du nouvel assureur').fill('MUTUELLE ESSAI');
    await dlg.getByLabel('Libellé de la formule').fill('Formule unique');
    await dlg.getByLabel('Code de la version').fill('2026');
    await dlg.getByLabel('Libellé de la version').fill('Conditions générales 2026');
    await dlg.getByLabel('Date d’effet').fill('01/01/2026');
    await dlg.getByLabel('Sans source (la valeur sera signalée)').check();
    await dlg.getByLabel('Commentaire').fill('Offre reçue par courriel');
    await shotDialog(app, 'nouveau-produit-dialogue');
    await dlg.getByRole('button', { name: 'Créer le produit' }).click();
    await eventually(() => dlg.count()).toBe(0);
    const detail = page.locator('.product-detail');
    await eventually(() => detail.locator('h3').first().innerText()).toBe('Santé Essai Courtier');

    await detail.getByRole('button', { name: 'Ajouter une formule' }).click();
    await dlg.getByLabel('Code', { exact: true }).fill('renforcee');
    await dlg.getByLabel('Libellé', { exact: true }).fill('Renforcée');
    await dlg.getByLabel('Sans source (la valeur sera signalée)').check();
    await shotDialog(app, 'ajout-formule-dialogue');
    await dlg.getByRole('button', { name: 'Ajouter' }).click();
    await eventually(() => dlg.count()).toBe(0);
    await eventually(() => detail.locator('table.formulas').innerText()).toMatch(/renforcee\s+⚠\s*sans source\s+Renforcée/);

    await detail.getByRole('button', { name: 'Ajouter une version' }).click();
    await dlg.getByLabel('Code', { exact: true }).fill('2027');
    await dlg.getByLabel('Libellé', { exact: true }).fill('Conditions générales 2027');
    await dlg.getByLabel('Date d’effet').fill('31/12/2026');
    await dlg.getByLabel('Date de fin (facultatif)').fill('01/01/2026');
    await dlg.getByLabel('Sans source (la valeur sera signalée)').check();
    await dlg.getByRole('button', { name: 'Ajouter' }).click();
    await eventually(() => dlg.locator('.field-error').innerText()).toBe('Date de fin : le 01/01/2026 est avant la date d’effet (31/12/2026).');
    await dlg.getByLabel('Date de fin (facultatif)').fill('');
    await dlg.getByLabel('Date d’effet').fill('01/01/2027');
    await shotDialog(app, 'ajout-version-dialogue');
    await dlg.getByRole('button', { name: 'Ajouter' }).click();
    await eventually(() => dlg.count()).toBe(0);

    await detail.getByRole('button', { name: 'Renommer la formule Formule unique' }).click();
    await dlg.getByLabel('Nouveau libellé').fill('Formule de base');
    await shotDialog(app, 'renommer-formule-dialogue');
    await dlg.getByRole('button', { name: 'Renommer' }).click();
    await eventually(() => dlg.count()).toBe(0);

    await eventually(() => gridCell(page, CATALOGUE, 'sante-essai-courtier', 'formulas')).toBe('Formule de base, Renforcée');
    expect(await gridCell(page, CATALOGUE, 'sante-essai-courtier', 'versions')).toBe('2026, 2027');
    expect(await gridCell(page, CATALOGUE, 'sante-essai-courtier', 'insurer')).toBe('MUTUELLE ESSAI');
    // the version 2026 was closed the day before 2027; every value keyed in without source is flagged
    await eventually(() => detail.locator('table.versions tbody tr').first().innerText()).toMatch(/^2026\s+⚠\s*sans source\s+Conditions générales 2026\s+01\/01\/2026\s+31\/12\/2026/);
    expect(await detail.locator('table.formulas .unsourced, table.versions .unsourced').count()).toBe(4);
    await eventually(() => detail.locator('.history tbody tr').count()).toBe(4);
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('catalogue-nouveau-produit');
    expect(app.problems).toEqual([]);
  });
});

describe('Adding a guarantee', () => {
  const ESSAI = 'assistance-essai-courtier';
  // a quote from the offer the broker received: every number of the value is read in it
  const QUOTE = 'une aide à domicile dans la limite de 20 heures réparties sur une période de 30 jours';

  it('adds an assistance product, then its home help after hospitalisation from the taxonomy, citing the offer', async () => {
    const { page } = app;
    await openTab(page, 'Catalogue');
    await page.getByRole('button', { name: 'Nouveau produit' }).click();
    const dlg = dialog(page);
    await dlg.getByLabel('Nom du produit').fill('Assistance Essai Courtier');
    expect(await dlg.getByLabel('Identifiant').inputValue()).toBe(ESSAI);
    await dlg.getByLabel('Type', { exact: true }).selectOption({ label: 'Assistance' });
    await dlg.getByLabel('Assureur', { exact: true }).selectOption({ label: 'Nouvel assureur…' });
    await dlg.getByLabel('Nom du nouvel assureur').fill('ASSISTANCE ESSAI');
    await dlg.getByLabel('Libellé de la formule').fill('Formule unique');
    await dlg.getByLabel('Code de la version').fill('2026');
    await dlg.getByLabel('Libellé de la version').fill('Offre 2026');
    await dlg.getByLabel('Date d’effet').fill('01/01/2026');
    await dlg.getByLabel('Sans source (la valeur sera signalée)').check();
    await dlg.getByRole('button', { name: 'Créer le produit' }).click();
    await eventually(() => dlg.count()).toBe(0);
    const detail = page.locator('.product-detail');
    await eventually(() => detail.locator('h3').first().innerText()).toBe('Assistance Essai Courtier');
    expect(await detail.locator('h4', { hasText: /^Garanties/ }).innerText()).toBe('Garanties (0)');

    await detail.getByRole('button', { name: 'Ajouter une garantie' }).click();
    await eventually(() => dlg.locator('h2').innerText()).toBe('Ajouter une garantie');
    const category = dlg.getByLabel('Catégorie', { exact: true });
    // the category select has the focus; the taxonomy is grouped by its top level, in French
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    expect(await category.locator('optgroup').evaluateAll((l) => l.map((g) => (g as HTMLOptGroupElement).label))).toEqual(
      expect.arrayContaining(['Santé', 'Assistance', 'Accidents de la vie', 'Prévoyance', 'Réseau de soins', 'Services']),
    );
    // a child is indented under its parent: « Aide à domicile » then « Aide à domicile après hospitalisation »
    const options = await category.locator('optgroup[label="Assistance"] option').evaluateAll((l) => l.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']));
    const at = (key: string) => options.findIndex(([k]) => k === key);
    expect(options[at('assistance.aide_domicile')]![1]).toBe('\u00a0'.repeat(3) + 'Aide à domicile');
    expect(options[at(HOSPITAL)]![1]).toBe('\u00a0'.repeat(6) + 'Aide à domicile après hospitalisation');
    expect(at(HOSPITAL)).toBe(at('assistance.aide_domicile') + 1);
    // nothing chosen: each missing field says so, nothing is sent
    const editsBefore = app.calls.filter((c) => c.method === 'editCatalogue').length;
    await dlg.getByRole('button', { name: 'Ajouter la garantie' }).click();
    await eventually(() => dlg.locator('.field-error').allInnerTexts()).toEqual(
      expect.arrayContaining(['Catégorie : choisissez la catégorie de la garantie dans la liste.', 'Libellé : ce champ est obligatoire.', 'Valeur : ce champ est obligatoire.']),
    );
    expect(app.calls.filter((c) => c.method === 'editCatalogue').length).toBe(editsBefore);

    // the label follows the category until the person writes their own
    await category.selectOption(HOSPITAL);
    expect(await dlg.getByLabel('Libellé', { exact: true }).inputValue()).toBe('Aide à domicile après hospitalisation');
    await dlg.getByLabel('Libellé', { exact: true }).fill('Art. 2 Aide à domicile');
    // « toutes » by default: the product's formula and version are there, disabled until « toutes » is unchecked
    expect(await dlg.getByLabel('Toutes les formules').isChecked()).toBe(true);
    expect(await dlg.getByLabel('Formule unique (base)').isDisabled()).toBe(true);
    expect(await dlg.getByLabel('Toutes les versions').isChecked()).toBe(true);
    expect(await dlg.getByLabel('Offre 2026 (2026)').isDisabled()).toBe(true);
    await dlg.getByLabel('Valeur', { exact: true }).fill('20 h sur 30 jours max.');
    expect(await dlg.getByLabel('Statut').inputValue()).toBe('covered');
    const adder = dlg.getByLabel('Ajouter une quantité comparable');
    await adder.selectOption({ label: 'Heures' });
    await dlg.locator('.quantity-add button').click();
    await dlg.getByLabel('Heures', { exact: true }).fill('20');
    await adder.selectOption({ label: 'Période (jours)' });
    await dlg.locator('.quantity-add button').click();
    await dlg.getByLabel('Période (jours)').fill('30');
    await dlg.getByLabel('Conditions').fill('Hospitalisation de plus de 2 jours');
    expect(await dlg.getByLabel('Citer un document').isChecked()).toBe(true);
    await dlg.getByLabel('Document', { exact: true }).fill('offre-assistance-essai.pdf');
    await dlg.getByLabel('Article / section').fill('art. 2 Aide à domicile');
    await dlg.getByLabel('Lignes ou pages : de').fill('14');
    await dlg.getByLabel('Lignes ou pages : à').fill('15');
    // a quote without the 30 days: the main process refuses, the dialog stays open with its message
    await dlg.getByLabel('Citation').fill('une aide à domicile dans la limite de 20 heures');
    await dlg.getByLabel('Commentaire').fill('Offre reçue du courtier');
    await dlg.getByRole('button', { name: 'Ajouter la garantie' }).click();
    await eventually(() => dlg.locator('.dialog-alert').innerText()).toMatch(/sur\s30\sjours n’apparaît pas dans la citation[\s\S]*Rien n’a été enregistré/);
    await dlg.getByLabel('Citation').fill(QUOTE);
    // the refusal spoke of the quote sent: dimmed once the quote is changed
    expect(await dlg.locator('.dialog-alert').getAttribute('class')).toMatch(/\bstale\b/);
    expect(await dlg.locator('.field:has(select.category-select) > .hint').innerText()).toBe('Ligne de la comparaison : Assistance › Aide à domicile › Aide à domicile après hospitalisation.');
    await dlg.locator('.dialog-body').evaluate((b) => b.scrollTo(0, 0));
    await shotDialog(app, 'ajout-garantie-dialogue');
    await dlg.locator('.dialog-body').evaluate((b) => b.scrollTo(0, b.scrollHeight));
    await shotDialog(app, 'ajout-garantie-dialogue-source');
    await dlg.getByRole('button', { name: 'Ajouter la garantie' }).click();
    await eventually(() => dlg.count()).toBe(0);
    await eventually(() => page.locator('#grille-confirmation').innerText()).toMatch(/Modification enregistrée : Ajout de la garantie n°1 « Art\. 2 Aide à domicile » \(assistance\.aide_domicile\.hospitalisation\)/);
    // the detail is read again: the guarantee, its category in French, its source
    await eventually(() => detail.locator('h4', { hasText: /^Garanties/ }).innerText()).toBe('Garanties (1)');
    await eventually(() => gridCell(page, '.product-detail .grid-guarantees', '0', 'text')).toBe('20 h sur 30 jours max.');
    expect(await gridCell(page, '.product-detail .grid-guarantees', '0', 'category')).toBe('Aide à domicile après hospitalisation');
    expect(await gridCell(page, '.product-detail .grid-guarantees', '0', 'formulas')).toBe('toutes');
    expect(await gridCell(page, '.product-detail .grid-guarantees', '0', 'source')).toBe('art. 2 Aide à domicile (l. 14–15)');
    await eventually(() => detail.locator('.history tbody tr').first().innerText()).toMatch(/Ajout de la garantie n°1[\s\S]*Offre reçue du courtier/);
    await app.shot('ajout-garantie-fiche');
  });

  it('compares it next to MIE in the Comparaison tab: its value in the grid, ranked, with its cited document', async () => {
    const { page } = app;
    await openTab(page, 'Comparaison');
    const pickerBox = page.locator('.picker-box');
    if (!(await pickerBox.evaluate((d) => (d as HTMLDetailsElement).open))) await pickerBox.locator('> summary').click();
    await page.getByRole('button', { name: 'Tout désélectionner' }).click();
    await eventually(() => page.locator(`.picker input[data-product="${ESSAI}"]`).count()).toBe(1);
    await page.locator(`.picker input[data-product="${ESSAI}"]`).check();
    await page.locator('.picker input[data-product="mie-assistance"]').check();
    await page.locator('#comparaison-lancer').click();
    await eventually(async () => (await gridRowIds(page, COMPARISON)).includes(HOSPITAL)).toBe(true);
    // 20 h over 30 days against MIE's 15 h over 2 weeks (seed 000, art. 3.1): the new offer is the better column
    await eventually(() => gridCell(page, COMPARISON, HOSPITAL, col(ESSAI))).toMatch(/^▲\s*20 h sur 30 jours max\./);
    await eventually(() => gridCell(page, COMPARISON, HOSPITAL, col('mie-assistance'))).toMatch(/^▼\s*15 h sur 2 semaines max\./);
    // a row the new product says nothing about: « non précisé »
    await eventually(() => gridCell(page, COMPARISON, 'assistance.conseil_social', col(ESSAI))).toMatch(/non précisé/);
    await page.locator(`${COMPARISON} .ag-row[row-id="${HOSPITAL}"] [col-id="${col(ESSAI)}"]`).first().click();
    await eventually(() => page.locator('.comparaison .source-panel').innerText()).toMatch(/offre-assistance-essai\.pdf · art\. 2 Aide à domicile · l\. 14–15[\s\S]*20 heures réparties sur une période de 30 jours/);
    await app.shot('ajout-garantie-comparaison');
    expect(app.problems).toEqual([]);
  });
});

describe('Importing and exporting catalogue data', () => {
  it('refuses a malformed workbook: every problem with its sheet, row and column, nothing written', async () => {
    const { page } = app;
    await openTab(page, 'Catalogue');
    const count = (await gridRowIds(page, CATALOGUE)).length;
    // cancelled open dialog: nothing said, nothing asked
    nextFile = null;
    await page.getByRole('button', { name: 'Importer…' }).click();
    await eventually(() => app.calls.filter((c) => c.method === 'pickImportFile').length).toBe(1);
    expect(app.calls.some((c) => c.method === 'importCatalogue')).toBe(false);
    expect(await dialog(page).count()).toBe(0);

    nextFile = join(MALFORMED_DIR, 'xlsx-many-errors.xlsx');
    await page.getByRole('button', { name: 'Importer…' }).click();
    const dlg = dialog(page);
    await eventually(() => dlg.locator('h2').innerText()).toBe('xlsx-many-errors.xlsx ne peut pas être importé');
    const problems = dlg.locator('.import-problems li');
    expect(await dlg.locator('.notice-error').innerText()).toMatch(/4 problèmes : rien n’a été écrit\. Corrigez le fichier/);
    expect(await problems.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^xlsx-many-errors\.xlsx, feuille tarifs, ligne 3, colonne \w+ \(segment\)\s+.*segment senior inconnu/)]),
    );
    expect(await problems.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/feuille segments, ligne 2, colonne \w+ \(âge min\)\s+.*dix-huit/)]));
    expect(await dlg.getByRole('button', { name: 'Importer' }).count()).toBe(0);
    await shotDialog(app, 'import-problemes');
    await page.keyboard.press('Escape');
    await eventually(() => dlg.count()).toBe(0);
    await eventually(() => page.locator('.catalogue .notice-error').innerText()).toMatch(/xlsx-many-errors\.xlsx : 4 problèmes, rien n’a été écrit/);
    // only the dry run was asked
    expect(app.calls.filter((c) => c.method === 'importCatalogue').map((c) => (c.args[0] as { dryRun: boolean }).dryRun)).toEqual([true]);
    expect((await gridRowIds(page, CATALOGUE)).length).toBe(count);
  });

  it('asks where a CSV tariff table goes, then lists its problems by line and column', async () => {
    const { page } = app;
    nextFile = join(MALFORMED_DIR, 'csv-unknown-segment.csv');
    await page.getByRole('button', { name: 'Importer…' }).click();
    const dlg = dialog(page);
    await eventually(() => dlg.locator('h2').innerText()).toBe('Table de tarifs csv-unknown-segment.csv');
    await dlg.getByLabel('Produit', { exact: true }).selectOption('interiale-cdg-sante');
    await dlg.getByLabel('Version', { exact: true }).fill('2027');
    await dlg.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await eventually(() => dlg.locator('.field-error').innerText()).toMatch(/^Date d’effet : indiquez une date \(JJ\/MM\/AAAA\)\. Elle est obligatoire pour une nouvelle version\.$/);
    await dlg.getByLabel('Date d’effet (nouvelle version)').fill('01/01/2027');
    // seed 003, Annexe 1: the table's source
    await dlg.getByLabel('Document', { exact: true }).fill('003_7b883febf65126a3.txt');
    await dlg.getByLabel('Article / section').fill('Annexe 1 – Cotisations');
    await dlg.getByLabel('Lignes ou pages : de').fill('220');
    await dlg.getByLabel('Lignes ou pages : à').fill('228');
    await dlg.getByLabel('Citation').fill('Sécurité 25,14 € 36,06 € 14,33 €');
    await shotDialog(app, 'import-csv-dialogue');
    await dlg.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await eventually(() => dlg.locator('h2').innerText()).toBe('csv-unknown-segment.csv ne peut pas être importé');
    expect(await dlg.locator('.import-problems li').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^csv-unknown-segment\.csv, ligne 2, colonne segment\s+segment senior inconnu/)]));
    const request = app.calls.filter((c) => c.method === 'importCatalogue').at(-1)!.args[0] as { dryRun: boolean; csv: unknown };
    expect(request.dryRun).toBe(true);
    expect(request.csv).toEqual({
      productId: 'interiale-cdg-sante',
      version: '2027',
      effectiveFrom: '2027-01-01',
      period: 'mois',
      source: { file: '003_7b883febf65126a3.txt', section: 'Annexe 1 – Cotisations', lines: [220, 228], quote: 'Sécurité 25,14 € 36,06 € 14,33 €' },
    });
    await dlg.getByRole('button', { name: 'Fermer' }).click();
    await eventually(() => dlg.count()).toBe(0);
  });

  it('exports the new product as a JSON package and as a workbook', async () => {
    const { page } = app;
    const detail = await openProduct(page, 'sante-essai-courtier');
    await eventually(() => detail.locator('h3').first().innerText()).toBe('Santé Essai Courtier');
    await page.getByRole('button', { name: 'Exporter le catalogue…' }).click();
    const dlg = dialog(page);
    await eventually(() => dlg.locator('h2').innerText()).toBe('Exporter le catalogue');
    // the product open is the one proposed
    expect(await dlg.getByLabel('Les produits choisis').isChecked()).toBe(true);
    expect(await dlg.locator('.export-products input:checked').evaluateAll((l) => l.map((e) => (e as HTMLElement).dataset.product))).toEqual(['sante-essai-courtier']);
    await dlg.getByLabel('Paquet JSON (.json) — la copie exacte, pour un autre poste').check();
    await shotDialog(app, 'export-dialogue');
    await dlg.getByRole('button', { name: 'Exporter…' }).click();
    await eventually(() => dlg.count()).toBe(0);
    await eventually(() => page.locator('.catalogue .notice-ok').innerText()).toMatch(/^Paquet JSON enregistré : .*sante-essai-courtier-2026-03-01\.json$/);
    const file = join(app.exportsDir, 'sante-essai-courtier-2026-03-01.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).products.map((p: { product: { id: string } }) => p.product.id)).toEqual(['sante-essai-courtier']);

    await page.getByRole('button', { name: 'Exporter le catalogue…' }).click();
    await dlg.getByLabel(/Tout le catalogue/).check();
    await dlg.getByRole('button', { name: 'Exporter…' }).click();
    await eventually(() => page.locator('.catalogue .notice-ok').innerText()).toMatch(/^Classeur enregistré : .*catalogue-2026-03-01\.xlsx$/);
    expect(existsSync(join(app.exportsDir, 'catalogue-2026-03-01.xlsx'))).toBe(true);
  });

  it('imports the exported package into another catalogue: the report, a comment, the backup, the product', async () => {
    const exported = join(app.exportsDir, 'sante-essai-courtier-2026-03-01.json');
    expect(existsSync(exported)).toBe(true);
    const other = await launchApp({ openFile: () => exported });
    try {
      const { page } = other;
      await eventually(async () => (await gridRowIds(page, CATALOGUE)).length).toBe(9);
      await page.getByRole('button', { name: 'Importer…' }).click();
      const dlg = dialog(page);
      await eventually(() => dlg.locator('h2').innerText()).toBe('Importer sante-essai-courtier-2026-03-01.json ?');
      expect(await dlg.locator('.notice-ok').innerText()).toMatch(/^Fichier valide\. 1 produit créé : 2 versions/);
      expect(await dlg.locator('.import-products tbody tr').innerText()).toMatch(/Santé Essai Courtier[\s\S]*produit créé[\s\S]*2026, 2027/);
      await dlg.getByLabel('Commentaire').fill('Offre du courtier reprise sur ce poste');
      await shotDialog(other, 'import-rapport');
      await dlg.getByRole('button', { name: 'Importer' }).click();
      await eventually(() => dlg.count()).toBe(0);
      await eventually(() => page.locator('.catalogue .notice-ok').innerText()).toMatch(/Import de sante-essai-courtier-2026-03-01\.json enregistré\. 1 produit créé[\s\S]*Sauvegarde du catalogue faite avant l’import : \S+/);
      await eventually(async () => (await gridRowIds(page, CATALOGUE)).includes('sante-essai-courtier')).toBe(true);
      expect(await gridCell(page, CATALOGUE, 'sante-essai-courtier', 'formulas')).toBe('Formule de base, Renforcée');
      const imports = other.calls.filter((c) => c.method === 'importCatalogue').map((c) => c.args[0] as { dryRun: boolean; comment?: string | null });
      expect(imports.map((r) => r.dryRun)).toEqual([true, false]);
      expect(imports[1]!.comment).toBe('Offre du courtier reprise sur ce poste');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(600); // the grid's row animation
      await other.shot('import-termine');
      expect(other.problems).toEqual([]);
    } finally {
      await other.close();
    }
    expect(app.problems).toEqual([]);
  });
});
