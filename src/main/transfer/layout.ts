/**
 * The Excel template: its sheets and columns, shared by the writer and the reader (so what is written
 * is what is read), and the French notice sheet generated from the same definitions. The columns are
 * the entities' field tables (store/fields-catalogue.ts); docs/DATA-FORMAT.md ("The Excel template")
 * describes them for people.
 */
import { ENTITIES } from '../store/fields-catalogue';
import { productField, type Entity, type EnumValue, type Field, type Part } from '../store/fields';

export type { ColumnKind, EnumValue } from '../store/fields';
export { productKindValues, quantityColumns } from '../store/fields-catalogue';

/** A sheet column: a field of the entity's table (or the product a row belongs to). */
export type ColumnSpec = Field;

export interface SheetLayout {
  name: string;
  /** the ProductFile part the rows become (null: sources, taxonomy) */
  part: Part | null;
  required: boolean;
  help: string;
  entity: Entity;
  columns: readonly ColumnSpec[];
}

export const NOTICE_SHEET = 'notice';
export const NONE = '(aucune)';
export const ALL = '*';

/** One sheet per entity; a part of a product starts with the product column. */
export const SHEETS: readonly SheetLayout[] = ENTITIES.map((entity) => ({
  name: entity.sheet,
  part: entity.part,
  required: entity.required,
  help: entity.help,
  entity,
  columns: entity.part !== null && entity.part !== 'product' ? [productField, ...entity.fields] : entity.fields,
}));

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
