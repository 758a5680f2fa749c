/**
 * The acts and baskets the reimbursement simulator knows: how the Sécurité sociale treats each act (rate
 * parameter, participation forfaitaire, franchise, default BR) and which guarantee categories of a product
 * answer for it. Pure data (the values themselves are dated parameters in data/parameters/).
 *
 * API
 * - `ACTS`, `actByCode(code)`: `ActDef`.
 * - `BASKETS`, `basketByCode(code)`: `BasketDef` (a basket is a few acts priced together).
 * - `catalogueOfActs()`: codes and French labels for `grille reimburse --list`.
 */

export interface ActUnit {
  singular: string;
  plural: string;
}

export interface ActDef {
  code: string;
  label: string;
  unit: ActUnit;
  /** what --price means for this act */
  priceMeaning: string;
  /** rate parameter of the Sécurité sociale; null: not reimbursed by the Sécurité sociale */
  ssRate: string | null;
  /** participation forfaitaire applies (acts of doctors, biology, radiology, outside hospital) */
  pf: boolean;
  /** franchise parameter per unit, and its daily cap parameter */
  franchise: { amount: string; dailyCap: string | null } | null;
  /** whether the guarantee depends on the doctor's membership of OPTAM/OPTAM-CO */
  optamMatters: boolean;
  /** guarantee categories, most specific first; the first the product covers is used */
  categories: { optam?: string[]; nonOptam?: string[]; any?: string[]; centSante?: string[] };
  /** default BR parameter per unit when --br is not given; 'price' = the BR is the price (medicines) */
  brDefault?: { optam?: string; nonOptam?: string; any?: string } | 'price';
  /** a 100 % Santé basket exists for this act: its opening flag and, when known, its price limit per unit */
  centSante?: { flag: string; plv: string | null };
  /** the default BR is not the 100 % Santé one (optique classe A): the Sécurité sociale / complementary split is indicative */
  centSanteBrUnknown?: boolean;
  /** a per-unit cap of the contrat responsable on the complementary part (frame: 100 €) */
  responsibleUnitCap?: string;
  /** acts whose BR may reach the "acte lourd" threshold (the TM is replaced by the 24 € forfait) */
  heavyActEligible?: boolean;
  /** product caps that may limit this act (e.g. the annual dental ceiling): reported, not applied */
  relatedCaps?: string[];
}

const one = (s: string, p = `${s}s`): ActUnit => ({ singular: s, plural: p });

/** Consultations read the OPTAM or non-OPTAM consultation guarantee, else the general one. */
const CONSULTATION_CATEGORIES = {
  optam: ['sante.soins_courants.consultation.optam', 'sante.soins_courants.consultation'],
  nonOptam: ['sante.soins_courants.consultation.non_optam', 'sante.soins_courants.consultation'],
};

