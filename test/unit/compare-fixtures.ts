/**
 * Small product files for the comparison and export tests. Every value is typed from the seed
 * documents (file and lines in each source), not from the program's output.
 */
import { productFileSchema, type ProductFile, type ProductFileInput, type Source } from '../../src/shared/core/catalogue-schema';
import type { TaxonomyCategory } from '../../src/shared/core/compare';

const S000 = '000_9aae189d12a4f87e.txt';
const S001 = '001_d2f8ab58bb0ab15a.txt';
const S002 = '002_c01a776f8efdfdad.txt';
const S003 = '003_7b883febf65126a3.txt';

function src(file: string, section: string, lines: [number, number], quote: string): Source {
  return { file, section, lines, quote };
}

function ima(file: string, lines: [number, number], quote: string) {
  return { id: 'ima-assurances', name: 'IMA Assurances', roles: ['insurer' as const], source: src(file, 'préambule', lines, quote) };
}

function product(input: ProductFileInput): ProductFile {
  return productFileSchema.parse(input);
}

export const taxonomy: TaxonomyCategory[] = [
  { key: 'assistance', label: 'Assistance', order: 100 },
  { key: 'assistance.transmission_messages', label: 'Transmission de messages urgents', order: 160 },
  { key: 'assistance.aide_domicile', label: 'Aide à domicile', order: 170 },
  { key: 'assistance.aide_domicile.hospitalisation', label: 'Aide à domicile après hospitalisation', order: 180 },
  { key: 'assistance.aide_domicile.chirurgie_ambulatoire', label: 'Aide à domicile après chirurgie ambulatoire', order: 200 },
  { key: 'assistance.hebergement_proche', label: 'Hébergement d’un proche', order: 290 },
  { key: 'mav', label: 'Accidents de la vie', order: 500 },
];

/** MIE: IMA convention, seed 000. */
export const mie: ProductFile = product({
  formatVersion: 1,
  product: {
    id: 'mie-assistance',
    kind: 'assistance',
    name: 'MIE — Assistance à domicile',
    insurer: 'ima-assurances',
    distributor: null,
    source: src(S000, 'préambule', [1, 2], 'La convention d’assistance présentée ci-après se propose d’apporter aux'),
  },
  organisations: [ima(S000, [4, 4], 'Les garanties d’assistance sont assurées par IMA ASSURANCES, ci-après')],
  documents: [{ id: 'convention', file: S000, title: 'Garanties d’assistance à domicile (MIE)', kind: 'notice', lines: [1, 1200], date: null }],
  formulas: [{ code: 'base', label: 'Formule unique', kind: 'formula' }],
  versions: [
    { code: 'convention', label: 'Convention (non datée)', effectiveFrom: null, effectiveTo: null, document: 'convention', source: src(S000, 'préambule', [1, 2], 'La convention d’assistance présentée ci-après') },
  ],
  guarantees: [
    {
      category: 'assistance.transmission_messages',
      label: '2.4 Transmission de messages urgents',
      formulas: ['*'],
      versions: ['*'],
      status: 'covered',
      quantities: {},
      text: 'Messages urgents transmis à la famille',
      source: src(S000, 'art. 2.4', [215, 216], 'IMA se charge de transmettre des messages urgents à la famille du bénéficiaire.'),
    },
    {
      category: 'assistance.aide_domicile.hospitalisation',
      label: '3.1 Aide à domicile',
      formulas: ['*'],
      versions: ['*'],
      status: 'covered',
      quantities: { hours: 15, periodDays: 14 },
      derived: ['periodDays'],
      text: '15 h sur 2 semaines',
      trigger: 'Hospitalisation imprévue ou programmée de plus de 2 jours de l’adhérent ou de son conjoint',
      conditions: 'periodDays = 14 : « une période maximale de 2 semaines »',
      source: src(S000, 'art. 3.1 Aide à domicile', [240, 242], 'ne pourra excéder 15 heures réparties sur une période maximale de 2 semaines.'),
    },
  ],
});

