/**
 * Reading one cell of an imported file into a typed value, with a French message saying what was
 * expected when it cannot be read. Text is never evaluated: a text starting with = stays that text;
 * a formula cell gives the value the spreadsheet saved with it (its cached result), never a computation.
 */
import { isoDate } from '../../shared/core/catalogue-schema';
import { ALL, NONE, enumValue, type ColumnSpec } from './layout';

/** What exceljs's streaming reader gives for a cell, reduced to what Grille reads. */
export type RawCell =
  | { type: 'empty' }
  | { type: 'text'; text: string }
  | { type: 'number'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'date'; value: Date }
  | { type: 'error'; text: string }
  | { type: 'formula-without-value'; formula: string };

export function rawCell(v: unknown): RawCell {
  if (v === null || v === undefined) return { type: 'empty' };
  if (typeof v === 'string') return v === '' ? { type: 'empty' } : { type: 'text', text: v };
  if (typeof v === 'number') return Number.isFinite(v) ? { type: 'number', value: v } : { type: 'error', text: String(v) };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (v instanceof Date) return { type: 'date', value: v };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      // only the cached result is read; the formula text is never looked at again
      if (!('result' in o) || o.result === undefined || o.result === null) return { type: 'formula-without-value', formula: String(o.formula ?? o.sharedFormula ?? '') };
      if (typeof o.result === 'number' && !Number.isFinite(o.result)) return { type: 'error', text: 'formule dont la valeur enregistrée est une erreur, #N/A, #DIV/0!…' };
      const r = rawCell(o.result);
      return r.type === 'empty' ? { type: 'text', text: '' } : r;
    }
    if (Array.isArray(o.richText)) return rawCell((o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''));
    if ('error' in o) return { type: 'error', text: String(o.error) };
    if ('text' in o && 'hyperlink' in o) return rawCell(o.text);
  }
  return { type: 'error', text: 'valeur illisible' };
}

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = <T>(message: string): CellResult<T> => ({ ok: false, message });

function shown(c: RawCell): string {
  switch (c.type) {
    case 'text':
      return `le texte « ${c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text} »`;
    case 'number':
      return `le nombre ${String(c.value).replace('.', ',')}`;
    case 'bool':
      return c.value ? 'VRAI' : 'FAUX';
    case 'date':
      return `la date ${c.value.toISOString().slice(0, 10)}`;
    case 'error':
      return `l'erreur ${c.text}`;
    default:
      return 'une cellule vide';
  }
}

/** Excel's day 0 of the 1900 date system (with its 1900 leap-year bug folded in). */
const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

/** The text of a cell for a text or code column; numbers typed in a cell are read as their digits. */
function textOf(c: RawCell): CellResult<string> {
  if (c.type === 'text') return ok(c.text);
  if (c.type === 'number') return ok(String(c.value));
  return bad(`texte attendu, trouvé ${shown(c)}`);
}

