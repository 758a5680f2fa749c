/**
 * The Excel template: its sheets and columns, shared by the writer and the reader (so what is written
 * is what is read), and the French notice sheet generated from the same definitions.
 * docs/DATA-FORMAT.md ("The Excel template") describes it for people.
 */
import { quantityKinds, type Quantities } from '../../shared/core/catalogue-schema';

export type ColumnKind =
  /** a code or identifier: text (spaces around removed) or a whole number typed in the cell */
  | 'code'
  /** free text, kept exactly */
  | 'text'
  /** a whole number */
  | 'int'
  /** a number */
  | 'number'
  /** an amount in euros with at most two decimals, stored as integer cents */
  | 'euros'
  /** a date: AAAA-MM-JJ or JJ/MM/AAAA text, or an Excel date */
  | 'date'
  /** one value of a closed list */
  | 'enum'
  /** several values of a closed list, separated by commas */
  | 'enums'
  /** several codes separated by commas; "*" for all, "(aucune)" for an empty list */
  | 'codes'
  /** several texts separated by semicolons */
  | 'texts'
  /** a decimal written as text, e.g. 1.9 */
  | 'decimal'
  /** a JSON object */
  | 'json'
  /** the id of a row of the sources sheet */
  | 'source';

export interface EnumValue {
  /** the value in the product file */
  value: string;
  /** what the template writes */
  label: string;
  /** other accepted spellings (compared without case or accents) */
  also?: string[];
}

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  required: boolean;
  /** the field of the product file entry (dotted for nested fields, e.g. lines.0) */
  field: string;
  values?: readonly EnumValue[];
  help: string;
  width: number;
}

export interface SheetLayout {
  name: string;
  /** the ProductFile part the rows become (null: sources, taxonomy) */
  part: 'product' | 'organisations' | 'documents' | 'formulas' | 'segments' | 'versions' | 'components' | 'categories' | 'guarantees' | 'tariffs' | 'rules' | null;
  required: boolean;
  help: string;
  columns: readonly ColumnSpec[];
}

export const NOTICE_SHEET = 'notice';
export const NONE = '(aucune)';
export const ALL = '*';

const productColumn: ColumnSpec = { header: 'produit', kind: 'code', required: true, field: '$product', help: 'identifiant du produit (feuille produit)', width: 24 };
const sourceColumn = (required: boolean): ColumnSpec => ({
  header: 'source',
  kind: 'source',
  required,
  field: 'source',
  help: "identifiant d'une ligne de la feuille sources (obligatoire : chaque valeur a sa source)",
  width: 10,
});
const linesColumns = (what: string): ColumnSpec[] => [
  { header: 'ligne début', kind: 'int', required: true, field: 'lines.0', help: `première ligne ${what} (à partir de 1)`, width: 11 },
  { header: 'ligne fin', kind: 'int', required: true, field: 'lines.1', help: `dernière ligne ${what} (incluse)`, width: 11 },
];

export const productKindValues: EnumValue[] = [
  { value: 'sante', label: 'sante', also: ['santé'] },
  { value: 'assistance', label: 'assistance' },
  { value: 'mav', label: 'mav', also: ['accidents de la vie'] },
  { value: 'prevoyance', label: 'prevoyance', also: ['prévoyance'] },
  { value: 'reseau', label: 'reseau', also: ['réseau'] },
];
const organisationRoleValues: EnumValue[] = [
  { value: 'insurer', label: 'assureur' },
  { value: 'distributor', label: 'distributeur' },
  { value: 'subscriber', label: 'souscripteur' },
  { value: 'broker', label: 'courtier' },
  { value: 'network', label: 'réseau' },
  { value: 'manager', label: 'gestionnaire' },
];
const formulaKindValues: EnumValue[] = [
  { value: 'formula', label: 'formule' },
  { value: 'option', label: 'option' },
];
const memberRoleValues: EnumValue[] = [
  { value: 'principal', label: 'principal' },
  { value: 'conjoint', label: 'conjoint' },
  { value: 'enfant', label: 'enfant' },
];
const statusValues: EnumValue[] = [
  { value: 'actif', label: 'actif' },
  { value: 'retraite', label: 'retraite', also: ['retraité'] },
];
const revisionModeValues: EnumValue[] = [
  { value: 'additive', label: 'additive' },
  { value: 'compound', label: 'composée', also: ['composee'] },
];
const guaranteeStatusValues: EnumValue[] = [
  { value: 'covered', label: 'couvert' },
  { value: 'not_covered', label: 'non couvert', also: ['not covered'] },
  { value: 'unspecified', label: 'non précisé' },
];
const periodValues: EnumValue[] = [
  { value: 'month', label: 'mois', also: ['mensuel', 'par mois'] },
  { value: 'year', label: 'an', also: ['annuel', 'par an', 'année'] },
];