export const ACTS: readonly ActDef[] = [
  {
    code: 'consultation-generaliste',
    label: 'Consultation d’un médecin généraliste',
    unit: one('consultation'),
    priceMeaning: 'prix de la consultation',
    ssRate: 'ss.taux.honoraires_medicaux',
    pf: true,
    franchise: null,
    optamMatters: true,
    categories: CONSULTATION_CATEGORIES,
    brDefault: { optam: 'br.consultation.generaliste' },
  },
  {
    code: 'consultation-specialiste',
    label: 'Consultation d’un médecin spécialiste',
    unit: one('consultation'),
    priceMeaning: 'prix de la consultation',
    ssRate: 'ss.taux.honoraires_medicaux',
    pf: true,
    franchise: null,
    optamMatters: true,
    categories: CONSULTATION_CATEGORIES,
    brDefault: { nonOptam: 'br.consultation.specialiste_secteur2' },
  },
  {
    code: 'avis-ponctuel',
    label: 'Consultation pour avis ponctuel d’un spécialiste (APC)',
    unit: one('consultation'),
    priceMeaning: 'prix de la consultation',
    ssRate: 'ss.taux.honoraires_medicaux',
    pf: true,
    franchise: null,
    optamMatters: true,
    categories: CONSULTATION_CATEGORIES,
    brDefault: { optam: 'br.consultation.avis_ponctuel' },
  },
  {
    code: 'radiologie',
    label: 'Acte de radiologie ou d’imagerie (radiographie, échographie, scanner, IRM)',
    unit: one('acte'),
    priceMeaning: 'prix de l’acte',
    ssRate: 'ss.taux.actes_techniques',
    pf: true,
    franchise: null,
    optamMatters: true,
    categories: { optam: ['sante.soins_courants.radiologie.optam', 'sante.soins_courants.radiologie'], nonOptam: ['sante.soins_courants.radiologie.non_optam', 'sante.soins_courants.radiologie'] },
    heavyActEligible: true,
  },
  {
    code: 'analyses',
    label: 'Analyses et examens de biologie médicale',
    unit: one('acte'),
    priceMeaning: 'prix des analyses',
    ssRate: 'ss.taux.biologie',
    pf: true,
    franchise: null,
    optamMatters: false,
    categories: { any: ['sante.soins_courants.analyses'] },
  },
  {
    code: 'auxiliaire-medical',
    label: 'Acte d’auxiliaire médical (infirmier, kinésithérapeute, orthophoniste, orthoptiste, pédicure-podologue)',
    unit: one('acte'),
    priceMeaning: 'prix par acte',
    ssRate: 'ss.taux.auxiliaires_medicaux',
    pf: false,
    franchise: { amount: 'franchise.paramedical', dailyCap: 'franchise.plafond_jour.paramedical' },
    optamMatters: false,
    categories: { any: ['sante.soins_courants.auxiliaires_medicaux'] },
  },
  {
    code: 'medicament-ph7',
    label: 'Médicament à service médical rendu important (PH7, 65 %)',
    unit: one('boîte'),
    priceMeaning: 'prix par boîte',
    ssRate: 'ss.taux.pharmacie.ph7',
    pf: false,
    franchise: { amount: 'franchise.medicament', dailyCap: null },
    optamMatters: false,
    categories: { any: ['sante.medicaments.ph7_ph4', 'sante.medicaments'] },
    brDefault: 'price',
  },
  {
    code: 'medicament-ph4',
    label: 'Médicament à service médical rendu modéré (PH4, 30 %)',
    unit: one('boîte'),
    priceMeaning: 'prix par boîte',
    ssRate: 'ss.taux.pharmacie.ph4',
    pf: false,
    franchise: { amount: 'franchise.medicament', dailyCap: null },
    optamMatters: false,
    categories: { any: ['sante.medicaments.ph7_ph4', 'sante.medicaments'] },
    brDefault: 'price',
  },
  {
    code: 'medicament-ph2',
    label: 'Médicament à service médical rendu faible (PH2, 15 %)',
    unit: one('boîte'),
    priceMeaning: 'prix par boîte',
    ssRate: 'ss.taux.pharmacie.ph2',
    pf: false,
    franchise: { amount: 'franchise.medicament', dailyCap: null },
    optamMatters: false,
    categories: { any: ['sante.medicaments.ph2', 'sante.medicaments'] },
    brDefault: 'price',
  },
  {
    code: 'soins-dentaires',
    label: 'Soins dentaires (consultation, détartrage, soins conservateurs)',
    unit: one('acte'),
    priceMeaning: 'prix de l’acte',
    ssRate: 'ss.taux.dentaire.soins',
    pf: false,
    franchise: null,
    optamMatters: false,
    categories: { any: ['sante.dentaire.soins'] },
  },
  {
    code: 'couronne',
    label: 'Couronne dentaire céramo-métallique',
    unit: one('couronne'),
    priceMeaning: 'prix par couronne',
    ssRate: 'ss.taux.dentaire.protheses',
    pf: false,
    franchise: null,
    optamMatters: false,
    categories: { any: ['sante.dentaire.protheses'], centSante: ['sante.dentaire.100_sante'] },
    brDefault: { any: 'br.dentaire.couronne' },
    centSante: { flag: 'cent_sante.dentaire', plv: null },
    relatedCaps: ['sante.dentaire.plafond_annuel'],
  },
  {
    code: 'aide-auditive',
    label: 'Aide auditive, 20 ans et plus (par oreille)',
    unit: one('oreille'),
    priceMeaning: 'prix par oreille',
    ssRate: 'ss.taux.aides_auditives',
    pf: false,
    franchise: null,
    optamMatters: false,
    categories: { any: ['sante.aides_auditives.libre_20_ans_et_plus', 'sante.aides_auditives'], centSante: ['sante.aides_auditives.100_sante'] },
    brDefault: { any: 'br.aides_auditives.adulte' },
    centSante: { flag: 'cent_sante.aides_auditives', plv: 'cent_sante.aides_auditives.plv' },
  },
  {
    code: 'verre-simple',
    label: 'Verre simple adulte (hors 100 % Santé)',
    unit: one('verre'),
    priceMeaning: 'prix par verre',
    ssRate: 'ss.taux.optique',
    pf: false,
    franchise: null,
    optamMatters: false,
    categories: { any: ['sante.optique.verre_simple_adulte'], centSante: ['sante.optique.100_sante'] },
    brDefault: { any: 'br.optique.element_adulte' },
    centSante: { flag: 'cent_sante.optique', plv: null },
    centSanteBrUnknown: true,
  },
  {
    code: 'monture',
    label: 'Monture adulte (hors 100 % Santé)',
    unit: one('monture'),
    priceMeaning: 'prix de la monture',
    ssRate: 'ss.taux.optique',
    pf: false,
    franchise: null,
    optamMatters: false,
    categories: { any: ['sante.optique.monture_adulte'], centSante: ['sante.optique.100_sante'] },
    brDefault: { any: 'br.optique.element_adulte' },
    centSante: { flag: 'cent_sante.optique', plv: null },
    centSanteBrUnknown: true,
    responsibleUnitCap: 'cr.optique.monture.plafond',
  },
  {
    code: 'chambre-particuliere',
    label: 'Chambre particulière (hospitalisation d’au moins une nuit), par jour',
    unit: one('jour'),
    priceMeaning: 'prix par jour',
    ssRate: null,
    pf: false,
    franchise: null,
    optamMatters: false,
    categories: { any: ['sante.hospitalisation.chambre_particuliere'] },
  },
  {
    code: 'forfait-journalier',
    label: 'Forfait journalier hospitalier, par jour',
    unit: one('jour'),
    priceMeaning: 'montant facturé par jour',
    ssRate: null,
    pf: false,
    franchise: null,
    optamMatters: false,
    categories: { any: ['sante.hospitalisation.forfait_journalier'] },
  },
  {
    code: 'transport',
    label: 'Transport sanitaire prescrit',
    unit: one('transport'),
    priceMeaning: 'prix par transport',
    ssRate: 'ss.taux.transport',
    pf: false,
    franchise: { amount: 'franchise.transport', dailyCap: 'franchise.plafond_jour.transport' },
    optamMatters: false,
    categories: { any: ['sante.soins_courants.transport'] },
  },
  {
    code: 'osteopathie',
    label: 'Séance d’ostéopathie (non remboursée par la Sécurité sociale)',
    unit: one('séance'),
    priceMeaning: 'prix par séance',
    ssRate: null,
    pf: false,
    franchise: null,
    optamMatters: false,
    categories: { any: ['sante.soins_courants.medecines_douces'] },
  },
];