/** SLM: IMA notice, seed 001. */
export const slm: ProductFile = product({
  formatVersion: 1,
  product: {
    id: 'slm-assistance',
    kind: 'assistance',
    name: 'SLM — Assistance santé individuelle',
    insurer: 'ima-assurances',
    distributor: null,
    source: src(S001, 'notice', [155, 155], 'IMA se charge de transmettre des messages urgents'),
  },
  organisations: [ima(S001, [155, 155], 'IMA se charge')],
  documents: [{ id: 'notice', file: S001, title: 'Notice d’information assistance santé individuelle (SLM)', kind: 'notice', lines: [1, 720], date: null }],
  formulas: [{ code: 'base', label: 'Formule unique', kind: 'formula' }],
  versions: [{ code: 'notice', label: 'Notice (non datée)', effectiveFrom: null, effectiveTo: null, document: 'notice', source: src(S001, 'notice', [155, 155], 'IMA se charge') }],
  guarantees: [
    {
      category: 'assistance.transmission_messages',
      label: '2.6 Transmission de messages urgents',
      formulas: ['*'],
      versions: ['*'],
      status: 'covered',
      quantities: {},
      text: 'Messages urgents transmis à la famille',
      source: src(S001, 'art. 2.6', [155, 155], 'IMA se charge de transmettre des messages urgents à la famille du bénéficiaire.'),
    },
    {
      category: 'assistance.aide_domicile.hospitalisation',
      label: '3.1 Aide à domicile',
      formulas: ['*'],
      versions: ['*'],
      status: 'covered',
      quantities: { hours: 30, minHoursPerVisit: 2, periodDays: 30 },
      text: '30 h sur 30 jours, 2 h min.',
      trigger: 'Hospitalisation imprévue ou programmée de plus de 2 jours, ou immobilisation imprévue de plus de 5 jours, de l’adhérent ou de son conjoint',
      source: src(S001, 'art. 3.1 Aide à domicile', [170, 170], 'ne pourra excéder 30 heures à raison de 2 heures minimum par intervention, réparties sur une période maximale de 30 jours.'),
    },
    {
      category: 'assistance.aide_domicile.chirurgie_ambulatoire',
      label: '3.1 Aide à domicile (chirurgie ambulatoire)',
      formulas: ['*'],
      versions: ['*'],
      status: 'covered',
      quantities: { hours: 10, minHoursPerVisit: 2, periodDays: 10 },
      text: '10 h sur 10 jours, 2 h min.',
      trigger: 'Chirurgie ambulatoire ou intervention avec une nuit, immobilisation au domicile d’au moins 2 jours',
      source: src(S001, 'art. 3.1 Aide à domicile', [176, 176], 'ne pourra excéder 10 heures à raison de 2 heures minimum par intervention, réparties sur une période maximale de 10 jours.'),
    },
    {
      category: 'assistance.hebergement_proche',
      label: '3.2 Venue d’un proche',
      formulas: ['*'],
      versions: ['*'],
      status: 'covered',
      quantities: { nights: 2, perNightCents: 5000 },
      text: '2 nuits, 50 € par nuit',
      source: src(S001, 'art. 3.2', [189, 189], 'son hébergement pour 2 nuits, petits-déjeuners inclus, à concurrence de 50 € par nuit.'),
    },
  ],
});

/** Intériale: IMA assistance, annex 2 of avenant n° 3, seed 003. */
export const interiale: ProductFile = product({
  formatVersion: 1,
  product: {
    id: 'interiale-assistance',
    kind: 'assistance',
    name: 'Intériale — Assistance à domicile',
    insurer: 'ima-assurances',
    distributor: null,
    source: src(S003, 'Annexe 2', [604, 604], 'IMA ASSURANCES'),
  },
  organisations: [ima(S003, [604, 604], 'IMA ASSURANCES')],
  documents: [{ id: 'annexe-2', file: S003, title: 'Annexe 2 de l’avenant n° 3 – Assistance à domicile', kind: 'notice', lines: [231, 687], date: null }],
  formulas: [{ code: 'base', label: 'Assistance à domicile', kind: 'formula' }],
  versions: [{ code: '2026', label: 'Avenant n° 3 (2026)', effectiveFrom: '2026-01-01', effectiveTo: null, document: 'annexe-2', source: src(S003, 'Avenant', [200, 200], 'La date de prise d\'effet du présent avenant est fixée au 1') }],
  guarantees: [
    {
      category: 'assistance.aide_domicile.hospitalisation',
      label: '4.2 Aide à domicile',
      formulas: ['*'],
      versions: ['*'],
      status: 'covered',
      quantities: { hours: 30, minHoursPerVisit: 2, periodDays: 30 },
      text: '30 h sur 30 jours, 2 h min.',
      trigger: 'Hospitalisation imprévue ou programmée de plus de 2 jours du membre participant ou de son conjoint',
      source: src(S003, 'Annexe 2 – art. 4.2', [604, 604], 'ne pourra excéder 30 heures à raison de 2 heures minimum par intervention réparties sur une période maximale de 30 jours.'),
    },
    {
      category: 'assistance.hebergement_proche',
      label: '4.1 Venue d’un proche',
      formulas: ['*'],
      versions: ['*'],
      status: 'covered',
      quantities: { amountCents: 10000, nights: 2 },
      text: '100 € pour 2 nuits',
      source: src(S003, 'Annexe 2 – art. 4.1', [596, 596], 'à concurrence de 100 € pour 2 nuits.'),
    },
  ],
});

const mavQuote = 'Formule Individuelle Formule Familiale Option 1 129 euros 249 euros Incapacité ≥ 5% Option 2 99 euros 198 euros';

