/**
 * Headcounts for the CDG budget impact (docs/CLI.md, `grille impact`). Pure: the caller reads the file.
 *
 * CSV: UTF-8 with or without BOM, `;` or `,` separated (taken from the header line), header required:
 *   formule;segment;effectif[;statut][;tranche]
 * one row per formula × segment; `effectif` a whole non-negative number. Two optional columns extend the
 * three-column format: `statut` (actif | retraite: for `enfant` rows, the status of the agents whose children they
 * are, since a retiree's child has no price in Intériale 2026) and `tranche` (the participation band of the row:
 * a band key such as "0-1800" or "isole", or for remuneration bands a monthly amount in euros such as "1650").
 * Header names are read without case or accents (formula, headcount, status, band accepted too). Blank lines are
 * ignored; values may be wrapped in double quotes.
 *
 * API
 * - `parseHeadcountsCsv(text)` → `{ ok: true, rows }` | `{ ok: false, errors }` — every error with its line and
 *   column (1-based) and a French message; all errors are reported, not only the first.
 * - `parseHeadcountsJson(value)` → same, from `[{ formule, segment, effectif, statut?, tranche? }]` (or
 *   `{ rows: [...] }`; English keys formula/count accepted); `line` is then the element number (1-based).
 * - `formatHeadcountError(e)` → "ligne 3, colonne 3: effectif négatif (-2): …".
 */
import type { Status } from './catalogue-schema';

export interface HeadcountRow {
  formula: string;
  segment: string;
  count: number;
  status: Status | null;
  band: string | null;
  /** line (CSV) or element number (JSON), 1-based */
  line: number;
}

export interface HeadcountError {
  line: number;
  /** 1-based column, null when the error is about the whole line */
  column: number | null;
  message: string;
}

export type HeadcountsParse = { ok: true; rows: HeadcountRow[] } | { ok: false; errors: HeadcountError[] };

const CODE_RE = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
const MAX_COUNT = 10_000_000;

type Field = 'formula' | 'segment' | 'count' | 'status' | 'band';

const HEADER_NAMES: Record<string, Field> = {
  formule: 'formula',
  formula: 'formula',
  segment: 'segment',
  effectif: 'count',
  effectifs: 'count',
  headcount: 'count',
  count: 'count',
  statut: 'status',
  status: 'status',
  tranche: 'band',
  band: 'band',
};

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"').trim() : t;
}

export function formatHeadcountError(e: HeadcountError): string {
  return `ligne ${e.line}${e.column !== null ? `, colonne ${e.column}` : ''}: ${e.message}`;
}

function readCount(raw: string): { ok: true; value: number } | { ok: false; message: string } {
  const t = raw.trim();
  if (t === '') return { ok: false, message: 'effectif manquant' };
  if (/^-\s*\d+([.,]\d+)?$/.test(t)) return { ok: false, message: `effectif négatif (${t}): nombre entier positif ou nul attendu` };
  if (/^\d+[.,]\d+$/.test(t)) return { ok: false, message: `effectif non entier (${t}): nombre entier attendu` };
  if (!/^\+?\d+$/.test(t)) return { ok: false, message: `effectif « ${t} » invalide: nombre entier positif ou nul attendu` };
  const v = Number(t);
  if (v > MAX_COUNT) return { ok: false, message: `effectif ${t} trop grand (au plus ${MAX_COUNT})` };
  return { ok: true, value: v };
}

function readStatus(raw: string): { ok: true; value: Status | null } | { ok: false; message: string } {
  const t = fold(raw);
  if (t === '') return { ok: true, value: null };
  if (t === 'actif' || t === 'actifs') return { ok: true, value: 'actif' };
  if (t === 'retraite' || t === 'retraites') return { ok: true, value: 'retraite' };
  return { ok: false, message: `statut « ${raw.trim()} » invalide: actif ou retraite attendu` };
}

interface RawRow {
  line: number;
  values: Partial<Record<Field, { value: string; column: number | null }>>;
}

