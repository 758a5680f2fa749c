/**
 * CDG budget impact, Intériale 2025 (deliberation l. 89-91) → 2026 (Annexe 1 l. 220-229), with the headcounts
 * CSV (formule;segment;effectif) and an employer participation.
 */
import { describe, expect, it } from 'vitest';
import { parseHeadcountsCsv, type HeadcountRow } from '../../src/shared/core/headcounts';
import { computeImpact, tableOfRevision, tableOfVersion } from '../../src/shared/core/impact';
import { parseParticipationSpec, type ParticipationSpec } from '../../src/shared/core/participation';
import { reviseVersion } from '../../src/shared/core/revision';
import { interialeProduct } from './fixtures/pricing-products';

const product = interialeProduct();
const before = tableOfVersion(product, '2025');
const after = tableOfVersion(product, '2026');

function rows(csv: string): HeadcountRow[] {
  const r = parseHeadcountsCsv(csv);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.rows;
}
function spec(text: string): ParticipationSpec {
  const r = parseParticipationSpec(text);
  if (!r.ok) throw new Error(r.message);
  return r.spec;
}

const BASE = 'formule;segment;effectif\nsecurite;jeune-actif;10\nsecurite;actif;20\nsecurite;enfant;8\nsecurite;retraite;5\n';

describe('impact 2025 → 2026, flat participation 15 €', () => {
  const r = computeImpact({ product, before, after, headcounts: rows(BASE), participation: spec('15') });

  it('per line: costs, deltas, employer and net cost per agent', () => {
    expect(r.errors).toEqual([]);
    const [young, old, child, retired] = r.lines;
    // 10 × 23,74 = 237,40 → 10 × 25,14 = 251,40
    expect(young).toMatchObject({ count: 10, receivesParticipation: true, deltaMonthlyCents: 1400, deltaAnnualCents: 16800, deltaPercent: 5.9 });
    expect(young!.before).toMatchObject({ cellCents: 2374, monthlyCents: 23740, annualCents: 284880, employerPerAgentCents: 1500, employerMonthlyCents: 15000, netPerAgentCents: 874, capped: false });
    expect(young!.after).toMatchObject({ cellCents: 2514, monthlyCents: 25140, employerPerAgentCents: 1500, netPerAgentCents: 1014 });
    expect(old!.after).toMatchObject({ cellCents: 3606, monthlyCents: 72120, netPerAgentCents: 2106 });
    // children and retirees receive no participation
    expect(child).toMatchObject({ receivesParticipation: false });
    expect(child!.after).toMatchObject({ monthlyCents: 11464, employerPerAgentCents: 0, netPerAgentCents: 1433 });
    expect(retired!.after).toMatchObject({ monthlyCents: 34575, employerMonthlyCents: 0 });
  });
  it('totals', () => {
    expect(r.complete).toBe(true);
    // before: 237,40 + 681,00 + 108,24 + 326,50 = 1 353,14 €; after: 251,40 + 721,20 + 114,64 + 345,75 = 1 432,99 €
    expect(r.totals.before).toMatchObject({ monthlyCents: 135314, annualCents: 1623768, employerMonthlyCents: 45000, employerAnnualCents: 540000 });
    expect(r.totals.after).toMatchObject({ monthlyCents: 143299, annualCents: 1719588, employerMonthlyCents: 45000, netMonthlyCents: 143299 - 45000 });
    expect(r.totals).toMatchObject({ count: 43, deltaMonthlyCents: 7985, deltaAnnualCents: 95820, deltaPercent: 5.9 });
    expect(r.groups).toHaveLength(4);
    expect(r.hypotheses.map((h) => h.code)).toEqual(expect.arrayContaining(['participation-plafond', 'participation-segments', 'impact-annuel', 'enfants-sans-statut']));
  });
  it('a revision of 2025 (PMSS 1,9 + technique 4, additive) gives the same 2026 budget', () => {
    const rev = reviseVersion(product, '2025', { components: [{ label: 'PMSS', rate: '1.9' }, { label: 'technique', rate: '4' }], effectiveFrom: '2026-01-01' });
    if (!rev.ok) throw new Error(rev.message);
    const r2 = computeImpact({ product, before, after: tableOfRevision(rev.result, 'révision'), headcounts: rows(BASE), participation: spec('15') });
    expect(r2.totals).toEqual(r.totals);
  });
});

