/**
 * What the editing dialogs read from their fields, checked before anything is sent: codes, euros,
 * quantities, cited sources, and the display of audit values. Pure (no DOM): unit-tested in Node.
 * Amounts go from "25,14" to integer cents by `parseEuros` (digits, never a float multiplication). The limits are
 * the main process's own (EDIT_LIMITS, src/shared/core/limits.ts): what a field accepts is never refused after.
 */
import { UNSOURCED_FILE, type SourceChoice } from '../../shared/api';
import type { Quantities } from '../../shared/core/catalogue-schema';
import { formatQuantity, isCentsKind, quantityLabels, type QuantityKind } from '../../shared/core/format';
import { EDIT_LIMITS } from '../../shared/core/limits';
import { formatEuros, parseEuros } from '../../shared/core/money';

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

/** The catalogue's code rule (catalogue-schema.ts): a letter or digit, then letters, digits, - or _. */
export const CODE_RE = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

export function checkCode(text: string, what: string, taken: readonly string[] = [], example = '2027'): Check<string> {
  const t = text.trim();
  if (!t) return { ok: false, message: `${what} : indiquez un code (lettres, chiffres, - ou _), ex. ${example}.` };
  if (t.length > EDIT_LIMITS.code) return { ok: false, message: `${what} : ${EDIT_LIMITS.code} caractères au plus.` };
  if (!CODE_RE.test(t)) return { ok: false, message: `${what} « ${t} » : lettres sans accent, chiffres, - ou _ seulement, sans espace (ex. ${example}).` };
  if (taken.includes(t)) return { ok: false, message: `${what} « ${t} » existe déjà : choisissez-en un autre.` };
  return { ok: true, value: t };
}

export function checkText(text: string, what: string, max: number = EDIT_LIMITS.text): Check<string> {
  const t = text.trim();
  if (!t) return { ok: false, message: `${what} : ce champ est obligatoire.` };
  if (t.length > max) return { ok: false, message: `${what} : ${max} caractères au plus (${t.length} saisis).` };
  return { ok: true, value: t };
}


/**
 * "25,14", "25.14 €", "1 250" → cents, exactly; anything else says what to write. `maxCents`: the main process's
 * cap for that value, EDIT_LIMITS.tariffCents (a tariff cell) or EDIT_LIMITS.quantityCents (a guarantee amount).
 */
export function checkEuros(text: string, what: string, maxCents: number): Check<number> {
  const t = text.trim();
  if (!t) return { ok: false, message: `${what} : indiquez un montant en euros, ex. 25,14.` };
  const cents = parseEuros(t);
  if (cents === null) return { ok: false, message: `${what} « ${t} » : montant illisible ; écrivez des euros avec au plus deux décimales, ex. 25,14.` };
  if (cents > maxCents) return { ok: false, message: `${what} : ${formatEuros(cents)} est invraisemblable (${formatEuros(maxCents)} au plus) ; écrivez le montant en euros, ex. 25,14.` };
  return { ok: true, value: cents };
}

/** Quantities that are whole numbers in the catalogue schema. */
const INTEGER_KINDS: readonly QuantityKind[] = ['nights', 'sessions', 'count', 'periodDays', 'periodMonths', 'ageMax'];
/** Quantities that may be zero (the others are strictly positive). */
const ZERO_ALLOWED: readonly QuantityKind[] = ['amountCents', 'perNightCents', 'perDayCents', 'percentBR', 'ageMax'];

/** A quantity as the field shows it: cents as euros with a comma ("25,14" or "3100"), numbers with a comma. */
export function quantityInput(kind: QuantityKind, value: number): string {
  if (isCentsKind(kind)) return value % 100 === 0 ? String(value / 100) : `${Math.trunc(value / 100)},${String(value % 100).padStart(2, '0')}`;
  return String(value).replace('.', ',');
}

