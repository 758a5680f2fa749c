/**
 * Dates as a French person types them: JJ/MM/AAAA (or a birth year AAAA). The api takes ISO
 * AAAA-MM-JJ; the browser's date picker follows the system language, so the fields are text.
 */
import { isIsoDate } from '../../shared/core/dates';
import { formatDateFr } from '../../shared/core/format';

export type DateParse = { ok: true; iso: string } | { ok: false; message: string };

export function parseDateFr(text: string, what: string, options: { allowYear?: boolean } = {}): DateParse {
  const t = text.trim();
  if (options.allowYear && /^\d{4}$/.test(t)) return { ok: true, iso: t };
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : null;
  if (iso && isIsoDate(iso)) return { ok: true, iso };
  const expected = options.allowYear ? 'JJ/MM/AAAA ou l’année AAAA' : 'JJ/MM/AAAA';
  return { ok: false, message: t ? `${what} « ${t} » : date impossible ou mal écrite (${expected} attendu).` : `${what} : indiquez une date (${expected}).` };
}

/** Today in the computer's time zone, ISO. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function frDate(iso: string | null | undefined): string {
  return formatDateFr(iso);
}
