/**
 * The shape of a field table: one table per entity of a product (fields-catalogue.ts), each field with
 * the property of the product file it holds, the store column it lives in, its sheet column in the
 * Excel template (French header, cell kind, help) and what an absent value is. The store's reader and
 * writer and the template's import and export are all driven by these tables: a field is one line.
 */

/** How a sheet cell is read (transfer/cells.ts) and written (transfer/xlsx-export.ts). */
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

/**
 * What an absent value is in the product file (an empty cell, a NULL column): the key left out
 * (`omit`), `null`, an empty code (`blank`, stored '') or an empty list (`list`). Unset: the field is
 * always there.
 */
export type Empty = 'omit' | 'null' | 'blank' | 'list';

export interface Field {
  /**
   * The entry's property in the product file; dotted for a part of one (`lines.0`, `quantities.hours`,
   * `revision.mode`). A key starting with `$` is a sheet column only (the product a row belongs to…).
   */
  key: string;
  /** The column of the entity's table; null when the store keeps the value elsewhere (a side table). */
  column: string | null;
  /** stored as JSON text */
  json?: true;
  /** the id of the product's row with this code (a tariff cell's version, formula, segment) */
  ref?: true;
  /** a source file name: the sheet writes « sans source » for a value keyed in without a document */
  fileName?: true;
  /** a list of quantity names, written in the sheet as their column headers */
  quantityNames?: true;
  empty?: Empty;
  /** the sheet column */
  header: string;
  kind: ColumnKind;
  /** a sheet cell is required */
  required: boolean;
  values?: readonly EnumValue[];
  help: string;
  width: number;
}

/** The ProductFile part an entity's rows become (null: sources, taxonomy). */
export type Part = 'product' | 'organisations' | 'documents' | 'formulas' | 'segments' | 'versions' | 'components' | 'categories' | 'guarantees' | 'tariffs' | 'rules';

export interface Entity {
  /** the sheet of the Excel template */
  sheet: string;
  part: Part | null;
  /** the sheet must be in an imported workbook */
  required: boolean;
  help: string;
  /** the store table */
  table: string;
  fields: readonly Field[];
}

/** The sheet column naming the product a row belongs to (every part but the product itself). */
export const productField: Field = { key: '$product', column: null, header: 'produit', kind: 'code', required: true, help: 'identifiant du produit (feuille produit)', width: 24 };

/** The entry's value for a field (dotted keys read inside the entry). */
export function fieldValue(entry: Readonly<Record<string, unknown>>, key: string): unknown {
  const dot = key.indexOf('.');
  if (dot < 0) return entry[key];
  const head = entry[key.slice(0, dot)] as Record<string, unknown> | undefined;
  return head?.[key.slice(dot + 1)];
}