/** The label of a quantity's field: "heures", "montant (€)"… with its unit. */
export function quantityFieldLabel(kind: QuantityKind): string {
  const label = quantityLabels[kind];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** One quantity field: empty = the quantity is removed (null). */
export function checkQuantity(kind: QuantityKind, text: string): Check<number | null> {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  const what = quantityFieldLabel(kind);
  if (!t) return { ok: true, value: null };
  if (isCentsKind(kind)) {
    const c = checkEuros(t, what, EDIT_LIMITS.quantityCents);
    return c.ok ? { ok: true, value: c.value } : c;
  }
  const m = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return { ok: false, message: `${what} « ${text.trim()} » : nombre illisible ; écrivez par ex. 15 ou 2,5.` };
  if (INTEGER_KINDS.includes(kind) && m[2] !== undefined && Number(m[2]) !== 0) return { ok: false, message: `${what} : nombre entier attendu (ex. 14).` };
  // integer part and decimals parsed as written: "2,5" → 2.5 with no product of floats
  const value = m[2] !== undefined ? Number(`${m[1]}.${m[2]}`) : Number(m[1]);
  if (value === 0 && !ZERO_ALLOWED.includes(kind)) return { ok: false, message: `${what} : la valeur doit être supérieure à 0 (videz le champ pour retirer cette quantité).` };
  if (kind === 'percentDiscount' && value > 100) return { ok: false, message: `${what} : 100 % au plus.` };
  if (kind === 'ageMax' && value > EDIT_LIMITS.age) return { ok: false, message: `${what} : ${EDIT_LIMITS.age} ans au plus.` };
  return { ok: true, value };
}

/** The quantities of a guarantee as the dialog lists them: present ones in display order. */
export function describeQuantities(q: Quantities): { kind: QuantityKind; text: string }[] {
  return (Object.keys(q) as QuantityKind[]).filter((k) => q[k] !== undefined).map((k) => ({ kind: k, text: formatQuantity(k, q[k]!) }));
}

export interface DocumentFields {
  file: string;
  section: string;
  from: string;
  to: string;
  quote: string;
}

export type SourceCheck = { ok: true; value: SourceChoice } | { ok: false; errors: { field: keyof DocumentFields | 'mode'; message: string }[] };

/** A cited document: every field required, lines (or pages) from ≤ to, a quote of 600 characters at most. */
export function checkDocumentSource(f: DocumentFields): SourceCheck {
  const errors: { field: keyof DocumentFields; message: string }[] = [];
  const file = f.file.trim();
  const section = f.section.trim();
  const quote = f.quote.trim().replace(/^«\s*|\s*»$/g, '');
  if (!file) errors.push({ field: 'file', message: 'Document : indiquez le fichier ou le titre du document cité.' });
  else if (file.startsWith('grille:') || file.toLowerCase() === 'sans source') errors.push({ field: 'file', message: `Document : « ${file} » n’est pas un document ; choisissez « Sans source ».` });
  else if (file.length > EDIT_LIMITS.sourceFile) errors.push({ field: 'file', message: `Document : ${EDIT_LIMITS.sourceFile} caractères au plus (${file.length} saisis).` });
  if (!section) errors.push({ field: 'section', message: 'Article / section : indiquez où se trouve la valeur, ex. art. 3.1.' });
  else if (section.length > EDIT_LIMITS.section) errors.push({ field: 'section', message: `Article / section : ${EDIT_LIMITS.section} caractères au plus (${section.length} saisis).` });
  const line = (text: string, which: 'from' | 'to', what: string): number | null => {
    const t = text.trim();
    if (!/^\d{1,7}$/.test(t) || Number(t) < 1) {
      errors.push({ field: which, message: `${what} : numéro de ligne ou de page attendu (1 ou plus).` });
      return null;
    }
    return Number(t);
  };
  const from = line(f.from, 'from', 'Lignes ou pages — de');
  const to = line(f.to, 'to', 'Lignes ou pages — à');
  if (from !== null && to !== null && from > to) errors.push({ field: 'to', message: `Lignes ou pages : la fin (${to}) est avant le début (${from}).` });
  if (!quote) errors.push({ field: 'quote', message: 'Citation : recopiez la phrase du document qui donne la valeur.' });
  else if (quote.length > EDIT_LIMITS.quote) errors.push({ field: 'quote', message: `Citation : ${EDIT_LIMITS.quote} caractères au plus (${quote.length} saisis) ; gardez la phrase qui donne la valeur.` });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { mode: 'document', file, section, lines: [from!, to!], quote } };
}

export function isUnsourced(source: { file: string } | null | undefined): boolean {
  return !!source && source.file === UNSOURCED_FILE;
}

/** An audit value in a few words when it is simple (a text, an amount, a label), else null. */
export function simpleValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.length > 160 ? `${v.slice(0, 159)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.amountCents === 'number' && Number.isSafeInteger(o.amountCents)) return formatEuros(o.amountCents);
  for (const key of ['text', 'label', 'name', 'value']) {
    const x = o[key];
    if (typeof x === 'string') return simpleValue(x);
  }
  return null;
}

/** An ISO timestamp → "01/03/2026 14:05" in the computer's time zone. */
export function frDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
