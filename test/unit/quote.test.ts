/**
 * Household quotes on Intériale (seed 003: 2025 table l. 89-91, Annexe 1 2026 l. 220-229, "Gratuité pour le
 * 3ème enfant" l. 86) and on a product without tariffs (Assur-BP).
 */
import { describe, expect, it } from 'vitest';
import type { ProductFile } from '../../src/shared/core/catalogue-schema';
import { quoteHousehold, quoteProducts, type HouseholdQuote } from '../../src/shared/core/quote';
import type { MemberInput } from '../../src/shared/core/pricing-types';
import { assurbpProduct, interialeProduct, mavProduct } from './fixtures/pricing-products';

const interiale = interialeProduct();

function quote(at: string, members: MemberInput[], formula = 'securite', product: ProductFile = interiale): HouseholdQuote {
  return quoteHousehold(product, formula, { at, members });
}
const codes = (q: { hypotheses: { code: string }[] }) => q.hypotheses.map((h) => h.code);

describe('Intériale household, 2026', () => {
  const members: MemberInput[] = [
    { role: 'principal', birth: '1990-05-10', status: 'actif' }, // 2026 − 1990 = 36 → actif 36,06
    { role: 'conjoint', birth: '1992', status: 'actif' }, // 34 → jeune actif 25,14
    { role: 'enfant', birth: '2020-09-01' }, // youngest → rank 3 → free
    { role: 'enfant', birth: '2015-02-01' }, // rank 1 → 14,33
    { role: 'enfant', birth: '2017-06-01' }, // rank 2 → 14,33
  ];
  const q = quote('2026-03-01', members);

  it('prices each member on its segment with the 2026 cells', () => {
    expect(q.version?.code).toBe('2026');
    expect(q.refusals).toEqual([]);
    expect(q.lines.map((l) => [l.segment?.code, l.outcome, l.amountCents, l.rank])).toEqual([
      ['actif', 'priced', 3606, null],
      ['jeune-actif', 'priced', 2514, null],
      ['enfant', 'free', 0, 3],
      ['enfant', 'priced', 1433, 1],
      ['enfant', 'priced', 1433, 2],
    ]);
    expect(q.lines[0]!.cell?.source.lines).toEqual([220, 220]);
    expect(q.lines[0]!.age).toBe(36);
    expect(q.lines[2]!.cell?.amountCents).toBe(1433);
  });
  it('totals: sums of rounded cells, annual = 12 × monthly', () => {
    // 36,06 + 25,14 + 14,33 + 14,33 + 0 = 89,86 € per month; × 12 = 1 078,32 €
    expect(q.totals).toMatchObject({ complete: true, monthlyCents: 8986, annualCents: 107832, incompleteMembers: [] });
  });
  it('shows the rulings applied as hypotheses quoting the source', () => {
    expect(codes(q)).toEqual(expect.arrayContaining(['age-millesime', 'conjoint-propre-segment', 'enfant-par-role', 'gratuite-enfants', 'total-annuel']));
    const free = q.hypotheses.find((h) => h.code === 'gratuite-enfants')!;
    expect(free.ruling).toBe(3);
    expect(free.source?.quote).toBe('Gratuité pour le 3ème enfant');
    expect(q.hypotheses.find((h) => h.code === 'age-millesime')!.ruling).toBe(4);
    expect(q.hypotheses.find((h) => h.code === 'age-millesime')!.text).toContain('2026 − année de naissance');
    expect(codes(q)).not.toContain('version-debut-non-precise');
  });
});