/** BPCE MAV, seed 002: formulas × options, an exclusion, annual tariffs. */
export const mav: ProductFile = product({
  formatVersion: 1,
  product: { id: 'bpce-mav', kind: 'mav', name: 'BPCE — Multirisque des Accidents de la Vie', insurer: 'bpce-prevoyance', distributor: null, source: src(S002, 'Titre I', [268, 268], 's\'appliquent') },
  organisations: [{ id: 'bpce-prevoyance', name: 'BPCE Prévoyance', roles: ['insurer'], source: src(S002, 'Titre I', [268, 268], 's\'appliquent') }],
  documents: [{ id: 'notice', file: S002, title: 'Notice MAV (Titre I)', kind: 'notice', lines: [1, 2300], date: null }],
  formulas: [
    { code: 'individuelle', label: 'Formule individuelle', kind: 'formula' },
    { code: 'familiale', label: 'Formule familiale', kind: 'formula' },
    { code: '1', label: 'Option 1 (IP ≥ 5 %)', kind: 'option' },
    { code: '2', label: 'Option 2 (IP ≥ 10 %)', kind: 'option' },
  ],
  segments: [{ code: 'contrat', label: 'Contrat', roles: ['principal', 'conjoint', 'enfant'], status: null, ageMin: null, ageMax: null, source: src(S002, 'art. 2-9-1', [647, 648], 'Il est déterminé en fonction de la formule') }],
  versions: [{ code: 'notice', label: 'Notice (non datée)', effectiveFrom: null, effectiveTo: null, document: 'notice', source: src(S002, 'art. 2-9-1', [647, 648], 'Il est déterminé') }],
  categories: [
    { key: 'mav.seuil_ip', label: 'Seuil d’intervention (incapacité permanente)' },
    { key: 'mav.sports_risque', label: 'Option sports à risque' },
    { key: 'mav.accidents_circulation', label: 'Accidents de la circulation' },
  ],
  guarantees: [
    { category: 'mav.seuil_ip', label: 'Option 1', formulas: ['1'], versions: ['*'], status: 'covered', quantities: {}, text: 'IP ≥ 5 %', source: src(S002, 'art. 2-1', [270, 270], 'Option 1 : seuil d’intervention supérieur ou égal à 5 % en incapacité permanente*') },
    { category: 'mav.seuil_ip', label: 'Option 2', formulas: ['2'], versions: ['*'], status: 'covered', quantities: {}, text: 'IP ≥ 10 %', source: src(S002, 'art. 2-1', [275, 275], 'Option 2 : seuil d’intervention supérieur ou égal à 10 % en incapacité permanente*') },
    { category: 'mav.sports_risque', label: 'Sports à risque', formulas: ['individuelle'], versions: ['*'], status: 'covered', quantities: { count: 3 }, text: 'Sur option : 3 sports max.', source: src(S002, 'art. 2-2', [390, 390], 'L’option est limitée à trois sports maximum en formule individuelle et à cinq sports maximum en formule familiale') },
    { category: 'mav.sports_risque', label: 'Sports à risque', formulas: ['familiale'], versions: ['*'], status: 'covered', quantities: { count: 5 }, text: 'Sur option : 5 sports max.', source: src(S002, 'art. 2-2', [390, 390], 'L’option est limitée à trois sports maximum en formule individuelle et à cinq sports maximum en formule familiale') },
    { category: 'mav.accidents_circulation', label: 'Exclusions', formulas: ['*'], versions: ['*'], status: 'not_covered', quantities: {}, text: 'Exclu (assuré conducteur ou passager)', source: src(S002, 'Exclusions', [413, 414], 'LES DOMMAGES RÉSULTANT D’UN ACCIDENT* DANS LEQUEL E ST IMPLIQUÉ UN VÉHICULE TERRESTRE À') },
  ],
  tariffs: [
    { version: 'notice', formula: 'individuelle', option: '1', segment: 'contrat', amountCents: 12900, period: 'year', source: src(S002, 'art. 2-9-1', [656, 663], mavQuote) },
    { version: 'notice', formula: 'familiale', option: '1', segment: 'contrat', amountCents: 24900, period: 'year', source: src(S002, 'art. 2-9-1', [656, 663], mavQuote) },
    { version: 'notice', formula: 'individuelle', option: '2', segment: 'contrat', amountCents: 9900, period: 'year', source: src(S002, 'art. 2-9-1', [656, 663], mavQuote) },
    { version: 'notice', formula: 'familiale', option: '2', segment: 'contrat', amountCents: 19800, period: 'year', source: src(S002, 'art. 2-9-1', [656, 663], mavQuote) },
  ],
});

type Row = [formula: string, cents: number[], line: number, quote: string];

