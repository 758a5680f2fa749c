/**
 * Rules of the reimbursement simulator, on a synthetic product: how a guarantee is read, caps, never more than
 * spent, « non précisé », OPTAM or not, dated parameters, input errors.
 */
import { describe, expect, it } from 'vitest';
import { readGuarantee, simulate, type SimulationRequest } from '../../src/shared/core/reimbursement';
import { healthProduct, realParams, type G } from './reimbursement-fixtures';

const params = realParams();
const guarantee = (g: G) => healthProduct([g]).guarantees[0]!;

function run(gs: G[], req: Partial<SimulationRequest>, formulas = ['A']) {
  const product = healthProduct(gs, formulas);
  const outcome = simulate(params, { date: '2024-01-01', priceCents: 0, ...req }, formulas.map((formula) => ({ product, formula })));
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.result;
}

function fails(gs: G[], req: Partial<SimulationRequest>): string {
  const product = healthProduct(gs);
  const outcome = simulate(params, { date: '2024-01-01', priceCents: 0, ...req }, [{ product, formula: 'A' }]);
  if (outcome.ok) throw new Error('expected a failure');
  return outcome.message;
}

const RADIO = 'sante.soins_courants.radiologie.optam';
const RADIO_NON = 'sante.soins_courants.radiologie.non_optam';

describe('readGuarantee: the guarantee as the contract writes it', () => {
  it('reads a % BR that includes the Sécurité sociale, from the text or the conditions', () => {
    expect(readGuarantee(guarantee({ category: RADIO, status: 'covered', quantities: { percentBR: 200 }, text: '200 % BR (Sécurité sociale incluse)' }))).toMatchObject({ kind: 'percent', percent: 200, includesSS: true });
    expect(readGuarantee(guarantee({ category: RADIO, status: 'covered', quantities: { percentBR: 150 }, text: '150 % BR', conditions: 'Le pourcentage inclut le remboursement de la Sécurité sociale.' }))).toMatchObject({ includesSS: true });
  });

  it('reads a % BR on top of the Sécurité sociale', () => {
    expect(readGuarantee(guarantee({ category: RADIO, status: 'covered', quantities: { percentBR: 100 }, text: '100 % BR en plus de la Sécurité sociale' }))).toMatchObject({ kind: 'percent', includesSS: false });
  });

  it('does not guess when the text does not say whether the Sécurité sociale is included: non précisé', () => {
    expect(readGuarantee(guarantee({ category: RADIO, status: 'covered', quantities: { percentBR: 200 }, text: '200 % BR' }))).toMatchObject({ kind: 'unspecified' });
    expect(readGuarantee(guarantee({ category: RADIO, status: 'covered', quantities: { amountCents: 5000 }, text: 'Forfait 50 €' }))).toMatchObject({ kind: 'unspecified' });
  });

  it('reads forfaits: TM + forfait per unit, forfait Sécurité sociale included, per day, frais réels, 100 % Santé, not covered', () => {
    expect(readGuarantee(guarantee({ category: 'sante.optique.verre_simple_adulte', status: 'covered', quantities: { amountCents: 5000 }, text: 'TM + 50 € par verre' }))).toMatchObject({ kind: 'amount', mode: 'plus-tm', perUnit: true });
    expect(readGuarantee(guarantee({ category: 'sante.dentaire.protheses', status: 'covered', quantities: { amountCents: 25000 }, text: 'Forfait 250 € par acte (Sécurité sociale incluse)' }))).toMatchObject({ kind: 'amount', mode: 'includes-ss', perUnit: true });
    expect(readGuarantee(guarantee({ category: 'sante.hospitalisation.chambre_particuliere', status: 'covered', quantities: { perDayCents: 6500 }, text: '65 € par jour' }))).toMatchObject({ kind: 'per_day', perDayCents: 6500 });
    expect(readGuarantee(guarantee({ category: 'sante.hospitalisation.forfait_journalier', status: 'covered', quantities: {}, text: 'Frais réels' }))).toMatchObject({ kind: 'actual' });
    expect(readGuarantee(guarantee({ category: 'sante.dentaire.100_sante', status: 'covered', quantities: {}, text: 'Intégral dans la limite des prix limites de vente' }))).toMatchObject({ kind: 'plv' });
    expect(readGuarantee(guarantee({ category: RADIO, status: 'not_covered', quantities: {}, text: 'Non inclus' }))).toMatchObject({ kind: 'not_covered' });
    expect(readGuarantee(guarantee({ category: RADIO, status: 'covered', quantities: {}, text: 'Forfait par an (montant non précisé)' }))).toMatchObject({ kind: 'unspecified' });
  });
});

