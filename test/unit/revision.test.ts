/**
 * Tariff revisions. Expected values typed from seed 003: the 2025 table (deliberation l. 89-91) and Annexe 1
 * 2026 (l. 220-222 actifs, l. 227-229 retraités); the deliberation's components PMSS 1,9 % and technique 4 %
 * (l. 79-81, "soit une augmentation globale de +5,9%").
 */
import { describe, expect, it } from 'vitest';
import { productFileSchema, tariffCellSchema, versionSchema } from '../../src/shared/core/catalogue-schema';
import {
  cellsOfVersion,
  diffCells,
  inverseRevision,
  parseComponentArg,
  reviseCells,
  reviseVersion,
  revisionFactor,
  toCatalogueEntries,
  type RevisionResult,
} from '../../src/shared/core/revision';
import { INTERIALE_2025, INTERIALE_2026, interialeProduct } from './fixtures/pricing-products';

const SEGMENTS = ['jeune-actif', 'actif', 'enfant', 'retraite'];
const COMPONENTS = [
  { label: 'PMSS', rate: '1.9' },
  { label: 'technique', rate: '4' },
];

function revise(mode: 'additive' | 'compound'): RevisionResult {
  const r = reviseVersion(interialeProduct(), '2025', { components: COMPONENTS, mode, effectiveFrom: '2026-01-01', reference: 'avenant n°3' });
  if (!r.ok) throw new Error(r.message);
  return r.result;
}

function amount(result: RevisionResult, formula: string, segment: string): number {
  return result.cells.find((c) => c.formula === formula && c.segment === segment)!.newCents;
}

describe('Intériale 2025 → 2026, additive (+5,9 %)', () => {
  const result = revise('additive');

  it('reproduces Annexe 1 exactly, all 12 cells', () => {
    expect(result.cells).toHaveLength(12);
    for (const formula of Object.keys(INTERIALE_2026)) {
      SEGMENTS.forEach((segment, i) => {
        expect(amount(result, formula, segment), `${formula} × ${segment}`).toBe(INTERIALE_2026[formula]![i]);
      });
    }
    // the same, compared with the 2026 cells of the product
    const product = interialeProduct();
    const diff = diffCells(
      result.cells.map((c) => ({ ...c, amountCents: c.newCents })),
      cellsOfVersion(product, '2026'),
    );
    expect(diff.onlyBefore).toEqual([]);
    expect(diff.onlyAfter).toEqual([]);
    expect(diff.changes.every((c) => c.deltaCents === 0)).toBe(true);
  });

  it('factor, components and hypotheses', () => {
    expect(result.factor).toEqual({ num: 1059n, den: 1000n });
    expect(result.factorText).toBe('1,059');
    expect(result.totalRateText).toBe('5,9\u00a0%');
    expect(result.components).toEqual(COMPONENTS);
    expect(result.reference).toBe('avenant n°3');
    expect(result.fromVersion).toBe('2025');
    expect(result.hypotheses.map((h) => [h.code, h.ruling])).toEqual([
      ['revision-mode', 2],
      ['revision-arrondi', 1],
    ]);
  });

  it('diff per cell: the monthly differences of the fact sheet (2026 − 2025)', () => {
    const d = (f: string, s: string) => result.cells.find((c) => c.formula === f && c.segment === s)!;
    // fact sheet §6 "Monthly differences": Sécurité +1,40 +2,01 +0,80 +3,85; Renforcée retraités +6,39
    expect([d('securite', 'jeune-actif'), d('securite', 'actif'), d('securite', 'enfant'), d('securite', 'retraite')].map((c) => c.deltaCents)).toEqual([140, 201, 80, 385]);
    expect(d('renforcee', 'retraite').deltaCents).toBe(639);
    expect(d('securite', 'jeune-actif')).toMatchObject({ oldCents: 2374, newCents: 2514, deltaPercent: 5.9 });
    expect(d('securite', 'enfant').deltaPercent).toBe(5.91); // 5,9128 %
    expect(d('renforcee', 'enfant').deltaPercent).toBe(5.92); // 5,9197 %
    expect(d('securite', 'jeune-actif').previousSource?.lines).toEqual([89, 89]);
  });

  it('catalogue entries validate and keep the components', () => {
    const source = { file: '003_7b883febf65126a3.txt', section: 'Délibération', lines: [81, 81] as [number, number], quote: 'soit une augmentation globale de +5,9%' };
    const { version, tariffs } = toCatalogueEntries(result, { code: '2026-calc', label: '2026 calculé', document: 'avenant-3', source });
    expect(versionSchema.safeParse(version).success).toBe(true);
    expect(version.revision).toEqual({ mode: 'additive', components: COMPONENTS });
    expect(version.reference).toBe('avenant n°3');
    expect(tariffs.every((t) => tariffCellSchema.safeParse(t).success)).toBe(true);
    const product = interialeProduct();
    product.versions.push(version);
    product.tariffs.push(...tariffs);
    expect(productFileSchema.safeParse(product).success).toBe(true);
  });
});

