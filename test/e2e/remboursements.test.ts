import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchApp, openTab, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.close();
});

const NBSP = '\u00a0';
const F = ['F1', 'F2', 'F3', 'F4'];
const cell = (basket: string, offer: string, part: 'remb-comp' | 'remb-rac') => `#remb-tableau tr[data-basket="${basket}"] td[data-offer="${offer}"] .${part} strong`;

describe('Remboursements', () => {
  it('shows the standard baskets on Assur-BP Santé Pro F1–F4: the crown of the notice, in euros', async () => {
    const { page } = app;
    await openTab(page, 'Remboursements');
    // the notice's date (seed 004, l. 4184 « pour des soins réalisés à partir du 1er janvier 2024 »)
    await page.getByLabel('Date des soins').fill('2024-01-01');
    for (const f of F) await page.locator(`input[data-offer="assurbp-sante-pro:${f}"]`).check();
    await eventually(() => page.locator('#remb-tableau thead th').count()).toBe(2 + F.length);
    await eventually(() => page.locator('#remb-tableau tbody tr').count()).toBe(5);
    await eventually(() => page.locator(`${cell('couronne', 'assurbp-sante-pro:F4', 'remb-comp')}`).count()).toBe(1);
    // l. 4218-4249: 78 / 178 / 328 € (F4: 528 € printed, capped at 554 − 72 = 482 €); l. 4251-4252 restes à charge
    const comp = await Promise.all(F.map((f) => page.locator(cell('couronne', `assurbp-sante-pro:${f}`, 'remb-comp')).innerText()));
    expect(comp).toEqual([`78,00${NBSP}€`, `178,00${NBSP}€`, `328,00${NBSP}€`, `482,00${NBSP}€`]);
    const rac = await Promise.all(F.map((f) => page.locator(cell('couronne', `assurbp-sante-pro:${f}`, 'remb-rac')).innerText()));
    expect(rac).toEqual([`404,00${NBSP}€`, `304,00${NBSP}€`, `154,00${NBSP}€`, `0,00${NBSP}€`]);
    expect(await page.locator('#remb-tableau tr[data-basket="couronne"] .remb-ssnet strong').innerText()).toBe(`72,00${NBSP}€`);
    expect(await page.locator('.remb-caption').innerText()).toContain('01/01/2024');
    // the non-OPTAM specialist's dépassement is not given by the notice
    expect(await page.locator(cell('consultation-specialiste', 'assurbp-sante-pro:F2', 'remb-rac')).innerText()).toBe('non précisé');
  });

  it('shows the steps on demand', async () => {
    const { page } = app;
    const details = page.locator('#remb-tableau tr[data-basket="couronne"] td[data-offer="assurbp-sante-pro:F4"] details');
    expect(await details.locator('ol').isVisible()).toBe(false);
    await details.locator('summary').click();
    await eventually(() => details.locator('ol').isVisible()).toBe(true);
    expect((await details.locator('li').count()) > 0).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('remboursements');
    expect(app.calls.filter((c) => c.method === 'reimburse').length).toBeGreaterThan(0);
    expect(app.problems).toEqual([]);
  });
});