describe('Intériale: versions, ages, segments', () => {
  it('2025 table before 2026-01-01, with the unknown start as hypothesis', () => {
    const q = quote('2025-12-31', [{ role: 'principal', birth: '1990', status: 'actif' }]);
    expect(q.version?.code).toBe('2025');
    expect(q.lines[0]).toMatchObject({ age: 35, amountCents: 2374 }); // 2025 − 1990 = 35 → jeunes actifs
    expect(q.lines[0]!.segment?.code).toBe('jeune-actif');
    const h = q.hypotheses.find((x) => x.code === 'version-debut-non-precise')!;
    expect(h.ruling).toBeNull();
    expect(h.text).toContain('31/12/2025');
  });
  it('the same person is "actif" in 2026 (36 by millésime)', () => {
    const q = quote('2026-01-01', [{ role: 'principal', birth: '1990-12-31', status: 'actif' }]);
    expect(q.lines[0]).toMatchObject({ age: 36, amountCents: 3606 });
  });
  it('35 by millésime is still "jeune actif" (jusqu\'à 35 ans)', () => {
    const q = quote('2026-06-01', [{ role: 'principal', birth: '1991-12-31', status: 'actif' }], 'renforcee');
    expect(q.lines[0]).toMatchObject({ age: 35, amountCents: 4395 });
  });
  it('every formula and segment of 2026', () => {
    const expect2026: Record<string, number[]> = { securite: [2514, 3606, 1433, 6915], essentielle: [3657, 4985, 2013, 9790], renforcee: [4395, 6257, 2505, 11469] };
    for (const [formula, [young, old, child, retired]] of Object.entries(expect2026)) {
      expect(quote('2026-01-01', [{ role: 'principal', birth: '2000', status: 'actif' }], formula).totals.monthlyCents).toBe(young);
      expect(quote('2026-01-01', [{ role: 'principal', birth: '1970', status: 'actif' }], formula).totals.monthlyCents).toBe(old);
      expect(quote('2026-01-01', [{ role: 'principal', birth: '1950', status: 'retraite' }], formula).totals.monthlyCents).toBe(retired);
      expect(quote('2026-01-01', [{ role: 'principal', birth: '1970', status: 'actif' }, { role: 'enfant', birth: '2010' }], formula).totals.monthlyCents).toBe(old! + child!);
    }
  });
  it('a retired spouse is priced on their own segment', () => {
    const q = quote('2026-01-01', [{ role: 'principal', birth: '1970', status: 'actif' }, { role: 'conjoint', birth: '1958', status: 'retraite' }]);
    expect(q.lines.map((l) => l.amountCents)).toEqual([3606, 6915]);
    expect(codes(q)).toEqual(expect.arrayContaining(['conjoint-propre-segment', 'retraite-par-statut']));
  });
});

describe("a retiree's child (ruling 4)", () => {
  const members: MemberInput[] = [
    { role: 'principal', birth: '1958', status: 'retraite' },
    { role: 'enfant', birth: '2008-04-02' },
  ];
  it('2026: no children column in the retirees table → not stated, total incomplete', () => {
    const q = quote('2026-02-01', members);
    expect(q.lines[0]).toMatchObject({ outcome: 'priced', amountCents: 6915 });
    expect(q.lines[1]).toMatchObject({ outcome: 'non-precise', amountCents: null });
    expect(q.lines[1]!.why).toContain('tarif non précisé par la source');
    expect(q.totals).toMatchObject({ complete: false, monthlyCents: null, annualCents: null, partialMonthlyCents: 6915, incompleteMembers: [1] });
    const h = q.hypotheses.find((x) => x.code === 'enfant-de-retraite')!;
    expect(h.ruling).toBe(4);
    expect(h.source?.quote).toBe('Sécurité 69,15 €');
  });
  it('2025: one table, the children column is the same for retirees', () => {
    const q = quote('2025-02-01', members);
    expect(q.lines.map((l) => l.amountCents)).toEqual([6530, 1353]);
    expect(q.totals).toMatchObject({ complete: true, monthlyCents: 7883 });
    expect(codes(q)).toContain('enfant-de-retraite-meme-tableau');
  });
  it('a retiree\'s 3rd child stays "non précisé" (nothing assumed)', () => {
    const q = quote('2026-02-01', [...members, { role: 'enfant', birth: '2010' }, { role: 'enfant', birth: '2012' }]);
    expect(q.lines.slice(1).map((l) => [l.outcome, l.rank])).toEqual([['non-precise', 1], ['non-precise', 2], ['non-precise', 3]]);
  });
});

