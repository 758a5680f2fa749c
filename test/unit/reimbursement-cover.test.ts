/**
 * The wording reader: every guarantee wording of the default catalogue's health and network products, with the
 * cover a reader of the wording expects (the base, the rate, whether the Sécurité sociale is included or the
 * forfait comes after the ticket modérateur, the unit and the renewal period). Where the wording leaves a piece
 * out, the cover is « non précisé » and says which piece (docs/RULINGS.md, règle 8).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { productFileSchema, type ProductFile } from '../../src/shared/core/catalogue-schema';
import { readCap, readGuarantee, type CapReading, type Cover } from '../../src/shared/core/reimbursement-cover';

const product = (id: string): ProductFile => productFileSchema.parse(JSON.parse(readFileSync(join(process.cwd(), 'data', 'products', `${id}.json`), 'utf8')));

const none = { unit: null, periodMonths: null };
const brIncl = (percent: number, extra: Partial<Cover> = {}): Cover => ({ kind: 'percent', percent, includesSS: true, plusAmountCents: 0, plusPerUnit: false, ...none, ...extra }) as Cover;
const tmPlus = (euros: number, unit: string | null, periodMonths: number | null): Cover => ({ kind: 'amount', amountCents: euros * 100, mode: 'plus-tm', perUnit: unit !== null, unit, periodMonths });
const perDay = (euros: number): Cover => ({ kind: 'per_day', perDayCents: euros * 100, periodMonths: null });
const noAmount = (unit: string | null = null, periodMonths: number | null = null): Cover => ({ kind: 'unspecified', missing: 'amount', percent: null, amountCents: null, unit, periodMonths });
const NOT_COVERED: Cover = { kind: 'not_covered' };

/** Assur-BP Santé Pro: one row per wording of its grid. */
const ASSURBP: Record<string, Cover> = {
  '100 % BR (Sécurité sociale incluse)': brIncl(100),
  '170 % BR (Sécurité sociale incluse)': brIncl(170),
  '250 % BR (Sécurité sociale incluse)': brIncl(250),
  '300 % BR (Sécurité sociale incluse)': brIncl(300),
  '125 % BR (Sécurité sociale incluse)': brIncl(125),
  // « TM » is 100 % of the BR with the Sécurité sociale in it: the conditions say so
  'TM (100 % BR)': brIncl(100),
  '100 % BR (TM)': brIncl(100),
  // the percentage includes the Sécurité sociale: said by the conditions (« Le pourcentage inclut le remboursement… »)
  '150 % BR': brIncl(150),
  // « 1 fois / 4 ans » is in the wording but not in the catalogue's quantities of these two lines, and the renewal
  // period is read from the quantities (the simulator's « forfait disponible » hypothesis rests on it): null here
  '100 % BR + 300 € par oreille, 1 fois / 4 ans': brIncl(100, { plusAmountCents: 30000, plusPerUnit: true, unit: 'oreille' }),
  '100 % BR + 500 € par oreille, 1 fois / 4 ans': brIncl(100, { plusAmountCents: 50000, plusPerUnit: true, unit: 'oreille' }),
  'TM + tout ou partie des dépassements selon la formule (taux non précisé)': noAmount(),
  'TM + tout ou partie des dépassements (taux non précisé)': noAmount(),
  // a forfait of 24 € whose wording does not say whether the Sécurité sociale is in it
  'Forfait de 24 € remboursé': { kind: 'unspecified', missing: 'ss-part', percent: null, amountCents: 2400, ...none },
  'Non inclus': NOT_COVERED,
  'Non inclus (non souscrit)': NOT_COVERED,
  'Pas de bonus fidélité': NOT_COVERED,
  'Forfait par an (montant non précisé)': noAmount(null, 12),
  'Forfait par semestre (montant non précisé)': noAmount(null, 6),
  'Forfait par jour (montant non précisé)': noAmount('jour'),
  'Forfait par dent (montant non précisé)': noAmount('dent'),
  'Forfait par acte (montant non précisé)': noAmount('acte'),
  // once per eye for the whole membership: no renewal period
  'Un forfait par œil pour toute l’adhésion (montant non précisé)': noAmount('œil'),
  // a birth is not a unit a claim line counts
  'Montant par naissance ou adoption (montant non précisé)': noAmount(),
  'Remboursé (montant du FPU non précisé)': noAmount(),
  'TM + forfait (montant non précisé), 1 fois / an': noAmount(null, 12),
  'TM + forfait (montant non précisé), 1 fois / 2 ans': noAmount(null, 24),
  'TM + forfait par oreille (montant non précisé), 1 fois / 4 ans': noAmount('oreille', 48),
  // cap lines pay nothing by themselves (readCap reads them)
  'Pas de plafond': noAmount(),
  'Plafond annuel les 2 premières années d’adhésion (montant non précisé)': noAmount(),
  'Frais réels': { kind: 'actual', periodMonths: null },
  '65 € par jour': perDay(65),
  '75 € par jour': perDay(75),
  '95 € par jour': perDay(95),
  'Intégral dans la limite des prix limites de vente': { kind: 'plv', ...none },
  'Intégral dans la limite des prix limites de vente, 1 fois / 2 ans': { kind: 'plv', unit: null, periodMonths: 24 },
  'Intégral dans la limite des prix limites de vente, 1 fois / 4 ans par oreille': { kind: 'plv', unit: 'oreille', periodMonths: 48 },
  'TM + 35 € par verre, 1 fois / 2 ans': tmPlus(35, 'verre', 24),
  'TM + 50 € par verre, 1 fois / 2 ans': tmPlus(50, 'verre', 24),
  'TM + 60 € par verre, 1 fois / 2 ans': tmPlus(60, 'verre', 24),
  'TM + 80 € par verre, 1 fois / 2 ans': tmPlus(80, 'verre', 24),
  'TM + 30 €, 1 fois / 2 ans': tmPlus(30, null, 24),
  'TM + 80 €, 1 fois / 2 ans': tmPlus(80, null, 24),
  'TM + 100 €, 1 fois / 2 ans': tmPlus(100, null, 24),
  'TM + 100 € par verre': tmPlus(100, 'verre', null),
  'TM + 110 € par verre': tmPlus(110, 'verre', null),
  'TM + 130 € par verre': tmPlus(130, 'verre', null),
  'TM + 80 €': tmPlus(80, null, null),
  'TM + 100 €': tmPlus(100, null, null),
  'Forfait 250 € par acte (Sécurité sociale incluse)': { kind: 'amount', amountCents: 25000, mode: 'includes-ss', perUnit: true, unit: 'acte', periodMonths: null },
  'Forfait 400 € par acte (Sécurité sociale incluse)': { kind: 'amount', amountCents: 40000, mode: 'includes-ss', perUnit: true, unit: 'acte', periodMonths: null },
  'Forfait 600 € par acte (Sécurité sociale incluse)': { kind: 'amount', amountCents: 60000, mode: 'includes-ss', perUnit: true, unit: 'acte', periodMonths: null },
};

