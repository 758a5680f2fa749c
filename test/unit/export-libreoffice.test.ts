/**
 * The four workbooks (comparison, tariffs, quote, deliberation) open in LibreOffice and print: each is
 * converted to PDF with `soffice --headless --convert-to pdf`, and the PDF must have pages, in landscape.
 * Without LibreOffice the test is skipped with the reason, except on CI (CI set), which installs it and
 * where its absence is a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { comparisonWorkbook, deliberationWorkbook, quoteWorkbook, tariffWorkbook } from '../../src/main/services/exports';

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

const soffice = which('soffice') ?? which('libreoffice');
const pdfinfo = which('pdfinfo');
const pdftotext = which('pdftotext');

let cat: Catalogue;
let dir: string;
beforeAll(async () => {
  cat = await openCatalogue(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'grille-lo-'));
});
afterAll(() => {
  cat.close();
  rmSync(dir, { recursive: true, force: true });
});

const DATE = '2026-01-15';

async function writeAll(): Promise<string[]> {
  const files: [string, Buffer][] = [
    ['comparaison.xlsx', await comparisonWorkbook(cat, { columns: ['mie-assistance', 'slm-assistance', 'interiale-assistance'].map((productId) => ({ productId, formula: '' })) }, DATE)],
    ['tarifs.xlsx', await tariffWorkbook(cat, ['interiale-cdg-sante', 'bpce-mav'], DATE)],
    [
      'devis.xlsx',
      await quoteWorkbook(
        cat,
        {
          offers: [
            ...['securite', 'essentielle', 'renforcee'].map((formula) => ({ productId: 'interiale-cdg-sante', formula })),
            ...['individuelle', 'familiale'].map((formula) => ({ productId: 'bpce-mav', formula })),
          ],
          at: '2026-03-01',
          members: [
            { role: 'principal', birth: '1980-05-10', status: 'actif' },
            { role: 'enfant', birth: '2015' },
          ],
          mav: { sports: ['plongée'], periodicity: 'mensuel' },
        },
        DATE,
      ),
    ],
    [
      'deliberation.xlsx',
      await deliberationWorkbook(
        cat,
        {
          productId: 'interiale-cdg-sante',
          fromAt: '2025-06-01',
          toAt: '2026-01-01',
          headcounts: { text: 'formule;segment;effectif;statut\nsecurite;jeune-actif;10;\nessentielle;enfant;2;retraite\n', format: 'csv', name: 'effectifs.csv' },
          participation: '15',
        },
        DATE,
      ),
    ],
  ];
  return files.map(([name, bytes]) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  });
}

/** Pages and the first page's size in points, from pdfinfo, or from the PDF itself without it. */
function pdfPages(pdf: string): { pages: number; width: number; height: number } {
  if (pdfinfo) {
    const out = spawnSync(pdfinfo, [pdf], { encoding: 'utf8' }).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1] ?? 0);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(out);
    return { pages, width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0) };
  }
  const text = readFileSync(pdf).toString('latin1');
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
  return { pages: (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length, width: Number(box?.[1] ?? 0), height: Number(box?.[2] ?? 0) };
}

describe('workbooks in LibreOffice', () => {
  it('converts the comparison, tariff, quote and deliberation workbooks to PDF: pages, landscape', { timeout: 240_000 }, async (ctx) => {
    if (!soffice) {
      if (process.env.CI) throw new Error('LibreOffice (soffice) introuvable alors que CI est défini : installez libreoffice-calc-nogui (voir .ci/run).');
      ctx.skip('LibreOffice (soffice) absent : conversion des classeurs en PDF non vérifiée (installez libreoffice-calc-nogui)');
    }
    const files = await writeAll();
    // a profile of its own: another LibreOffice running (or a parallel test) cannot lock this one out
    const profile = pathToFileURL(join(dir, 'profil')).href;
    const r = spawnSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files], { encoding: 'utf8', timeout: 200_000 });
    expect(r.status, `soffice: ${r.stderr}`).toBe(0);
    for (const file of files) {
      const pdf = file.replace(/\.xlsx$/, '.pdf');
      expect(existsSync(pdf), `${pdf} absent — soffice: ${r.stdout} ${r.stderr}`).toBe(true);
      const { pages, width, height } = pdfPages(pdf);
      expect(pages, pdf).toBeGreaterThan(0);
      expect(width, `${pdf} en paysage`).toBeGreaterThan(height);
    }
    if (pdftotext) {
      const text = spawnSync(pdftotext, ['-layout', join(dir, 'deliberation.pdf'), '-'], { encoding: 'utf8' }).stdout;
      expect(text).toContain('Composantes de la révision');
      expect(text).toContain('non précisé');
      expect(text).toContain('Impact budgétaire');
    }
  });
});
