/**
 * Store rows from the field tables (fields.ts): the select list of an entity and its raw row → entry,
 * the insert columns and entry → parameters. Built once per entity and statement; the per-row work is
 * a loop over small closures, so the million-cell tariff table costs what a hand-written mapping does.
 */
import type { Source } from '../../shared/core/catalogue-schema';
import { GrilleError } from '../../shared/errors';
import { fieldValue, type Entity, type Field } from './fields';

type Entry = Record<string, unknown>;
type Slot = (row: readonly unknown[], out: Entry) => void;

/** A value the store keeps outside the entity's columns, computed from the raw row and the group's own column values. */
export type ReadHook = (row: readonly unknown[], values: readonly unknown[]) => unknown;

export interface RowReader {
  /** the select list: the extra columns first, then the fields' */
  select: string;
  /** the join of the sources table (alias `s`), or '' */
  sourceJoin: string;
  /** a raw row (better-sqlite3 `.raw()`) → the entry, keys in the field table's order */
  read(row: readonly unknown[]): Entry;
}

export interface ReaderOptions {
  alias: string;
  /** select expressions for fields that are not a column of the entity's table (a ref's code through its join) */
  expr?: Readonly<Record<string, string>>;
  /** columns selected first, for the hooks (a row id) */
  extra?: readonly string[];
  /** by key (a dotted key's head): the value from a side table; undefined leaves the key out */
  hooks?: Readonly<Record<string, ReadHook>>;
}

const SOURCE_COLUMNS = ['s.file', 's.section', 's.line_from', 's.line_to', 's.quote'];

const head = (key: string) => (key.includes('.') ? key.slice(0, key.indexOf('.')) : key);
const entryFields = (entity: Entity) => entity.fields.filter((f) => !f.key.startsWith('$'));

/** The fields in groups by the entry key they fill (`lines.0` and `lines.1` fill `lines`), in order. */
function groups(fields: readonly Field[]): [string, Field[]][] {
  const out = new Map<string, Field[]>();
  for (const f of fields) {
    const h = head(f.key);
    const list = out.get(h);
    if (list) list.push(f);
    else out.set(h, [f]);
  }
  return [...out];
}

const decode = (f: Field) => (f.json ? (v: unknown) => (v === null ? null : (JSON.parse(v as string) as unknown)) : (v: unknown) => v);

function sourceSlot(f: Field, i: number): Slot {
  const omit = f.empty === 'omit';
  return (row, out) => {
    if (row[i] === null) {
      if (!omit) out[f.key] = null;
      return;
    }
    out[f.key] = { file: row[i], section: row[i + 1], lines: [row[i + 2], row[i + 3]], quote: row[i + 4] } satisfies Record<keyof Source, unknown>;
  };
}

function plainSlot(f: Field, i: number): Slot {
  const d = decode(f);
  const key = f.key;
  if (f.empty === 'omit') {
    return (row, out) => {
      if (row[i] !== null) out[key] = d(row[i]);
    };
  }
  return f.json ? (row, out) => void (out[key] = d(row[i])) : (row, out) => void (out[key] = row[i]);
}

/** `lines.0`, `lines.1` → a tuple; `revision.mode` → an object (its absent parts left out). */
function partsSlot(key: string, parts: Field[], at: number[]): Slot {
  const subs = parts.map((f) => f.key.slice(key.length + 1));
  if (subs.every((s) => /^\d+$/.test(s))) return (row, out) => void (out[key] = at.map((i, j) => decode(parts[j]!)(row[i])));
  return (row, out) => {
    const o: Entry = {};
    at.forEach((i, j) => {
      if (row[i] !== null || parts[j]!.empty !== 'omit') o[subs[j]!] = decode(parts[j]!)(row[i]);
    });
    out[key] = o;
  };
}

export function rowReader(entity: Entity, options: ReaderOptions): RowReader {
  const a = options.alias;
  const cols: string[] = [...(options.extra ?? [])];
  const slots: Slot[] = [];
  const add = (exprs: string[]): number[] => exprs.map((e) => cols.push(e) - 1);
  let hasSource = false;
  for (const [key, fields] of groups(entryFields(entity))) {
    const stored = fields.filter((f) => f.column !== null || options.expr?.[f.key] !== undefined);
    const at = stored.flatMap((f) => (f.kind === 'source' ? [] : add([options.expr?.[f.key] ?? `${a}.${f.column}`])));
    const hook = options.hooks?.[key];
    if (hook) {
      slots.push((row, out) => {
        const v = hook(row, at.map((i) => row[i]));
        if (v !== undefined) out[key] = v;
      });
    } else if (fields[0]!.kind === 'source') {
      hasSource = true;
      slots.push(sourceSlot(fields[0]!, add(SOURCE_COLUMNS)[0]!));
    } else if (stored.length === 0) {
      throw new GrilleError('INTERNAL', `${entity.table}.${key} : ni colonne ni lecture propre`);
    } else if (key !== fields[0]!.key) slots.push(partsSlot(key, stored, at));
    else slots.push(plainSlot(fields[0]!, at[0]!));
  }
  return {
    select: cols.join(', '),
    sourceJoin: hasSource ? `LEFT JOIN sources s ON s.id = ${a}.source_id` : '',
    read(row) {
      const out: Entry = {};
      for (const slot of slots) slot(row, out);
      return out;
    },
  };
}

/** What writing a row needs from the writer: the id of a source row, the id of a row named by its code. */
export interface WriteContext {
  source(s: Source): number;
  /** undefined: no row of the product has this code */
  ref(key: string, code: string): number | undefined;
}

export interface RowWriter {
  /** `INSERT INTO table (before…, the fields' columns, after…) VALUES (?…)` */
  sql: string;
  /** the fields' parameters, in their columns' order */
  params(entry: object, ctx: WriteContext): unknown[];
}

type Param = (entry: Entry, ctx: WriteContext) => unknown;

function param(f: Field): Param {
  const key = f.key;
  const dotted = key.includes('.');
  const get = dotted ? (e: Entry) => fieldValue(e, key) : (e: Entry) => e[key];
  if (f.kind === 'source') return (e, ctx) => (e.source === undefined ? null : ctx.source(e.source as Source));
  if (f.ref) return (e, ctx) => ctx.ref(key, e[key] as string);
  if (f.json) {
    return (e) => {
      const v = get(e);
      return v === undefined || v === null ? null : JSON.stringify(v);
    };
  }
  return (e) => get(e) ?? null;
}

export function rowWriter(entity: Entity, columns: { before?: readonly string[]; after?: readonly string[]; conflict?: string } = {}): RowWriter {
  const fields = entryFields(entity).filter((f) => f.column !== null);
  const names = [...(columns.before ?? []), ...fields.map((f) => f.column!), ...(columns.after ?? [])];
  const params = fields.map(param);
  return {
    sql: `INSERT INTO ${entity.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})${columns.conflict ? ` ${columns.conflict}` : ''}`,
    params(entry, ctx) {
      const out = new Array<unknown>(params.length);
      for (let i = 0; i < params.length; i++) out[i] = params[i]!(entry as Entry, ctx);
      return out;
    },
  };
}