describe('compound mode (1,019 × 1,04 = 1,05976)', () => {
  const result = revise('compound');
  it('gives the compound figures, computed by hand from the document numbers', () => {
    expect(result.factor).toEqual({ num: 13247n, den: 12500n }); // 1,05976
    const expected: Record<string, number[]> = {
      // 2374 × 1,05976 = 2515,87 → 2516; 3405 × 1,05976 = 3608,48 → 3608; 1353 → 1433,86 → 1434; 6530 → 6920,23 → 6920
      securite: [2516, 3608, 1434, 6920],
      // 3453 → 3659,35 → 3659; 4707 → 4988,29 → 4988; 1901 → 2014,60 → 2015; 9245 → 9797,48 → 9797
      essentielle: [3659, 4988, 2015, 9797],
      // 4150 → 4398,00 → 4398; 5908 → 6261,06 → 6261; 2365 → 2506,33 → 2506; 10830 → 11477,20 → 11477
      renforcee: [4398, 6261, 2506, 11477],
    };
    for (const [formula, values] of Object.entries(expected)) {
      SEGMENTS.forEach((segment, i) => expect(amount(result, formula, segment)).toBe(values[i]));
    }
    // and none of them is the Annexe 1 figure
    let same = 0;
    for (const formula of Object.keys(INTERIALE_2026)) SEGMENTS.forEach((s, i) => (same += amount(result, formula, s) === INTERIALE_2026[formula]![i] ? 1 : 0));
    expect(same).toBe(0);
  });
});

describe('inverse', () => {
  it('brings the 2026 cells back to 2025 within a cent', () => {
    const result = revise('additive');
    const back = inverseRevision(result);
    expect(back.factor).toEqual({ num: 1000n, den: 1059n });
    for (const c of back.cells) {
      const i = SEGMENTS.indexOf(c.segment);
      expect(Math.abs(c.newCents - INTERIALE_2025[c.formula]![i]!)).toBeLessThanOrEqual(1);
    }
  });
});

describe('inputs', () => {
  it('parseComponentArg', () => {
    expect(parseComponentArg('PMSS:1,9')).toEqual({ ok: true, component: { label: 'PMSS', rate: '1.9' } });
    expect(parseComponentArg('technique:+4')).toEqual({ ok: true, component: { label: 'technique', rate: '4' } });
    expect(parseComponentArg('a:b:-2.5')).toEqual({ ok: true, component: { label: 'a:b', rate: '-2.5' } });
    expect(parseComponentArg('PMSS:abc').ok).toBe(false);
    expect(parseComponentArg('1.9').ok).toBe(false);
    expect(parseComponentArg(':1.9').ok).toBe(false);
  });
  it('refuses bad revisions', () => {
    expect(revisionFactor([], 'additive').ok).toBe(false);
    expect(revisionFactor([{ label: 'x', rate: 'abc' }]).ok).toBe(false);
    expect(revisionFactor([{ label: 'x', rate: '-100' }]).ok).toBe(false);
    expect(revisionFactor([{ label: 'x', rate: '-60' }, { label: 'y', rate: '-50' }], 'additive').ok).toBe(false);
    expect(revisionFactor([{ label: 'x', rate: '-60' }, { label: 'y', rate: '-50' }], 'compound').ok).toBe(true);
    expect(revisionFactor([{ label: 'x', rate: '-120' }, { label: 'y', rate: '-120' }], 'compound').ok).toBe(false);
    const product = interialeProduct();
    expect(reviseVersion(product, '2024', { components: COMPONENTS, effectiveFrom: '2026-01-01' })).toMatchObject({ ok: false });
    expect(reviseVersion(product, '2026', { components: COMPONENTS, effectiveFrom: '2026-01-01' })).toMatchObject({ ok: false });
    expect(reviseVersion(product, '2026', { components: COMPONENTS, effectiveFrom: '2026-02-30' })).toMatchObject({ ok: false });
    expect(reviseCells([], { components: COMPONENTS, effectiveFrom: '2027-01-01' })).toMatchObject({ ok: true });
  });
  it('a decrease rounds symmetrically', () => {
    const r = reviseCells([{ formula: 'f', segment: 's', amountCents: 150, period: 'month' }], { components: [{ label: 'baisse', rate: '-1' }], effectiveFrom: '2027-01-01' });
    expect(r.ok && r.result.cells[0]!.newCents).toBe(149); // 148,5 → 149 (half-up of the positive amount)
  });
});
