/**
 * The pricing engine on the catalogue files of data/ (interiale-cdg-sante.json, bpce-mav.json). These files must
 * exist: the test fails when they are missing or invalid. Expected values typed from the seeds (see the fixtures).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { productFileSchema, type ProductFile } from '../../src/shared/core/catalogue-schema';
import { priceMav } from '../../src/shared/core/mav';
import { quoteHousehold } from '../../src/shared/core/quote';
import { cellsOfVersion, diffCells, reviseVersion } from '../../src/shared/core/revision';
import { INTERIALE_2026, MAV_PREMIUMS } from './fixtures/pricing-products';

function load(id: string): ProductFile {
  const raw: unknown = JSON.parse(readFileSync(join(__dirname, '../../data/products', `${id}.json`), 'utf8'));
  const parsed = productFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${id}.json invalide: ${parsed.error.message}`);
  return parsed.data;
}

describe('data/products/interiale-cdg-sante.json', () => {
  const product = load('interiale-cdg-sante');

  it('its 2026 revision components reproduce its 2026 cells from its 2025 cells, all 12', () => {
    const v2026 = product.versions.find((v) => v.effectiveFrom === '2026-01-01')!;
    const v2025 = product.versions.find((v) => v.effectiveTo === '2025-12-31')!;
    expect(v2026.revision?.mode).toBe('additive');
    const r = reviseVersion(product, v2025.code, { components: v2026.revision!.components, mode: v2026.revision!.mode, effectiveFrom: '2026-01-01' });
    if (!r.ok) throw new Error(r.message);
    const after = cellsOfVersion(product, v2026.code);
    expect(after).toHaveLength(12);
    const diff = diffCells(r.result.cells.map((c) => ({ ...c, amountCents: c.newCents })), after);
    expect(diff.changes).toHaveLength(12);
    expect(diff.changes.filter((c) => c.deltaCents !== 0)).toEqual([]);
    for (const [formula, values] of Object.entries(INTERIALE_2026)) {
      ['jeune-actif', 'actif', 'enfant', 'retraite'].forEach((segment, i) =>
        expect(after.find((c) => c.formula === formula && c.segment === segment)?.amountCents).toBe(values[i]),
      );
    }
  });

  it('household quote 2026: segments, free 3rd child, retiree child not stated', () => {
    const family = quoteHousehold(product, 'securite', {
      at: '2026-03-01',
      members: [
        { role: 'principal', birth: '1990-05-10', status: 'actif' },
        { role: 'conjoint', birth: '1992', status: 'actif' },
        { role: 'enfant', birth: '2020-09-01' },
        { role: 'enfant', birth: '2015-02-01' },
        { role: 'enfant', birth: '2017-06-01' },
      ],
    });
    expect(family.refusals).toEqual([]);
    expect(family.totals).toMatchObject({ complete: true, monthlyCents: 8986, annualCents: 107832 });
    const retiree = quoteHousehold(product, 'securite', { at: '2026-03-01', members: [{ role: 'principal', birth: '1958', status: 'retraite' }, { role: 'enfant', birth: '2008' }] });
    expect(retiree.lines.map((l) => l.outcome)).toEqual(['priced', 'non-precise']);
    expect(retiree.totals).toMatchObject({ complete: false, monthlyCents: null, partialMonthlyCents: 6915 });
    const retiree2025 = quoteHousehold(product, 'securite', { at: '2025-03-01', members: [{ role: 'principal', birth: '1958', status: 'retraite' }, { role: 'enfant', birth: '2008' }] });
    expect(retiree2025.totals).toMatchObject({ complete: true, monthlyCents: 6530 + 1353 });
  });
});

describe('data/products/bpce-mav.json', () => {
  const product = load('bpce-mav');
  const adult = { role: 'principal' as const, birth: '1980' };

  it('premiums, surcharge, installments, first premium', () => {
    for (const formula of ['individuelle', 'familiale'] as const) {
      for (const option of ['1', '2'] as const) {
        const q = priceMav(product, { formula, option, members: [adult], adhesion: '2026-01-05', periodicity: 'annuel' });
        expect(q.status).toBe('priced');
        expect(q.annualCents).toBe(MAV_PREMIUMS[formula][option]);
      }
    }
    const q = priceMav(product, { formula: 'individuelle', option: '1', members: [adult], adhesion: '2026-02-01', periodicity: 'mensuel', sports: ['moto', 'karting'] });
    expect(q).toMatchObject({ annualCents: 19350, installments: { amountCents: 1613, roundingDiffCents: 6 }, firstPremium: { months: 11, amountCents: 17738 } });
  });

  it('refusals and referral', () => {
    const base = { formula: 'individuelle', option: '1', members: [adult], adhesion: '2026-01-05' };
    expect(priceMav(product, { ...base, members: [{ role: 'principal', birth: '1961' }] }).refusals.map((r) => r.code)).toEqual(['age-limite']);
    expect(priceMav(product, { ...base, members: [adult, { role: 'conjoint', birth: '1980' }] }).refusals.map((r) => r.code)).toEqual(['formule-membres']);
    expect(priceMav(product, { ...base, sports: ['boxe', 'luge', 'alpinisme', 'escalade'] }).refusals.map((r) => r.code)).toEqual(['sports-max']);
    expect(priceMav(product, { ...base, sports: ['golf'] }).refusals.map((r) => r.code)).toEqual(['sport-hors-liste']);
    expect(priceMav(product, { ...base, sports: ['ulm'] }).status).toBe('refer');
    expect(priceMav(product, { ...base, renouncedOptions: ['1'] }).refusals.map((r) => r.code)).toEqual(['option-renoncee']);
    const fam = priceMav(product, { ...base, formula: 'familiale', members: [adult, { role: 'conjoint', birth: '1961' }, { role: 'enfant', birth: '2000' }] });
    expect(fam.refusals.map((r) => [r.code, r.member])).toEqual([['age-limite', 1], ['age-limite', 2]]);
  });
});