/** "25,14", "25.14", "1 234,56 €", "25" → 2514 cents; null when the text is not an amount. */
export function eurosTextToCents(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** A number of euros (from a numeric cell) → cents, or null when it has more than two decimals. */
export function eurosToCents(value: number): number | null {
  const scaled = value * 100;
  const cents = Math.round(scaled);
  if (!Number.isSafeInteger(cents)) return null;
  return Math.abs(scaled - cents) <= 1e-6 + Math.abs(scaled) * 1e-12 ? cents : null;
}

function eurosOf(c: RawCell): CellResult<number> {
  if (c.type === 'number') {
    if (c.value < 0) return bad(`montant négatif (${String(c.value).replace('.', ',')} €) : un montant est positif ou nul`);
    const cents = eurosToCents(c.value);
    return cents === null ? bad(`montant en euros avec deux décimales au plus attendu, trouvé ${shown(c)}`) : ok(cents);
  }
  if (c.type === 'text') {
    if (/^\s*-/.test(c.text)) return bad(`montant négatif (${c.text}) : un montant est positif ou nul`);
    const cents = eurosTextToCents(c.text);
    return cents === null ? bad(`montant en euros attendu (ex. 25,14), trouvé ${shown(c)}`) : ok(cents);
  }
  return bad(`montant en euros attendu (ex. 25,14), trouvé ${shown(c)}`);
}

function numberOf(c: RawCell, integer: boolean): CellResult<number> {
  let n: number | null = null;
  if (c.type === 'number') n = c.value;
  else if (c.type === 'text' && /^\s*-?\d+([.,]\d+)?\s*$/.test(c.text)) n = Number(c.text.trim().replace(',', '.'));
  const what = integer ? 'nombre entier' : 'nombre';
  if (n === null || !Number.isFinite(n)) return bad(`${what} attendu, trouvé ${shown(c)}`);
  if (integer && !Number.isSafeInteger(n)) return bad(`${what} attendu, trouvé ${shown(c)}`);
  return ok(n);
}

function dateOf(c: RawCell, date1904: boolean): CellResult<string> {
  let iso: string | null = null;
  if (c.type === 'date') iso = c.value.toISOString().slice(0, 10);
  else if (c.type === 'number' && Number.isInteger(c.value) && c.value > 0 && c.value < 2_958_466) {
    iso = new Date((date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900) + c.value * 86_400_000).toISOString().slice(0, 10);
  } else if (c.type === 'text') {
    const t = c.text.trim();
    const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
    iso = fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : t;
  }
  if (iso === null || !isoDate.safeParse(iso).success) return bad(`date attendue (AAAA-MM-JJ ou JJ/MM/AAAA), trouvé ${shown(c)}`);
  return ok(iso);
}

function listOf(text: string, separator: string): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export type CellValue = string | number | string[] | Record<string, unknown> | null;

export interface ReadOptions {
  date1904: boolean;
  maxChars: number;
}

/**
 * A cell read for its column. Empty cells give null (the caller knows what an absent value means for
 * the field); a required column's empty cell is an error.
 */
export function readCell(c: RawCell, col: ColumnSpec, options: ReadOptions): CellResult<CellValue> {
  if (c.type === 'formula-without-value') {
    return bad(
      "formule sans valeur enregistrée utilisable (valeur absente ou erreur du tableur) : Grille ne calcule pas les formules ; ouvrez le fichier dans le tableur, corrigez et enregistrez-le, ou saisissez la valeur",
    );
  }
  if (c.type === 'error') return bad(`la cellule contient une erreur du tableur (${c.text}) : valeur attendue`);
  if (c.type === 'text' && c.text.length > options.maxChars) return bad(`texte de ${c.text.length} caractères : ${options.maxChars} au plus`);
  const blank = c.type === 'empty' || (c.type === 'text' && c.text.trim() === '' && col.kind !== 'text');
  if (blank) return col.required ? bad(`valeur obligatoire (${col.help})`) : ok(null);
  switch (col.kind) {
    case 'text':
      return textOf(c);
    case 'code': {
      const t = textOf(c);
      return t.ok ? ok(t.value.trim()) : t;
    }
    case 'int':
      return numberOf(c, true);
    case 'number':
      return numberOf(c, false);
    case 'euros':
      return eurosOf(c);
    case 'date':
      return dateOf(c, options.date1904);
    case 'decimal': {
      if (c.type === 'number') return ok(String(c.value));
      if (c.type !== 'text') return bad(`taux décimal attendu (ex. 1.9), trouvé ${shown(c)}`);
      const t = c.text.trim().replace(',', '.');
      return /^-?\d+(\.\d+)?$/.test(t) ? ok(t) : bad(`taux décimal attendu (ex. 1.9), trouvé ${shown(c)}`);
    }
    case 'enum': {
      const t = textOf(c);
      if (!t.ok) return t;
      const v = enumValue(col.values ?? [], t.value);
      return v === undefined ? bad(`valeur attendue parmi : ${(col.values ?? []).map((x) => x.label).join(', ')} ; trouvé « ${t.value} »`) : ok(v);
    }
    case 'enums': {
      const t = textOf(c);
      if (!t.ok) return t;
      const out: string[] = [];
      for (const item of listOf(t.value, ',')) {
        const v = enumValue(col.values ?? [], item);
        if (v === undefined) return bad(`valeurs attendues parmi : ${(col.values ?? []).map((x) => x.label).join(', ')} ; trouvé « ${item} »`);
        out.push(v);
      }
      return out.length ? ok(out) : bad(`valeur obligatoire (${col.help})`);
    }
    case 'codes': {
      const t = textOf(c);
      if (!t.ok) return t;
      if (t.value.trim() === NONE) return ok([]);
      if (t.value.trim() === ALL) return ok([ALL]);
      return ok(listOf(t.value, ','));
    }
    case 'texts': {
      const t = textOf(c);
      return t.ok ? ok(listOf(t.value, ';')) : t;
    }
    case 'json': {
      if (c.type !== 'text') return bad(`objet JSON attendu (ex. {"rank": 3}), trouvé ${shown(c)}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(c.text);
      } catch (e) {
        return bad(`objet JSON attendu (ex. {"rank": 3}) : ${(e as Error).message}`);
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return bad('objet JSON attendu entre accolades (ex. {"rank": 3})');
      return ok(parsed as Record<string, unknown>);
    }
    case 'source': {
      const t = textOf(c);
      return t.ok ? ok(t.value.trim()) : t;
    }
  }
}
