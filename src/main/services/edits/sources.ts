/**
 * The source an edited value is written with. `keep` keeps the value's source (its quote must still
 * show the new numbers), `document` cites a document (its quote must show them), `none` stores a source
 * whose file is UNSOURCED_FILE, shown « sans source » and counted by `catalogue check`.
 */
import type { SourceChoice } from '../../../shared/api';
import type { ProductFile, Source } from '../../../shared/core/catalogue-schema';
import { EDIT_LIMITS } from '../../../shared/core/limits';
import { slugify } from '../../../shared/core/slug';
import { UNSOURCED_FILE, UNSOURCED_TEXT } from '../../../shared/core/source-label';
import { invalid } from './checks';

/** The source of a value keyed in without a document. */
export function unsourced(today: string): Source {
  return { file: UNSOURCED_FILE, section: 'Saisie sans source', lines: [1, 1], quote: `Valeur saisie sans source le ${today}` };
}

export const isComputed = (s: Source) => s.file.startsWith('grille:') && s.file !== UNSOURCED_FILE;
export const isUnsourced = (s: Source) => s.file === UNSOURCED_FILE;

export function citedSource(choice: Extract<SourceChoice, { mode: 'document' }>, where: string): Source {
  const file = choice.file.trim();
  const section = choice.section.trim();
  const quote = choice.quote.trim();
  const problems: string[] = [];
  if (!file) problems.push('document : indiquez le fichier ou le titre du document cité');
  else if (file.length > EDIT_LIMITS.sourceFile) problems.push(`document : ${EDIT_LIMITS.sourceFile} caractères au plus`);
  else if (file.startsWith('grille:') || file.toLowerCase() === UNSOURCED_TEXT) problems.push(`document « ${file} » : ce n’est pas un document ; choisissez « sans source »`);
  if (!section) problems.push('section : indiquez l’article ou la section où se trouve la valeur');
  else if (section.length > EDIT_LIMITS.section) problems.push(`section : ${EDIT_LIMITS.section} caractères au plus`);
  const [from, to] = choice.lines;
  const okLine = (n: number) => Number.isInteger(n) && n >= 1 && n <= EDIT_LIMITS.line;
  if (!okLine(from) || !okLine(to)) problems.push('lignes : numéros de ligne (ou de page) entiers, 1 ou plus');
  else if (from > to) problems.push(`lignes : la fin (${to}) est avant le début (${from})`);
  if (!quote) problems.push('citation : recopiez la phrase du document qui donne la valeur');
  else if (quote.length > EDIT_LIMITS.quote) problems.push(`citation : ${EDIT_LIMITS.quote} caractères au plus (${quote.length} saisis)`);
  if (problems.length) throw invalid(`${where} : source citée incomplète : ${problems.join(' ; ')}.`);
  return { file, section, lines: [from, to], quote };
}

/** The source of a new entry (add…): a cited document or none; `keep` has nothing to keep. */
export function newSource(choice: SourceChoice, where: string, today: string): Source {
  if (choice.mode === 'keep') throw invalid(`${where} : « garder la source » ne s’applique pas à un ajout ; citez un document ou choisissez « sans source ».`);
  return choice.mode === 'none' ? unsourced(today) : citedSource(choice, where);
}

/** A document entry for a new version or product: the product's entry for that file, or a new one. */
export function documentFor(p: { documents: ProductFile['documents'] } | null, source: Source): { entry: ProductFile['documents'][number]; created: boolean } {
  const docs = p?.documents ?? [];
  const existing = docs.find((d) => d.file === source.file);
  if (existing) return { entry: existing, created: false };
  const taken = new Set(docs.map((d) => d.id));
  const base = isUnsourced(source) ? 'saisie-sans-document' : `doc-${slugify(source.file) || 'document'}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const entry = isUnsourced(source)
    ? { id, file: UNSOURCED_FILE, title: 'Saisie sans document', kind: 'saisie', lines: [1, 1] as [number, number], date: null }
    : { id, file: source.file, title: source.file, kind: 'document cité', lines: [source.lines[0], source.lines[1]] as [number, number], date: null };
  return { entry, created: true };
}
