/**
 * The Devis ticks offers, pair by pair: two products that share their formula codes, A/F1 and B/F2 ticked, give
 * exactly those two quotes — in the desktop's answer and in the exported workbook (not A/F2 and B/F1 as well).
 * A is Intériale (seed 003, Annexe 1 l. 220-222: Sécurité actifs 36,06 €), B a copy of it under another id
 * (Essentielle actifs 49,85 €).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUOTE_HEADER_ROW, SHEET_QUOTE } from '../../src/main/export/quote-workbook';
import { dispatch, type Services } from '../../src/main/ipc-handlers';
import { catalogueShow, openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { saveProduct } from '../../src/main/store/writer';
import type { QuoteRequestDto } from '../../src/shared/api';
import type { ProductQuote } from '../../src/shared/core/quote';
import { nodeJobs } from '../fixtures/jobs';
import { rowValues } from './xlsx-formulas';

const A = 'interiale-cdg-sante';
const B = 'interiale-copie';

let cat: Catalogue;
let services: Services;
beforeAll(async () => {
  cat = await openCatalogue(':memory:');
  const twin = structuredClone(catalogueShow(cat, A));
  twin.product.id = B;
  twin.product.name = 'Copie d’Intériale';
  saveProduct(cat.db, twin);
  const catalogue = async () => cat;
  services = { catalogue, saveAs: async (name) => join(mkdtempSync(join(tmpdir(), 'grille-offers-')), name), today: () => '2026-03-01', jobs: nodeJobs(catalogue) };
});
afterAll(() => cat.close());

const REQUEST: QuoteRequestDto = {
  offers: [
    { productId: A, formula: 'securite' },
    { productId: B, formula: 'essentielle' },
  ],
  at: '2026-03-01',
  members: [{ role: 'principal', birth: '1980-05-10', status: 'actif' }],
};

describe('a quote of the offers ticked', () => {
  it('both products have both formulas', () => {
    for (const id of [A, B]) expect(catalogueShow(cat, id).formulas.map((f) => f.code)).toEqual(expect.arrayContaining(['securite', 'essentielle']));
  });

  it('answers exactly the two offers, in order', async () => {
    const r = await dispatch(services, 'quote', [REQUEST]);
    if (!r.ok) throw new Error(r.error.message);
    const quotes = r.value as ProductQuote[];
    expect(quotes.map((q) => `${q.productId}:${q.formula.code}`)).toEqual([`${A}:securite`, `${B}:essentielle`]);
    expect(quotes.map((q) => (q.kind === 'household' ? q.totals.monthlyCents : null))).toEqual([3606, 4985]);
  });

  it('exports exactly the two offers', async () => {
    const r = await dispatch(services, 'exportQuote', [REQUEST]);
    if (!r.ok) throw new Error(r.error.message);
    const path = (r.value as { path: string }).path;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SHEET_QUOTE)!;
    const offers = rowValues(ws, QUOTE_HEADER_ROW).slice(1);
    expect(offers).toHaveLength(2);
    expect(offers[0]).toMatch(/^INTÉRIALE .*\nSécurité\n/s);
    expect(offers[1]).toMatch(/^Copie d’Intériale\nEssentielle\n/);
    expect(rowValues(ws, QUOTE_HEADER_ROW + 2).slice(1)).toEqual([36.06, 49.85]);
  });

  it('refuses an offer whose product has no such formula, naming the offer, not a flag', async () => {
    const r = await dispatch(services, 'quote', [{ ...REQUEST, offers: [{ productId: A, formula: 'platine' }] }]);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^l’offre 1 \(interiale-cdg-sante\) : aucune formule « platine »/) } });
    expect(r.ok ? '' : r.error.message).not.toMatch(/--/);
  });
});
