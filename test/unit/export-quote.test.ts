/**
 * The quote workbook against the documents: Intériale 2026 (seed 003, Annexe 1 l. 220-229; "Gratuité pour le
 * 3ème enfant" l. 85) and the BPCE MAV (seed 002, tariff l. 656-662, sports surcharge l. 667-671, first premium
 * l. 675-677). Expected figures are typed from the seeds.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUOTE_HEADER_ROW, quoteWorkbookSpec, SHEET_HOUSEHOLD, SHEET_LINES, SHEET_NOTES, SHEET_QUOTE } from '../../src/main/export/quote-workbook';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { quoteWorkbook } from '../../src/main/services/exports';
import type { QuoteRequestDto } from '../../src/shared/api';
import { GrilleError } from '../../src/shared/errors';
import { evaluate, findRow, formulaCells, readWorkbook, rowValues } from './xlsx-formulas';

const EURO = '#,##0.00 "€"';

let cat: Catalogue;
beforeAll(async () => {
  cat = await openCatalogue(':memory:');
});
afterAll(() => cat.close());

const offersOf = (productId: string, formulas: string[]) => formulas.map((formula) => ({ productId, formula }));
const INTERIALE = offersOf('interiale-cdg-sante', ['securite', 'essentielle', 'renforcee']);
const MAV = offersOf('bpce-mav', ['individuelle', 'familiale']);

const FAMILY: QuoteRequestDto = {
  offers: INTERIALE,
  at: '2026-03-01',
  members: [
    { role: 'principal', birth: '1980-05-10', status: 'actif' },
    { role: 'conjoint', birth: '1990', status: 'actif' },
    { role: 'enfant', birth: '2015' },
    { role: 'enfant', birth: '2017-02-01' },
    { role: 'enfant', birth: '2019' },
  ],
};

async function workbook(request: QuoteRequestDto): Promise<ExcelJS.Workbook> {
  return readWorkbook(await quoteWorkbook(cat, request, '2026-01-15'));
}

const MEMBER = (i: number) => QUOTE_HEADER_ROW + 2 + i;

describe('quote workbook', () => {
  it('puts the three Intériale formulas side by side for a household, members as rows (Annexe 1, l. 220-222)', async () => {
    const wb = await workbook(FAMILY);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_QUOTE, SHEET_HOUSEHOLD, SHEET_LINES, SHEET_NOTES]);
    const ws = wb.getWorksheet(SHEET_QUOTE)!;
    expect(ws.getCell('A1').value).toBe('Devis — cotisations du foyer, offres côte à côte');
    expect(ws.getCell('A2').value).toBe('Date d’effet : 01/03/2026 — foyer de 5 personnes (1 assuré principal, 1 conjoint, 3 enfants) — document établi le 15/01/2026');
    expect(ws.getCell(`A${QUOTE_HEADER_ROW}`).value).toBe('Membre');
    expect(ws.getCell(`B${QUOTE_HEADER_ROW}`).value).toMatch(/^INTÉRIALE – Garantie frais de santé.*\nSécurité\nCotisations 2026 \(Annexe 1 de l'avenant n° 3\)$/s);
    expect(ws.getCell(`D${QUOTE_HEADER_ROW}`).value).toMatch(/\nRenforcée\n/);
    expect(rowValues(ws, MEMBER(0))).toEqual(['1. Assuré principal — né(e) le 10/05/1980, actif', 36.06, 49.85, 62.57]); // actifs > 35 ans, 46 ans en 2026
    expect(rowValues(ws, MEMBER(1))).toEqual(['2. Conjoint — né(e) en 1990, actif', 36.06, 49.85, 62.57]); // 36 ans: > 35
    expect(rowValues(ws, MEMBER(2))).toEqual(['3. Enfant — né(e) en 2015', 14.33, 20.13, 25.05]);
    expect(rowValues(ws, MEMBER(3))).toEqual(['4. Enfant — né(e) le 01/02/2017', 14.33, 20.13, 25.05]);
    // the third child is free (l. 85): a 0 that reads "gratuit"
    expect(rowValues(ws, MEMBER(4))).toEqual(['5. Enfant — né(e) en 2019', 0, 0, 0]);
    expect(ws.getCell(`B${MEMBER(4)}`).numFmt).toBe('#,##0.00 "€";-#,##0.00 "€";"gratuit"');
    expect(ws.getCell(`B${MEMBER(0)}`).numFmt).toBe(EURO);
    expect(ws.getCell(`B${MEMBER(0)}`).type).toBe(ExcelJS.ValueType.Number);
  });

  it('totals per offer are formulas over the members, with the engine’s figures cached', async () => {
    const ws = (await workbook(FAMILY)).getWorksheet(SHEET_QUOTE)!;
    const monthly = findRow(ws, 'Cotisation mensuelle du foyer');
    const annual = findRow(ws, 'Cotisation annuelle du foyer');
    // Sécurité: 36,06 + 36,06 + 14,33 + 14,33 = 100,78 € per month; 12 × = 1 209,36 €
    const expected = { B: [100.78, 1209.36], C: [139.96, 1679.52], D: [175.24, 2102.88] };
    for (const [c, [m, a]] of Object.entries(expected)) {
      expect(ws.getCell(`${c}${monthly}`).formula).toBe(`SUM(${c}${MEMBER(0)}:${c}${MEMBER(4)})`);
      expect(ws.getCell(`${c}${monthly}`).result).toBe(m);
      expect(ws.getCell(`${c}${monthly}`).numFmt).toBe(EURO);
      expect(ws.getCell(`${c}${annual}`).formula).toBe(`12*${c}${monthly}`);
      expect(ws.getCell(`${c}${annual}`).result).toBe(a);
    }
    expect(rowValues(ws, findRow(ws, 'État du devis'))).toEqual(['État du devis', 'complet', 'complet', 'complet']);
  });

  it('a retiree’s child has no 2026 price (l. 224-229): "non précisé", the total "incomplet", a partial sum apart', async () => {
    const wb = await workbook({
      offers: offersOf('interiale-cdg-sante', ['essentielle']),
      at: '2026-03-01',
      members: [
        { role: 'principal', birth: '1955-01-01', status: 'retraite' },
        { role: 'enfant', birth: '2010-01-01' },
      ],
    });
    const ws = wb.getWorksheet(SHEET_QUOTE)!;
    expect(rowValues(ws, MEMBER(0)).slice(1)).toEqual([97.9]); // Essentielle retraités, l. 228
    expect(ws.getCell(`B${MEMBER(1)}`).value).toBe('non précisé');
    expect(ws.getCell(`B${MEMBER(1)}`).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(`B${findRow(ws, 'Cotisation mensuelle du foyer')}`).value).toBe('incomplet');
    expect(ws.getCell(`B${findRow(ws, 'Cotisation annuelle du foyer')}`).value).toBe('incomplet');
    const partial = ws.getCell(`B${findRow(ws, 'Montant connu par mois (total partiel des membres chiffrés)')}`);
    expect(partial.formula).toBe(`SUM(B${MEMBER(0)}:B${MEMBER(1)})`);
    expect(partial.result).toBe(97.9);
    expect(ws.getCell(`B${findRow(ws, 'État du devis')}`).value).toBe('incomplet : 1 membre sans tarif ou refusé');
    const lines = wb.getWorksheet(SHEET_LINES)!;
    const child = findRow(lines, 'INTÉRIALE – Garantie frais de santé, contrat collectif CCFS-749-CP (convention de participation CDG 18, 28, 36, 41)', 3);
    expect(lines.getCell(`H${child}`).value).toBe('non précisé');
    expect(lines.getCell(`J${child}`).value).toBe('non précisé');
  });

  it('prices the MAV familiale option 1 with a sport, monthly, from March (seed 002 l. 656-677)', async () => {
    const wb = await workbook({
      offers: offersOf('bpce-mav', ['familiale']),
      at: '2026-03-01',
      members: [
        { role: 'principal', birth: '1980-05-10' },
        { role: 'conjoint', birth: '1982' },
      ],
      mav: { options: ['1'], sports: ['plongée'], periodicity: 'mensuel', adhesion: '2026-03-01' },
    });
    const ws = wb.getWorksheet(SHEET_QUOTE)!;
    expect(ws.getCell(`B${QUOTE_HEADER_ROW}`).value).toMatch(/^Multirisque des Accidents de la Vie \(M\.A\.V\.\)\nFormule familiale, Option 1/);
    expect(rowValues(ws, MEMBER(0)).slice(1)).toEqual(['assuré(e)']);
    const base = findRow(ws, 'Cotisation de base (annuelle)');
    const surcharge = findRow(ws, 'Surprime sports à risque');
    expect(ws.getCell(`B${base}`).value).toBe(249); // "Formule Familiale ... Option 1 ... 249 euros" (l. 656-659)
    expect(ws.getCell(`B${surcharge}`).value).toBe(124.5); // 1 sport: 50 % (l. 667-669)
    const annual = ws.getCell(`B${findRow(ws, 'Cotisation annuelle du foyer')}`);
    expect(annual.formula).toBe(`B${base}+B${surcharge}`);
    expect(annual.result).toBe(373.5);
    const inst = ws.getCell(`B${findRow(ws, 'Échéance (MAV, selon la périodicité)')}`);
    expect(inst.formula).toBe(`ROUND(B${findRow(ws, 'Cotisation annuelle du foyer')}/12,2)`);
    expect(inst.result).toBe(31.13); // 373,50 / 12 = 31,125 → 31,13
    expect(inst.numFmt).toBe('#,##0.00 "€ / mois"');
    const first = ws.getCell(`B${findRow(ws, 'Première cotisation (MAV, prorata de l’année d’adhésion)')}`);
    expect(first.formula).toBe(`ROUND(B${findRow(ws, 'Cotisation annuelle du foyer')}*10/12,2)`);
    expect(first.result).toBe(311.25); // March to December: 373,50 × 10 / 12
    expect(ws.getCell(`B${findRow(ws, 'Cotisation mensuelle du foyer')}`).value).toBe('—');
  });

  it('lists the household, the assumptions and the refusals with their rules', async () => {
    const wb = await workbook({ ...FAMILY, offers: [...INTERIALE, ...MAV], mav: { options: ['1'] } });
    const household = wb.getWorksheet(SHEET_HOUSEHOLD)!;
    expect(rowValues(household, 1)).toEqual(['N°', 'Rôle', 'Date de naissance', 'Statut', 'Nom']);
    expect(rowValues(household, 2)).toEqual([1, 'assuré principal', '10/05/1980', 'actif', '']);
    expect(rowValues(household, 6)).toEqual([5, 'enfant', '2019', '', '']);
    const notes = wb.getWorksheet(SHEET_NOTES)!;
    expect(rowValues(notes, 1)).toEqual(['Type', 'Texte', 'Offres concernées', 'Règle / source', 'Citation']);
    const texts: { type: string; text: string; offers: string }[] = [];
    notes.eachRow((r, n) => {
      if (n > 1) texts.push({ type: String(r.getCell(1).value), text: String(r.getCell(2).value), offers: String(r.getCell(3).value) });
    });
    // the individual MAV formula insures the principal alone: the spouse is refused, naming the rule
    const refusal = texts.find((t) => t.type === 'Refus' && /membre 2 \(conjoint\)/.test(t.text));
    expect(refusal?.offers).toBe('bpce-mav:individuelle:1');
    const free = texts.find((t) => t.type === 'Hypothèse' && /Enfants gratuits à partir du 3e/.test(t.text));
    expect(free?.offers).toBe('interiale-cdg-sante:securite, interiale-cdg-sante:essentielle, interiale-cdg-sante:renforcee');
    const types = texts.map((t) => t.type);
    expect(types.indexOf('Refus')).toBeLessThan(types.indexOf('Hypothèse'));
  });

  it('every cached total is what its formula gives; no formula reads a text', async () => {
    const wb = await workbook({ ...FAMILY, offers: [...INTERIALE, ...MAV], mav: { sports: ['plongée'], periodicity: 'trimestriel' } });
    const cells = formulaCells(wb);
    expect(cells.length).toBeGreaterThan(10);
    for (const f of cells) {
      expect(f.result as number, `${f.sheet}!${f.address} = ${f.formula}`).toBeCloseTo(evaluate(wb, f.sheet, f.formula), 9);
    }
  });

  it('a sport typed as a formula is written as text', async () => {
    const hostile = '=HYPERLINK("http://example.invalid","x")';
    const wb = await workbook({ offers: MAV, at: '2026-03-01', members: [{ role: 'principal', birth: '1980-01-01' }], mav: { sports: [hostile] } });
    const household = wb.getWorksheet(SHEET_HOUSEHOLD)!;
    let found: ExcelJS.Cell | null = null;
    household.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === hostile) found = cell;
      }),
    );
    expect(found).not.toBeNull();
    expect(found!.type).toBe(ExcelJS.ValueType.String);
    expect(found!.numFmt).toBe('@');
    expect(formulaCells(wb).every((f) => !f.formula.includes('HYPERLINK'))).toBe(true);
  });

  it('no offer to export is a request to correct (INVALID_INPUT), not a defect', () => {
    let error: unknown = null;
    try {
      quoteWorkbookSpec({ quotes: [], members: FAMILY.members, at: FAMILY.at }, { date: '2026-01-15' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GrilleError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'aucune offre à exporter' });
  });

  it('document properties, print set-up, same bytes for the same request', async () => {
    const a = await quoteWorkbook(cat, FAMILY, '2026-01-15');
    const b = await quoteWorkbook(cat, FAMILY, '2026-01-15');
    expect(a.equals(b)).toBe(true);
    const wb = await readWorkbook(a);
    expect(wb.creator).toBe('Grille');
    expect(wb.title).toBe('Devis');
    expect(wb.category).toBe('Devis');
    expect(wb.created?.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    const ws = wb.getWorksheet(SHEET_QUOTE)!;
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe(`${QUOTE_HEADER_ROW}:${QUOTE_HEADER_ROW}`);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: QUOTE_HEADER_ROW });
  });
});