describe('free children (ruling 3)', () => {
  it('from the 3rd on: 4 children → the 2 youngest free', () => {
    const q = quote('2026-01-01', [
      { role: 'principal', birth: '1980', status: 'actif' },
      { role: 'enfant', birth: '2012-01-01' },
      { role: 'enfant', birth: '2014-01-01' },
      { role: 'enfant', birth: '2010-01-01' },
      { role: 'enfant', birth: '2016-01-01' },
    ]);
    expect(q.lines.slice(1).map((l) => [l.rank, l.amountCents])).toEqual([[2, 1433], [3, 0], [1, 1433], [4, 0]]);
    expect(q.totals.monthlyCents).toBe(3606 + 2 * 1433);
  });
  it('ties (birth years only) keep the input order, said as a hypothesis', () => {
    const q = quote('2026-01-01', [
      { role: 'principal', birth: '1980', status: 'actif' },
      { role: 'enfant', birth: '2014' },
      { role: 'enfant', birth: '2014' },
      { role: 'enfant', birth: '2014' },
    ]);
    expect(q.lines.slice(1).map((l) => l.rank)).toEqual([1, 2, 3]);
    expect(codes(q)).toContain('rang-egalite');
    expect(q.totals.monthlyCents).toBe(3606 + 2 * 1433);
  });
});

describe('refusals and missing tariffs', () => {
  it('status needed but not given', () => {
    const q = quote('2026-01-01', [{ role: 'principal', birth: '1980' }, { role: 'enfant', birth: '2010' }]);
    expect(q.refusals.map((r) => [r.code, r.member])).toEqual([['statut-manquant', 0]]);
    expect(q.lines[0]!.outcome).toBe('refused');
    expect(q.lines[1]).toMatchObject({ outcome: 'priced', amountCents: 1433 });
    expect(q.totals).toMatchObject({ complete: false, monthlyCents: null, incompleteMembers: [0] });
  });
  it('invalid birth, birth after the date, two principals', () => {
    const q = quote('2026-01-01', [
      { role: 'principal', birth: '1980-02-30', status: 'actif' },
      { role: 'enfant', birth: '2026-05-01' },
      { role: 'principal', birth: '1970', status: 'actif' },
      { role: 'principal', birth: '1971', status: 'actif' },
    ]);
    expect(q.refusals.map((r) => [r.code, r.member])).toEqual([
      ['naissance-invalide', 0],
      ['naissance-invalide', 1],
      ['principal-unique', 3],
    ]);
    expect(q.totals.complete).toBe(false);
  });
  it('unknown formula, invalid date, no member', () => {
    expect(quote('2026-01-01', [{ role: 'principal', birth: '1980', status: 'actif' }], 'premium').refusals[0]!.code).toBe('formule-inconnue');
    expect(quote('2026-02-30', [{ role: 'principal', birth: '1980', status: 'actif' }]).refusals[0]!.code).toBe('date-invalide');
    const empty = quote('2026-01-01', []);
    expect(empty.refusals.map((r) => r.code)).toEqual(['aucun-membre']);
    expect(empty.totals.complete).toBe(false);
  });
  it('no version in force', () => {
    const p = interialeProduct();
    p.versions = p.versions.filter((v) => v.code === '2026');
    const q = quote('2025-06-01', [{ role: 'principal', birth: '1980', status: 'actif' }], 'securite', p);
    expect(q.refusals.map((r) => r.code)).toEqual(['version-introuvable']);
    expect(q.refusals[0]!.message).toContain('01/06/2025');
  });
  it('a product with no tariffs (Assur-BP): the tariff is not given by the source', () => {
    const q = quote('2026-01-01', [{ role: 'principal', birth: '1980' }], 'F2', assurbpProduct());
    expect(q.tariffGiven).toBe(false);
    expect(q.notes[0]).toMatch(/^Tarif non précisé par la source/);
    expect(q.lines[0]).toMatchObject({ outcome: 'non-precise', amountCents: null, why: 'tarif non précisé par la source' });
    expect(q.totals).toMatchObject({ complete: false, monthlyCents: null, annualCents: null });
  });
  it('a missing cell is "non précisé", never zero', () => {
    const p = interialeProduct();
    p.tariffs = p.tariffs.filter((t) => !(t.version === '2026' && t.formula === 'securite' && t.segment === 'actif'));
    const q = quote('2026-01-01', [{ role: 'principal', birth: '1970', status: 'actif' }, { role: 'enfant', birth: '2010' }], 'securite', p);
    expect(q.lines[0]).toMatchObject({ outcome: 'non-precise', amountCents: null });
    expect(q.totals).toMatchObject({ complete: false, monthlyCents: null, partialMonthlyCents: 1433 });
  });
  it('an age-limit rule refuses with the rule', () => {
    const p = interialeProduct();
    p.rules.push({ type: 'age-limit', versions: ['*'], formulas: ['*'], params: { role: 'enfant', minAge: null, maxAge: 25 }, text: 'enfants de moins de 26 ans', source: p.rules[0]!.source });
    const q = quote('2026-01-01', [{ role: 'principal', birth: '1960', status: 'actif' }, { role: 'enfant', birth: '1999' }], 'securite', p);
    expect(q.refusals).toHaveLength(1);
    expect(q.refusals[0]).toMatchObject({ code: 'age-limite', member: 1 });
    expect(q.refusals[0]!.rule?.text).toBe('enfants de moins de 26 ans');
  });
  it('a malformed rule refuses the quote rather than guess', () => {
    const p = interialeProduct();
    p.rules[0] = { ...p.rules[0]!, params: { rank: 'trois' } };
    const q = quote('2026-01-01', [{ role: 'principal', birth: '1960', status: 'actif' }], 'securite', p);
    expect(q.refusals[0]!.code).toBe('regle-mal-formee');
  });
});