/** Guarantee quantities: column header, kind, and what the column holds. */
export const quantityColumns: Record<keyof Quantities, { header: string; kind: 'number' | 'euros'; help: string }> = {
  hours: { header: 'heures', kind: 'number', help: "nombre d'heures" },
  days: { header: 'jours', kind: 'number', help: 'nombre de jours' },
  minHoursPerVisit: { header: 'heures min. par visite', kind: 'number', help: "minimum d'heures par intervention" },
  amountCents: { header: 'montant (€)', kind: 'euros', help: 'montant en euros (plafond, capital…)' },
  perNightCents: { header: 'par nuit (€)', kind: 'euros', help: 'montant par nuit en euros' },
  perDayCents: { header: 'par jour (€)', kind: 'euros', help: 'montant par jour en euros' },
  nights: { header: 'nuits', kind: 'number', help: 'nombre de nuits (entier)' },
  sessions: { header: 'séances', kind: 'number', help: 'nombre de séances (entier)' },
  count: { header: 'nombre', kind: 'number', help: 'nombre (entier)' },
  percentBR: { header: '% BR', kind: 'number', help: 'pourcentage de la base de remboursement' },
  percentDiscount: { header: '% remise', kind: 'number', help: 'remise en % du prix' },
  km: { header: 'km', kind: 'number', help: 'kilomètres' },
  periodDays: { header: 'période (jours)', kind: 'number', help: 'période en jours (entier)' },
  periodMonths: { header: 'période (mois)', kind: 'number', help: 'période en mois (entier)' },
  ageMax: { header: 'âge max', kind: 'number', help: 'âge maximal (entier)' },
};

