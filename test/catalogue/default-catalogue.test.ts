import { describe, expect, it } from 'vitest';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import type { ProductFile } from '../../src/shared/core/catalogue-schema';

const data = loadDataDir();
const product = (id: string): ProductFile => {
  const p = data.products.find((x) => x.product.id === id);
  if (!p) throw new Error(`produit ${id} absent de data/products`);
  return p;
};
const guarantee = (id: string, category: string) => {
  const g = product(id).guarantees.find((x) => x.category === category);
  if (!g) throw new Error(`${id}: pas de garantie ${category}`);
  return g;
};
const cell = (id: string, version: string, formula: string, segment: string, option = '') =>
  product(id).tariffs.find((t) => t.version === version && t.formula === formula && t.segment === segment && t.option === option)?.amountCents;

describe('the default catalogue in data/', () => {
  it('holds the nine products of the documents, every file valid and cross-referenced', () => {
    expect(data.problems).toEqual([]);
    expect(data.products.map((p) => p.product.id).sort()).toEqual(
      ['assurbp-sante-assistance', 'assurbp-sante-pro', 'bpce-mav', 'bpce-mav-assistance', 'interiale-assistance', 'interiale-cdg-sante', 'interiale-santeclair', 'mie-assistance', 'slm-assistance'].sort(),
    );
  });

  it('every guarantee, tariff cell, rule, segment and version carries a source with a quote', () => {
    for (const p of data.products) {
      for (const list of [p.guarantees, p.tariffs, p.rules, p.segments, p.versions, p.organisations]) {
        for (const entry of list as { source?: { quote: string; lines: number[] } }[]) {
          expect(entry.source?.quote.length, `${p.product.id}: entrée sans source`).toBeGreaterThan(0);
        }
      }
    }
  });

  // Spot values, typed from the seed texts (file and line in each comment).
  it('seed 000 (MIE): home help after hospitalisation, at most 15 hours (l. 241)', () => {
    expect(guarantee('mie-assistance', 'assistance.aide_domicile.hospitalisation').quantities.hours).toBe(15);
  });

  it('seed 001 (SLM): home help after hospitalisation, 30 hours, 2 hours minimum per visit, over 30 days (l. 170)', () => {
    expect(guarantee('slm-assistance', 'assistance.aide_domicile.hospitalisation').quantities).toMatchObject({ hours: 30, minHoursPerVisit: 2, periodDays: 30 });
  });

  it('seed 002 (MAV): annual premiums 129 / 249 € (option 1) and 99 / 198 € (option 2) (l. 657-662)', () => {
    expect(cell('bpce-mav', product('bpce-mav').versions[0]!.code, 'individuelle', 'contrat', '1')).toBe(12900);
    expect(cell('bpce-mav', product('bpce-mav').versions[0]!.code, 'familiale', 'contrat', '1')).toBe(24900);
    expect(cell('bpce-mav', product('bpce-mav').versions[0]!.code, 'individuelle', 'contrat', '2')).toBe(9900);
    expect(cell('bpce-mav', product('bpce-mav').versions[0]!.code, 'familiale', 'contrat', '2')).toBe(19800);
    expect(product('bpce-mav').tariffs.every((t) => t.period === 'year')).toBe(true);
  });

  it('seed 003 (Intériale): the 2025 table (l. 88-90) and Annexe 1 for 2026 (l. 220-228), twelve cells each', () => {
    const table2025: [string, number, number, number, number][] = [
      ['securite', 2374, 3405, 1353, 6530],
      ['essentielle', 3453, 4707, 1901, 9245],
      ['renforcee', 4150, 5908, 2365, 10830],
    ];
    const table2026: [string, number, number, number, number][] = [
      ['securite', 2514, 3606, 1433, 6915],
      ['essentielle', 3657, 4985, 2013, 9790],
      ['renforcee', 4395, 6257, 2505, 11469],
    ];
    for (const [version, table] of [['2025', table2025], ['2026', table2026]] as const) {
      for (const [formula, jeune, actif, enfant, retraite] of table) {
        expect([cell('interiale-cdg-sante', version, formula, 'jeune-actif'), cell('interiale-cdg-sante', version, formula, 'actif'), cell('interiale-cdg-sante', version, formula, 'enfant'), cell('interiale-cdg-sante', version, formula, 'retraite')]).toEqual([
          jeune,
          actif,
          enfant,
          retraite,
        ]);
      }
    }
    expect(product('interiale-cdg-sante').tariffs.filter((t) => t.version === '2026')).toHaveLength(12);
    expect(product('interiale-cdg-sante').versions.find((v) => v.code === '2026')).toMatchObject({ effectiveFrom: '2026-01-01', revision: { mode: 'additive' } });
  });

  it('seed 003 (Intériale assistance): home help after hospitalisation, 30 hours, 2 hours minimum, over 30 days (l. 604)', () => {
    expect(guarantee('interiale-assistance', 'assistance.aide_domicile.hospitalisation').quantities).toMatchObject({ hours: 30, minHoursPerVisit: 2, periodDays: 30 });
  });

  it('seed 004 (Assur-BP): four formulas, no tariff in the notice', () => {
    expect(product('assurbp-sante-pro').formulas.filter((f) => f.kind === 'formula').map((f) => f.code)).toEqual(['F1', 'F2', 'F3', 'F4']);
    expect(product('assurbp-sante-pro').tariffs).toEqual([]);
  });
});
