import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TARIFF_HEADER_ROW, tariffTables, writeTariffWorkbook } from '../../src/main/export/tariff-workbook';
import { interialeSante, mav, mie } from './compare-fixtures';

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);
const EURO = '#,##0.00 "€"';

describe('tariff workbook', () => {
  it('holds one table per product × version, a summary and the sources', async () => {
    const wb = await read(await writeTariffWorkbook([interialeSante, mav, mie], { date: '2026-01-01' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sommaire', 'interiale-cdg-sante 2025', 'interiale-cdg-sante 2026', 'bpce-mav notice', 'Sources']);
    const summary = wb.getWorksheet('Sommaire')!;
    expect(rowValues(summary, 1)).toEqual(['Produit', 'Version', 'Du', 'Au', 'Référence', 'Période', 'Feuille', 'Montants']);
    expect(rowValues(summary, 3)).toEqual(['Intériale — Santé CDG (CCFS-749-CP)', 'Cotisations 2026', '01/01/2026', '', 'avenant n°3', 'par mois', 'interiale-cdg-sante 2026', 12]);
    // MIE's assistance has no tariff in its document: said, not invented
    expect(rowValues(summary, 5)).toEqual(['MIE — Assistance à domicile', '', '', '', '', '', 'tarifs non précisés par la source', 0]);
  });

  it('writes the Intériale 2026 table of Annexe 1 (seed 003 l.220-229) as euro amounts', async () => {
    const wb = await read(await writeTariffWorkbook([interialeSante], { date: '2026-01-01' }));
    const ws = wb.getWorksheet('interiale-cdg-sante 2026')!;
    expect(ws.getCell('A1').value).toBe('Intériale — Santé CDG (CCFS-749-CP)');
    expect(ws.getCell('A2').value).toBe('Cotisations 2026 (avenant n°3) — en vigueur à partir du 01/01/2026');
    expect(ws.getCell('A3').value).toBe('Cotisations en euros par mois — source : Annexe 1 de l’avenant n° 3 – Cotisations (003_7b883febf65126a3.txt)');
    expect(rowValues(ws, TARIFF_HEADER_ROW)).toEqual(['Formule', 'Jeunes actifs jusqu’à 35 ans', 'Actifs de plus de 35 ans', 'Enfants', 'Retraités']);
    // Sécurité: 25,14 € jeune actif (l.220), 36,06 € actif, 14,33 € enfant, 69,15 € retraité (l.227)
    const securite = ws.getRow(TARIFF_HEADER_ROW + 1);
    expect(securite.getCell(1).value).toBe('Sécurité');
    expect(securite.getCell(2).value).toBe(25.14);
    expect(securite.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(securite.getCell(2).numFmt).toBe(EURO);
    expect([securite.getCell(3).value, securite.getCell(4).value, securite.getCell(5).value]).toEqual([36.06, 14.33, 69.15]);
    // Renforcée: 43,95 € 62,57 € 25,05 € (l.222) and 114,69 € (l.229)
    expect(rowValues(ws, TARIFF_HEADER_ROW + 3)).toEqual(['Renforcée', 43.95, 62.57, 25.05, 114.69]);
    for (let c = 2; c <= 5; c++) expect(ws.getRow(TARIFF_HEADER_ROW + 3).getCell(c).numFmt).toBe(EURO);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: TARIFF_HEADER_ROW });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe(`${TARIFF_HEADER_ROW}:${TARIFF_HEADER_ROW}`);
    // the pricing rule the table needs to be read right
    expect(ws.getCell(`A${TARIFF_HEADER_ROW + 5}`).value).toBe('Règles de tarification');
    expect(ws.getCell(`A${TARIFF_HEADER_ROW + 6}`).value).toBe('Gratuité pour le 3ème enfant');

    const y2025 = wb.getWorksheet('interiale-cdg-sante 2025')!;
    expect(y2025.getCell('A2').value).toBe('Cotisations 2025 — en vigueur jusqu’au 31/12/2025');
    // délibération l.89: Sécurité 23,74 € 34,05 € 13,53 € 65,30 €
    expect(rowValues(y2025, TARIFF_HEADER_ROW + 1)).toEqual(['Sécurité', 23.74, 34.05, 13.53, 65.3]);
  });

  it('lays a MAV out by formula and option, annual amounts (seed 002 l.656-663)', async () => {
    const wb = await read(await writeTariffWorkbook([mav], { date: '2026-01-01' }));
    const ws = wb.getWorksheet('bpce-mav notice')!;
    expect(ws.getCell('A3').value).toMatch(/^Cotisations en euros par an/);
    expect(rowValues(ws, TARIFF_HEADER_ROW)).toEqual(['Formule', 'Option', 'Contrat']);
    expect(rowValues(ws, TARIFF_HEADER_ROW + 1)).toEqual(['Formule individuelle', 'Option 1 (IP ≥ 5 %)', 129]);
    expect(rowValues(ws, TARIFF_HEADER_ROW + 2)).toEqual(['Formule individuelle', 'Option 2 (IP ≥ 10 %)', 99]);
    expect(rowValues(ws, TARIFF_HEADER_ROW + 3)).toEqual(['Formule familiale', 'Option 1 (IP ≥ 5 %)', 249]);
    expect(rowValues(ws, TARIFF_HEADER_ROW + 4)).toEqual(['Formule familiale', 'Option 2 (IP ≥ 10 %)', 198]);
    expect(ws.getRow(TARIFF_HEADER_ROW + 4).getCell(3).numFmt).toBe(EURO);
    expect(ws.views[0]).toMatchObject({ xSplit: 2 });
  });

  it('shows "non précisé" where the document gives no amount', async () => {
    const partial = { ...interialeSante, tariffs: interialeSante.tariffs.filter((t) => !(t.version === '2026' && t.formula === 'essentielle' && t.segment === 'retraite')) };
    const wb = await read(await writeTariffWorkbook([partial], { date: '2026-01-01', versions: { 'interiale-cdg-sante': ['2026'] } }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sommaire', 'interiale-cdg-sante 2026', 'Sources']);
    const ws = wb.getWorksheet('interiale-cdg-sante 2026')!;
    expect(rowValues(ws, TARIFF_HEADER_ROW + 2)).toEqual(['Essentielle', 36.57, 49.85, 20.13, 'non précisé']);
  });

  it('lists each printed line once in "Sources", with the segments it gives', async () => {
    const wb = await read(await writeTariffWorkbook([interialeSante], { date: '2026-01-01' }));
    const ws = wb.getWorksheet('Sources')!;
    expect(rowValues(ws, 1)).toEqual(['Produit', 'Version', 'Formule', 'Option', 'Zone', 'Segments', 'Fichier', 'Article / section', 'Lignes', 'Citation']);
    const rows = [...Array(ws.rowCount - 1).keys()].map((i) => rowValues(ws, i + 2));
    expect(rows).toHaveLength(3 + 6);
    expect(rows).toContainEqual([
      'Intériale — Santé CDG (CCFS-749-CP)', 'Cotisations 2026', 'Sécurité', '', '', 'Jeunes actifs jusqu’à 35 ans, Actifs de plus de 35 ans, Enfants',
      '003_7b883febf65126a3.txt', 'Annexe 1 – Tarification ACTIFS', '220', 'Sécurité 25,14 € 36,06 € 14,33 €',
    ]);
    expect(rows).toContainEqual([
      'Intériale — Santé CDG (CCFS-749-CP)', 'Cotisations 2026', 'Sécurité', '', '', 'Retraités',
      '003_7b883febf65126a3.txt', 'Annexe 1 – Tarification RETRAITÉS', '227', 'Sécurité 69,15 €',
    ]);
  });

  it('gives the same bytes twice', async () => {
    const a = await writeTariffWorkbook([interialeSante, mav], { date: '2026-01-01' });
    const b = await writeTariffWorkbook([interialeSante, mav], { date: '2026-01-01' });
    expect(a.equals(b)).toBe(true);
  });

  it('builds tables in cents with the document’s period', () => {
    const [t2025, t2026] = tariffTables(interialeSante);
    expect(t2025!.period).toBe('month');
    expect(t2026!.cents[0]).toEqual([2514, 3606, 1433, 6915]);
    expect(t2026!.cellCount).toBe(12);
    expect(tariffTables(mie)).toEqual([]);
  });
});