export const SHEETS: readonly SheetLayout[] = [
  {
    name: 'produit',
    part: 'product',
    required: true,
    help: 'une ligne par produit',
    columns: [
      { header: 'produit', kind: 'code', required: true, field: 'id', help: 'identifiant du produit : lettres, chiffres, - ou _ (ex. interiale-cdg-sante)', width: 24 },
      { header: 'type', kind: 'enum', required: true, field: 'kind', values: productKindValues, help: 'sante, assistance, mav, prevoyance ou reseau', width: 12 },
      { header: 'nom', kind: 'text', required: true, field: 'name', help: 'nom commercial du produit', width: 40 },
      { header: 'assureur', kind: 'code', required: true, field: 'insurer', help: "identifiant de l'assureur (feuille organisations)", width: 16 },
      { header: 'distributeur', kind: 'code', required: false, field: 'distributor', help: 'identifiant du distributeur, vide si aucun', width: 16 },
      { header: 'souscripteurs', kind: 'codes', required: false, field: 'subscribers', help: 'identifiants des souscripteurs séparés par des virgules', width: 24 },
      { header: 'références', kind: 'texts', required: false, field: 'references', help: 'références du contrat séparées par des points-virgules', width: 24 },
      { header: 'rattaché à', kind: 'code', required: false, field: 'attachedTo', help: 'produit auquel une assistance ou un réseau est rattaché, vide sinon', width: 20 },
      { header: 'description', kind: 'text', required: false, field: 'description', help: 'description libre', width: 40 },
      sourceColumn(true),
    ],
  },
  {
    name: 'organisations',
    part: 'organisations',
    required: true,
    help: "une ligne par organisation citée par un produit (assureur, distributeur, souscripteurs…) ; une même organisation garde le même identifiant et le même nom d'un produit à l'autre",
    columns: [
      productColumn,
      { header: 'id', kind: 'code', required: true, field: 'id', help: "identifiant de l'organisation", width: 16 },
      { header: 'nom', kind: 'text', required: true, field: 'name', help: 'nom', width: 30 },
      { header: 'rôles', kind: 'enums', required: true, field: 'roles', values: organisationRoleValues, help: 'assureur, distributeur, souscripteur, courtier, réseau, gestionnaire (séparés par des virgules)', width: 20 },
      { header: 'détails', kind: 'text', required: false, field: 'details', help: 'précisions', width: 30 },
      sourceColumn(true),
    ],
  },
  {
    name: 'documents',
    part: 'documents',
    required: true,
    help: 'une ligne par document source (contrat, avenant, notice)',
    columns: [
      productColumn,
      { header: 'id', kind: 'code', required: true, field: 'id', help: 'identifiant du document (cité par les versions)', width: 16 },
      { header: 'fichier', kind: 'text', required: true, field: 'file', help: 'nom du fichier source (« sans source » : valeur saisie dans Grille sans document)', width: 28 },
      { header: 'titre', kind: 'text', required: true, field: 'title', help: 'titre', width: 30 },
      { header: 'nature', kind: 'text', required: true, field: 'kind', help: 'contrat, avenant, notice…', width: 12 },
      ...linesColumns('du document dans le fichier'),
      { header: 'date', kind: 'date', required: false, field: 'date', help: 'date du document (AAAA-MM-JJ), vide si inconnue', width: 12 },
    ],
  },
  {
    name: 'formules',
    part: 'formulas',
    required: true,
    help: 'une ligne par formule ou option',
    columns: [
      productColumn,
      { header: 'code', kind: 'code', required: true, field: 'code', help: 'code de la formule (base pour un produit à un seul niveau)', width: 14 },
      { header: 'libellé', kind: 'text', required: true, field: 'label', help: 'libellé', width: 24 },
      { header: 'nature', kind: 'enum', required: true, field: 'kind', values: formulaKindValues, help: 'formule ou option', width: 10 },
      { header: 'description', kind: 'text', required: false, field: 'description', help: 'description', width: 30 },
      sourceColumn(false),
    ],
  },
  {
    name: 'segments',
    part: 'segments',
    required: false,
    help: 'une ligne par population tarifaire',
    columns: [
      productColumn,
      { header: 'code', kind: 'code', required: true, field: 'code', help: 'code du segment', width: 14 },
      { header: 'libellé', kind: 'text', required: true, field: 'label', help: 'libellé', width: 24 },
      { header: 'rôles', kind: 'enums', required: true, field: 'roles', values: memberRoleValues, help: 'principal, conjoint, enfant (séparés par des virgules)', width: 20 },
      { header: 'statut', kind: 'enum', required: false, field: 'status', values: statusValues, help: 'actif, retraite, ou vide', width: 10 },
      { header: 'âge min', kind: 'int', required: false, field: 'ageMin', help: 'âge minimal inclus, vide si aucun', width: 8 },
      { header: 'âge max', kind: 'int', required: false, field: 'ageMax', help: 'âge maximal inclus, vide si aucun', width: 8 },
      sourceColumn(true),
    ],
  },
  {
    name: 'versions',
    part: 'versions',
    required: true,
    help: 'une ligne par version datée (contrat initial, avenant, révision)',
    columns: [
      productColumn,
      { header: 'code', kind: 'code', required: true, field: 'code', help: 'code de la version (ex. 2026)', width: 12 },
      { header: 'libellé', kind: 'text', required: true, field: 'label', help: 'libellé', width: 30 },
      { header: "date d'effet", kind: 'date', required: false, field: 'effectiveFrom', help: "date d'effet (AAAA-MM-JJ), vide si le document n'en donne pas", width: 12 },
      { header: 'date de fin', kind: 'date', required: false, field: 'effectiveTo', help: 'dernier jour (AAAA-MM-JJ), vide si aucun', width: 12 },
      { header: 'document', kind: 'code', required: true, field: 'document', help: 'identifiant du document (feuille documents)', width: 16 },
      { header: 'référence', kind: 'text', required: false, field: 'reference', help: 'ex. avenant n°3', width: 16 },
      { header: 'révision', kind: 'enum', required: false, field: 'revision.mode', values: revisionModeValues, help: 'additive ou composée si la version est une révision (composantes : feuille révisions)', width: 10 },
      sourceColumn(true),
    ],
  },
  {
    name: 'révisions',
    part: 'components',
    required: false,
    help: "une ligne par composante de la révision d'une version (dans l'ordre)",
    columns: [
      productColumn,
      { header: 'version', kind: 'code', required: true, field: '$version', help: 'code de la version révisée', width: 12 },
      { header: 'libellé', kind: 'text', required: true, field: 'label', help: 'ex. PMSS', width: 20 },
      { header: 'taux', kind: 'decimal', required: true, field: 'rate', help: 'taux en %, ex. 1.9', width: 8 },
    ],
  },
  {
    name: 'catégories',
    part: 'categories',
    required: false,
    help: 'une ligne par catégorie de garantie propre au produit (absente de la feuille taxonomie)',
    columns: [
      productColumn,
      { header: 'clé', kind: 'code', required: true, field: 'key', help: 'clé en mots séparés par des points (ex. sante.hospitalisation.chambre)', width: 36 },
      { header: 'libellé', kind: 'text', required: true, field: 'label', help: 'libellé', width: 30 },
    ],
  },
  {
    name: 'garanties',
    part: 'guarantees',
    required: false,
    help: "une ligne par garantie (catégorie × formules × versions) ; les quantités vont dans leurs colonnes, vides si le document n'en donne pas",
    columns: [
      productColumn,
      { header: 'catégorie', kind: 'code', required: true, field: 'category', help: 'clé de la catégorie (taxonomie ou feuille catégories)', width: 36 },
      { header: 'libellé', kind: 'text', required: true, field: 'label', help: 'intitulé du document', width: 30 },
      { header: 'formules', kind: 'codes', required: true, field: 'formulas', help: 'codes des formules séparés par des virgules, ou * pour toutes', width: 14 },
      { header: 'versions', kind: 'codes', required: true, field: 'versions', help: 'codes des versions séparés par des virgules, ou * pour toutes', width: 12 },
      { header: 'statut', kind: 'enum', required: true, field: 'status', values: guaranteeStatusValues, help: 'couvert, non couvert ou non précisé', width: 12 },
      ...quantityKinds.map(
        (k): ColumnSpec => ({ header: quantityColumns[k].header, kind: quantityColumns[k].kind, required: false, field: `quantities.${k}`, help: quantityColumns[k].help, width: 9 }),
      ),
      { header: 'dérivées', kind: 'codes', required: false, field: 'derived', help: 'en-têtes des quantités calculées à partir du texte (ex. période (jours)), séparés par des virgules', width: 14 },
      { header: 'texte', kind: 'text', required: true, field: 'text', help: 'texte court affiché (ex. 15 h sur 2 semaines)', width: 30 },
      { header: 'déclencheur', kind: 'text', required: false, field: 'trigger', help: 'fait générateur', width: 20 },
      { header: 'bénéficiaire', kind: 'text', required: false, field: 'beneficiary', help: 'bénéficiaire', width: 20 },
      { header: 'conditions', kind: 'text', required: false, field: 'conditions', help: 'conditions', width: 30 },
      sourceColumn(true),
    ],
  },
  {
    name: 'tarifs',
    part: 'tariffs',
    required: false,
    help: 'une ligne par cellule de tarif',
    columns: [
      productColumn,
      { header: 'version', kind: 'code', required: true, field: 'version', help: 'code de la version', width: 12 },
      { header: 'formule', kind: 'code', required: true, field: 'formula', help: 'code de la formule', width: 14 },
      { header: 'option', kind: 'code', required: false, field: 'option', help: "code de l'option, vide si aucune", width: 10 },
      { header: 'segment', kind: 'code', required: true, field: 'segment', help: 'code du segment', width: 14 },
      { header: 'zone', kind: 'code', required: false, field: 'zone', help: 'zone, vide si aucune', width: 8 },
      { header: 'montant (€)', kind: 'euros', required: true, field: 'amountCents', help: 'cotisation en euros, deux décimales au plus (ex. 25,14)', width: 12 },
      { header: 'période', kind: 'enum', required: true, field: 'period', values: periodValues, help: 'mois ou an', width: 8 },
      sourceColumn(true),
    ],
  },
  {
    name: 'règles',
    part: 'rules',
    required: false,
    help: 'une ligne par règle de tarification ou d’adhésion (types : docs/DATA-FORMAT.md)',
    columns: [
      productColumn,
      { header: 'type', kind: 'code', required: true, field: 'type', help: 'type de règle (ex. age-limit)', width: 20 },
      { header: 'versions', kind: 'codes', required: true, field: 'versions', help: 'codes des versions, * pour toutes, (aucune) pour aucune', width: 12 },
      { header: 'formules', kind: 'codes', required: true, field: 'formulas', help: 'codes des formules, * pour toutes, (aucune) pour aucune', width: 14 },
      { header: 'paramètres (JSON)', kind: 'json', required: true, field: 'params', help: 'paramètres de la règle, objet JSON (ex. {"rank": 3})', width: 40 },
      { header: 'texte', kind: 'text', required: true, field: 'text', help: 'la règle en français', width: 40 },
      sourceColumn(true),
    ],
  },
  {
    name: 'sources',
    part: null,
    required: true,
    help: "une ligne par source citée (fichier, section, lignes, citation mot pour mot) ; les autres feuilles la citent par son id",
    columns: [
      { header: 'id', kind: 'code', required: true, field: 'id', help: 'identifiant de la source (ex. S12)', width: 8 },
      { header: 'fichier', kind: 'text', required: true, field: 'file', help: 'nom du fichier source (« sans source » : valeur saisie dans Grille sans document)', width: 28 },
      { header: 'section', kind: 'text', required: true, field: 'section', help: 'article ou section', width: 30 },
      ...linesColumns('de la citation'),
      { header: 'citation', kind: 'text', required: true, field: 'quote', help: 'extrait mot pour mot (600 caractères au plus)', width: 60 },
    ],
  },
  {
    name: 'taxonomie',
    part: null,
    required: false,
    help: 'catégories partagées que les garanties utilisent (clé, libellé, ordre)',
    columns: [
      { header: 'clé', kind: 'code', required: true, field: 'key', help: 'clé de la catégorie', width: 36 },
      { header: 'libellé', kind: 'text', required: true, field: 'label', help: 'libellé', width: 30 },
      { header: 'ordre', kind: 'int', required: false, field: 'order', help: "rang d'affichage", width: 8 },
    ],
  },
];