describe('quoteProducts', () => {
  const products = [interiale, mavProduct(), assurbpProduct()];
  const members: MemberInput[] = [{ role: 'principal', birth: '1980', status: 'actif' }];
  it('all products × all formulas (MAV: × options)', () => {
    const all = quoteProducts(products, { at: '2026-01-01', members });
    expect(all.map((q) => `${q.productId}/${q.formula.code}${q.kind === 'mav' ? `/${q.option.code}` : ''}`)).toEqual([
      'interiale-cdg-sante/securite', 'interiale-cdg-sante/essentielle', 'interiale-cdg-sante/renforcee',
      'bpce-mav/individuelle/1', 'bpce-mav/individuelle/2', 'bpce-mav/familiale/1', 'bpce-mav/familiale/2',
      'assurbp-sante-pro/F1', 'assurbp-sante-pro/F2', 'assurbp-sante-pro/F3', 'assurbp-sante-pro/F4',
    ]);
    const mav = all[3]!;
    expect(mav.kind === 'mav' && mav.annualCents).toBe(12900);
  });
  it('chosen formulas; an unknown one is refused', () => {
    expect(quoteProducts(products, { at: '2026-01-01', members, formulas: ['renforcee'] }).map((q) => q.formula.code)).toEqual(['renforcee']);
    const bad = quoteProducts(products, { at: '2026-01-01', members, formulas: ['platine'] });
    expect(bad).toHaveLength(1);
    expect(bad[0]!.refusals[0]!.code).toBe('formule-inconnue');
  });
});

describe('members from the command line and untyped input', () => {
  it('parseMemberArg', async () => {
    const { parseMemberArg } = await import('../../src/shared/core/members');
    expect(parseMemberArg('principal:1980-05-10:actif')).toEqual({ ok: true, member: { role: 'principal', birth: '1980-05-10', status: 'actif' } });
    expect(parseMemberArg('Conjoint:1979:Retraité')).toEqual({ ok: true, member: { role: 'conjoint', birth: '1979', status: 'retraite' } });
    expect(parseMemberArg('enfant:2015')).toEqual({ ok: true, member: { role: 'enfant', birth: '2015', status: null } });
    for (const bad of ['parent:1980', 'principal', 'principal:80', 'principal:1980:cadre', 'principal:1980-02-30', 'a:b:c:d']) expect(parseMemberArg(bad).ok).toBe(false);
  });
  it('unknown role or status is refused', () => {
    const q = quote('2026-01-01', [
      { role: 'parent' as never, birth: '1950' },
      { role: 'principal', birth: '1980', status: 'cadre' as never },
    ]);
    expect(q.refusals.map((r) => [r.code, r.member])).toEqual([['role-invalide', 0], ['statut-invalide', 1]]);
  });
});
