/**
 * `grille catalogue check` with the source texts at hand: every quote of the catalogue is read against its
 * text, a value citing a document Grille has no text of is listed, a wrong quote fails the check.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import { findSeedsDir } from '../../src/main/catalogue/provenance-check';
import { grille, tempDb } from '../cli/run';

describe('grille catalogue', () => {
  it('check: integrity and provenance of every value, exit 1 when a value loses its source', () => {
    const seeds = findSeedsDir();
    if (!seeds.dir) throw new Error(seeds.message);
    const env = { GRILLE_SOURCES: seeds.dir };
    const db = tempDb();
    const ok = grille(['catalogue', 'check', '--json', '--db', db], env);
    const report = JSON.parse(ok.stdout) as { ok: boolean; integrity: string; problems: string[]; provenance: { checked: boolean; problems: string[] } };
    expect(report.integrity).toBe('ok');
    expect(report.problems).toEqual([]);
    expect(report.provenance).toMatchObject({ checked: true, problems: [], unverifiable: { total: 0, products: [] } });
    expect(ok.code).toBe(0);
    // a product that cites its own notice (as an imported one does): not verifiable here, not a failure
    const slm = loadDataDir().products.find((p) => p.product.id === 'slm-assistance')!;
    const notice = new Database(db);
    notice.prepare("UPDATE sources SET file = 'Notice SLM assistance.pdf' WHERE product_id = 'slm-assistance'").run();
    notice.close();
    const cited = grille(['catalogue', 'check', '--json', '--db', db], env);
    expect(cited.code).toBe(0);
    const unverifiable = (JSON.parse(cited.stdout) as { provenance: { problems: string[]; unverifiable: { total: number; products: { id: string; count: number; where: string[]; files: string[] }[] } } }).provenance;
    expect(unverifiable.problems).toEqual([]);
    // every value of the product but its organisations (shared rows, still citing the seed)
    const count = 1 + slm.formulas.filter((f) => f.source).length + slm.segments.length + slm.versions.length + slm.rules.length + slm.guarantees.length + slm.tariffs.length;
    expect(unverifiable.unverifiable).toMatchObject({ total: count, products: [{ id: 'slm-assistance', count, files: ['Notice SLM assistance.pdf'] }] });
    expect(unverifiable.unverifiable.products[0]!.where.slice(0, 2)).toEqual(['produit', `version ${slm.versions[0]!.code}`]);
    const raw = new Database(db);
    raw.prepare("UPDATE sources SET quote = 'une citation inventée' WHERE id = (SELECT source_id FROM guarantees LIMIT 1)").run();
    raw.close();
    const bad = grille(['catalogue', 'check', '--db', db], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('citation introuvable');
    expect(bad.stdout).toContain('une citation inventée');
  });
});
