/**
 * The comparison workbook's "Exemples en euros": the standard baskets simulated by the engine on the santé
 * columns. Figures typed from the Assur-BP Santé notice (seed 004_212de33048a4ea9f.txt), care dated 2024-01-01
 * (l. 4184 « pour des soins réalisés à partir du 1er janvier 2024 »), as in reimbursement-assurbp.test.ts.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_ASSUMPTIONS, SHEET_EXAMPLES, SHEET_GRID, SHEET_SOURCES, SHEET_VALUES } from '../../src/main/export/comparison-workbook';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { comparisonExport } from '../../src/main/services/exports';
import { NUMFMT_EURO } from '../../src/main/export/styles';

let cat: Catalogue;
beforeAll(async () => {
  cat = await openCatalogue(':memory:');
});
afterAll(() => cat?.close());

const F = ['F1', 'F2', 'F3', 'F4'];
const request = { columns: F.map((formula) => ({ productId: 'assurbp-sante-pro', formula })), at: '2024-01-01' };

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function rowOf(ws: ExcelJS.Worksheet, startsWith: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = ws.getRow(r).getCell(1).value;
    if (typeof v === 'string' && v.startsWith(startsWith)) return ws.getRow(r);
  }
  throw new Error(`ligne « ${startsWith} » absente`);
}

/** complementary part and reste à charge of the four formulas: columns E–L, two per formula */
const perFormula = (row: ExcelJS.Row, k: 0 | 1) => F.map((_, i) => row.getCell(5 + 2 * i + k).value);

describe('comparison workbook, sheet "Exemples en euros"', () => {
  it('is added after "Valeurs" when the comparison has santé columns, with one header pair per column', async () => {
    const wb = await read((await comparisonExport(cat, request, '2026-03-01')).bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_GRID, SHEET_VALUES, SHEET_EXAMPLES, SHEET_SOURCES, SHEET_ASSUMPTIONS]);
    const ws = wb.getWorksheet(SHEET_EXAMPLES)!;
    expect([1, 2, 3, 4].map((c) => ws.getRow(1).getCell(c).value)).toEqual(['Panier', 'Prix', 'Base de remboursement', 'Part Sécurité sociale']);
    expect(String(ws.getRow(1).getCell(5).value)).toMatch(/\nPart complémentaire$/);
    expect(String(ws.getRow(1).getCell(6).value)).toMatch(/\nReste à charge$/);
    expect(ws.getRow(1).cellCount).toBe(4 + 2 * 4);
    expect(String(rowOf(ws, 'Soins datés du').getCell(1).value)).toContain('01/01/2024');
  });

  it('prints the crown of the notice: 554 €, BR 120 €, SS 72 €, complementary 78 / 178 / 328 / 482 €, reste à charge 404 / 304 / 154 / 0 €', async () => {
    const ws = (await read((await comparisonExport(cat, request, '2026-03-01')).bytes)).getWorksheet(SHEET_EXAMPLES)!;
    const crown = rowOf(ws, 'Couronne');
    expect([2, 3, 4].map((c) => crown.getCell(c).value)).toEqual([554, 120, 72]); // l. 4189 « 554 € », l. 4200 « 120 € », l. 4210 « 72 € »
    // l. 4218-4249 « 78 € », « 178 € », « 328 € », « 528 € » (F4 capped at what was spent: 554 − 72 = 482 €)
    expect(perFormula(crown, 0)).toEqual([78, 178, 328, 482]);
    expect(perFormula(crown, 1)).toEqual([404, 304, 154, 0]); // l. 4251-4252 « 404 € 304 € 154 € 0 € »
    expect(crown.getCell(5).numFmt).toBe(NUMFMT_EURO);
    expect(crown.getCell(2).numFmt).toBe(NUMFMT_EURO);
  });

  it('prints the hearing aid and the glasses of the notice', async () => {
    const ws = (await read((await comparisonExport(cat, request, '2026-03-01')).bytes)).getWorksheet(SHEET_EXAMPLES)!;
    const ear = rowOf(ws, 'Aide auditive');
    expect([2, 3, 4].map((c) => ear.getCell(c).value)).toEqual([1565, 400, 240]); // l. 4349, 4360, 4370
    expect(perFormula(ear, 0)).toEqual([160, 360, 460, 660]); // l. 4378-4402
    expect(perFormula(ear, 1)).toEqual([1165, 965, 865, 665]); // l. 4404-4405
    const glasses = rowOf(ws, 'Lunettes');
    expect([2, 3, 4].map((c) => glasses.getCell(c).value)).toEqual([356, 0.15, 0.09]); // l. 4491, 4420, 4425
    expect(perFormula(glasses, 0)).toEqual([100.06, 180.06, 220.04, 260.04]); // l. 4430-4453
    expect(perFormula(glasses, 1)).toEqual([255.85, 175.85, 135.87, 95.87]); // l. 4479
  });

  it('writes "non précisé" as text where the notice does not give the guarantee (non-OPTAM specialist)', async () => {
    const ws = (await read((await comparisonExport(cat, request, '2026-03-01')).bytes)).getWorksheet(SHEET_EXAMPLES)!;
    const consult = rowOf(ws, 'Consultation');
    expect([2, 3, 4].map((c) => consult.getCell(c).value)).toEqual([40, 23, 15.1]); // l. 108-113
    for (const v of perFormula(consult, 1)) expect(v).toBe('non précisé');
    for (const v of perFormula(consult, 0)) expect(String(v)).toMatch(/^non précisé/);
  });

  it('is deterministic: same request and date, same bytes', async () => {
    const a = (await comparisonExport(cat, request, '2026-03-01')).bytes;
    const b = (await comparisonExport(cat, request, '2026-03-01')).bytes;
    expect(a.equals(b)).toBe(true);
  });

  it('is absent when no column is a santé offer', async () => {
    const wb = await read((await comparisonExport(cat, { columns: [{ productId: 'mie-assistance', formula: 'base' }] }, '2026-03-01')).bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_GRID, SHEET_VALUES, SHEET_SOURCES, SHEET_ASSUMPTIONS]);
  });
});
