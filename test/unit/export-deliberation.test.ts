/**
 * The deliberation workbook against the CDG 41 deliberation of 27 November 2025 (seed 003): the table
 * "actuellement en vigueur" (l. 88-91) before, Annexe 1 "Tarification ACTIFS" (l. 217-222) and
 * "Tarification RETRAITÉS" (l. 224-229) after, the components PMSS 1,9 % + 4 % (l. 79-81).
 * Expected figures are typed from the seed, not taken from the program.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliberationWorkbookSpec, SHEET_ASSUMPTIONS, SHEET_DOCUMENTS, SHEET_IMPACT, SHEET_SOURCES, SHEET_TABLE, TABLE_HEADER_ROW } from '../../src/main/export/deliberation-workbook';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { deliberationData, deliberationWorkbook } from '../../src/main/services/exports';
import type { DeliberationRequest } from '../../src/shared/api';
import { GrilleError } from '../../src/shared/errors';
import { evaluate, findRow, formulaCells, readWorkbook, rowValues } from './xlsx-formulas';

const EURO = '#,##0.00 "€"';
const EURO_SIGNED = '+#,##0.00 "€";-#,##0.00 "€";0.00 "€"';
const PERCENT_SIGNED = '+0.00 %;-0.00 %;0.00 %';

const FORMULAS = ['Sécurité', 'Essentielle', 'Renforcée'] as const;
const SEGMENTS = ['Jeunes actifs jusqu\'à 35 ans', 'Actifs de plus de 35 ans', 'Enfants', 'Retraités'];
// l. 89-91: the table "actuellement en vigueur" of the deliberation (jeunes actifs, actifs > 35, enfants, retraités)
const Y2025: Record<(typeof FORMULAS)[number], number[]> = {
  Sécurité: [23.74, 34.05, 13.53, 65.3], // l. 89
  Essentielle: [34.53, 47.07, 19.01, 92.45], // l. 90
  Renforcée: [41.5, 59.08, 23.65, 108.3], // l. 91
};
// Annexe 1: ACTIFS l. 220-222 (jeunes actifs, actifs, enfants), RETRAITÉS l. 227-229
const Y2026: Record<(typeof FORMULAS)[number], number[]> = {
  Sécurité: [25.14, 36.06, 14.33, 69.15], // l. 220, l. 227
  Essentielle: [36.57, 49.85, 20.13, 97.9], // l. 221, l. 228
  Renforcée: [43.95, 62.57, 25.05, 114.69], // l. 222, l. 229
};
// differences worked out by hand from the two tables above (e.g. Sécurité jeunes actifs 25,14 − 23,74 = 1,40)
const DELTA: Record<(typeof FORMULAS)[number], number[]> = {
  Sécurité: [1.4, 2.01, 0.8, 3.85],
  Essentielle: [2.04, 2.78, 1.12, 5.45],
  Renforcée: [2.45, 3.49, 1.4, 6.39],
};

// Rows of the main sheet: header 5; each block = a heading row then the three formulas.
const BLOCK = (b: number, f: number) => TABLE_HEADER_ROW + 1 + b * 4 + 1 + f;
const COL = ['B', 'C', 'D', 'E'];

let cat: Catalogue;
beforeAll(async () => {
  cat = await openCatalogue(':memory:');
});
afterAll(() => cat.close());

const VERSIONS: DeliberationRequest = { productId: 'interiale-cdg-sante', fromAt: '2025-06-01', toAt: '2026-01-01' };
const HEADCOUNTS = 'formule;segment;effectif;statut\nsecurite;jeune-actif;10;\nessentielle;enfant;2;retraite\nrenforcee;actif;5;\n';
const WITH_IMPACT: DeliberationRequest = { ...VERSIONS, headcounts: { text: HEADCOUNTS, format: 'csv', name: 'effectifs.csv' }, participation: '15' };

async function workbook(request: DeliberationRequest): Promise<ExcelJS.Workbook> {
  return readWorkbook(await deliberationWorkbook(cat, request, '2026-01-15'));
}

describe('deliberation workbook: the 2025 table against Annexe 1 (2026)', () => {
  it('lays both tables out as the documents do: formulas as rows, segments as columns, euros as numbers', async () => {
    const wb = await workbook(VERSIONS);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_TABLE, SHEET_DOCUMENTS, SHEET_SOURCES, SHEET_ASSUMPTIONS]);
    const ws = wb.getWorksheet(SHEET_TABLE)!;
    expect(rowValues(ws, TABLE_HEADER_ROW)).toEqual(['Formule', ...SEGMENTS, 'Enfants de retraités']);
    expect(ws.getCell(`A${BLOCK(0, 0) - 1}`).value).toMatch(/^Avant : Cotisations en vigueur au 27 novembre 2025/);
    expect(ws.getCell(`A${BLOCK(1, 0) - 1}`).value).toMatch(/^Après : Cotisations 2026 \(Annexe 1/);
    FORMULAS.forEach((f, i) => {
      expect(ws.getCell(`A${BLOCK(0, i)}`).value).toBe(f);
      COL.forEach((c, s) => {
        const before = ws.getCell(`${c}${BLOCK(0, i)}`);
        const after = ws.getCell(`${c}${BLOCK(1, i)}`);
        expect(before.value).toBe(Y2025[f][s]);
        expect(after.value).toBe(Y2026[f][s]);
        expect(before.type).toBe(ExcelJS.ValueType.Number);
        expect(after.numFmt).toBe(EURO);
      });
    });
  });

  it('writes Δ € and Δ % of all 12 cells as live formulas with their cached values', async () => {
    const ws = (await workbook(VERSIONS)).getWorksheet(SHEET_TABLE)!;
    expect(ws.getCell(`A${BLOCK(2, 0) - 1}`).value).toBe('Écart en euros (après − avant)');
    FORMULAS.forEach((f, i) => {
      COL.forEach((c, s) => {
        const d = ws.getCell(`${c}${BLOCK(2, i)}`);
        expect(d.type).toBe(ExcelJS.ValueType.Formula);
        expect(d.formula).toBe(`${c}${BLOCK(1, i)}-${c}${BLOCK(0, i)}`);
        // e.g. Sécurité jeunes actifs 23,74 € → 25,14 €: Δ 1,40 €
        expect(d.result).toBe(DELTA[f][s]);
        expect(d.numFmt).toBe(EURO_SIGNED);
        const p = ws.getCell(`${c}${BLOCK(3, i)}`);
        expect(p.formula).toBe(`${c}${BLOCK(2, i)}/${c}${BLOCK(0, i)}`);
        expect(p.result as number).toBeCloseTo(DELTA[f][s]! / Y2025[f][s]!, 12);
        expect(p.numFmt).toBe(PERCENT_SIGNED);
      });
    });
    // the announced +5,9 % reads +5,90 % on Sécurité jeunes actifs (1,40 / 23,74)
    expect(Math.round((ws.getCell(`B${BLOCK(3, 0)}`).result as number) * 10000) / 100).toBe(5.9);
  });

  it('a retiree’s child has a 2025 price (same printed table) and none in 2026: "non précisé", never 0, no Δ', async () => {
    const ws = (await workbook(VERSIONS)).getWorksheet(SHEET_TABLE)!;
    FORMULAS.forEach((f, i) => {
      const before = ws.getCell(`F${BLOCK(0, i)}`);
      expect(before.formula).toBe(`D${BLOCK(0, i)}`);
      expect(before.result).toBe(Y2025[f][2]);
      for (const b of [1, 2, 3]) {
        const cell = ws.getCell(`F${BLOCK(b, i)}`);
        expect(cell.value).toBe('non précisé');
        expect(cell.type).toBe(ExcelJS.ValueType.String);
      }
    });
  });

  it('states the components PMSS 1,9 % and technique 4 % (l. 79-81) and checks each 2026 cell against 1,059', async () => {
    const ws = (await workbook(VERSIONS)).getWorksheet(SHEET_TABLE)!;
    const title = findRow(ws, 'Composantes de la révision');
    expect(rowValues(ws, title + 2)).toEqual(['PMSS', 0.019]);
    expect(ws.getCell(`B${title + 2}`).numFmt).toBe('0.0 %');
    expect(rowValues(ws, title + 3)).toEqual(['Technique', 0.04]);
    expect(ws.getCell(`B${title + 3}`).numFmt).toBe('0 %');
    const total = ws.getCell(`B${title + 4}`);
    expect(ws.getCell(`A${title + 4}`).value).toBe('Hausse globale (somme des taux)');
    expect(total.formula).toBe(`SUM(B${title + 2}:B${title + 3})`);
    expect(total.result).toBe(0.059); // "soit une augmentation globale de +5,9%" (l. 81)
    expect(total.numFmt).toBe('0.0 %');
    const coef = ws.getCell(`B${title + 5}`);
    expect(coef.formula).toBe(`1+B${title + 4}`);
    expect(coef.result).toBe(1.059);
    expect(coef.numFmt).toBe('0.000');
    FORMULAS.forEach((f, i) => {
      COL.forEach((c, s) => {
        const check = ws.getCell(`${c}${BLOCK(4, i)}`);
        expect(check.formula).toBe(`ROUND(${c}${BLOCK(0, i)}*$B$${title + 5},2)`);
        // 2025 × 1,059 rounded to the cent gives back every Annexe 1 amount
        expect(check.result).toBe(Y2026[f][s]);
        const gap = ws.getCell(`${c}${BLOCK(5, i)}`);
        expect(gap.formula).toBe(`${c}${BLOCK(1, i)}-${c}${BLOCK(4, i)}`);
        expect(gap.result).toBe(0);
      });
    });
  });

  it('reproduces the printed tables: one in the deliberation, two in Annexe 1 (ACTIFS, RETRAITÉS)', async () => {
    const ws = (await workbook(VERSIONS)).getWorksheet(SHEET_DOCUMENTS)!;
    const d = findRow(ws, 'Délibération – cotisations actuellement en vigueur — 003_7b883febf65126a3.txt, l. 89–91');
    expect(rowValues(ws, d + 1)).toEqual(['Formule', ...SEGMENTS]);
    expect(rowValues(ws, d + 2)).toEqual(['Sécurité', ...Y2025.Sécurité]);
    const actifs = findRow(ws, 'Annexe 1 – Cotisations, Tarification ACTIFS — 003_7b883febf65126a3.txt, l. 220–222');
    expect(rowValues(ws, actifs + 1)).toEqual(['Formule', ...SEGMENTS.slice(0, 3)]);
    expect(rowValues(ws, actifs + 4)).toEqual(['Renforcée', 43.95, 62.57, 25.05]);
    const retraites = findRow(ws, 'Annexe 1 – Cotisations, Tarification RETRAITÉS — 003_7b883febf65126a3.txt, l. 227–229');
    expect(rowValues(ws, retraites + 1)).toEqual(['Formule', 'Retraités']);
    expect(rowValues(ws, retraites + 3)).toEqual(['Essentielle', 97.9]);
  });

  it('every cached value is what its formula gives, and no formula reads a "non précisé" cell', async () => {
    const wb = await workbook(WITH_IMPACT);
    const cells = formulaCells(wb);
    expect(cells.length).toBeGreaterThan(100);
    for (const f of cells) {
      const ws = wb.getWorksheet(f.sheet)!;
      const label = String(ws.getCell(`A${ws.getCell(f.address).row}`).value ?? '');
      // only the "partial" totals add up the known lines and skip the texts, as they say
      const partial = label.startsWith('Total partiel');
      const value = evaluate(wb, f.sheet, f.formula, !partial);
      expect(typeof f.result, `${f.sheet}!${f.address}`).toBe('number');
      expect(f.result as number, `${f.sheet}!${f.address} = ${f.formula}`).toBeCloseTo(value, 9);
    }
  });

  it('document properties and print set-up: landscape, one page wide, repeated header', async () => {
    const wb = await workbook(VERSIONS);
    expect(wb.creator).toBe('Grille');
    expect(wb.title).toMatch(/^Évolution des cotisations — INTÉRIALE/);
    expect(wb.subject).toMatch(/→ Cotisations 2026 \(Annexe 1 de l'avenant n° 3\) \(avenant n°3\)$/);
    expect(wb.category).toBe('Délibération');
    expect(wb.created?.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    for (const ws of wb.worksheets) expect(ws.pageSetup, ws.name).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, paperSize: 9 });
    const main = wb.getWorksheet(SHEET_TABLE)!;
    expect(main.pageSetup.printTitlesRow).toBe(`${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}`);
    expect(main.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: TABLE_HEADER_ROW });
  });

  it('long notes wrap over the table in merged cells, on rows tall enough to be read', async () => {
    const ws = (await workbook(VERSIONS)).getWorksheet(SHEET_TABLE)!;
    const note = findRow(ws, ws.getColumn(1).values.find((v) => typeof v === 'string' && v.startsWith('Colonne « Enfants de retraités » déduite')) as string);
    expect(ws.getCell(`A${note}`).alignment?.wrapText).toBe(true);
    expect(ws.getCell(`F${note}`).isMerged).toBe(true);
    expect(ws.getCell(`F${note}`).master.address).toBe(`A${note}`);
    // about 330 characters over 40 + 5 × 17 columns: three lines at least
    expect(ws.getRow(note).height).toBeGreaterThanOrEqual(45);
    expect(ws.getRow(BLOCK(0, 0)).height).toBeUndefined();
  });

  it('the same request on the same date gives the same bytes', async () => {
    const a = await deliberationWorkbook(cat, WITH_IMPACT, '2026-01-15');
    const b = await deliberationWorkbook(cat, WITH_IMPACT, '2026-01-15');
    expect(a.equals(b)).toBe(true);
    const c = await deliberationWorkbook(cat, WITH_IMPACT, '2026-01-16');
    expect(c.equals(a)).toBe(false);
  });
});

describe('deliberation workbook: budget impact', () => {
  it('costs each headcount row before and after, with the employer participation and the net cost, totals as formulas', async () => {
    const wb = await workbook(WITH_IMPACT);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_TABLE, SHEET_IMPACT, SHEET_DOCUMENTS, SHEET_SOURCES, SHEET_ASSUMPTIONS]);
    const ws = wb.getWorksheet(SHEET_IMPACT)!;
    const h = findRow(ws, 'Formule');
    expect(rowValues(ws, h)).toEqual([
      'Formule',
      'Segment',
      'Statut',
      'Effectif',
      'Cotisation avant (par personne)',
      'Cotisation après (par personne)',
      'Coût mensuel avant',
      'Coût mensuel après',
      'Écart mensuel',
      'Écart %',
      'Coût annuel avant',
      'Coût annuel après',
      'Écart annuel',
    ]);
    // 10 jeunes actifs, Sécurité: 23,74 € (l. 89) → 25,14 € (l. 220), linked to the main sheet
    const r = h + 1;
    expect(rowValues(ws, r).slice(0, 4)).toEqual(['Sécurité', 'Jeunes actifs jusqu\'à 35 ans', '', 10]);
    expect(ws.getCell(`E${r}`).formula).toBe(`'${SHEET_TABLE}'!B${BLOCK(0, 0)}`);
    expect(ws.getCell(`E${r}`).result).toBe(23.74);
    expect(ws.getCell(`F${r}`).formula).toBe(`'${SHEET_TABLE}'!B${BLOCK(1, 0)}`);
    expect(ws.getCell(`G${r}`).formula).toBe(`D${r}*E${r}`);
    expect(ws.getCell(`G${r}`).result).toBe(237.4); // 10 × 23,74
    expect(ws.getCell(`H${r}`).result).toBe(251.4); // 10 × 25,14
    expect(ws.getCell(`I${r}`).result).toBe(14); // 251,40 − 237,40
    expect(ws.getCell(`K${r}`).formula).toBe(`12*G${r}`);
    expect(ws.getCell(`K${r}`).result).toBe(2848.8); // 12 × 237,40
    expect(ws.getCell(`L${r}`).result).toBe(3016.8);
    expect(ws.getCell(`G${r}`).numFmt).toBe(EURO);

    // 2 children of retirees, Essentielle: 19,01 € in 2025 (one table, l. 90), no 2026 price (l. 224-229)
    const child = r + 1;
    expect(rowValues(ws, child).slice(0, 4)).toEqual(['Essentielle', 'Enfants', 'retraité', 2]);
    expect(ws.getCell(`E${child}`).formula).toBe(`'${SHEET_TABLE}'!F${BLOCK(0, 1)}`);
    expect(ws.getCell(`E${child}`).result).toBe(19.01);
    for (const c of ['F', 'H', 'I', 'J', 'L', 'M']) expect(ws.getCell(`${c}${child}`).value, c).toBe('non précisé');

    // 5 actifs, Renforcée: 59,08 € (l. 91) → 62,57 € (l. 222)
    const renf = r + 2;
    expect(ws.getCell(`G${renf}`).result).toBe(295.4);
    expect(ws.getCell(`H${renf}`).result).toBe(312.85);

    const total = findRow(ws, 'Total', h);
    expect(ws.getCell(`D${total}`).formula).toBe(`SUM(D${r}:D${renf})`);
    expect(ws.getCell(`D${total}`).result).toBe(17);
    expect(ws.getCell(`G${total}`).formula).toBe(`SUM(G${r}:G${renf})`);
    expect(ws.getCell(`G${total}`).result as number).toBeCloseTo(237.4 + 38.02 + 295.4, 9);
    // an incomplete side has no total, only a partial sum that says so
    expect(ws.getCell(`H${total}`).value).toBe('non précisé');
    expect(ws.getCell(`I${total}`).value).toBe('non précisé');
    expect(ws.getCell(`A${total + 1}`).value).toBe('Total partiel (lignes chiffrées seulement)');
    expect(ws.getCell(`H${total + 1}`).result as number).toBeCloseTo(251.4 + 312.85, 9);
    expect(ws.getCell(`I${total + 1}`).value).toBe('—');

    // employer: 15 € per agent per month to the agents (not the children): 12 × 10 × 15 = 1 800 €
    const p = findRow(ws, 'Formule', total + 2);
    expect(rowValues(ws, p).slice(4)).toEqual([
      'Participation par agent avant',
      'Participation par agent après',
      'Coût employeur annuel avant',
      'Coût employeur annuel après',
      'Écart employeur annuel',
      'Reste à charge par agent avant',
      'Reste à charge par agent après',
      'Reste à charge annuel des agents avant',
      'Reste à charge annuel des agents après',
    ]);
    expect(rowValues(ws, p + 1).slice(4, 6)).toEqual([15, 15]);
    expect(ws.getCell(`G${p + 1}`).formula).toBe(`12*D${p + 1}*E${p + 1}`);
    expect(ws.getCell(`G${p + 1}`).result).toBe(1800);
    expect(ws.getCell(`J${p + 1}`).formula).toBe(`E${r}-E${p + 1}`);
    expect(ws.getCell(`J${p + 1}`).result).toBe(8.74); // 23,74 − 15
    expect(ws.getCell(`K${p + 1}`).result).toBe(10.14); // 25,14 − 15
    expect(rowValues(ws, p + 2).slice(4, 6)).toEqual([0, 'non précisé']);
  });

  it('refuses what it cannot state: same version twice, no "after" side, a participation without headcounts', () => {
    expect(() => deliberationData(cat, { ...VERSIONS, toAt: '2025-07-01' })).toThrow(/même version/);
    expect(() => deliberationData(cat, { productId: 'interiale-cdg-sante', fromAt: '2025-06-01' })).toThrow(/version « après » \(sa date\) ou une révision/);
    expect(() => deliberationData(cat, { ...VERSIONS, participation: '15' })).toThrow(/participation employeur sans effectifs/);
    expect(() => deliberationData(cat, { ...VERSIONS, fromAt: '2025-02-30' })).toThrow(/la date de la version « avant » « 2025-02-30 » : date impossible/);
  });

  it('two tables without a single cotisation are a request to correct (INVALID_INPUT), not a defect', () => {
    const data = deliberationData(cat, VERSIONS);
    const empty = { ...data, before: { ...data.before, cells: [] }, after: { ...data.after, cells: [] } };
    let error: unknown = null;
    try {
      deliberationWorkbookSpec(empty, { date: '2026-01-15' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GrilleError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: '« interiale-cdg-sante » : aucune cotisation à comparer' });
  });
});

describe('deliberation workbook: a revision by components', () => {
  const REVISION: DeliberationRequest = {
    productId: 'interiale-cdg-sante',
    fromAt: '2025-06-01',
    components: [
      { label: 'PMSS', rate: '1.9' },
      { label: 'Technique', rate: '4' },
    ],
    reference: 'avenant n°3',
  };

  it('computes the 2026 table from 2025 × 1,059 (effective the day after 2025 ends) and finds Annexe 1 again', async () => {
    const data = deliberationData(cat, REVISION);
    expect(data.after).toMatchObject({ computed: true, effectiveFrom: '2026-01-01', version: null });
    expect(data.revision).toMatchObject({ origin: 'revision', mode: 'additive' });
    const ws = (await workbook(REVISION)).getWorksheet(SHEET_TABLE)!;
    // the computed cells keep the 2025 sources: one printed table, no column for retirees' children
    expect(rowValues(ws, TABLE_HEADER_ROW)).toEqual(['Formule', ...SEGMENTS]);
    expect(ws.getCell(`A${BLOCK(1, 0) - 1}`).value).toBe('Après : avenant n°3 (révision à compter du 01/01/2026) — à compter du 01/01/2026 (calculé par Grille)');
    FORMULAS.forEach((f, i) => {
      COL.forEach((c, s) => {
        expect(ws.getCell(`${c}${BLOCK(1, i)}`).value).toBe(Y2026[f][s]);
        expect(ws.getCell(`${c}${BLOCK(2, i)}`).result).toBe(DELTA[f][s]);
        expect(ws.getCell(`${c}${BLOCK(5, i)}`).result).toBe(0);
      });
    });
    const hyp = (await workbook(REVISION)).getWorksheet(SHEET_ASSUMPTIONS)!;
    const texts = (hyp.getColumn(2).values as unknown[]).map(String);
    expect(texts.some((t) => t.startsWith('Composantes additionnées (PMSS +1,9 %, Technique +4 %)'))).toBe(true);
  });

  it('a compound revision writes PRODUCT(1+rate...)-1', async () => {
    const ws = (await workbook({ ...REVISION, mode: 'compound' })).getWorksheet(SHEET_TABLE)!;
    const title = findRow(ws, 'Composantes de la révision');
    const total = ws.getCell(`B${title + 4}`);
    expect(ws.getCell(`A${title + 4}`).value).toBe('Hausse globale (taux composés)');
    expect(total.formula).toBe(`PRODUCT(1+B${title + 2},1+B${title + 3})-1`);
    // 1,019 × 1,04 = 1,05976
    expect(ws.getCell(`B${title + 5}`).result).toBe(1.05976);
    expect(total.numFmt).toBe('0.000 %');
    // Sécurité jeunes actifs: 23,74 × 1,05976 = 25,1587... → 25,16 €
    expect(ws.getCell(`B${BLOCK(1, 0)}`).value).toBe(25.16);
  });
});
