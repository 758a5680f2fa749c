/**
 * The CLI's side of desktop edits: `grille history` shows which entries were undone and which one
 * `grille undo` would undo; `grille undo` undoes it; `grille catalogue check` counts values without
 * source and lists values citing a document Grille has no text of (information, not a failure) while
 * still failing on a wrong quote of a seed; `catalogue show` writes values without source « sans source ».
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editCatalogue } from '../../src/main/services/editing';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import { grille } from '../cli/run';
import { freshDb, withCatalogue } from './helpers';

const mie = loadDataDir().products.find((p) => p.product.id === 'mie-assistance')!;
const index = mie.guarantees.findIndex((g) => g.category === 'assistance.aide_domicile.hospitalisation');

describe('grille history and grille undo', () => {
  it('shows undone entries as such, and undoes the latest edit', async () => {
    const db = await freshDb();
    await withCatalogue(db, (cat) => {
      editCatalogue(cat, { kind: 'formulaLabel', productId: 'interiale-cdg-sante', formula: 'securite', expectedLabel: 'Sécurité', label: 'Sécurité 1', comment: 'premier' }, { today: '2026-11-22' });
      editCatalogue(cat, { kind: 'formulaLabel', productId: 'interiale-cdg-sante', formula: 'essentielle', expectedLabel: 'Essentielle', label: 'Essentielle 2', comment: 'second' }, { today: '2026-11-22' });
    });
    const u = grille(['undo', '--product', 'interiale-cdg-sante', '--json', '--db', db]);
    expect(u.stderr).toBe('');
    expect(u.code).toBe(0);
    expect(JSON.parse(u.stdout)).toMatchObject({ undone: 2, auditId: 3, productId: 'interiale-cdg-sante', what: expect.stringMatching(/^Annulation : Libellé de la formule essentielle/) });

    const h = grille(['history', 'interiale-cdg-sante', '--db', db]);
    expect(h.code).toBe(0);
    const lines = h.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('n°3 '))).toMatch(/Annulation : Libellé de la formule essentielle/);
    expect(lines.find((l) => l.startsWith('n°2 '))).toMatch(/« Essentielle » → « Essentielle 2 ».*— annulée \(n°3\)$/);
    expect(lines.find((l) => l.startsWith('n°1 '))).toMatch(/« Sécurité » → « Sécurité 1 ».*— la prochaine que « grille undo » annulerait$/);

    const json = JSON.parse(grille(['history', '--json', '--db', db]).stdout) as { product: null; entries: { id: number; undoable: boolean; undoneBy: number | null }[] };
    expect(json.entries.map((e) => [e.id, e.undoable, e.undoneBy])).toEqual([
      [3, false, null],
      [2, false, 3],
      [1, true, null],
    ]);

    expect(grille(['undo', '--db', db]).code).toBe(0);
    const none = grille(['undo', '--db', db]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/Rien à annuler/);
    const shown = JSON.parse(grille(['catalogue', 'show', 'interiale-cdg-sante', '--json', '--db', db]).stdout) as { product: { formulas: { label: string }[] } };
    expect(shown.product.formulas.map((f) => f.label)).toEqual(['Sécurité', 'Essentielle', 'Renforcée']);
  });
});

describe('grille catalogue check and show', () => {
  it('counts the values without source without failing, and writes them « sans source »', async () => {
    const db = await freshDb();
    await withCatalogue(db, (cat) => {
      editCatalogue(
        cat,
        { kind: 'guarantee', productId: 'mie-assistance', index, expectedText: mie.guarantees[index]!.text, text: '20 h sur 2 semaines max.', status: 'covered', quantities: { hours: 20, periodDays: 14 }, conditions: null, source: { mode: 'none' }, comment: '' },
        { today: '2026-11-22' },
      );
    });
    // without the seed texts (an empty folder), the provenance part is not what is tested here
    const env = { GRILLE_SOURCES: mkdtempSync(join(tmpdir(), 'grille-no-seeds-')) };
    const json = JSON.parse(grille(['catalogue', 'check', '--json', '--db', db], env).stdout) as { unsourced: { total: number; products: { id: string; count: number }[] }; problems: string[] };
    expect(json.unsourced).toEqual({ total: 1, products: [{ id: 'mie-assistance', count: 1, where: [`garantie n°${index + 1} (assistance.aide_domicile.hospitalisation)`] }] });
    expect(json.problems).toEqual([]);
    const text = grille(['catalogue', 'check', '--db', db], env);
    expect(text.stdout).toContain('Valeurs sans source (saisies dans Grille sans document, à vérifier) : 1');
    expect(text.stdout).toContain(`⚠ mie-assistance : 1 — garantie n°${index + 1}`);
    const show = grille(['catalogue', 'show', 'mie-assistance', '--db', db]);
    expect(show.stdout).toContain('source : sans source (Valeur saisie sans source le 2026-11-22)');
    expect(show.stdout).not.toContain('grille:saisie');
  });
});
