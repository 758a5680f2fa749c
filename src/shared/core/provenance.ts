/**
 * Checks that a catalogue value's quote really stands in its source document, and that the
 * numbers of the entry are visible in the quote. Pure: the caller supplies the document text.
 */
import type { Quantities, Source } from './catalogue-schema';

/** Strip markup the seed conversion left (<b>, <sup>, **) and fold white space. */
export function normaliseForQuote(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

export interface QuoteProblem {
  message: string;
}

/** Lines are 1-based and inclusive. */
export function checkQuote(documentText: string, source: Source): QuoteProblem | null {
  const lines = documentText.split(/\r?\n/);
  const [from, to] = source.lines;
  if (to > lines.length) {
    return { message: `lignes ${from}-${to} hors du document (${lines.length} lignes)` };
  }
  const excerpt = normaliseForQuote(lines.slice(from - 1, to).join('\n'));
  const quote = normaliseForQuote(source.quote);
  if (!excerpt.includes(quote)) {
    return { message: `citation introuvable aux lignes ${from}-${to}: « ${source.quote} »` };
  }
  return null;
}

/** The ways a document may print a number: 3100 → "3100", "3 100", "3.100"; 25.14 → "25,14". */
export function numberSpellings(value: number): string[] {
  const out = new Set<string>();
  const [intPart, decPart] = String(value).split('.');
  const grouped = intPart!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const groupedDot = intPart!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  for (const i of [intPart!, grouped, groupedDot]) {
    if (decPart) {
      out.add(`${i},${decPart}`);
      if (decPart.length === 1) out.add(`${i},${decPart}0`);
    } else {
      out.add(i);
      out.add(`${i},00`);
    }
  }
  return [...out];
}

const numberWords: Record<number, string[]> = {
  1: ['un', 'une', 'premier', 'première'],
  2: ['deux'],
  3: ['trois'],
  4: ['quatre'],
  5: ['cinq'],
  6: ['six'],
  7: ['sept'],
  8: ['huit'],
  9: ['neuf'],
  10: ['dix'],
  12: ['douze'],
  15: ['quinze'],
  20: ['vingt'],
  30: ['trente'],
};

/** True when the number stands in the quote as digits (not inside a longer number) or as a French word. */
export function quoteShowsNumber(quote: string, value: number): boolean {
  const text = normaliseForQuote(quote);
  for (const s of numberSpellings(value)) {
    const escaped = s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \u00a0\u202f]?');
    if (new RegExp(`(^|[^\\d,.])${escaped}(?![\\d]|,\\d)`).test(text)) return true;
  }
  const words = numberWords[value];
  if (words) {
    const lower = text.toLowerCase();
    return words.some((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'u').test(lower));
  }
  return false;
}

/** The number a quantity shows in a document: cents are shown as euros. */
export function displayedNumber(kind: keyof Quantities, value: number): number {
  return kind.endsWith('Cents') ? value / 100 : value;
}