/** Intériale santé, seed 003: 2025 table (délibération l.89-91) and 2026 table (Annexe 1 l.220-229). */
export const interialeSante: ProductFile = (() => {
  const segments = ['jeune-actif', 'actif', 'enfant', 'retraite'];
  const t2025: Row[] = [
    ['securite', [2374, 3405, 1353, 6530], 89, 'Sécurité 23,74 € 34,05 € 13,53 € 65,30 €'],
    ['essentielle', [3453, 4707, 1901, 9245], 90, 'Essentielle 34,53 € 47,07 € 19,01 € 92,45 €'],
    ['renforcee', [4150, 5908, 2365, 10830], 91, 'Renforcée 41,50 € 59,08 € 23,65 € 108,30 €'],
  ];
  const actifs2026: Row[] = [
    ['securite', [2514, 3606, 1433], 220, 'Sécurité 25,14 € 36,06 € 14,33 €'],
    ['essentielle', [3657, 4985, 2013], 221, 'Essentielle 36,57 € 49,85 € 20,13 €'],
    ['renforcee', [4395, 6257, 2505], 222, 'Renforcée 43,95 € 62,57 € 25,05 €'],
  ];
  const retraites2026: Row[] = [
    ['securite', [6915], 227, 'Sécurité 69,15 €'],
    ['essentielle', [9790], 228, 'Essentielle 97,90 €'],
    ['renforcee', [11469], 229, 'Renforcée 114,69 €'],
  ];
  const tariffs: ProductFileInput['tariffs'] = [];
  for (const [formula, cents, line, quote] of t2025) {
    cents.forEach((c, i) => tariffs.push({ version: '2025', formula, segment: segments[i]!, amountCents: c, period: 'month', source: src(S003, 'Délibération – cotisations en vigueur', [line, line], quote) }));
  }
  for (const [formula, cents, line, quote] of actifs2026) {
    cents.forEach((c, i) => tariffs.push({ version: '2026', formula, segment: segments[i]!, amountCents: c, period: 'month', source: src(S003, 'Annexe 1 – Tarification ACTIFS', [line, line], quote) }));
  }
  for (const [formula, cents, line, quote] of retraites2026) {
    tariffs.push({ version: '2026', formula, segment: 'retraite', amountCents: cents[0]!, period: 'month', source: src(S003, 'Annexe 1 – Tarification RETRAITÉS', [line, line], quote) });
  }
  const seg = (code: string, label: string) => ({ code, label, roles: ['principal' as const], status: null, ageMin: null, ageMax: null, source: src(S003, 'Annexe 1', [219, 219], label) });
  return product({
    formatVersion: 1,
    product: { id: 'interiale-cdg-sante', kind: 'sante', name: 'Intériale — Santé CDG (CCFS-749-CP)', insurer: 'interiale', distributor: null, source: src(S003, 'Annexe 1', [215, 215], 'Annexe 1 - Cotisations') },
    organisations: [{ id: 'interiale', name: 'Intériale', roles: ['insurer'], source: src(S003, 'Annexe 1', [215, 215], 'Annexe 1') }],
    documents: [
      { id: 'deliberation', file: S003, title: 'Délibération du CDG 41 du 27 novembre 2025', kind: 'deliberation', lines: [1, 122], date: '2025-11-27' },
      { id: 'annexe-1', file: S003, title: 'Annexe 1 de l’avenant n° 3 – Cotisations', kind: 'annexe', lines: [215, 229], date: null },
    ],
    formulas: [
      { code: 'securite', label: 'Sécurité', kind: 'formula' },
      { code: 'essentielle', label: 'Essentielle', kind: 'formula' },
      { code: 'renforcee', label: 'Renforcée', kind: 'formula' },
    ],
    segments: [seg('jeune-actif', 'Jeunes actifs jusqu’à 35 ans'), seg('actif', 'Actifs de plus de 35 ans'), seg('enfant', 'Enfants'), seg('retraite', 'Retraités')],
    versions: [
      { code: '2025', label: 'Cotisations 2025', effectiveFrom: null, effectiveTo: '2025-12-31', document: 'deliberation', source: src(S003, 'Délibération', [86, 86], 'Le montant des cotisations actuellement en vigueur') },
      { code: '2026', label: 'Cotisations 2026', effectiveFrom: '2026-01-01', effectiveTo: null, document: 'annexe-1', reference: 'avenant n°3', source: src(S003, 'Avenant', [200, 200], 'La date de prise d') },
    ],
    guarantees: [],
    tariffs,
    rules: [
      { type: 'free-children-from-rank', params: { rank: 3, order: 'oldest-first' }, text: 'Gratuité pour le 3ème enfant', source: src(S003, 'Délibération', [86, 86], 'Gratuité pour le 3<sup>ème</sup> enfant') },
    ],
  });
})();
