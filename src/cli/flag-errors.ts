/**
 * The services and the core name a refused input by the thing (« la date du tarif ») and by its request field;
 * the CLI speaks of its flags. This is the one place that maps a field to its flag, read from the error's field
 * and wording, never from its French text.
 */
import { formatProblem, wordingOf, type ImportProblem } from '../main/services/transfer';
import type { GrilleError } from '../shared/errors';
import { InputError, worded, type InputField, type NamedInput, type Wording } from '../shared/input-error';

const flags: Record<InputField, string> = {
  at: '--at',
  adhesion: '--adhesion',
  offers: '--formula',
  formulas: '--formula',
  members: '--member',
  components: '--component',
  mode: '--mode',
  fromAt: '--from-at',
  toAt: '--to-at',
  effective: '--effective',
  code: '--code',
  headcounts: '--headcounts',
  participation: '--participation',
  act: '--act',
  basket: '--basket',
  price: '--price',
  br: '--br',
  date: '--date',
  quantity: '--quantity',
  optam: '--optam',
  sante100: '--sante100',
  product: '--product',
  version: '--version',
  effectiveFrom: '--effective-from',
  label: '--label',
  document: '--document',
  reference: '--reference',
  period: '--period',
  source: '--source-*',
  sourceFile: '--source-file',
  sourceSection: '--source-section',
  sourceLines: '--source-lines',
  sourceQuote: '--source-quote',
};

export function flagOf(field: InputField): string {
  return flags[field];
}

const flagged = (n: NamedInput): string => `${n.lead ?? ''}${flags[n.field]}${n.tail ?? ''}`;

/** A wording as the CLI says it: each input named by its flag. */
export function cliWords(w: Wording): string {
  return worded(w, flagged);
}

/** The error's message as the CLI says it: the flag in front of what is wrong with its value. */
export function cliMessage(e: GrilleError): string {
  if (!(e instanceof InputError)) return e.message;
  if (e.wording !== null) return cliWords(e.wording);
  if (e.field === null) return e.message;
  const flag = flags[e.field];
  return e.detail !== null ? `${flag} ${e.detail}` : `${flag} : ${e.message}`;
}

/** An import problem as the CLI says it: an option by its flag, the inputs its message names by theirs. */
export function cliProblem(p: ImportProblem): string {
  const w = wordingOf(p);
  const message = w ? cliWords(w) : p.message;
  const path = p.input !== undefined ? `option ${flags[p.input]}` : p.path;
  return formatProblem({ ...p, message, ...(path !== undefined ? { path } : {}) });
}
