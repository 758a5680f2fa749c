/**
 * Acceptance: the Assur-BP Santé notice (seed 004_212de33048a4ea9f.txt) prints worked examples in euros. With the
 * parameters in force at the notice's date — "pour des soins réalisés à partir du 1er janvier 2024" (l. 4184,
 * l. 4264) — the simulator reproduces every figure printed, for every formula the notice gives. Expected values
 * are typed from the seed text, with the line in a comment. Where the notice's own arithmetic does not hold
 * (a complementary amount above what was spent), the test states the inconsistency explicitly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { productFileSchema, type ProductFile } from '../../src/shared/core/catalogue-schema';
import { simulate, type OfferResult, type SimulationRequest, type SimulationResult } from '../../src/shared/core/reimbursement';
import type { ParamSet } from '../../src/shared/core/reimbursement-params';
import { loadParameterFiles } from '../../src/main/reimbursement/params-loader';

const NOTICE_DATE = '2024-01-01'; // l. 4184: « pour des soins réalisés à partir du 1er janvier 2024 »
const FORMULAS = ['F1', 'F2', 'F3', 'F4'] as const;
type F = (typeof FORMULAS)[number];

let product: ProductFile;
let params: ParamSet;

beforeAll(() => {
  product = productFileSchema.parse(JSON.parse(readFileSync(join(process.cwd(), 'data', 'products', 'assurbp-sante-pro.json'), 'utf8')));
  const loaded = loadParameterFiles(join(process.cwd(), 'data'));
  expect(loaded.problems).toEqual([]);
  params = loaded.set!;
});

function run(req: Omit<SimulationRequest, 'date'>): { r: SimulationResult; by: Record<F, OfferResult> } {
  const outcome = simulate(params, { date: NOTICE_DATE, ...req }, FORMULAS.map((formula) => ({ product, formula })));
  if (!outcome.ok) throw new Error(outcome.message);
  const by = Object.fromEntries(outcome.result.offers.map((o) => [o.formula.code, o])) as Record<F, OfferResult>;
  return { r: outcome.result, by };
}

const pick = (by: Record<F, OfferResult>, k: 'guaranteeCents' | 'complementaryCents' | 'resteAChargeCents') => FORMULAS.map((f) => by[f][k]);

describe('Assur-BP notice, "L’exemple d’une consultation d’un médecin spécialiste" (l. 101-153)', () => {
  // l. 102: « un médecin spécialiste en honoraires libres (secteur 2) qui pratique un dépassement d’honoraires »
  it('reproduces the Sécurité sociale side: 40 € paid, BR 23 €, 15,10 € paid by the Sécurité sociale, TM 6,90 €, 17 € of dépassement, 1 € PF', () => {
    const { r, by } = run({ act: 'consultation-specialiste', priceCents: 4000, optam: false }); // l. 108-109 « Une consultation à 40 € »
    expect(r.securiteSociale.brCents).toBe(2300); // l. 122-125 « 23 € (base de remboursement) » — the default BR, from the notice
    expect(r.lines[0]!.brOrigin).toBe('paramètre');
    expect(r.lines[0]!.ssRatePercent).toBe(70); // l. 18 « Ce taux est de 70% pour une consultation avec un médecin spécialiste (secteur 2) »
    expect(r.securiteSociale.grossCents - r.securiteSociale.participationForfaitaireCents).toBe(1510); // l. 111-113 « 15,10 € soit 70% de la base de remboursement - les 1 € (PF) »
    expect(r.securiteSociale.netCents).toBe(1510); // l. 151 « Seule cette partie (15,10 €) »
    expect(r.securiteSociale.participationForfaitaireCents).toBe(100); // l. 119-120 « 1 € de participation forfaitaire (PF) »
    expect(r.securiteSociale.ticketModerateurCents).toBe(690); // l. 115 « 6,90 € de ticket modérateur »
    expect(r.securiteSociale.depassementCents).toBe(1700); // l. 127-129 « 17 € de dépassement d’honoraires »
    // l. 115-117: the complementary pays « 6,90 € de ticket modérateur et les dépassements d’honoraires SELON VOTRE FORMULE »:
    // the non-OPTAM rate of each formula is not in the notice (product file: « taux non précisé »), so nothing is invented.
    for (const f of FORMULAS) {
      expect(by[f].status).toBe('unspecified');
      expect(by[f].complementaryCents).toBeNull();
      expect(by[f].resteAChargeCents).toBeNull();
    }
  });
});

describe('Assur-BP notice, OPTAM specialist, avis ponctuel, BR 56,50 € (l. 192-223)', () => {
  it('covers the ticket modérateur 16,95 € in every formula and the dépassement up to 0 / 39,55 / 84,75 / 113 €', () => {
    // the notice gives no price (« Jusqu’à », a maximum): a price of 200 € makes every maximum bind
    const { r, by } = run({ act: 'avis-ponctuel', priceCents: 20000, optam: true });
    expect(r.securiteSociale.brCents).toBe(5650); // l. 200 « la Base de Remboursement est de 56,50 € »
    expect(r.securiteSociale.ticketModerateurCents).toBe(1695); // l. 215 « 16,95 € 16,95 € 16,95 €16,95 € »
    expect(FORMULAS.map((f) => by[f].ticketModerateurCoveredCents)).toEqual([1695, 1695, 1695, 1695]); // l. 215
    expect(FORMULAS.map((f) => by[f].depassementCoveredCents)).toEqual([
      0, // l. 194 « 100 % BR* » (F1: the ticket modérateur only)
      3955, // l. 219-223 « 170 % BR* … Jusqu’à 39,55 € » (F2 printed last: labels come out as « F1 F3 F4F2 », l. 217)
      8475, // l. 196, 202-203 « 250 % BR* … Jusqu’à 84,75 € »
      11300, // l. 198, 205-206 « 300 % BR* … Jusqu’à 113 € »
    ]);
  });
});

describe('Assur-BP notice, crown (l. 4186-4252)', () => {
  it('reproduces BR, Sécurité sociale, the complementary amounts and the restes à charge', () => {
    const { r, by } = run({ basket: 'couronne', priceCents: 55400 }); // l. 4189 « Vous dépensez 554 € »
    expect(r.securiteSociale.brCents).toBe(12000); // l. 4200 « 120 € »
    expect(r.lines[0]!.ssRatePercent).toBe(60); // l. 4203 « Taux de remboursement 60 % »
    expect(r.securiteSociale.netCents).toBe(7200); // l. 4210 « 120 € * 60 % = 72 € »
    expect(pick(by, 'guaranteeCents')).toEqual([
      7800, // l. 4218-4222 « 125% BR. Soit 150 € - 72 € = 78 € »
      17800, // l. 4224-4231 « Forfait max. de 250 € / acte. Soit 250 € - 72 € = 178 € »
      32800, // l. 4233-4240 « … 400 € - 72 € = 328 € »
      52800, // l. 4242-4249 « … 600 € - 72 € = 528 € »
    ]);
    expect(pick(by, 'resteAChargeCents')).toEqual([40400, 30400, 15400, 0]); // l. 4251-4252 « 404 € 304 € 154 € 0 € »
  });

  it('documents the notice’s F4 inconsistency: 528 € printed as paid, more than the 482 € left after the Sécurité sociale', () => {
    const { by } = run({ basket: 'couronne', priceCents: 55400 });
    const printedF4 = 52800; // l. 4249
    const spentAfterSs = 55400 - 7200;
    expect(printedF4).toBeGreaterThan(spentAfterSs); // the notice's own figure exceeds the expense
    expect(by.F4.guaranteeCents).toBe(printedF4); // the guarantee's formula gives the printed amount…
    expect(by.F4.complementaryCents).toBe(48200); // …but never more than spent is paid: 554 − 72 = 482 €
    expect(by.F4.resteAChargeCents).toBe(0); // and the printed reste à charge (0 €, l. 4252) agrees with the cap, not with 528 €
    expect(55400 - 7200 - printedF4).toBe(-4600); // the printed amounts would give −46 €, not the printed 0 €
  });
});

describe('Assur-BP notice, radiology with an OPTAM radiologist (l. 4266-4345)', () => {
  it('reproduces BR, Sécurité sociale with the participation forfaitaire, the complementary amounts and the restes à charge', () => {
    const { r, by } = run({ act: 'radiologie', priceCents: 5500, brCents: 2750, optam: true }); // l. 4269 « Vous payez 55 € »; l. 4279 « 27,50 € »
    expect(r.lines[0]!.ssRatePercent).toBe(70); // l. 4282 « Taux de remboursement 70 % »
    expect(r.securiteSociale.grossCents).toBe(1925); // l. 4289-4290 « 27,50 € * 70% = 19,25 € - 1 € de participation forfaitaire »
    expect(r.securiteSociale.participationForfaitaireCents).toBe(100); // l. 4290
    expect(pick(by, 'guaranteeCents')).toEqual([
      825, // l. 4298-4303 « 100% BR Soit 27,50 € - 19,25 € = 8,25 € »
      2750, // l. 4305-4310 « 170% BR Soit 46,75 € - 19,25 € = 27,50 € »
      4950, // l. 4312-4317 « 250% BR Soit 68,75 € - 19,25 € = 49,50 € »
      6325, // l. 4319-4324 « 300% BR Soit 82,50 € - 19,25 € = 63,25 € »
    ]);
    expect(pick(by, 'resteAChargeCents')).toEqual([
      2850, // l. 4329 « 28,50 € (dont 1€ de participation forfaitaire) »
      925, // l. 4334 « 9,25 € (dont 1€ de participation forfaitaire) »
      100, // l. 4339-4341 « 1€ de participation forfaitaire »
      100, // l. 4343-4345 « 1 € de participation forfaitaire »
    ]);
  });

  it('documents the notice’s F3/F4 inconsistency: 49,50 € and 63,25 € printed, more than the 35,75 € left to pay', () => {
    const { by } = run({ act: 'radiologie', priceCents: 5500, brCents: 2750, optam: true });
    const leftAfterSs = 5500 - 1925; // the PF stays with the patient: never reimbursed by a contrat responsable
    expect(leftAfterSs).toBe(3575);
    for (const [f, printed] of [['F3', 4950], ['F4', 6325]] as const) {
      expect(printed).toBeGreaterThan(leftAfterSs);
      expect(by[f].guaranteeCents).toBe(printed);
      expect(by[f].complementaryCents).toBe(3575);
    }
    // with the printed amounts the reste à charge would be negative; the printed 1 € (PF only) holds after the cap
    expect(5500 - 1825 - 4950).toBe(-1275);
    expect(by.F3.resteAChargeCents).toBe(100);
  });
});

describe('Assur-BP notice, hearing aid outside 100 % Santé, left ear (l. 4347-4405)', () => {
  it('reproduces BR, Sécurité sociale, the complementary amounts and the restes à charge', () => {
    const { r, by } = run({ basket: 'aide-auditive', priceCents: 156500 }); // l. 4349 « Vous payez 1 565 € »
    expect(r.securiteSociale.brCents).toBe(40000); // l. 4360 « 400 € »
    expect(r.lines[0]!.ssRatePercent).toBe(60); // l. 4363 « Taux de remboursement 60 % »
    expect(r.securiteSociale.netCents).toBe(24000); // l. 4370 « 400 € * 60% = 240 € »
    expect(pick(by, 'complementaryCents')).toEqual([
      16000, // l. 4378-4382 « 100% BR Soit 400 € - 240 € = 160 € »
      36000, // l. 4384-4388 « 150% BR Soit 600 € - 240 € = 360 € »
      46000, // l. 4390-4395 « 100% BR + 300 € max. Soit 400 € - 240 € + 300 € = 460 € »
      66000, // l. 4397-4402 « 100% BR + 500 € max. Soit 400 € - 240 € + 500 € = 660 € »
    ]);
    expect(pick(by, 'resteAChargeCents')).toEqual([116500, 96500, 86500, 66500]); // l. 4404-4405 « 1 165 € 965 € 865 € 665 € »
  });
});

describe('Assur-BP notice, glasses with simple lenses outside 100 % Santé (l. 4417-4495)', () => {
  it('reproduces BR, Sécurité sociale, the complementary amounts and the restes à charge without loyalty bonus', () => {
    const { r, by } = run({ basket: 'lunettes', priceCents: 35600 }); // l. 4491 « Vous dépensez 356 € chez votre opticien »
    expect(r.securiteSociale.brCents).toBe(15); // l. 4420 « 0,05 € par élément = 0,15 € »
    expect(r.lines.map((l) => l.ssRatePercent)).toEqual([60, 60]); // l. 4422 « Taux de remboursement 60 % »
    expect(r.securiteSociale.netCents).toBe(9); // l. 4425 « 0,15 € * 60% = 0,09 € »
    expect(pick(by, 'complementaryCents')).toEqual([
      10006, // l. 4430-4435 « 30 € pour la monture et 35 € / verre. Soit 0,06 € + 30 € + 35 €*2 = 100,06 € »
      18006, // l. 4437-4441 « 80 € … 50 € / verre. Soit 0,06 € + 80 € + 50 €*2 = 180,06 € »
      22004, // l. 4443-4447 « 100 € … 60 € / verre. Soit 0,04 € + 100 € + 60 €*2 = 220,04 € »
      26004, // l. 4449-4453 « 100 € … 80 € / verre. Soit 0,04 € + 100 € + 80 €*2 = 260,04 € »
    ]);
    expect(pick(by, 'resteAChargeCents')).toEqual([25585, 17585, 13587, 9587]); // l. 4479 « 255,85 € 175,85 € 135,87 € 95,87 € »
  });

  it('explains the notice’s « 0,04 € » (F3, F4) against « 0,06 € » (F1, F2): the 100 € frame cap absorbs the frame’s ticket modérateur', () => {
    const { r, by } = run({ basket: 'lunettes', priceCents: 35600 });
    expect(r.securiteSociale.ticketModerateurCents).toBe(6); // 0,15 − 0,09: the ticket modérateur of the three elements
    // l. 4494-4495: « la prise en charge des montures … est limitée à 100 €. Ce montant maximal comprend alors la base de remboursement »
    const frame = (f: F) => by[f].lines.find((l) => l.act === 'monture')!;
    const lenses = (f: F) => by[f].lines.find((l) => l.act === 'verre-simple')!;
    expect(frame('F2').guaranteeCents).toBe(8002); // TM 0,02 + 80 € stays under 100 €: the notice writes 0,06 € of TM
    expect(frame('F3').formulaCents).toBe(10002); // TM 0,02 + 100 € …
    expect(frame('F3').guaranteeCents).toBe(10000); // … capped at 100 €: only the lenses' 0,04 € of TM remains, as printed
    expect(lenses('F3').guaranteeCents).toBe(4 + 12000); // « 0,04 € + … + 60 €*2 »
    expect(frame('F3').steps.join(' ')).toContain('limitée à 100,00');
  });

  it('reproduces the amounts with the loyalty bonus, F1 having none', () => {
    const { by } = run({ basket: 'lunettes', priceCents: 35600, loyaltyBonus: true });
    // l. 4457-4459 « Pas de bonus fidélité » (F1): the guarantee without bonus applies
    expect(by.F1.complementaryCents).toBe(10006);
    expect(by.F1.steps.join(' ')).toContain('Pas de bonus fidélité');
    expect([by.F2.guaranteeCents, by.F3.guaranteeCents, by.F4.guaranteeCents]).toEqual([
      28006, // l. 4461-4465 « 80 € … 100 € / verre. Soit 0,06 € + 80 € + 100 €*2 = 280,06 € »
      32004, // l. 4467-4471 « 100 € … 110 € / verre. Soit 0,04 € + 100 € + 110 €*2 = 320,04 € »
      36004, // l. 4473-4477 « 100 € … 130 € / verre. Soit 0,04 € + 100 € + 130 €*2 = 360,04 € »
    ]);
    expect([by.F2.resteAChargeCents, by.F3.resteAChargeCents, by.F4.resteAChargeCents]).toEqual([7585, 3587, 0]); // l. 4481 « 75,85 € 35,87 € 0 € »
  });

  it('documents the notice’s F4-with-bonus inconsistency: 360,04 € printed, more than the 355,91 € left after the Sécurité sociale', () => {
    const { by } = run({ basket: 'lunettes', priceCents: 35600, loyaltyBonus: true });
    const printed = 36004; // l. 4477
    expect(printed).toBeGreaterThan(35600 - 9);
    expect(by.F4.guaranteeCents).toBe(printed);
    expect(by.F4.complementaryCents).toBe(35591); // 356 − 0,09: the cap applies to the whole pair, as the printed 0 € implies
    expect(35600 - 9 - printed).toBe(-413); // the printed amounts would leave −4,13 €, not the printed 0 € (l. 4481)
    expect(by.F4.resteAChargeCents).toBe(0);
  });
});

describe('Assur-BP notice, private room (l. 257-276)', () => {
  it('pays nothing in F1 (« Non souscrit ») and 65 / 75 / 95 € per day in F2 / F3 / F4', () => {
    // l. 264-273 « Non souscrit 75 € par jour 95 € par jour 65 € par jour », labels « F1 F3 F4F2 » (l. 276)
    const { by } = run({ basket: 'hospitalisation-chambre-particuliere', priceCents: 12000, quantity: 3 }); // a room at 120 € a night, 3 days
    const room = (f: F) => by[f].lines.find((l) => l.act === 'chambre-particuliere')!;
    expect(room('F1').status).toBe('not_covered');
    expect(FORMULAS.map((f) => room(f).complementaryCents)).toEqual([0, 3 * 6500, 3 * 7500, 3 * 9500]);
  });

  it('never pays more per day than the room costs', () => {
    const { by } = run({ basket: 'hospitalisation-chambre-particuliere', priceCents: 7000, quantity: 2 });
    const room = (f: F) => by[f].lines.find((l) => l.act === 'chambre-particuliere')!;
    expect(FORMULAS.map((f) => room(f).complementaryCents)).toEqual([0, 2 * 6500, 2 * 7000, 2 * 7000]);
  });
});