/**
 * Santéclair (network and services): discounts on a price, services, delays. None is a reimbursement: no rate of the
 * BR and no amount paid, so no cover can be computed; the renewal period is kept where the wording gives one.
 */
const SANTECLAIR_PERIODS: Record<string, number> = {
  'Casse sans franchise 2 ans, 1 fois par élément ; franchise 50 % ensuite': 24,
  'Garantie panne de 4 ans incluse': 48,
  "Satisfait ou échangé 1 mois après la période d'essai": 1,
  'Programme personnalisé en 3 mois avec des psychologues': 3,
};
const SANTECLAIR_TEXTS = [
  '> 3 200 opticiens : tarifs préférentiels, verres de marque à prix négociés',
  "−10 % (monture > 30 € jusqu'à 100 €), −20 % (> 100 €) sur le prix affiché",
  '−15 % sur les autres produits du magasin',
  "Montures : 15 jours ; verres : 3 à 6 mois selon l'opticien",
  'Offreclair : sans reste à charge, collection exclusive de 80 montures',
  '> 100 centres : consultation sous 15 jours, sans avantage tarifaire',
  '30 centres : tarifs préférentiels, soins post-opératoires inclus',
  '> 3 000 dentistes : tarifs préférentiels prothèses, implants, orthodontie',
  "Jusqu'à 30 % d'économies sur certains actes d'implantologie",
  "Jusqu'à 40 % moins cher par semestre d'orthodontie invisible adulte",
  "> 1 500 audioprothésistes : appareils jusqu'à 35 % moins chers",
  '−20 % sur les piles',
  "−10 % sur assistants d'écoute, entretien, bouchons et accessoires",
  "Essai de 30 jours avant confirmation d'achat",
  'Contrôle, réglage et entretien à vie, sans frais supplémentaires',
  'Reste à charge payable en 3 fois sans frais (selon partenaire)',
  "> 390 diététiciens : jusqu'à 15 % d'économies (bilan et suivi)",
  "370 ostéopathes et chiropracteurs : séances jusqu'à 15 % d'économies",
  'Analyse par un conseiller sous 72 heures ouvrées',
  'Devis dentaire et hospitalier analysés en ligne, réponse instantanée',
  "Portail MySantéclair sur l'espace adhérent INTÉRIALE",
  'Partenaires Santéclair et non-partenaires recommandés',
  "Conseils personnalisés par e-mail ou SMS avant et après l'achat",
  'Plus de 80 disciplines dont 52 chirurgicales (palmarès Le Point)',
  'Programme personnalisé avec coachs psychologues et nutritionnistes',
  'Outil en ligne validé par des médecins, 24h/24 et 7j/7, sans frais',
  'Près de 1 800 médicaments notés (efficacité, tolérance, prix moyen)',
  '24h/24 et 7j/7, sans limite de nombre et sans frais',
  'Mise en relation rapide en ligne avec une infirmière à domicile',
  '−5 % sur tous les cours, +20 % supplémentaires en live (code LIVE)',
  'Nouvelle analyse du diagnostic sous 7 jours (plus de 650 pathologies)',
  '−5 % sur la commande, tiers payant',
  'Fiches pour préparer son parcours hospitalier',
  "Calcul du reste à charge d'une consultation (généraliste, spécialiste)",
  "Annuaire des hôpitaux avec accueil d'urgence par spécialité",
];
const SANTECLAIR: Record<string, Cover> = Object.fromEntries([
  ...SANTECLAIR_TEXTS.map((t) => [t, noAmount()] as const),
  ...Object.entries(SANTECLAIR_PERIODS).map(([t, months]) => [t, noAmount(null, months)] as const),
]);