export interface BasketLine {
  act: string;
  /** fixed quantity, or 'input' (the --quantity given, default 1) */
  quantity: number | 'input';
  /** where the line's price comes from: the --price given (per unit), a parameter (per unit), or the basket total */
  price: 'input' | { param: string } | 'pooled';
}

export interface BasketDef {
  code: string;
  label: string;
  priceMeaning: string;
  /** the lines share one price (an optical equipment): "never more than spent" is judged on the whole basket */
  pooled: boolean;
  lines: BasketLine[];
  /** what --quantity means for this basket, when it is used */
  quantityMeaning?: string;
}

export const BASKETS: readonly BasketDef[] = [
  {
    code: 'consultation-specialiste',
    label: 'Consultation d’un spécialiste avec dépassement d’honoraires',
    priceMeaning: 'prix de la consultation',
    pooled: false,
    lines: [{ act: 'consultation-specialiste', quantity: 1, price: 'input' }],
  },
  {
    code: 'lunettes',
    label: 'Paire de lunettes adulte : monture et 2 verres simples (hors 100 % Santé, sauf si le panier 100 % Santé est choisi)',
    priceMeaning: 'prix total de l’équipement (monture et verres)',
    pooled: true,
    lines: [
      { act: 'monture', quantity: 1, price: 'pooled' },
      { act: 'verre-simple', quantity: 2, price: 'pooled' },
    ],
  },
  {
    code: 'couronne',
    label: 'Couronne dentaire céramo-métallique',
    priceMeaning: 'prix de la couronne',
    pooled: false,
    lines: [{ act: 'couronne', quantity: 1, price: 'input' }],
  },
  {
    code: 'aide-auditive',
    label: 'Aide auditive adulte (par oreille ; quantité 2 pour les deux oreilles)',
    priceMeaning: 'prix par oreille',
    pooled: false,
    lines: [{ act: 'aide-auditive', quantity: 'input', price: 'input' }],
    quantityMeaning: 'nombre d’oreilles appareillées',
  },
  {
    code: 'hospitalisation-chambre-particuliere',
    label: 'Hospitalisation avec chambre particulière : chambre et forfait journalier (honoraires et frais de séjour non détaillés)',
    priceMeaning: 'prix de la chambre particulière par jour',
    pooled: false,
    lines: [
      { act: 'chambre-particuliere', quantity: 'input', price: 'input' },
      { act: 'forfait-journalier', quantity: 'input', price: { param: 'forfait_journalier.hospitalier' } },
    ],
    quantityMeaning: 'nombre de jours',
  },
];

export function actByCode(code: string): ActDef | undefined {
  return ACTS.find((a) => a.code === code);
}

export function basketByCode(code: string): BasketDef | undefined {
  return BASKETS.find((b) => b.code === code);
}

export interface CatalogueOfActs {
  acts: { code: string; label: string; unit: string; price: string; optam: boolean; centSante: boolean }[];
  baskets: { code: string; label: string; price: string; acts: string[] }[];
}

export function catalogueOfActs(): CatalogueOfActs {
  return {
    acts: ACTS.map((a) => ({ code: a.code, label: a.label, unit: a.unit.singular, price: a.priceMeaning, optam: a.optamMatters, centSante: a.centSante !== undefined })),
    baskets: BASKETS.map((b) => ({ code: b.code, label: b.label, price: b.priceMeaning, acts: b.lines.map((l) => l.act) })),
  };
}