function validateRows(raw: RawRow[], errors: HeadcountError[]): HeadcountRow[] {
  const rows: HeadcountRow[] = [];
  const seen = new Map<string, number>();
  for (const r of raw) {
    let bad = false;
    const get = (f: Field): { value: string; column: number | null } => r.values[f] ?? { value: '', column: null };
    const formula = get('formula');
    const segment = get('segment');
    for (const [name, v] of [['formule', formula], ['segment', segment]] as const) {
      if (v.value === '') {
        errors.push({ line: r.line, column: v.column, message: `${name} manquant(e)` });
        bad = true;
      } else if (!CODE_RE.test(v.value)) {
        errors.push({ line: r.line, column: v.column, message: `${name} « ${v.value} » invalide: code attendu (lettres, chiffres, - ou _)` });
        bad = true;
      }
    }
    const count = readCount(get('count').value);
    if (!count.ok) {
      errors.push({ line: r.line, column: get('count').column, message: count.message });
      bad = true;
    }
    const status = readStatus(get('status').value);
    if (!status.ok) {
      errors.push({ line: r.line, column: get('status').column, message: status.message });
      bad = true;
    }
    const band = get('band').value;
    if (bad || !count.ok || !status.ok) continue;
    const key = `${formula.value}\u0000${segment.value}\u0000${status.value ?? ''}\u0000${band}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line: r.line, column: null, message: `ligne en double (formule ${formula.value}, segment ${segment.value}${status.value ? `, statut ${status.value}` : ''}${band ? `, tranche ${band}` : ''}): déjà ligne ${first}` });
      continue;
    }
    seen.set(key, r.line);
    rows.push({ formula: formula.value, segment: segment.value, count: count.value, status: status.value, band: band === '' ? null : band, line: r.line });
  }
  return rows;
}

export function parseHeadcountsCsv(text: string): HeadcountsParse {
  const errors: HeadcountError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerLine = lines[0] ?? '';
  if (headerLine.trim() === '') {
    return { ok: false, errors: [{ line: 1, column: null, message: 'en-tête manquant: « formule;segment;effectif » attendu en ligne 1' }] };
  }
  const sep = headerLine.includes(';') ? ';' : ',';
  const headers = headerLine.split(sep).map((h) => fold(unquote(h)));
  const fields: Field[] = [];
  headers.forEach((h, i) => {
    const f = HEADER_NAMES[h];
    if (!f) errors.push({ line: 1, column: i + 1, message: `colonne « ${h} » inconnue (formule, segment, effectif, statut, tranche)` });
    else if (fields.includes(f)) errors.push({ line: 1, column: i + 1, message: `colonne « ${h} » en double` });
    fields.push(f ?? ('?' as Field));
  });
  for (const [f, name] of [['formula', 'formule'], ['segment', 'segment'], ['count', 'effectif']] as const) {
    if (!fields.includes(f)) errors.push({ line: 1, column: null, message: `en-tête: colonne « ${name} » manquante (attendu: formule${sep}segment${sep}effectif)` });
  }
  if (errors.length > 0) return { ok: false, errors };

  const raw: RawRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    const cells = l.split(sep);
    if (cells.length !== fields.length) {
      errors.push({ line: i + 1, column: null, message: `${cells.length} colonne(s) au lieu de ${fields.length} (séparateur « ${sep} »)` });
      continue;
    }
    const values: RawRow['values'] = {};
    cells.forEach((c, j) => {
      values[fields[j]!] = { value: unquote(c), column: j + 1 };
    });
    raw.push({ line: i + 1, values });
  }
  const rows = validateRows(raw, errors);
  if (errors.length === 0 && rows.length === 0) errors.push({ line: 2, column: null, message: "aucune ligne d'effectifs après l'en-tête" });
  return errors.length > 0 ? { ok: false, errors: errors.sort((a, b) => a.line - b.line) } : { ok: true, rows };
}

const JSON_KEYS: Record<string, Field> = { ...HEADER_NAMES };

export function parseHeadcountsJson(value: unknown): HeadcountsParse {
  const list = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows)
      ? ((value as { rows: unknown[] }).rows)
      : null;
  if (!list) return { ok: false, errors: [{ line: 1, column: null, message: 'tableau de lignes { formule, segment, effectif } attendu' }] };
  const errors: HeadcountError[] = [];
  const raw: RawRow[] = [];
  list.forEach((item, i) => {
    const line = i + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      errors.push({ line, column: null, message: 'objet { formule, segment, effectif } attendu' });
      return;
    }
    const values: RawRow['values'] = {};
    const before = errors.length;
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      const f = JSON_KEYS[fold(k)];
      if (!f) {
        errors.push({ line, column: null, message: `champ « ${k} » inconnu (formule, segment, effectif, statut, tranche)` });
        continue;
      }
      if (v === null || v === undefined) continue;
      if (typeof v === 'number') {
        if (f === 'count' && !Number.isInteger(v)) {
          errors.push({ line, column: null, message: `effectif non entier (${v}): nombre entier attendu` });
          continue;
        }
        values[f] = { value: String(v), column: null };
      } else if (typeof v === 'string') values[f] = { value: v.trim(), column: null };
      else errors.push({ line, column: null, message: `champ « ${k} »: texte ou nombre attendu` });
    }
    if (errors.length === before) raw.push({ line, values });
  });
  const rows = validateRows(raw, errors);
  if (errors.length === 0 && rows.length === 0) errors.push({ line: 1, column: null, message: "aucune ligne d'effectifs" });
  return errors.length > 0 ? { ok: false, errors: errors.sort((a, b) => a.line - b.line) } : { ok: true, rows };
}
