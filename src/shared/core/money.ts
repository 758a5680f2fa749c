/**
 * Money and exact rates. Pure: no I/O, no floating point on the pricing path.
 *
 * API
 * - `Cents`: an integer number of euro cents (`2514` = 25,14 €). Every amount of the engine is one.
 * - `Rational` `{ num, den }` (BigInt, den > 0, reduced): an exact fraction.
 * - `parseRate(text)` → `{ ok: true, rate }` | `{ ok: false, message }`: a percentage written as a decimal
 *   ("1.9", "-4", "+4", "5,9", "1,9 %") parsed exactly; `rate.percent` is the rational percentage (1.9 → 19/10),
 *   `rate.text` the catalogue spelling ("1.9": point, no "+", no "%"), valid for `revisionComponentSchema`.
 * - `roundDiv(n, d)` (BigInt) / `roundDivNumber(n, d)` (safe integers, exact): n / d rounded half-up to an
 *   integer, halves away from zero (-2.5 → -3): the commercial
 *   "arrondi au plus proche, demi vers le haut" applied symmetrically, so that the rounding of a decrease is the
 *   mirror image of the rounding of an increase (docs/RULINGS.md, règle 1).
 * - `prepareFactor(r)` / `applyFactor(cents, f)`: cents × r rounded half-up (same convention). A prepared
 *   factor uses exact integer arithmetic on numbers while the product stays a safe integer, BigInt beyond.
 * - `factorFromPercent(p)` = 1 + p/100; `inverse(r)`; `mulRational`, `addRational`, `rational(n, d)`.
 * - `deltaPercent(oldCents, newCents)`: (new − old) / old × 100 rounded half-up to 2 decimals (exact), null if old = 0.
 * - Display (edge only): `formatEuros(2514)` → "25,14 €" (exactly as Intl fr-FR EUR, `formatEurosIntl`: U+00A0
 *   before "€", U+202F between thousands), `formatSignedEuros` (+1,40 €), `formatPercent(5.9)` → "5,90 %", `formatRationalPercent(r)`
 *   ("5,9 %", or "≈ -5,5713 %" when the decimal expansion does not end), `formatFactor(r)` ("1,059").
 * - `parseEuros("15,50")` → 1550 (at most 2 decimals, no sign) or null.
 */

/** An integer number of euro cents. */
export type Cents = number;

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A reduced fraction with a positive denominator. */
export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('dénominateur nul');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

export const ONE: Rational = { num: 1n, den: 1n };

export function addRational(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function mulRational(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

export function inverse(r: Rational): Rational {
  if (r.num === 0n) throw new RangeError('inverse de zéro');
  return rational(r.den, r.num);
}

/** 1 + percent / 100. */
export function factorFromPercent(percent: Rational): Rational {
  return addRational(ONE, rational(percent.num, percent.den * 100n));
}

export function isZero(r: Rational): boolean {
  return r.num === 0n;
}

export function compareRational(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** n / d rounded to the nearest integer, halves away from zero. */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division par zéro');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  if ((a % d) * 2n >= d) q += 1n;
  return neg ? -q : q;
}

export interface RateParse {
  /** the percentage as an exact fraction: "1.9" → 19/10 */
  percent: Rational;
  /** the catalogue spelling: "1.9", "-4" (point, no "+" and no "%") */
  text: string;
}

const RATE_RE = /^([+-]?)(\d+)(?:[.,](\d+))?\s*%?$/;

/** Parse a percentage written as a decimal. Accepts "1.9", "1,9", "+4", "-4", "5,9 %"; refuses "abc", "1e3", "". */
export function parseRate(text: string): { ok: true; rate: RateParse } | { ok: false; message: string } {
  const t = text.trim().replace(/\u00a0|\u202f/g, ' ');
  const m = RATE_RE.exec(t);
  if (!m) {
    return { ok: false, message: `taux invalide « ${text} »: nombre décimal attendu, ex. 1.9 ou -4 (en %)` };
  }
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2]!;
  const frac = m[3] ?? '';
  const digits = BigInt(intPart + frac);
  const percent = rational(sign * digits, 10n ** BigInt(frac.length));
  const normInt = intPart.replace(/^0+(?=\d)/, '');
  const body = frac ? `${normInt}.${frac}` : normInt;
  const isZeroValue = digits === 0n;
  return { ok: true, rate: { percent, text: sign < 0n && !isZeroValue ? `-${body}` : body } };
}

/** A factor ready to be applied to many cells: exact number arithmetic while safe, BigInt beyond. */
export interface PreparedFactor {
  readonly rational: Rational;
  readonly numN: number;
  readonly denN: number;
  /** |cents| up to this bound keeps |cents × num| a safe integer */
  readonly safeCents: number;
}

export function prepareFactor(r: Rational): PreparedFactor {
  const numN = Number(r.num);
  const denN = Number(r.den);
  const safe =
    Number.isSafeInteger(numN) && Number.isSafeInteger(denN) && Math.abs(numN) <= 2 ** 26 && denN <= 2 ** 52;
  return {
    rational: r,
    numN,
    denN,
    safeCents: safe ? Math.floor(Number.MAX_SAFE_INTEGER / Math.max(1, Math.abs(numN))) : -1,
  };
}

/**
 * n / d rounded half-up (halves away from zero), for safe integers n and d > 0: exact, no floating error
 * (the floor of the float quotient is corrected with the exact remainder).
 */
export function roundDivNumber(n: number, d: number): number {
  const neg = n < 0;
  const a = neg ? -n : n;
  let q = Math.floor(a / d);
  let rem = a - q * d;
  if (rem < 0) {
    q -= 1;
    rem += d;
  } else if (rem >= d) {
    q += 1;
    rem -= d;
  }
  if (rem * 2 >= d) q += 1;
  return neg ? (q === 0 ? 0 : -q) : q;
}

/** cents × factor, rounded half-up (halves away from zero). Throws on a non-integer amount. */
export function applyFactor(cents: Cents, f: PreparedFactor | Rational): Cents {
  const pf = 'safeCents' in f ? f : prepareFactor(f);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`montant en centimes non entier: ${cents}`);
  if (Math.abs(cents) <= pf.safeCents) return roundDivNumber(cents * pf.numN, pf.denN);
  return Number(roundDiv(BigInt(cents) * pf.rational.num, pf.rational.den));
}