describe("retirees' children (ruling 4): reported, never zeroed", () => {
  const r = computeImpact({
    product,
    before,
    after,
    headcounts: rows('formule;segment;effectif;statut\nsecurite;jeune-actif;10;\nsecurite;enfant;8;actif\nsecurite;enfant;2;retraite\n'),
  });
  it('2025 priced (one table), 2026 not given by the source', () => {
    const line = r.lines[2]!;
    expect(line.before).toMatchObject({ cellCents: 1353, monthlyCents: 2706 });
    expect(line.after).toMatchObject({ cellCents: null, monthlyCents: null });
    expect(line.after.why).toContain('tarif non précisé par la source');
    expect(line.deltaMonthlyCents).toBeNull();
    expect(r.missing).toEqual([{ line: 4, side: 'after', formula: 'securite', segment: 'enfant', why: line.after.why }]);
    expect(r.complete).toBe(false);
    expect(r.totals.after.monthlyCents).toBeNull();
    expect(r.totals.before.monthlyCents).toBe(23740 + 10824 + 2706);
    expect(r.partial.after.monthlyCents).toBe(25140 + 11464);
    expect(r.hypotheses.find((h) => h.code === 'enfant-de-retraite')?.ruling).toBe(4);
  });
});

describe('participation: cap and bands', () => {
  it('capped at the agent cotisation', () => {
    const r = computeImpact({ product, before, after, headcounts: rows('formule;segment;effectif\nsecurite;jeune-actif;2\n'), participation: spec('30') });
    expect(r.lines[0]!.before).toMatchObject({ employerPerAgentCents: 2374, netPerAgentCents: 0, capped: true });
    expect(r.lines[0]!.after).toMatchObject({ employerPerAgentCents: 2514, netPerAgentCents: 0, capped: true });
  });
  it('bands by remuneration, given per row', () => {
    const r = computeImpact({
      product, before, after,
      headcounts: rows('formule;segment;effectif;tranche\nrenforcee;actif;3;0-1800\nrenforcee;actif;4;2100\nrenforcee;actif;1;2500+\nrenforcee;enfant;5;\n'),
      participation: spec('bands:remuneration:0-1800=20,1800-2500=15,2500+=10'),
    });
    expect(r.errors).toEqual([]);
    expect(r.lines.map((l) => l.after.employerPerAgentCents)).toEqual([2000, 1500, 1000, 0]);
    expect(r.lines.map((l) => l.after.netPerAgentCents)).toEqual([6257 - 2000, 6257 - 1500, 6257 - 1000, 2505]);
    expect(r.totals.after.employerMonthlyCents).toBe(3 * 2000 + 4 * 1500 + 1000);
    expect(r.groups.find((g) => g.segment === 'actif')).toMatchObject({ count: 8 });
  });
  it('a band the spec does not know, or no band, is an input error', () => {
    const r = computeImpact({ product, before, after, headcounts: rows('formule;segment;effectif;tranche\nsecurite;actif;3;\n'), participation: spec('bands:famille:isole=15') });
    expect(r.errors.map((e) => e.line)).toEqual([2]);
    expect(r.complete).toBe(false);
  });
  it('segments named in the spec', () => {
    const r = computeImpact({ product, before, after, headcounts: rows(BASE), participation: spec('10@jeune-actif,actif,retraite') });
    expect(r.lines.map((l) => l.receivesParticipation)).toEqual([true, true, false, true]);
    expect(computeImpact({ product, before, after, headcounts: rows(BASE), participation: spec('10@cadres') }).errors[0]!.message).toMatch(/segment « cadres » inconnu/);
  });
});

describe('input errors', () => {
  it('unknown formula or segment, contradicting status', () => {
    const r = computeImpact({ product, before, after, headcounts: rows('formule;segment;effectif;statut\nplatine;actif;1;\nsecurite;senior;1;\nsecurite;retraite;1;actif\nsecurite;actif;1;\n') });
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(r.lines).toHaveLength(1);
  });
});
