/**
 * MAV option pricing. Expected values typed from seed 002: premiums art. 2-9-1 (l. 656-663: 129 / 249 euros in
 * option 1, 99 / 198 euros in option 2), surcharge l. 667-671 (1 sport 50 %, 2 to 5 sports 100 %), first premium
 * l. 675-677, sports art. 2-2-5 l. 390-395 (3 / 5 sports, unlisted aerial sport to the insurer), ages art. 1-4
 * l. 290-302 (principal 18-64, conjoint < 65, children < 26, millésime), option 1 renunciation l. 641.
 */
import { describe, expect, it } from 'vitest';
import { priceMav, type MavRequest } from '../../src/shared/core/mav';
import { mavProduct } from './fixtures/pricing-products';

const product = mavProduct();
const adult = { role: 'principal' as const, birth: '1980-06-01' };
function mav(req: Partial<MavRequest>) {
  return priceMav(product, { formula: 'individuelle', option: '1', members: [adult], adhesion: '2026-01-10', periodicity: 'annuel', ...req });
}
const refusalCodes = (q: ReturnType<typeof mav>) => q.refusals.map((r) => r.code);

describe('premiums (art. 2-9-1)', () => {
  it.each([
    ['individuelle', '1', 12900],
    ['familiale', '1', 24900],
    ['individuelle', '2', 9900],
    ['familiale', '2', 19800],
  ])('%s option %s → %i cents a year', (formula, option, cents) => {
    const q = mav({ formula, option });
    expect(q.status).toBe('priced');
    expect(q.base?.amountCents).toBe(cents);
    expect(q.annualCents).toBe(cents);
    expect(q.surcharge).toBeNull();
    expect(q.installments).toEqual({ periodicity: 'annuel', count: 1, amountCents: cents, totalCents: cents, roundingDiffCents: 0 });
    expect(q.firstPremium?.months).toBe(12);
    expect(q.firstPremium?.amountCents).toBe(cents);
    expect(q.includes?.assistanceCents).toBe(460);
  });
});

describe('sports surcharge (ruling 5)', () => {
  it('1 sport: +50 % of the whole annual premium, shown as a line', () => {
    const q = mav({ formula: 'familiale', option: '2', members: [adult], sports: ['escalade'] });
    expect(q.surcharge).toMatchObject({ sports: 1, percent: 50, amountCents: 9900 }); // 198 × 50 % = 99
    expect(q.annualCents).toBe(29700);
    const h = q.hypotheses.find((x) => x.code === 'surprime-cotisation-annuelle')!;
    expect(h.ruling).toBe(5);
    expect(h.source?.lines).toEqual([667, 671]);
  });
  it('2 to 5 sports: +100 %', () => {
    expect(mav({ sports: ['alpinisme', 'boxe'] })).toMatchObject({ annualCents: 25800 }); // 129 × 2
    expect(mav({ formula: 'familiale', sports: ['alpinisme', 'boxe', 'plongee', 'speleologie', 'kitesurf'] })).toMatchObject({ annualCents: 49800 });
  });
  it('"moto, auto, karting" is one sport; a sport counts once', () => {
    const q = mav({ sports: ['moto', 'karting', 'Auto'] });
    expect(q.sports.counted).toBe(1);
    expect(q.surcharge?.percent).toBe(50);
    expect(q.annualCents).toBe(19350); // 129 × 1,5
    expect(q.sports.lines.map((l) => l.outcome)).toEqual(['listed', 'duplicate', 'duplicate']);
    expect(q.hypotheses.map((h) => h.code)).toEqual(expect.arrayContaining(['sports-mecaniques', 'sport-compte-une-fois']));
    expect(mav({ sports: ['Escalade', 'escalade', 'Plongée sous-marine'] }).sports.counted).toBe(2);
  });
});