describe('simulate: the Sécurité sociale part', () => {
  it('deducts the participation forfaitaire from the Sécurité sociale, never from the complementary', () => {
    const r = run([{ category: RADIO, status: 'covered', quantities: { percentBR: 100 }, text: '100 % BR (Sécurité sociale incluse)' }], { act: 'radiologie', priceCents: 4000, brCents: 4000, optam: true });
    expect(r.securiteSociale).toMatchObject({ grossCents: 2800, participationForfaitaireCents: 100, netCents: 2700, ticketModerateurCents: 1200, depassementCents: 0 });
    expect(r.offers[0]!.complementaryCents).toBe(1200);
    expect(r.offers[0]!.resteAChargeCents).toBe(100);
  });

  it('picks the participation forfaitaire and the franchises in force on the date of care', () => {
    const g: G[] = [
      { category: RADIO, status: 'covered', quantities: { percentBR: 100 }, text: '100 % BR (Sécurité sociale incluse)' },
      { category: 'sante.medicaments.ph7_ph4', status: 'covered', quantities: { percentBR: 100 }, text: 'TM (100 % BR, Sécurité sociale incluse)' },
    ];
    const radio = (date: string) => run(g, { date, act: 'radiologie', priceCents: 4000, brCents: 4000, optam: true });
    expect(radio('2024-05-14').securiteSociale.participationForfaitaireCents).toBe(100);
    expect(radio('2024-05-15').securiteSociale.participationForfaitaireCents).toBe(200);
    const pills = (date: string) => run(g, { date, act: 'medicament-ph7', priceCents: 1000, quantity: 2 });
    expect(pills('2024-03-30').securiteSociale).toMatchObject({ brCents: 2000, grossCents: 1300, franchiseCents: 100, netCents: 1200 });
    expect(pills('2024-03-31').securiteSociale).toMatchObject({ franchiseCents: 200, netCents: 1100 });
    // the 2 € value is not verified against a source: the result says so
    expect(radio('2024-05-15').hypotheses.map((h) => h.code)).toContain('parametre-non-verifie');
    expect(radio('2024-05-15').parameters.find((p) => p.key === 'pf.montant')).toMatchObject({ value: 200, verified: false });
    expect(radio('2024-01-01').parameters.find((p) => p.key === 'pf.montant')).toMatchObject({ value: 100, verified: true });
  });

  it('says when a value verified for the notice’s date is applied at another date', () => {
    const gs: G[] = [{ category: 'sante.dentaire.protheses', status: 'covered', quantities: { percentBR: 100 }, text: '100 % BR (Sécurité sociale incluse)' }];
    expect(run(gs, { act: 'couronne', priceCents: 50000 }).hypotheses.map((h) => h.code)).not.toContain('parametre-verifie-a-une-autre-date');
    const later = run(gs, { act: 'couronne', priceCents: 50000, date: '2025-06-01' });
    expect(later.hypotheses.find((h) => h.code === 'parametre-verifie-a-une-autre-date')!.text).toMatch(/vérifiée dans la source pour des soins au 01\/01\/2024, appliquée au 01\/06\/2025/);
  });

  it('caps the franchise per day', () => {
    const r = run([{ category: 'sante.soins_courants.auxiliaires_medicaux', status: 'covered', quantities: { percentBR: 100 }, text: 'TM (Sécurité sociale incluse)' }], { date: '2024-01-01', act: 'auxiliaire-medical', priceCents: 1000, brCents: 1000, quantity: 6 });
    expect(r.securiteSociale.franchiseCents).toBe(200); // 6 × 0,50 € capped at 2 € a day (unverified value, reported)
    expect(r.parameters.some((p) => p.key === 'franchise.plafond_jour.paramedical' && !p.verified)).toBe(true);
  });

  it('replaces the ticket modérateur of a heavy act by the 24 € forfait', () => {
    const r = run([{ category: RADIO, status: 'covered', quantities: { percentBR: 100 }, text: '100 % BR (Sécurité sociale incluse)' }], { act: 'radiologie', priceCents: 15000, brCents: 15000, optam: true });
    expect(r.lines[0]!.heavyAct).toBe(true);
    expect(r.securiteSociale).toMatchObject({ grossCents: 12600, ticketModerateurCents: 2400 });
    expect(r.offers[0]!.complementaryCents).toBe(2400);
  });

  it('rounds half-up to the cent', () => {
    // 0,15 € × 65 % = 0,0975 € → 0,10 €
    const r = run([{ category: 'sante.medicaments.ph7_ph4', status: 'covered', quantities: { percentBR: 100 }, text: 'TM (Sécurité sociale incluse)' }], { act: 'medicament-ph7', priceCents: 15 });
    expect(r.securiteSociale.grossCents).toBe(10);
  });
});

