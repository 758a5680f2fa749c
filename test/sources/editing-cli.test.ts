/**
 * `grille catalogue check` over desktop edits, with the source texts at hand: a value citing a document Grille
 * has no text of passes, listed « non vérifiable »; the same quote attributed to a seed is read there and fails.
 */
import { describe, expect, it } from 'vitest';
import { editCatalogue } from '../../src/main/services/editing';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import { findSeedsDir } from '../../src/main/catalogue/provenance-check';
import { grille } from '../cli/run';
import { freshDb, withCatalogue } from '../transfer/helpers';

const mie = loadDataDir().products.find((p) => p.product.id === 'mie-assistance')!;
const index = mie.guarantees.findIndex((g) => g.category === 'assistance.aide_domicile.hospitalisation');

describe('grille catalogue check and show', () => {
  it('passes with a value citing a document Grille has no text of, listed « non vérifiable »; fails on a wrong quote of a seed', async () => {
    const seeds = findSeedsDir();
    if (!seeds.dir) throw new Error(seeds.message);
    const env = { GRILLE_SOURCES: seeds.dir };
    const g = mie.guarantees[index]!;
    const guarantee = (source: { file: string; section: string; lines: [number, number]; quote: string }) => ({
      kind: 'guarantee' as const,
      productId: 'mie-assistance',
      index,
      expectedText: g.text,
      text: '20 h sur 2 semaines max.',
      status: 'covered' as const,
      quantities: { hours: 20, periodDays: 14 },
      conditions: null,
      source: { mode: 'document' as const, ...source },
      comment: '',
    });
    const db = await freshDb();
    await withCatalogue(db, (cat) => {
      editCatalogue(cat, guarantee({ file: 'Avenant n°5.pdf', section: 'art. 3.1', lines: [7, 8], quote: 'dans la limite de 20 heures sur 14 jours' }), { today: '2026-11-22' });
    });
    const where = `garantie n°${index + 1} (assistance.aide_domicile.hospitalisation)`;
    const json = grille(['catalogue', 'check', '--json', '--db', db], env);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { ok: boolean; provenance: { checked: boolean; problems: string[]; unverifiable: unknown } };
    expect(report).toMatchObject({ ok: true, provenance: { checked: true, problems: [] } });
    expect(report.provenance.unverifiable).toEqual({ total: 1, products: [{ id: 'mie-assistance', count: 1, where: [where], files: ['Avenant n°5.pdf'] }] });
    const text = grille(['catalogue', 'check', '--db', db], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Provenance : toutes les citations des sources de Grille retrouvées dans leur texte');
    expect(text.stdout).toContain('Non vérifiable : document absent des sources de Grille (cité dans Grille ou importé, à vérifier sur le document) : 1');
    expect(text.stdout).toContain(`⚠ mie-assistance : 1 — ${where} (document : Avenant n°5.pdf)`);
    expect(text.stdout).toContain('Catalogue vérifié.');

    // the same edit attributed to the seed itself: its quote is read there, and is not in it
    const wrong = await freshDb();
    await withCatalogue(wrong, (cat) => {
      editCatalogue(cat, guarantee({ file: g.source.file, section: g.source.section, lines: g.source.lines, quote: 'dans la limite de 20 heures sur 14 jours' }), { today: '2026-11-22' });
    });
    const bad = grille(['catalogue', 'check', '--db', wrong], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`✗ mie-assistance: ${where}: citation introuvable aux lignes ${g.source.lines[0]}-${g.source.lines[1]}: « dans la limite de 20 heures sur 14 jours »`);
    expect(bad.stdout).toContain('Non vérifiable : document absent des sources de Grille (cité dans Grille ou importé, à vérifier sur le document) : 0');
    expect(bad.stdout).toContain('Catalogue NON conforme.');
  });
});