describe('periodicity and first premium', () => {
  it('installments = annual / n half-up, the rounding difference shown', () => {
    const monthly = mav({ sports: ['boxe'], periodicity: 'mensuel' });
    // 193,50 / 12 = 16,125 → 16,13; 12 × 16,13 = 193,56 → +0,06
    expect(monthly.installments).toEqual({ periodicity: 'mensuel', count: 12, amountCents: 1613, totalCents: 19356, roundingDiffCents: 6 });
    // 193,50 / 4 = 48,375 → 48,38; 4 × 48,38 = 193,52 → +0,02
    expect(mav({ sports: ['boxe'], periodicity: 'trimestriel' }).installments).toMatchObject({ amountCents: 4838, roundingDiffCents: 2 });
    expect(mav({ periodicity: 'semestriel' }).installments).toMatchObject({ amountCents: 6450, roundingDiffCents: 0 });
    // 99 / 12 = 8,25
    expect(mav({ option: '2', periodicity: 'mensuel' }).installments).toMatchObject({ amountCents: 825, roundingDiffCents: 0 });
  });
  it('first premium = annual × months from the adhesion month to December / 12', () => {
    expect(mav({ adhesion: '2026-10-15' }).firstPremium).toMatchObject({ months: 3, amountCents: 3225 }); // 129 × 3/12
    expect(mav({ adhesion: '2026-12-31' }).firstPremium).toMatchObject({ months: 1, amountCents: 1075 });
    expect(mav({ adhesion: '2026-02-01', sports: ['boxe'] }).firstPremium).toMatchObject({ months: 11, amountCents: 17738 }); // 193,50 × 11/12 = 177,375 → 177,38
    expect(mav({ formula: 'familiale', adhesion: '2026-06-30' }).firstPremium).toMatchObject({ months: 7, amountCents: 14525 }); // 249 × 7/12
    const h = mav({ adhesion: '2026-10-15' }).hypotheses.find((x) => x.code === 'premiere-cotisation')!;
    expect(h.source?.lines).toEqual([676, 677]);
  });
  it('periodicity not given: annual, as a hypothesis', () => {
    const q = priceMav(product, { formula: 'individuelle', option: '1', members: [adult], at: '2026-03-01' });
    expect(q.installments?.periodicity).toBe('annuel');
    expect(q.adhesion).toBe('2026-03-01');
    expect(q.hypotheses.map((h) => h.code)).toContain('periodicite-par-defaut');
  });
});

