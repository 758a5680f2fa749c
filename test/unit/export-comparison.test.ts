import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compare } from '../../src/shared/core/compare';
import { SHEET_ASSUMPTIONS, SHEET_GRID, SHEET_SOURCES, SHEET_VALUES, writeComparisonWorkbook } from '../../src/main/export/comparison-workbook';
import { interiale, mie, slm, taxonomy } from './compare-fixtures';

const model = () =>
  compare({
    columns: [
      { product: mie, formula: 'base' },
      { product: slm, formula: 'base' },
      { product: interiale, formula: 'base' },
    ],
    taxonomy,
    at: '2026-03-01',
  });

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function findRow(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) {
    if (ws.getRow(r).getCell(1).value === label) return ws.getRow(r);
  }
  throw new Error(`ligne « ${label} » absente de ${ws.name}`);
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill && cell.fill.type === 'pattern' ? cell.fill.fgColor?.argb : undefined);

afterEach(() => {
  vi.useRealTimers();
});

describe('comparison workbook', () => {
  it('writes the grid: header, group rows, texts, best and worst, frozen panes, widths, print set-up', async () => {
    const wb = await read(await writeComparisonWorkbook(model(), { date: '2026-01-15' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_GRID, SHEET_VALUES, SHEET_SOURCES, SHEET_ASSUMPTIONS]);
    const ws = wb.getWorksheet(SHEET_GRID)!;
    expect(ws.getCell('A1').value).toBe('Garantie');
    expect(ws.getCell('B1').value).toBe('MIE — Assistance à domicile\nFormule unique\nConvention (non datée)');
    expect(ws.getCell('D1').value).toBe('Intériale — Assistance à domicile\nAssistance à domicile\nAvenant n° 3 (2026)');
    expect(ws.getCell('E1').value).toBe('Repère comparé');
    expect(ws.getCell('F1').value).toBe('Écart');
    expect(ws.getCell('B1').font?.bold).toBe(true);
    expect(ws.getCell('B1').alignment?.wrapText).toBe(true);

    expect(ws.getCell('A2').value).toBe('Assistance');
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(fillOf(ws.getCell('C2'))).toBe('FFDDEBF7');

    const help = findRow(ws, 'Aide à domicile après hospitalisation');
    expect(help.getCell(2).value).toBe('15 h sur 2 semaines');
    expect(help.getCell(3).value).toBe('30 h sur 30 jours, 2 h min.');
    expect(help.getCell(4).value).toBe('30 h sur 30 jours, 2 h min.');
    expect(fillOf(help.getCell(2))).toBe('FFFFC7CE'); // worst: 15 h
    expect(fillOf(help.getCell(3))).toBe('FFC6EFCE'); // best: 30 h
    expect(fillOf(help.getCell(4))).toBe('FFC6EFCE');
    expect(help.getCell(5).value).toBe('heures');
    expect(help.getCell(6).value).toBe('≠');
    expect(help.getCell(1).alignment?.indent).toBe(2);
    expect(help.getCell(2).alignment?.wrapText).toBe(true);

    const messages = findRow(ws, 'Transmission de messages urgents');
    expect(messages.getCell(4).value).toBe('non précisé');
    expect(messages.getCell(4).font?.italic).toBe(true);

    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(44);
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:1');
    expect(ws.headerFooter.oddFooter).toBe('&L&A&RPage &P / &N');
  });

  it('writes the comparable figures as numbers with French unit formats', async () => {
    const wb = await read(await writeComparisonWorkbook(model(), { date: '2026-01-15' }));
    const ws = wb.getWorksheet(SHEET_VALUES)!;
    const help = findRow(ws, 'Aide à domicile après hospitalisation');
    expect(help.getCell(2).value).toBe('heures');
    expect([help.getCell(3).value, help.getCell(4).value, help.getCell(5).value]).toEqual([15, 30, 30]);
    expect(help.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(help.getCell(3).numFmt).toBe('#,##0 "h"');
    expect(fillOf(help.getCell(3))).toBe('FFFFC7CE');
    const nights = findRow(ws, 'Hébergement d’un proche');
    expect([nights.getCell(3).value, nights.getCell(4).value, nights.getCell(5).value]).toEqual(['non précisé', 2, 2]);
  });

  it('lists every cell’s document, article, lines and quote in "Sources", and the assumptions', async () => {
    const wb = await read(await writeComparisonWorkbook(model(), { date: '2026-01-15', assumptions: ['Colonnes choisies par le courtier.'] }));
    const ws = wb.getWorksheet(SHEET_SOURCES)!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Garantie', 'Clé', 'Colonne', 'Statut', 'Texte', 'Intitulé dans le document', 'Déclencheur', 'Bénéficiaires',
      'Conditions', 'Quantités', 'Document', 'Fichier', 'Article / section', 'Lignes', 'Citation',
    ]);
    // 2 + 4 + 2 cells are filled (MIE, SLM, Intériale): one line each
    expect(ws.rowCount).toBe(1 + 8);
    const mieHelp = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(2).value === 'assistance.aide_domicile.hospitalisation')!;
    expect(mieHelp.getCell(3).value).toBe('MIE — Assistance à domicile — Formule unique — Convention (non datée)');
    expect(mieHelp.getCell(4).value).toBe('couvert');
    expect(mieHelp.getCell(10).value).toBe('15\u00a0h, sur 14\u00a0jours');
    expect(mieHelp.getCell(11).value).toBe('Garanties d’assistance à domicile (MIE)');
    expect(mieHelp.getCell(12).value).toBe('000_9aae189d12a4f87e.txt');
    expect(mieHelp.getCell(13).value).toBe('art. 3.1 Aide à domicile');
    expect(mieHelp.getCell(14).value).toBe('240–242');
    expect(mieHelp.getCell(15).value).toBe('ne pourra excéder 15 heures réparties sur une période maximale de 2 semaines.');

    const hyp = wb.getWorksheet(SHEET_ASSUMPTIONS)!;
    const texts = [...Array(hyp.rowCount).keys()].map((i) => String(hyp.getRow(i + 1).getCell(2).value));
    expect(texts[0]).toBe('Hypothèse');
    expect(texts).toContain('Colonnes choisies par le courtier.');
    expect(texts.some((t) => t.startsWith('« non précisé »'))).toBe(true);
    expect(texts.some((t) => t.includes('Avenant n° 3 (2026) (à partir du 01/01/2026), version en vigueur au 01/03/2026'))).toBe(true);
    expect(texts.some((t) => t.includes('Convention (non datée) (le document ne donne pas de date), version sans date, tenue pour en vigueur'))).toBe(true);
    expect(hyp.getCell('A2').value).toBe(1);
  });

  it('sets the document properties from the input', async () => {
    const wb = await read(await writeComparisonWorkbook(model(), { date: '2026-01-15', title: 'Assistance : MIE, SLM, Intériale' }));
    expect(wb.title).toBe('Assistance : MIE, SLM, Intériale');
    expect(wb.creator).toBe('Grille');
    expect(wb.lastModifiedBy).toBe('Grille');
    expect(wb.created.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(wb.subject).toBe('MIE — Assistance à domicile ; SLM — Assistance santé individuelle ; Intériale — Assistance à domicile');
    expect(wb.category).toBe('Comparaison');
  });

  it('gives the same bytes for the same inputs, whatever the clock says', async () => {
    const first = await writeComparisonWorkbook(model(), { date: '2026-01-15' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-04T13:37:11Z'));
    const second = await writeComparisonWorkbook(model(), { date: '2026-01-15' });
    vi.useRealTimers();
    expect(second.equals(first)).toBe(true);
    const zip = await JSZip.loadAsync(first);
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString()));
    expect([...dates]).toEqual(['2026-01-15T00:00:00.000Z']);
    // a different document date changes the file
    expect((await writeComparisonWorkbook(model(), { date: '2026-01-16' })).equals(first)).toBe(false);
  });

  it('refuses an impossible document date', async () => {
    await expect(writeComparisonWorkbook(model(), { date: 'demain' })).rejects.toThrow(/date du document invalide/);
  });
});
