/**
 * The field tables of a product's entities (shape: fields.ts), in the order of the product file's
 * keys and of the template's columns. docs/DATA-FORMAT.md ("The Excel template") describes them for
 * people; the store schema (schema.ts) holds the columns named here.
 */
import { quantityKinds, type Quantities } from '../../shared/core/catalogue-schema';
import type { Entity, EnumValue, Field } from './fields';

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
export const periodValues: EnumValue[] = [
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

const source = (required: boolean): Field => ({
  key: 'source',
  column: 'source_id',
  ...(required ? {} : { empty: 'omit' as const }),
  header: 'source',
  kind: 'source',
  required,
  help: "identifiant d'une ligne de la feuille sources (obligatoire : chaque valeur a sa source)",
  width: 10,
});
const lines = (what: string): Field[] => [
  { key: 'lines.0', column: 'line_from', header: 'ligne début', kind: 'int', required: true, help: `première ligne ${what} (à partir de 1)`, width: 11 },
  { key: 'lines.1', column: 'line_to', header: 'ligne fin', kind: 'int', required: true, help: `dernière ligne ${what} (incluse)`, width: 11 },
];
const fileHelp = 'nom du fichier source (« sans source » : valeur saisie dans Grille sans document)';

export const productEntity: Entity = {
  sheet: 'produit',
  part: 'product',
  required: true,
  help: 'une ligne par produit',
  table: 'products',
  fields: [
    { key: 'id', column: 'id', header: 'produit', kind: 'code', required: true, help: 'identifiant du produit : lettres, chiffres, - ou _ (ex. interiale-cdg-sante)', width: 24 },
    { key: 'kind', column: 'kind', header: 'type', kind: 'enum', required: true, values: productKindValues, help: 'sante, assistance, mav, prevoyance ou reseau', width: 12 },
    { key: 'name', column: 'name', header: 'nom', kind: 'text', required: true, help: 'nom commercial du produit', width: 40 },
    { key: 'insurer', column: 'insurer_id', header: 'assureur', kind: 'code', required: true, help: "identifiant de l'assureur (feuille organisations)", width: 16 },
    { key: 'distributor', column: 'distributor_id', empty: 'null', header: 'distributeur', kind: 'code', required: false, help: 'identifiant du distributeur, vide si aucun', width: 16 },
    // the two lists live in side tables (product_subscribers, product_references): reader.ts, writer.ts
    { key: 'subscribers', column: null, empty: 'list', header: 'souscripteurs', kind: 'codes', required: false, help: 'identifiants des souscripteurs séparés par des virgules', width: 24 },
    { key: 'references', column: null, empty: 'list', header: 'références', kind: 'texts', required: false, help: 'références du contrat séparées par des points-virgules', width: 24 },
    { key: 'attachedTo', column: 'attached_to', empty: 'null', header: 'rattaché à', kind: 'code', required: false, help: 'produit auquel une assistance ou un réseau est rattaché, vide sinon', width: 20 },
    { key: 'description', column: 'description', empty: 'omit', header: 'description', kind: 'text', required: false, help: 'description libre', width: 40 },
    source(true),
  ],
};

export const organisationEntity: Entity = {
  sheet: 'organisations',
  part: 'organisations',
  required: true,
  help: "une ligne par organisation citée par un produit (assureur, distributeur, souscripteurs…) ; une même organisation garde le même identifiant et le même nom d'un produit à l'autre",
  table: 'organisations',
  fields: [
    { key: 'id', column: 'id', header: 'id', kind: 'code', required: true, help: "identifiant de l'organisation", width: 16 },
    { key: 'name', column: 'name', header: 'nom', kind: 'text', required: true, help: 'nom', width: 30 },
    { key: 'roles', column: 'roles', json: true, header: 'rôles', kind: 'enums', required: true, values: organisationRoleValues, help: 'assureur, distributeur, souscripteur, courtier, réseau, gestionnaire (séparés par des virgules)', width: 20 },
    { key: 'details', column: 'details', empty: 'omit', header: 'détails', kind: 'text', required: false, help: 'précisions', width: 30 },
    source(true),
  ],
};

export const documentEntity: Entity = {
  sheet: 'documents',
  part: 'documents',
  required: true,
  help: 'une ligne par document source (contrat, avenant, notice)',
  table: 'documents',
  fields: [
    { key: 'id', column: 'code', header: 'id', kind: 'code', required: true, help: 'identifiant du document (cité par les versions)', width: 16 },
    { key: 'file', column: 'file', fileName: true, header: 'fichier', kind: 'text', required: true, help: fileHelp, width: 28 },
    { key: 'title', column: 'title', header: 'titre', kind: 'text', required: true, help: 'titre', width: 30 },
    { key: 'kind', column: 'kind', header: 'nature', kind: 'text', required: true, help: 'contrat, avenant, notice…', width: 12 },
    ...lines('du document dans le fichier'),
    { key: 'date', column: 'date', empty: 'null', header: 'date', kind: 'date', required: false, help: 'date du document (AAAA-MM-JJ), vide si inconnue', width: 12 },
  ],
};

export const formulaEntity: Entity = {
  sheet: 'formules',
  part: 'formulas',
  required: true,
  help: 'une ligne par formule ou option',
  table: 'formulas',
  fields: [
    { key: 'code', column: 'code', header: 'code', kind: 'code', required: true, help: 'code de la formule (base pour un produit à un seul niveau)', width: 14 },
    { key: 'label', column: 'label', header: 'libellé', kind: 'text', required: true, help: 'libellé', width: 24 },
    { key: 'kind', column: 'kind', header: 'nature', kind: 'enum', required: true, values: formulaKindValues, help: 'formule ou option', width: 10 },
    { key: 'description', column: 'description', empty: 'omit', header: 'description', kind: 'text', required: false, help: 'description', width: 30 },
    source(false),
  ],
};

export const segmentEntity: Entity = {
  sheet: 'segments',
  part: 'segments',
  required: false,
  help: 'une ligne par population tarifaire',
  table: 'segments',
  fields: [
    { key: 'code', column: 'code', header: 'code', kind: 'code', required: true, help: 'code du segment', width: 14 },
    { key: 'label', column: 'label', header: 'libellé', kind: 'text', required: true, help: 'libellé', width: 24 },
    { key: 'roles', column: 'roles', json: true, header: 'rôles', kind: 'enums', required: true, values: memberRoleValues, help: 'principal, conjoint, enfant (séparés par des virgules)', width: 20 },
    { key: 'status', column: 'status', empty: 'null', header: 'statut', kind: 'enum', required: false, values: statusValues, help: 'actif, retraite, ou vide', width: 10 },
    { key: 'ageMin', column: 'age_min', empty: 'null', header: 'âge min', kind: 'int', required: false, help: 'âge minimal inclus, vide si aucun', width: 8 },
    { key: 'ageMax', column: 'age_max', empty: 'null', header: 'âge max', kind: 'int', required: false, help: 'âge maximal inclus, vide si aucun', width: 8 },
    source(true),
  ],
};

export const versionEntity: Entity = {
  sheet: 'versions',
  part: 'versions',
  required: true,
  help: 'une ligne par version datée (contrat initial, avenant, révision)',
  table: 'versions',
  fields: [
    { key: 'code', column: 'code', header: 'code', kind: 'code', required: true, help: 'code de la version (ex. 2026)', width: 12 },
    { key: 'label', column: 'label', header: 'libellé', kind: 'text', required: true, help: 'libellé', width: 30 },
    { key: 'effectiveFrom', column: 'effective_from', empty: 'null', header: "date d'effet", kind: 'date', required: false, help: "date d'effet (AAAA-MM-JJ), vide si le document n'en donne pas", width: 12 },
    { key: 'effectiveTo', column: 'effective_to', empty: 'null', header: 'date de fin', kind: 'date', required: false, help: 'dernier jour (AAAA-MM-JJ), vide si aucun', width: 12 },
    { key: 'document', column: 'document_code', header: 'document', kind: 'code', required: true, help: 'identifiant du document (feuille documents)', width: 16 },
    { key: 'reference', column: 'reference', empty: 'omit', header: 'référence', kind: 'text', required: false, help: 'ex. avenant n°3', width: 16 },
    // a revision is its mode here and its components (componentEntity) in their own table and sheet
    { key: 'revision.mode', column: 'revision_mode', empty: 'omit', header: 'révision', kind: 'enum', required: false, values: revisionModeValues, help: 'additive ou composée si la version est une révision (composantes : feuille révisions)', width: 10 },
    source(true),
  ],
};

export const componentEntity: Entity = {
  sheet: 'révisions',
  part: 'components',
  required: false,
  help: "une ligne par composante de la révision d'une version (dans l'ordre)",
  table: 'version_components',
  fields: [
    { key: '$version', column: null, header: 'version', kind: 'code', required: true, help: 'code de la version révisée', width: 12 },
    { key: 'label', column: 'label', header: 'libellé', kind: 'text', required: true, help: 'ex. PMSS', width: 20 },
    { key: 'rate', column: 'rate', header: 'taux', kind: 'decimal', required: true, help: 'taux en %, ex. 1.9', width: 8 },
  ],
};

export const categoryEntity: Entity = {
  sheet: 'catégories',
  part: 'categories',
  required: false,
  help: 'une ligne par catégorie de garantie propre au produit (absente de la feuille taxonomie)',
  table: 'categories',
  fields: [
    { key: 'key', column: 'key', header: 'clé', kind: 'code', required: true, help: 'clé en mots séparés par des points (ex. sante.hospitalisation.chambre)', width: 36 },
    { key: 'label', column: 'label', header: 'libellé', kind: 'text', required: true, help: 'libellé', width: 30 },
  ],
};

export const guaranteeEntity: Entity = {
  sheet: 'garanties',
  part: 'guarantees',
  required: false,
  help: "une ligne par garantie (catégorie × formules × versions) ; les quantités vont dans leurs colonnes, vides si le document n'en donne pas",
  table: 'guarantees',
  fields: [
    { key: 'category', column: 'category_key', header: 'catégorie', kind: 'code', required: true, help: 'clé de la catégorie (taxonomie ou feuille catégories)', width: 36 },
    { key: 'label', column: 'label', header: 'libellé', kind: 'text', required: true, help: 'intitulé du document', width: 30 },
    { key: 'formulas', column: 'formula_codes', json: true, header: 'formules', kind: 'codes', required: true, help: 'codes des formules séparés par des virgules, ou * pour toutes', width: 14 },
    { key: 'versions', column: 'version_codes', json: true, header: 'versions', kind: 'codes', required: true, help: 'codes des versions séparés par des virgules, ou * pour toutes', width: 12 },
    { key: 'status', column: 'status', header: 'statut', kind: 'enum', required: true, values: guaranteeStatusValues, help: 'couvert, non couvert ou non précisé', width: 12 },
    // the quantities live in a side table (guarantee_quantities), in the order they were given
    ...quantityKinds.map(
      (k): Field => ({ key: `quantities.${k}`, column: null, empty: 'omit', header: quantityColumns[k].header, kind: quantityColumns[k].kind, required: false, help: quantityColumns[k].help, width: 9 }),
    ),
    { key: 'derived', column: 'derived', json: true, quantityNames: true, empty: 'omit', header: 'dérivées', kind: 'codes', required: false, help: 'en-têtes des quantités calculées à partir du texte (ex. période (jours)), séparés par des virgules', width: 14 },
    { key: 'text', column: 'text', header: 'texte', kind: 'text', required: true, help: 'texte court affiché (ex. 15 h sur 2 semaines)', width: 30 },
    { key: 'trigger', column: 'trigger', empty: 'omit', header: 'déclencheur', kind: 'text', required: false, help: 'fait générateur', width: 20 },
    { key: 'beneficiary', column: 'beneficiary', empty: 'omit', header: 'bénéficiaire', kind: 'text', required: false, help: 'bénéficiaire', width: 20 },
    { key: 'conditions', column: 'conditions', empty: 'omit', header: 'conditions', kind: 'text', required: false, help: 'conditions', width: 30 },
    source(true),
  ],
};

export const tariffEntity: Entity = {
  sheet: 'tarifs',
  part: 'tariffs',
  required: false,
  help: 'une ligne par cellule de tarif',
  table: 'tariff_cells',
  fields: [
    { key: 'version', column: 'version_id', ref: true, header: 'version', kind: 'code', required: true, help: 'code de la version', width: 12 },
    { key: 'formula', column: 'formula_id', ref: true, header: 'formule', kind: 'code', required: true, help: 'code de la formule', width: 14 },
    { key: 'option', column: 'option_code', empty: 'blank', header: 'option', kind: 'code', required: false, help: "code de l'option, vide si aucune", width: 10 },
    { key: 'segment', column: 'segment_id', ref: true, header: 'segment', kind: 'code', required: true, help: 'code du segment', width: 14 },
    { key: 'zone', column: 'zone', empty: 'blank', header: 'zone', kind: 'code', required: false, help: 'zone, vide si aucune', width: 8 },
    { key: 'amountCents', column: 'amount_cents', header: 'montant (€)', kind: 'euros', required: true, help: 'cotisation en euros, deux décimales au plus (ex. 25,14)', width: 12 },
    { key: 'period', column: 'period', header: 'période', kind: 'enum', required: true, values: periodValues, help: 'mois ou an', width: 8 },
    source(true),
  ],
};

export const ruleEntity: Entity = {
  sheet: 'règles',
  part: 'rules',
  required: false,
  help: 'une ligne par règle de tarification ou d’adhésion (types : docs/DATA-FORMAT.md)',
  table: 'rules',
  fields: [
    { key: 'type', column: 'type', header: 'type', kind: 'code', required: true, help: 'type de règle (ex. age-limit)', width: 20 },
    { key: 'versions', column: 'version_codes', json: true, header: 'versions', kind: 'codes', required: true, help: 'codes des versions, * pour toutes, (aucune) pour aucune', width: 12 },
    { key: 'formulas', column: 'formula_codes', json: true, header: 'formules', kind: 'codes', required: true, help: 'codes des formules, * pour toutes, (aucune) pour aucune', width: 14 },
    { key: 'params', column: 'params', json: true, header: 'paramètres (JSON)', kind: 'json', required: true, help: 'paramètres de la règle, objet JSON (ex. {"rank": 3})', width: 40 },
    { key: 'text', column: 'text', header: 'texte', kind: 'text', required: true, help: 'la règle en français', width: 40 },
    source(true),
  ],
};

/** A source: a row of its own table, cited by id from the other sheets. */
export const sourceEntity: Entity = {
  sheet: 'sources',
  part: null,
  required: true,
  help: 'une ligne par source citée (fichier, section, lignes, citation mot pour mot) ; les autres feuilles la citent par son id',
  table: 'sources',
  fields: [
    { key: '$id', column: null, header: 'id', kind: 'code', required: true, help: 'identifiant de la source (ex. S12)', width: 8 },
    { key: 'file', column: 'file', fileName: true, header: 'fichier', kind: 'text', required: true, help: fileHelp, width: 28 },
    { key: 'section', column: 'section', header: 'section', kind: 'text', required: true, help: 'article ou section', width: 30 },
    ...lines('de la citation'),
    { key: 'quote', column: 'quote', header: 'citation', kind: 'text', required: true, help: 'extrait mot pour mot (600 caractères au plus)', width: 60 },
  ],
};

export const taxonomyEntity: Entity = {
  sheet: 'taxonomie',
  part: null,
  required: false,
  help: 'catégories partagées que les garanties utilisent (clé, libellé, ordre)',
  table: 'categories',
  fields: [
    { key: 'key', column: 'key', header: 'clé', kind: 'code', required: true, help: 'clé de la catégorie', width: 36 },
    { key: 'label', column: 'label', header: 'libellé', kind: 'text', required: true, help: 'libellé', width: 30 },
    { key: 'order', column: 'sort', empty: 'omit', header: 'ordre', kind: 'int', required: false, help: "rang d'affichage", width: 8 },
  ],
};

/** Every entity, in the order of the template's sheets. */
export const ENTITIES: readonly Entity[] = [
  productEntity,
  organisationEntity,
  documentEntity,
  formulaEntity,
  segmentEntity,
  versionEntity,
  componentEntity,
  categoryEntity,
  guaranteeEntity,
  tariffEntity,
  ruleEntity,
  sourceEntity,
  taxonomyEntity,
];