describe('eligibility refusals, each naming its rule', () => {
  it('principal 18-64 by millésime', () => {
    expect(mav({ members: [{ role: 'principal', birth: '2008-12-31' }] }).status).toBe('priced'); // 2026 − 2008 = 18
    expect(mav({ members: [{ role: 'principal', birth: '1962-01-01' }] }).status).toBe('priced'); // 64
    const young = mav({ members: [{ role: 'principal', birth: '2009-01-01' }] }); // 17
    expect(refusalCodes(young)).toEqual(['age-limite']);
    expect(young.refusals[0]!.rule?.source.quote).toContain('entre 18 ans et 64 ans');
    expect(young.annualCents).toBeNull();
    expect(refusalCodes(mav({ members: [{ role: 'principal', birth: '1961' }] }))).toEqual(['age-limite']); // 65
  });
  it('familiale: conjoint under 65, children under 26', () => {
    const ok = mav({ formula: 'familiale', members: [adult, { role: 'conjoint', birth: '1962' }, { role: 'enfant', birth: '2001' }] });
    expect(ok.status).toBe('priced');
    expect(ok.annualCents).toBe(24900); // the premium does not depend on the members
    const q = mav({ formula: 'familiale', members: [adult, { role: 'conjoint', birth: '1961' }, { role: 'enfant', birth: '2000' }] });
    expect(q.refusals.map((r) => [r.code, r.member])).toEqual([['age-limite', 1], ['age-limite', 2]]);
    expect(q.members.map((m) => m.eligible)).toEqual([true, false, false]);
  });
  it('individuelle insures the principal only', () => {
    const q = mav({ members: [adult, { role: 'enfant', birth: '2015' }] });
    expect(refusalCodes(q)).toEqual(['formule-membres']);
    expect(q.refusals[0]!.rule?.type).toBe('formula-members');
  });
  it('a principal is required, and only one principal and one conjoint', () => {
    expect(refusalCodes(mav({ members: [] }))).toEqual(['assure-principal']);
    expect(refusalCodes(mav({ formula: 'familiale', members: [adult, adult] }))).toEqual(['principal-unique']);
    expect(refusalCodes(mav({ formula: 'familiale', members: [adult, { role: 'conjoint', birth: '1980' }, { role: 'conjoint', birth: '1981' }] }))).toEqual(['conjoint-unique']);
  });
  it('at most 3 sports in individuelle, 5 in familiale', () => {
    const four = mav({ sports: ['alpinisme', 'boxe', 'plongee', 'luge'] });
    expect(refusalCodes(four)).toEqual(['sports-max']);
    expect(four.refusals[0]!.rule?.source.quote).toContain('trois sports maximum');
    expect(mav({ sports: ['alpinisme', 'boxe', 'plongee'] }).status).toBe('priced');
    expect(refusalCodes(mav({ formula: 'familiale', sports: ['alpinisme', 'boxe', 'plongee', 'luge', 'bobsleigh', 'escalade'] }))).toEqual(['sports-max']);
  });
  it('a sport outside the closed list is refused', () => {
    const q = mav({ sports: ['golf'] });
    expect(refusalCodes(q)).toEqual(['sport-hors-liste']);
    expect(q.sports.lines[0]!.outcome).toBe('refused');
  });
  it('an unlisted aerial sport is referred to the insurer, not priced', () => {
    for (const sport of ['ULM', 'aerien:wingsuit', { code: 'Voltige en planeur', aerial: true }]) {
      const q = mav({ sports: ['escalade', sport] });
      expect(q.status).toBe('refer');
      expect(q.annualCents).toBeNull();
      expect(q.referrals.map((r) => r.code)).toEqual(['sport-aerien-a-soumettre']);
      expect(q.referrals[0]!.message).toContain("à soumettre à l'assureur");
      expect(q.referrals[0]!.rule?.source.lines).toEqual([391, 395]);
    }
  });
  it('option 1 given up cannot be chosen again', () => {
    const q = mav({ renouncedOptions: ['1'] });
    expect(refusalCodes(q)).toEqual(['option-renoncee']);
    expect(q.refusals[0]!.rule?.source.quote).toBe('Après avoir été garanti en option 1, toute renonciation à cette option sera définitive.');
    expect(mav({ option: '2', renouncedOptions: ['1'] }).status).toBe('priced');
  });
  it('input errors', () => {
    expect(refusalCodes(mav({ option: '3' }))).toEqual(['option-inconnue']);
    expect(refusalCodes(mav({ option: '' }))).toEqual(['option-requise']);
    expect(refusalCodes(mav({ formula: 'duo' }))).toEqual(['formule-inconnue']);
    expect(refusalCodes(mav({ periodicity: 'hebdomadaire' }))).toEqual(['periodicite']);
    expect(refusalCodes(mav({ adhesion: '2026-13-01' }))).toEqual(['date-invalide']);
  });
  it('a periodicity the product does not list is refused', () => {
    const p = mavProduct();
    p.rules = p.rules.filter((r) => r.type !== 'installments');
    expect(priceMav(p, { formula: 'individuelle', option: '1', members: [adult], adhesion: '2026-01-01', periodicity: 'mensuel' }).refusals[0]!.code).toBe('periodicite');
    expect(priceMav(p, { formula: 'individuelle', option: '1', members: [adult], adhesion: '2026-01-01', periodicity: 'annuel' }).status).toBe('priced');
  });
  it('the engine reads its numbers from the rules', () => {
    const p = mavProduct();
    const tiers = p.rules.find((r) => r.type === 'sports-surcharge')!;
    tiers.params = { tiers: [{ min: 1, max: 1, percent: 25 }, { min: 2, max: 5, percent: 60 }] };
    const q = priceMav(p, { formula: 'individuelle', option: '1', members: [adult], adhesion: '2026-01-01', sports: ['boxe'] });
    expect(q.annualCents).toBe(16125); // 129 × 1,25
  });
});
