/**
 * `catalogueCheck` over desktop edits, with the source texts at hand: a value citing a document Grille has no
 * text of is listed « non vérifiable »; a quote attributed to a seed is still read there; a seed text missing
 * from the sources folder is a problem.
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSeedsDir } from '../../src/main/catalogue/provenance-check';
import { catalogueCheck, type Catalogue } from '../../src/main/services/catalogue';
import { cell, cellEdit, closeHarnesses, data, edit, guaranteeEdit, harness, HOME_HELP, homeHelpIndex, INT, MIE } from '../transfer/edit-harness';

afterEach(closeHarnesses);

describe('catalogue check of the documents a user cites', () => {
  /** catalogueCheck with the seed texts at hand (the provenance test of data/ says where to put them) */
  const checkWithSeeds = (cat: Catalogue) => {
    const seeds = findSeedsDir();
    if (!seeds.dir) throw new Error(seeds.message);
    const saved = process.env.GRILLE_SOURCES;
    process.env.GRILLE_SOURCES = seeds.dir;
    try {
      return catalogueCheck(cat);
    } finally {
      if (saved === undefined) delete process.env.GRILLE_SOURCES;
      else process.env.GRILLE_SOURCES = saved;
    }
  };

  it('a value citing a document Grille has no text of passes, listed as not verifiable with its document', async () => {
    const h = await harness();
    expect(checkWithSeeds(await h.cat()).provenance.unverifiable).toEqual({ total: 0, products: [] });
    await edit(h, cellEdit({ source: { mode: 'document', file: 'Avenant n°5.pdf', section: 'Annexe 1', lines: [3, 3], quote: 'Sécurité 26,00 € 36,06 € 14,33 €' } }));
    await edit(h, guaranteeEdit({ source: { mode: 'document', file: 'Avenant n°5.pdf', section: 'art. 3.1', lines: [7, 8], quote: 'dans la limite de 20 heures sur 14 jours' } }));
    const report = checkWithSeeds(await h.cat());
    expect(report.provenance.problems).toEqual([]);
    expect(report.provenance.checked).toBe(true);
    expect(report.provenance.unverifiable).toEqual({
      total: 2,
      products: expect.arrayContaining([
        { id: INT, count: 1, where: ['tarifs de la version 2026 : 1 cellule'], files: ['Avenant n°5.pdf'] },
        { id: MIE, count: 1, where: [`garantie n°${homeHelpIndex + 1} (${HOME_HELP})`], files: ['Avenant n°5.pdf'] },
      ]),
    });
    expect(report.provenance.unverifiable.products).toHaveLength(2);
    expect(report.ok).toBe(true);
  });

  it('a quote a user attributes to a seed file is still read against its text, and a wrong one fails', async () => {
    const h = await harness();
    // the seed's own line with the new amount: this quote is not in 003 at lines 220-228
    await edit(h, cellEdit({ source: { mode: 'document', file: cell.source.file, section: cell.source.section, lines: cell.source.lines, quote: 'Sécurité 26,00 € 36,06 € 14,33 €' } }));
    const report = checkWithSeeds(await h.cat());
    expect(report.ok).toBe(false);
    expect(report.provenance.unverifiable.total).toBe(0);
    expect(report.provenance.problems).toEqual([expect.stringMatching(new RegExp(`^${INT}: tarif n°\\d+ \\(2026/securite/jeune-actif\\): citation introuvable aux lignes ${cell.source.lines[0]}-${cell.source.lines[1]}: « Sécurité 26,00 € 36,06 € 14,33 € »$`))]);
  });

  it('a document of Grille whose text is missing from the sources folder is a problem, not « non vérifiable »', async () => {
    const h = await harness();
    const seeds = findSeedsDir();
    if (!seeds.dir) throw new Error(seeds.message);
    // a sources folder holding every seed but Intériale's
    const partial = mkdtempSync(join(tmpdir(), 'grille-some-seeds-'));
    expect(cell.source.file).toBe('003_7b883febf65126a3.txt');
    for (const name of readdirSync(seeds.dir)) if (name !== cell.source.file) copyFileSync(join(seeds.dir, name), join(partial, name));
    const saved = process.env.GRILLE_SOURCES;
    process.env.GRILLE_SOURCES = partial;
    try {
      const report = catalogueCheck(await h.cat());
      expect(report.ok).toBe(false);
      expect(report.provenance.unverifiable.total).toBe(0);
      expect(report.provenance.problems.length).toBeGreaterThan(0);
      expect(report.provenance.problems.filter((p) => !/^[a-z-]+: .*: document source 003_7b883febf65126a3\.txt introuvable$/.test(p))).toEqual([]);
      expect(report.provenance.problems.filter((p) => p.startsWith(`${INT}: tarif n°`)).length).toBe(data(INT).tariffs.length);
    } finally {
      if (saved === undefined) delete process.env.GRILLE_SOURCES;
      else process.env.GRILLE_SOURCES = saved;
    }
  });
});
