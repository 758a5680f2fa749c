/**
 * The words of the default catalogue a user reads (labels, names, guarantee texts and conditions, rule texts,
 * descriptions, taxonomy labels, the notes of data/parameters) are French: no internal field name such as
 * `periodDays`, no `field = value` syntax. Codes, keys, sources (verbatim quotes) and rule params are not texts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quantityKinds } from '../../src/shared/core/catalogue-schema';

const DATA = join(process.cwd(), 'data');
const readJson = (...parts: string[]): unknown => JSON.parse(readFileSync(join(DATA, ...parts), 'utf8'));
const products = readdirSync(join(DATA, 'products')).filter((n) => n.endsWith('.json')).map((n) => [`products/${n}`, readJson('products', n)] as const);
const parameters = readdirSync(join(DATA, 'parameters')).filter((n) => n.endsWith('.json')).map((n) => [`parameters/${n}`, readJson('parameters', n)] as const);
const files = [...products, ...parameters, ['taxonomy.json', readJson('taxonomy.json')] as const];

/** Values that are not words for a user: codes and keys, dates, the quoted sources and the engine's params. */
const NOT_TEXT = new Set([
  'id', 'code', 'key', 'category', 'kind', 'type', 'status', 'family', 'unit', 'file', 'section', 'quote', 'source', 'seed',
  'params', 'formulas', 'versions', 'roles', 'insurer', 'distributor', 'subscribers', 'attachedTo', 'references', 'reference',
  'version', 'formula', 'option', 'segment', 'zone', 'period', 'mode', 'rate', 'date', 'effectiveFrom', 'effectiveTo',
  'dateOfEffect', 'checkedAt', 'document',
]);

/**
 * The program's own names for numbers: the quantity kinds and the keys of the rules' params (less the formula and
 * segment codes that key some of them, and the words French shares with them: « option », « sports »…).
 */
const FRENCH_TOO = new Set(['option', 'sports', 'label', 'code', 'formula', 'role', 'roles', 'order', 'min', 'max', 'example', 'rank']);
const fieldNames = new Set<string>(quantityKinds);
const paramKeys = (v: unknown): void => {
  if (Array.isArray(v)) v.forEach(paramKeys);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      fieldNames.add(k);
      paramKeys(x);
    }
  }
};
const codes = new Set<string>();
for (const [, json] of products) {
  const p = json as { rules: { params: unknown }[]; formulas: { code: string }[]; segments: { code: string }[] };
  p.rules.forEach((r) => paramKeys(r.params));
  [...p.formulas, ...p.segments].forEach((x) => codes.add(x.code));
}
for (const k of [...codes, ...FRENCH_TOO]) if (!(quantityKinds as string[]).includes(k)) fieldNames.delete(k);

const CAMEL = /(?<![\p{L}\d_])[a-z]+[A-Z][\p{L}\d]*/u;
/** `name = …`, `name : …`, `name 14`, `(name calculé)`: a field written as the program writes it */
const FIELD_SYNTAX = new RegExp(`(?<![\\p{L}\\d_])(${[...fieldNames].join('|')})(\\s*=|\\s*:\\s|\\s+\\d|\\s+(calculée?|dérivée?|déduite?)(?![\\p{L}]))`, 'u');
/** What in a text reads as an identifier of the program, or null. */
const internal = (text: string): string | null => CAMEL.exec(text)?.[0] ?? FIELD_SYNTAX.exec(text)?.[0] ?? null;

function userTexts(v: unknown, where: string, out: { where: string; text: string }[]): typeof out {
  if (typeof v === 'string') out.push({ where, text: v });
  else if (Array.isArray(v)) v.forEach((x, i) => userTexts(x, `${where}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!NOT_TEXT.has(k) && !(k === 'derived' && Array.isArray(x))) userTexts(x, `${where}.${k}`, out);
  return out;
}

describe('the texts of the default catalogue a user reads', () => {
  const texts = files.flatMap(([name, json]) => userTexts(json, name, []));

  it('tell an internal name from French words', () => {
    for (const t of ['periodDays = 14 : « une période maximale de 2 semaines »', 'hours = 15 et periodDays = 14 par renvoi', 'sessions = 8 : jusqu’à 5 entretiens', 'percentBR 100 est dérivé', 'count = nombre de montures', 'hours 20', '(sessions calculé)']) {
      expect(internal(t), t).not.toBeNull();
    }
    for (const t of ['Période de 14 jours : « une période maximale de 2 semaines »', 'Ticket modérateur = part de la base de remboursement', 'BR 0,15 €, Sécurité sociale 60 % = 0,09 €', '4 semaines, soit 28 jours (durée calculée)', 'accessible 24h/24', 'voir MySantéclair', '20 heures : « pendant 2 jours »', 'option 1 ou 2', 'Jours restants = plafond − (jour de l’appel − 10)', 'Formule individuelle : seul l’assuré principal']) {
      expect(internal(t), t).toBeNull();
    }
  });

  it('walk every label, text, condition, note and description', () => {
    const count = (field: string) => texts.filter((t) => t.where.endsWith(`.${field}`)).length;
    expect(count('conditions')).toBeGreaterThan(300);
    expect(count('label')).toBeGreaterThan(400);
    expect(count('text')).toBeGreaterThan(400);
    expect(count('note')).toBeGreaterThan(0);
    expect(texts.some((t) => t.where.startsWith('taxonomy.json.categories['))).toBe(true);
  });

  it('name no field of the program', () => {
    expect(texts.map((t) => ({ ...t, internal: internal(t.text) })).filter((t) => t.internal !== null)).toEqual([]);
  });
});
