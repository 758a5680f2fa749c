/**
 * Template rows from the field tables (store/fields.ts): an entry → the cells of its sheet row (the
 * export), the cells read → the entry (the import). What a kind means in a cell is here once; the
 * streaming reader and writer around it know nothing of the fields.
 */
import type { Source } from '../../shared/core/catalogue-schema';
import { sourceFileFromText, sourceFileText } from '../../shared/core/source-label';
import type { CellValue } from '../export/workbook-writer';
import { fieldValue, type Field } from '../store/fields';
import { quantityColumns } from '../store/fields-catalogue';
import type { CellValue as ReadValue } from './cells';
import { NONE, enumLabel, fold } from './layout';

type Entry = Record<string, unknown>;

/** How the export writes a text so that it reads back the same, or refuses it (xlsx-export.ts). */
export interface ExactText {
  text(s: string | undefined | null): CellValue;
  /** a list whose items must not hold the separator */
  list(items: string[], separator: string): CellValue;
  /** a list of codes: "(aucune)" when empty */
  codes(items: string[]): CellValue;
}

export interface CellContext {
  t: ExactText;
  /** the id of the source's row in the sources sheet */
  source(s: Source | undefined): CellValue;
  /** the sheet-only columns: $product, $version, $id */
  context: Readonly<Record<string, CellValue>>;
}

type Cell = (entry: Entry, ctx: CellContext) => CellValue;

const quantityHeader = (d: string) => quantityColumns[d as keyof typeof quantityColumns]?.header ?? d;

function listCell(f: Field, get: (e: Entry) => unknown): Cell {
  if (f.quantityNames) {
    return (e) => {
      const v = get(e) as string[] | undefined;
      return v === undefined ? null : v.length === 0 ? NONE : v.map(quantityHeader).join(', ');
    };
  }
  if (f.kind === 'texts') return (e, ctx) => ctx.t.list(get(e) as string[], '; ');
  // an optional list is an empty cell when empty; a required one says "(aucune)"
  if (f.empty === 'list') return (e, ctx) => ctx.t.list(get(e) as string[], ', ');
  return (e, ctx) => ctx.t.codes(get(e) as string[]);
}

function cell(f: Field): Cell {
  const key = f.key;
  if (key.startsWith('$')) return (_e, ctx) => ctx.context[key] ?? null;
  const get = key.includes('.') ? (e: Entry) => fieldValue(e, key) : (e: Entry) => e[key];
  const values = f.values ?? [];
  switch (f.kind) {
    case 'source':
      return (e, ctx) => ctx.source(get(e) as Source | undefined);
    case 'text':
      if (f.fileName) return (e, ctx) => ctx.t.text(sourceFileText(get(e) as string));
      return (e, ctx) => ctx.t.text(get(e) as string | undefined);
    case 'enum':
      return (e) => {
        const v = get(e) as string | null | undefined;
        return v === null || v === undefined ? null : enumLabel(values, v);
      };
    case 'enums':
      return (e) => (get(e) as string[]).map((v) => enumLabel(values, v)).join(', ');
    case 'codes':
    case 'texts':
      return listCell(f, get);
    case 'euros':
      return (e) => {
        const v = get(e) as number | undefined;
        return v === undefined || v === null ? null : v / 100;
      };
    case 'json':
      return (e) => JSON.stringify(get(e));
    default:
      // code, int, number, date, decimal: the value itself; an empty code ('') is an empty cell
      if (f.empty === 'blank') return (e) => ((get(e) as string) === '' ? null : (get(e) as CellValue));
      return (e) => (get(e) as CellValue | undefined) ?? null;
  }
}

/** The sheet row of an entry: one cell per column, in the columns' order (evaluated left to right). */
export function cellWriter(columns: readonly Field[]): (entry: object, ctx: CellContext) => CellValue[] {
  const cells = columns.map(cell);
  return (entry, ctx) => {
    const out = new Array<CellValue>(cells.length);
    for (let i = 0; i < cells.length; i++) out[i] = cells[i]!(entry as Entry, ctx);
    return out;
  };
}

/** The import's side of one row: the values read by field key, the row's source, and where to say a problem. */
export interface EntryContext {
  source: Source | undefined;
  /** a value of the cell that is not one the field accepts: said at the cell, its path marked as reported */
  problem(field: Field, message: string): void;
}

/** A value the import builds from several cells, or not at all (undefined leaves the key out). */
export type EntryHook = (v: Readonly<Record<string, ReadValue | undefined>>) => unknown;

const quantityByHeader = new Map(Object.entries(quantityColumns).map(([k, q]) => [fold(q.header), k]));

function quantityNames(f: Field, names: string[], ctx: EntryContext): string[] {
  const out: string[] = [];
  for (const d of names) {
    const key = quantityByHeader.get(fold(d)) ?? (d in quantityColumns ? d : undefined);
    if (key === undefined) {
      ctx.problem(f, `« ${d} » n'est pas une colonne de quantité (${Object.values(quantityColumns).map((q) => q.header).join(', ')})`);
    } else out.push(key);
  }
  return out;
}

/** What an empty cell is for the field (undefined: the key left out). */
function absent(f: Field, v: ReadValue | undefined): unknown {
  switch (f.empty) {
    case 'null':
      return null;
    case 'blank':
      return '';
    case 'list':
      return [];
    case 'omit':
      return undefined;
    default:
      // a required cell that was empty or bad: reported already, the key kept for the schema
      return v;
  }
}

type Part = (v: Readonly<Record<string, ReadValue | undefined>>, out: Entry, ctx: EntryContext) => void;

function part(key: string, fields: Field[], hook: EntryHook | undefined): Part {
  if (hook) {
    return (v, out) => {
      const x = hook(v);
      if (x !== undefined) out[key] = x;
    };
  }
  const f = fields[0]!;
  if (f.key !== key) {
    const subs = fields.map((g) => g.key.slice(key.length + 1));
    if (subs.every((s) => /^\d+$/.test(s))) return (v, out) => void (out[key] = fields.map((g) => v[g.key]));
    return (v, out) => {
      const o: Entry = {};
      fields.forEach((g, j) => {
        const x = v[g.key];
        if (x !== null && x !== undefined) o[subs[j]!] = x;
      });
      out[key] = o;
    };
  }
  return (v, out, ctx) => {
    let x: unknown = f.kind === 'source' ? ctx.source : v[key];
    if (x === null || x === undefined) x = absent(f, x as ReadValue | undefined);
    else if (f.fileName && typeof x === 'string') x = sourceFileFromText(x);
    else if (f.quantityNames && Array.isArray(x)) x = quantityNames(f, x as string[], ctx);
    if (x !== undefined || f.empty !== 'omit') out[key] = x;
  };
}

/** The entry of a row read: keys in the field table's order, absent values as the field says. */
export function entryReader(fields: readonly Field[], hooks: Readonly<Record<string, EntryHook>> = {}): (v: Readonly<Record<string, ReadValue | undefined>>, ctx: EntryContext) => Entry {
  const groups = new Map<string, Field[]>();
  for (const f of fields) {
    if (f.key.startsWith('$')) continue;
    const h = f.key.includes('.') ? f.key.slice(0, f.key.indexOf('.')) : f.key;
    groups.set(h, [...(groups.get(h) ?? []), f]);
  }
  const parts = [...groups].map(([key, list]) => part(key, list, hooks[key]));
  return (v, ctx) => {
    const out: Entry = {};
    for (const p of parts) p(v, out, ctx);
    return out;
  };
}