/** Same computation, always in BigInt (reference implementation, used by the tests). */
export function applyFactorBig(cents: Cents, r: Rational): Cents {
  return Number(roundDiv(BigInt(cents) * r.num, r.den));
}

/** (new − old) / old × 100, rounded half-up to 2 decimals; null when old is 0. */
export function deltaPercent(oldCents: Cents, newCents: Cents): number | null {
  if (oldCents === 0) return null;
  const diff = newCents - oldCents;
  const hundredths =
    Math.abs(diff) * 10000 <= Number.MAX_SAFE_INTEGER && oldCents > 0
      ? roundDivNumber(diff * 10000, oldCents)
      : Number(roundDiv(BigInt(diff) * 10000n, BigInt(oldCents)));
  return hundredths / 100;
}

/** Parse euros written by a person ("15", "15,5", "15.50", "1 234,56") into cents; null if malformed. */
export function parseEuros(text: string): Cents | null {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

const EUR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const PCT = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * 2514 → "25,14 €" (fr-FR: U+00A0 before €, U+202F as thousands separator). Display only. Written out by hand
 * for speed (quotes explain every line); the tests check it equals Intl.NumberFormat('fr-FR', EUR) exactly.
 */
export function formatEuros(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) return EUR.format(cents / 100);
  const a = cents < 0 ? -cents : cents;
  const c = a % 100;
  let e = String((a - c) / 100);
  if (e.length > 3) e = e.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${cents < 0 ? '-' : ''}${e},${c < 10 ? '0' : ''}${c}\u00a0€`;
}

/** The same through Intl.NumberFormat (reference for the tests). */
export function formatEurosIntl(cents: Cents): string {
  return EUR.format(cents / 100);
}

/** 140 → "+1,40 €", -140 → "-1,40 €", 0 → "0,00 €". */
export function formatSignedEuros(cents: Cents): string {
  return cents > 0 ? `+${formatEuros(cents)}` : formatEuros(cents);
}

/** 5.9 → "5,90 %"; null → "non calculable". */
export function formatPercent(p: number | null): string {
  return p === null ? 'non calculable' : `${PCT.format(p)}\u00a0%`;
}

/** Exact decimal expansion of r when it ends within maxDigits decimals, else null. */
function exactDecimal(r: Rational, maxDigits: number): string | null {
  const neg = r.num < 0n;
  const a = neg ? -r.num : r.num;
  const intPart = a / r.den;
  let rem = a % r.den;
  let frac = '';
  for (let i = 0; i < maxDigits && rem !== 0n; i++) {
    rem *= 10n;
    frac += String(rem / r.den);
    rem %= r.den;
  }
  if (rem !== 0n) return null;
  return `${neg ? '-' : ''}${intPart}${frac ? `,${frac}` : ''}`;
}

function approxDecimal(r: Rational, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const v = roundDiv(r.num * scale, r.den);
  const neg = v < 0n;
  const a = neg ? -v : v;
  const s = a.toString().padStart(digits + 1, '0');
  const frac = s.slice(-digits).replace(/0+$/, '');
  return `${neg ? '-' : ''}${s.slice(0, -digits)}${frac ? `,${frac}` : ''}`;
}

/** A percentage for display: 59/10 → "5,9 %"; a non-terminating one → "≈ 5,5713 %". */
export function formatRationalPercent(percent: Rational): string {
  const exact = exactDecimal(percent, 12);
  return exact !== null ? `${exact}\u00a0%` : `≈\u00a0${approxDecimal(percent, 4)}\u00a0%`;
}

/** A factor for display: 1059/1000 → "1,059"; a non-terminating one → "≈ 0,94428706". */
export function formatFactor(r: Rational): string {
  const exact = exactDecimal(r, 12);
  return exact !== null ? exact : `≈\u00a0${approxDecimal(r, 8)}`;
}

/** The percentage of a factor: 1059/1000 → 59/10 (%). */
export function percentOfFactor(f: Rational): Rational {
  return rational((f.num - f.den) * 100n, f.den);
}