/** Lower case, no accents, single spaces: how sheet names, headers and list values are compared. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

export function sheetByName(name: string): SheetLayout | undefined {
  const f = fold(name);
  return SHEETS.find((s) => fold(s.name) === f);
}

export function enumLabel(values: readonly EnumValue[], value: string): string {
  return values.find((v) => v.value === value)?.label ?? value;
}

const enumIndexes = new WeakMap<readonly EnumValue[], Map<string, string>>();

/** The value a cell's text stands for (code, label or other spelling, without case or accents). */
export function enumValue(values: readonly EnumValue[], text: string): string | undefined {
  let index = enumIndexes.get(values);
  if (!index) {
    index = new Map();
    for (const v of values) for (const spelling of [v.value, v.label, ...(v.also ?? [])]) index.set(fold(spelling), v.value);
    enumIndexes.set(values, index);
  }
  // the exact spelling first: a million cells saying "mois" are not folded a million times
  return index.get(text) ?? index.get(fold(text));
}

/** Column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The rows of the notice sheet: what each sheet and column holds. */
export function noticeRows(): string[][] {
  const rows: string[][] = [
    ['Modèle de catalogue Grille'],
    ["Chaque feuille contient une ligne par élément ; la première ligne porte les en-têtes (ne les modifiez pas). Les colonnes peuvent être déplacées. Les feuilles « segments », « révisions », « catégories », « garanties », « tarifs », « règles » et « taxonomie » peuvent rester vides."],
    ["Un produit déjà au catalogue n'est accepté que s'il ajoute des versions datées sans rien changer d'autre ; sinon le fichier est refusé. Rien n'est écrit tant qu'une erreur subsiste : toutes les erreurs sont listées avec leur feuille, leur ligne et leur colonne."],
    ['Les formules ne sont jamais recalculées : seule la valeur enregistrée par le tableur est lue. Les montants sont en euros (deux décimales au plus).'],
    [],
    ['feuille', 'colonne', 'obligatoire', 'contenu'],
  ];
  for (const sheet of SHEETS) {
    rows.push([sheet.name, '', sheet.required ? 'feuille obligatoire' : 'feuille facultative', sheet.help]);
    for (const c of sheet.columns) rows.push(['', c.header, c.required ? 'oui' : 'non', c.help]);
  }
  return rows;
}
