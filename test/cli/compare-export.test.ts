import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { grille, tempDb } from './run';

let db: string;
let dir: string;
beforeAll(() => {
  db = tempDb();
  dir = mkdtempSync(join(tmpdir(), 'grille-export-'));
  expect(grille(['catalogue', 'list', '--db', db]).code).toBe(0);
});

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const IMA = ['mie-assistance', 'slm-assistance', 'interiale-assistance'];

describe('grille compare', () => {
  it('prints the three IMA conventions side by side: home help after hospitalisation 15 h (MIE) against 30 h', () => {
    const r = grille(['compare', ...IMA, '--category', 'assistance.aide_domicile', '--db', db], { COLUMNS: '200' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const line = r.stdout.split('\n').find((l) => l.includes('Aide à domicile après hospitalisation'))!;
    expect(line).toMatch(/▼ 15 h sur 2 semaines/);
    expect(line).toMatch(/▲ 30 h sur 30 jours/);
    expect(line.trimEnd().endsWith('≠')).toBe(true);
    expect(r.stdout).toContain('[1] mie-assistance:base');
    expect(r.stdout).toContain('Comparaison : 3 colonnes');
  });

  it('cuts long texts to the terminal and shows the columns in blocks', () => {
    const r = grille(['compare', '--db', db], { COLUMNS: '100' });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(r.stdout).toMatch(/Colonnes 1 à \d+ sur 15/);
    expect(r.stdout).toContain('…');
  });

  it('--json gives the comparison model; no product named = every formula of the catalogue', () => {
    const r = grille(['compare', '--category', 'assistance.aide_domicile', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const { comparison } = JSON.parse(r.stdout) as { comparison: { columns: { productId: string; formula: string }[]; rows: unknown[] } };
    expect(comparison.columns).toHaveLength(15);
    expect(comparison.columns.filter((c) => c.productId === 'interiale-cdg-sante').map((c) => c.formula)).toEqual(['securite', 'essentielle', 'renforcee']);
    const diff = JSON.parse(grille(['compare', ...IMA, '--differences', '--json', '--db', db]).stdout) as { comparison: { rows: { type: string; differs: boolean }[] } };
    expect(diff.comparison.rows.filter((x) => x.type === 'category').every((x) => x.differs)).toBe(true);
    const search = JSON.parse(grille(['compare', ...IMA, '--search', 'garde enfants', '--json', '--db', db]).stdout) as { comparison: { counts: { shown: number } } };
    expect(search.comparison.counts.shown).toBeGreaterThan(0);
  });

  it('--out writes the comparison workbook of the whole catalogue; same date, same bytes', async () => {
    const a = join(dir, 'comparaison.xlsx');
    const b = join(dir, 'comparaison-2.xlsx');
    const r = grille(['compare', '--out', a, '--date', '2026-01-15', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Classeur écrit : .*comparaison\.xlsx \([\d ]+ octets\)\n$/);
    const j = grille(['compare', '--out', b, '--date', '2026-01-15', '--json', '--db', db]);
    expect(JSON.parse(j.stdout)).toMatchObject({ workbook: 'comparison', file: b, columns: 15 });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const wb = await read(a);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Comparaison', 'Valeurs', 'Exemples en euros', 'Sources', 'Hypothèses']);
    expect(wb.created?.toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });

  it('fails with one French line: unknown product, bad date', () => {
    const r = grille(['compare', 'nope', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^grille: Produit inconnu : « nope »/);
    const d = grille(['compare', ...IMA, '--at', '2026-02-30', '--db', db]);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/2026-02-30/);
  });
});

describe('grille export', () => {
  it('tariffs: the Intériale tables as euro amounts (seed 003 l. 220)', async () => {
    const out = join(dir, 'tarifs.xlsx');
    const r = grille(['export', 'tariffs', 'interiale-cdg-sante', '--out', out, '--date', '2026-01-15', '--db', db]);
    expect(r.code).toBe(0);
    const wb = await read(out);
    const ws = wb.getWorksheet('interiale-cdg-sante 2026')!;
    expect(ws.getCell('B5').value).toBe(25.14);
    expect(ws.getCell('B5').numFmt).toBe('#,##0.00 "€"');
  });

  it('quote: the same options as grille quote; totals are formulas (Sécurité 36,06 + 14,33 = 50,39 €)', async () => {
    const out = join(dir, 'devis.xlsx');
    const r = grille(['export', 'quote', 'interiale-cdg-sante', '--formula', 'securite', '--at', '2026-03-01', '--member', 'principal:1980-05-10:actif', '--member', 'enfant:2012', '--out', out, '--date', '2026-01-15', '--json', '--db', db]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ workbook: 'quote', file: out });
    const ws = (await read(out)).getWorksheet('Devis')!;
    expect([ws.getCell('B6').value, ws.getCell('B7').value]).toEqual([36.06, 14.33]);
    let total: ExcelJS.Cell | null = null;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'Cotisation mensuelle du foyer') total = row.getCell(2);
    });
    expect(total!.formula).toBe('SUM(B6:B7)');
    expect(total!.result).toBe(50.39);
    const bad = grille(['export', 'quote', '--at', '2026-03-01', '--member', 'oncle:1980', '--out', join(dir, 'x.xlsx'), '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^grille: --member .*rôle « oncle » inconnu/);
  });

  it('deliberation: versions 2025 → 2026 with headcounts and participation; or a revision by components', async () => {
    const hc = join(dir, 'effectifs.csv');
    writeFileSync(hc, 'formule;segment;effectif\nsecurite;jeune-actif;10\nrenforcee;actif;5\n');
    const out = join(dir, 'deliberation.xlsx');
    const r = grille(['export', 'deliberation', 'interiale-cdg-sante', '--from-at', '2025-06-01', '--to-at', '2026-01-01', '--headcounts', hc, '--participation', '15', '--out', out, '--date', '2026-01-15', '--db', db]);
    expect(r.code).toBe(0);
    const wb = await read(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Délibération', 'Impact budgétaire', 'Tableaux des documents', 'Sources', 'Hypothèses']);
    const ws = wb.getWorksheet('Délibération')!;
    expect(ws.getCell('B15').formula).toBe('B11-B7');
    expect(ws.getCell('B15').result).toBe(1.4); // 25,14 − 23,74
    const again = join(dir, 'deliberation-2.xlsx');
    grille(['export', 'deliberation', 'interiale-cdg-sante', '--from-at', '2025-06-01', '--to-at', '2026-01-01', '--headcounts', hc, '--participation', '15', '--out', again, '--date', '2026-01-15', '--db', db]);
    expect(readFileSync(out).equals(readFileSync(again))).toBe(true);

    const rev = join(dir, 'revision.xlsx');
    const c = grille(['export', 'deliberation', 'interiale-cdg-sante', '--from-at', '2025-06-01', '--component', 'PMSS:1,9', '--component', 'Technique:4', '--reference', 'avenant n°3', '--out', rev, '--date', '2026-01-15', '--db', db]);
    expect(c.code).toBe(0);
    const rs = (await read(rev)).getWorksheet('Délibération')!;
    expect(rs.getCell('B11').value).toBe(25.14);
    expect(rs.getCell('E13').value).toBe(114.69);
  });

  it('errors: exit 1 and one French line, nothing written, an existing file left as it was', () => {
    const missing = grille(['export', 'tariffs', 'interiale-cdg-sante', '--out', join(dir, 'absent', 't.xlsx'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^grille: --out « .* » : le dossier .*absent n’existe pas/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'absent'))).toBe(false);

    const txt = grille(['export', 'tariffs', 'interiale-cdg-sante', '--out', join(dir, 't.txt'), '--db', db]);
    expect(txt.code).toBe(1);
    expect(txt.stderr).toMatch(/\.xlsx/);

    const folder = join(dir, 'dossier.xlsx');
    mkdirSync(folder);
    const isDir = grille(['export', 'tariffs', 'interiale-cdg-sante', '--out', folder, '--db', db]);
    expect(isDir.code).toBe(1);
    expect(isDir.stderr).toMatch(/dossier/);

    const date = grille(['export', 'tariffs', 'interiale-cdg-sante', '--out', join(dir, 'd.xlsx'), '--date', '15/01/2026', '--db', db]);
    expect(date.code).toBe(1);
    expect(date.stderr).toMatch(/--date « 15\/01\/2026 »/);

    const noOut = grille(['export', 'tariffs', 'interiale-cdg-sante', '--db', db]);
    expect(noOut.code).toBe(2);

    // a failing command leaves an existing file untouched and no temporary file behind
    const keep = join(dir, 'garde.xlsx');
    writeFileSync(keep, 'ancien contenu');
    for (const args of [
      ['export', 'tariffs', 'nope', '--out', keep],
      ['export', 'deliberation', 'interiale-cdg-sante', '--from-at', '2025-06-01', '--out', keep],
      ['export', 'deliberation', 'interiale-cdg-sante', '--from-at', '2025-06-01', '--to-at', '2025-07-01', '--out', keep],
      ['export', 'deliberation', 'interiale-cdg-sante', '--from-at', '2025-06-01', '--to-at', '2026-01-01', '--participation', '15', '--out', keep],
      ['export', 'deliberation', 'interiale-cdg-sante', '--from-at', '2025-06-01', '--to-at', '2026-01-01', '--headcounts', join(dir, 'absent.csv'), '--out', keep],
      ['compare', 'nope', '--out', keep],
    ]) {
      const r = grille([...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(readFileSync(keep, 'utf8')).toBe('ancien contenu');
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