describe('simulate: the complementary part', () => {
  it('never pays more than what was spent, after the Sécurité sociale', () => {
    const r = run([{ category: 'sante.dentaire.protheses', status: 'covered', quantities: { amountCents: 100000 }, text: 'Forfait 1 000 € par acte (Sécurité sociale incluse)' }], { act: 'couronne', priceCents: 30000 });
    const o = r.offers[0]!;
    expect(o.guaranteeCents).toBe(100000 - 7200);
    expect(o.complementaryCents).toBe(30000 - 7200);
    expect(o.resteAChargeCents).toBe(0);
    expect(o.steps.join(' ')).toContain('Jamais plus que la dépense');
  });

  it('reads a % BR outside the Sécurité sociale as on top of it', () => {
    const r = run([{ category: RADIO, status: 'covered', quantities: { percentBR: 100 }, text: '100 % BR en plus de la Sécurité sociale' }], { act: 'radiologie', priceCents: 10000, brCents: 5000, optam: true });
    expect(r.offers[0]!.complementaryCents).toBe(5000);
  });

  it('gives « non précisé » (null), never 0, when the source does not give the value; a not covered act gives 0', () => {
    const r = run(
      [
        { category: RADIO, status: 'covered', quantities: {}, text: 'TM + dépassements (taux non précisé)', formulas: ['A'] },
        { category: RADIO, status: 'not_covered', quantities: {}, text: 'Non inclus', formulas: ['B'] },
      ],
      { act: 'radiologie', priceCents: 5000, brCents: 3000, optam: true },
      ['A', 'B'],
    );
    const [a, b] = r.offers;
    expect(a).toMatchObject({ status: 'unspecified', complementaryCents: null, resteAChargeCents: null, guaranteeCents: null });
    expect(b).toMatchObject({ status: 'not_covered', complementaryCents: 0, resteAChargeCents: 5000 - 2000 });
  });

  it('gives « non précisé » when the product has no guarantee for the act', () => {
    const r = run([{ category: RADIO, status: 'covered', quantities: { percentBR: 100 }, text: '100 % BR (Sécurité sociale incluse)' }], { act: 'osteopathie', priceCents: 6000 });
    expect(r.offers[0]).toMatchObject({ status: 'unspecified', complementaryCents: null });
    expect(r.offers[0]!.steps.join(' ')).toContain('aucune garantie');
  });

  it('keeps the known part of a basket when one of its acts is not given', () => {
    const r = run(
      [
        { category: 'sante.hospitalisation.chambre_particuliere', status: 'covered', quantities: {}, text: 'Forfait par jour (montant non précisé)' },
        { category: 'sante.hospitalisation.forfait_journalier', status: 'covered', quantities: {}, text: 'Frais réels' },
      ],
      { basket: 'hospitalisation-chambre-particuliere', priceCents: 9000, quantity: 2 },
    );
    const o = r.offers[0]!;
    expect(o.complementaryCents).toBeNull();
    expect(o.knownComplementaryCents).toBe(2 * 2000); // the forfait journalier (20 € a day, unverified parameter) at frais réels
  });

  it('OPTAM or not: different guarantees, and the non-OPTAM dépassement cover capped at 100 % BR by the contrat responsable', () => {
    const gs: G[] = [
      { category: RADIO, status: 'covered', quantities: { percentBR: 300 }, text: '300 % BR (Sécurité sociale incluse)' },
      { category: RADIO_NON, status: 'covered', quantities: { percentBR: 250 }, text: '250 % BR (Sécurité sociale incluse)' },
    ];
    const optam = run(gs, { act: 'radiologie', priceCents: 20000, brCents: 5000, optam: true }).offers[0]!;
    const non = run(gs, { act: 'radiologie', priceCents: 20000, brCents: 5000, optam: false }).offers[0]!;
    expect(optam.complementaryCents).toBe(15000 - 3500);
    expect(non.lines[0]!.formulaCents).toBe(12500 - 3500);
    expect(non.complementaryCents).toBe(10000 - 3500); // 200 % BR including the Sécurité sociale at most
    expect(non.steps.join(' ')).toContain('médecin non OPTAM');
  });

  it('asks whether the doctor is OPTAM when it matters', () => {
    expect(fails([], { act: 'radiologie', priceCents: 5000, brCents: 3000 })).toMatch(/précisez si le médecin adhère à l'OPTAM\/OPTAM-CO$/);
  });

  it('covers a dépassement only up to the guarantee (« Jusqu’à »): a smaller dépassement is covered in full', () => {
    const r = run([{ category: 'sante.soins_courants.consultation.optam', status: 'covered', quantities: { percentBR: 170 }, text: '170 % BR (Sécurité sociale incluse)' }], { act: 'avis-ponctuel', priceCents: 8000, optam: true });
    expect(r.offers[0]!.depassementCoveredCents).toBe(8000 - 5650);
    expect(r.offers[0]!.resteAChargeCents).toBe(100);
  });

  it('pays per unit: two ears, two lenses', () => {
    const r = run([{ category: 'sante.aides_auditives.libre_20_ans_et_plus', status: 'covered', quantities: { percentBR: 100, amountCents: 30000 }, text: '100 % BR + 300 € par oreille', conditions: 'Le pourcentage inclut le remboursement de la Sécurité sociale.' }], { basket: 'aide-auditive', priceCents: 150000, quantity: 2 });
    expect(r.securiteSociale.netCents).toBe(2 * 24000);
    expect(r.offers[0]!.complementaryCents).toBe(2 * (16000 + 30000));
  });

  it('100 % Santé: integral within the price limit, the part above it stays to pay', () => {
    const gs: G[] = [{ category: 'sante.aides_auditives.100_sante', status: 'covered', quantities: {}, text: 'Intégral dans la limite des prix limites de vente' }];
    const within = run(gs, { basket: 'aide-auditive', priceCents: 95000, centSante: true }).offers[0]!;
    expect(within).toMatchObject({ complementaryCents: 95000 - 24000, resteAChargeCents: 0 });
    const above = run(gs, { basket: 'aide-auditive', priceCents: 120000, centSante: true }).offers[0]!;
    expect(above).toMatchObject({ complementaryCents: 95000 - 24000, resteAChargeCents: 25000 });
  });

  it('100 % Santé does not exist before the basket opened', () => {
    expect(fails([], { basket: 'aide-auditive', priceCents: 95000, centSante: true, date: '2020-06-01' })).toMatch(/100 % Santé/);
  });

  it('caps the frame at 100 € and the whole glasses at what was spent', () => {
    const gs: G[] = [
      { category: 'sante.optique.monture_adulte', status: 'covered', quantities: { amountCents: 15000 }, text: 'TM + 150 €' },
      { category: 'sante.optique.verre_simple_adulte', status: 'covered', quantities: { amountCents: 20000 }, text: 'TM + 200 € par verre' },
    ];
    const r = run(gs, { basket: 'lunettes', priceCents: 40000 });
    const o = r.offers[0]!;
    expect(o.lines.find((l) => l.act === 'monture')!.guaranteeCents).toBe(10000);
    expect(o.guaranteeCents).toBe(10000 + 4 + 40000);
    expect(o.complementaryCents).toBe(40000 - 9);
    expect(o.resteAChargeCents).toBe(0);
  });

  it('uses the bonus guarantee when asked, the ordinary one when the formula has no bonus', () => {
    const gs: G[] = [
      { category: 'sante.optique.monture_adulte', status: 'covered', quantities: { amountCents: 5000 }, text: 'TM + 50 €' },
      { category: 'sante.optique.monture_adulte.bonus_fidelite', status: 'covered', quantities: { amountCents: 8000 }, text: 'TM + 80 €', formulas: ['A'] },
      { category: 'sante.optique.monture_adulte.bonus_fidelite', status: 'not_covered', quantities: {}, text: 'Pas de bonus fidélité', formulas: ['B'] },
      { category: 'sante.optique.verre_simple_adulte', status: 'covered', quantities: { amountCents: 1000 }, text: 'TM + 10 € par verre' },
    ];
    const r = run(gs, { basket: 'lunettes', priceCents: 30000, loyaltyBonus: true }, ['A', 'B']);
    expect(r.offers.map((o) => o.lines.find((l) => l.act === 'monture')!.guaranteeCents)).toEqual([8002, 5002]);
  });

  it('never leaves a negative reste à charge', () => {
    for (const price of [0, 1, 999, 5000, 123457]) {
      const r = run([{ category: RADIO, status: 'covered', quantities: { percentBR: 500 }, text: '500 % BR (Sécurité sociale incluse)' }], { act: 'radiologie', priceCents: price, brCents: 3000, optam: true });
      expect(r.offers[0]!.resteAChargeCents).toBeGreaterThanOrEqual(0);
      expect(r.offers[0]!.resteAChargeCents).toBeGreaterThanOrEqual(r.securiteSociale.participationForfaitaireCents);
    }
  });
});

describe('simulate: input errors', () => {
  it.each([
    [{ act: 'acupuncture-quantique', priceCents: 100 }, /acte inconnu/],
    [{ basket: 'panier-garni', priceCents: 100 }, /panier inconnu/],
    [{ act: 'couronne', basket: 'couronne', priceCents: 100 }, /pas les deux/],
    [{ priceCents: 100 }, /^indiquez un acte ou un panier$/],
    [{ act: 'couronne', priceCents: -100 }, /prix invalide/],
    [{ act: 'couronne', priceCents: 100, quantity: 0 }, /quantité/],
    [{ act: 'radiologie', priceCents: 5000, optam: true }, /base de remboursement inconnue, indiquez-la \(en euros\)$/],
    [{ basket: 'lunettes', priceCents: 30000, brCents: 5 }, /^la base de remboursement ne s'applique pas au panier « lunettes »/],
    [{ act: 'couronne', priceCents: 100, date: '2024-02-30' }, /date impossible/],
    [{ act: 'medicament-ph7', priceCents: 100, date: '2005-06-01' }, /Franchise médicale par boîte de médicaments : aucune valeur en vigueur/],
  ])('%j is refused: %s', (req, message) => {
    const said = fails([], req as Partial<SimulationRequest>);
    expect(said).toMatch(message);
    // the desktop shows the core's message as it is: it names the thing, never a command-line flag
    expect(said).not.toMatch(/--[a-z]/);
  });
});
