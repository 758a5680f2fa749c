import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchApp, openTab, type App } from './harness';

let app: App;
/** quotes wait for this gate when a test closes it: the page must stay usable meanwhile */
let gate: Promise<void> | null = null;
beforeAll(async () => {
  app = await launchApp({ override: (method, _args, real) => (method === 'quote' && gate ? gate.then(real) : undefined) });
});
afterAll(async () => {
  await app?.close();
});

const NBSP = '\u00a0';
const eur = (s: string) => `${s}${NBSP}€`;

async function member(i: number, role: string, birth: string, status: string): Promise<void> {
  const m = app.page.locator('.member').nth(i);
  await m.locator('.member-role').selectOption(role);
  await m.locator('.member-birth').fill(birth);
  await m.locator('.member-status').selectOption(status);
}

describe('Devis', () => {
  it('says what to do when no offer is ticked', async () => {
    const { page } = app;
    await openTab(page, 'Devis');
    await page.locator('#devis-date').fill('01/03/2026');
    await page.locator('.member .member-birth').first().fill('10/05/1980');
    await page.getByRole('button', { name: 'Calculer les devis' }).click();
    await eventually(() => page.locator('.devis .notice-empty').innerText()).toMatch(/Choisissez au moins une offre/);
  });

  it('quotes a household on two Intériale formulas side by side, with lines per member and the third child free', async () => {
    const { page } = app;
    await member(0, 'principal', '10/05/1980', 'actif');
    for (let i = 1; i <= 3; i++) await page.getByRole('button', { name: 'Ajouter un membre' }).click();
    await member(1, 'enfant', '01/01/2010', '');
    await member(2, 'enfant', '01/01/2012', '');
    await member(3, 'enfant', '01/06/2015', '');
    await page.locator('.offers input[data-product="interiale-cdg-sante"][data-formula="securite"]').check();
    await page.locator('.offers input[data-product="interiale-cdg-sante"][data-formula="essentielle"]').check();
    expect(await page.locator('.mav-options').isHidden()).toBe(true);
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    await page.getByRole('button', { name: 'Calculer les devis' }).click();
    // long work never blocks: the button says so and cannot be pressed twice; the form stays usable
    const busyButton = page.locator('#devis-calculer');
    await eventually(() => busyButton.innerText()).toBe('Calcul…');
    expect(await busyButton.isDisabled()).toBe(true);
    await page.locator('#devis-date').focus();
    open();
    gate = null;
    await eventually(() => busyButton.innerText()).toBe('Calculer les devis');
    const securite = page.locator('.quote[data-product="interiale-cdg-sante"][data-formula="securite"]');
    await eventually(() => securite.count()).toBe(1);
    expect(await page.locator('.quotes .quote').count()).toBe(2);
    // seed 003, Annexe 1 (2026): actif > 35 ans 36,06 €, enfant 14,33 €; gratuité à partir du 3e enfant (l. 85)
    expect(await securite.locator('.quote-lines td.amount').allInnerTexts()).toEqual([`${eur('36,06')} par mois`, `${eur('14,33')} par mois`, `${eur('14,33')} par mois`, `${eur('0,00')} (gratuit)`]);
    expect(await securite.locator('.total').innerText()).toBe(`${eur('64,72')} par mois — ${eur('776,64')} par an`);
    expect(await securite.locator('.subtitle').innerText()).toMatch(/Sécurité — Cotisations 2026 .*dès le 01\/01\/2026/);
    expect(await securite.locator('.quote-lines th[scope="row"]').first().innerText()).toMatch(/né\(e\) le 10\/05\/1980, 46 ans, Actif/);
    expect(await securite.locator('.explain-hypotheses').innerText()).toMatch(/Hypothèses[\s\S]+/);
    const essentielle = page.locator('.quote[data-product="interiale-cdg-sante"][data-formula="essentielle"]');
    expect(await essentielle.locator('.total').innerText()).toBe(`${eur('90,11')} par mois — ${eur('1 081,32').replace(' ', '\u202f')} par an`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('devis-foyer');
  });

  it('prices a MAV with two sports: base, +100 % surcharge, quarterly installments, first premium', async () => {
    const { page } = app;
    for (const f of ['securite', 'essentielle']) await page.locator(`.offers input[data-product="interiale-cdg-sante"][data-formula="${f}"]`).uncheck();
    for (let i = 0; i < 3; i++) await page.locator('.member').nth(1).getByRole('button', { name: 'Retirer' }).click();
    expect(await page.locator('.member').count()).toBe(1);
    await member(0, 'principal', '01/01/1980', '');
    await page.locator('.offers input[data-product="bpce-mav"][data-formula="individuelle"]').check();
    const mav = page.locator('.mav-options');
    await eventually(() => mav.locator('input[data-sport="boxe"]').count()).toBe(1);
    await mav.locator('input[data-option="2"]').check();
    await mav.locator('input[data-sport="boxe"]').check();
    await mav.locator('input[data-sport="escalade"]').check();
    await page.getByLabel('Périodicité').selectOption('trimestriel');
    await page.getByLabel('Date d’adhésion').fill('15/03/2026');
    await page.getByRole('button', { name: 'Calculer les devis' }).click();
    const card = page.locator('.quote-mav[data-product="bpce-mav"][data-option="2"]');
    await eventually(() => card.count()).toBe(1);
    expect(await page.locator('.quotes .quote').count()).toBe(1);
    expect(await card.locator('.badge').innerText()).toBe('Tarifé');
    const facts = await card.locator('.facts').innerText();
    // seed 002 l. 657-671: option 2 individuelle 99 €/an; 2 to 5 sports +100 %; quarterly; first premium prorata 10/12
    expect(facts).toContain(`Cotisation de base\n${eur('99,00')} par an`);
    expect(facts).toContain(`Majoration 2 sports (+100 %)\n${eur('99,00')}`);
    expect(facts).toContain(`Cotisation annuelle\n${eur('198,00')}`);
    expect(facts).toContain(`Échéances (trimestriel)\n4 × ${eur('49,50')} = ${eur('198,00')}`);
    expect(facts).toContain(`Première cotisation (10 mois)\n${eur('165,00')}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('devis-mav');
  });

  it('refuses an unlisted sport and says so, and exports the quote to Excel', async () => {
    const { page } = app;
    await page.locator('#mav-autre-sport').fill('golf');
    await page.getByRole('button', { name: 'Calculer les devis' }).click();
    const card = page.locator('.quote-mav[data-product="bpce-mav"][data-option="2"]');
    await eventually(() => card.locator('.badge').innerText()).toBe('Refusé');
    expect(await card.locator('.explain-refusals').innerText()).toMatch(/golf/);
    await page.getByRole('button', { name: 'Exporter en Excel' }).click();
    await eventually(() => page.locator('.devis .notice-ok').first().innerText()).toBe(`Classeur enregistré : ${app.exportsDir}/devis-2026-03-01.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(`${app.exportsDir}/devis-2026-03-01.xlsx`);
    expect(wb.worksheets.map((w) => w.name)).toContain('Devis');
    expect(app.problems).toEqual([]);
  });
});