describe.each([
  ['assurbp-sante-pro', ASSURBP],
  ['interiale-santeclair', SANTECLAIR],
])('readGuarantee on every wording of %s', (id, table) => {
  const p = product(id);
  it('has one row per wording of the product, and no row for a wording it does not have', () => {
    expect(new Set(p.guarantees.map((g) => g.text))).toEqual(new Set(Object.keys(table)));
  });
  it.each(Object.entries(table))('« %s »', (text, cover) => {
    const entries = p.guarantees.filter((g) => g.text === text);
    expect(entries.length).toBeGreaterThan(0);
    for (const g of entries) expect(readGuarantee(g), `${g.category} ${g.formulas.join(',')}`).toEqual(cover);
  });
});

describe('readCap on the cap lines of the grid', () => {
  const p = product('assurbp-sante-pro');
  const caps: [string, string, CapReading][] = [
    ['F1', 'Pas de plafond', { kind: 'none' }],
    ['F2', 'Plafond annuel les 2 premières années d’adhésion (montant non précisé)', { kind: 'cap', amountCents: null, periodMonths: 12 }],
  ];
  it.each(caps)('%s « %s »', (formula, text, reading) => {
    const g = p.guarantees.find((x) => x.category === 'sante.dentaire.plafond_annuel' && x.formulas.includes(formula))!;
    expect(g.text).toBe(text);
    expect(readCap(g)).toEqual(reading);
  });
  it('a line the source does not give is unknown, a line not covered sets no cap', () => {
    const g = p.guarantees.find((x) => x.category === 'sante.dentaire.plafond_annuel')!;
    expect(readCap({ ...g, status: 'unspecified' })).toEqual({ kind: 'unknown' });
    expect(readCap({ ...g, status: 'not_covered', text: 'Non inclus' })).toEqual({ kind: 'none' });
  });
});
