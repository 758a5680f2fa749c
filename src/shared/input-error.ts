/**
 * An input a service or the core refuses. Its message speaks of the thing (« la date du tarif », « le prix »),
 * never of a command-line flag: the desktop shows it as it is. `field` names the input by its request property,
 * so a caller with its own names for the inputs (the CLI's flags) can say it in its words without reading the
 * text; `detail` is the message without the thing's name, for a caller that puts its own name in front; a
 * message that names inputs inside the sentence keeps them as a `Wording`.
 */
import { isIsoDate } from './core/dates';
import { GrilleError } from './errors';

/** The request properties a refusal names (the CLI maps each to its flag). */
export type InputField =
  | 'at'
  | 'adhesion'
  | 'offers'
  | 'formulas'
  | 'members'
  | 'components'
  | 'mode'
  | 'fromAt'
  | 'toAt'
  | 'effective'
  | 'code'
  | 'headcounts'
  | 'participation'
  // a reimbursement simulation
  | 'act'
  | 'basket'
  | 'price'
  | 'br'
  | 'date'
  | 'quantity'
  | 'optam'
  | 'sante100'
  // the target of a CSV tariff table
  | 'product'
  | 'version'
  | 'effectiveFrom'
  | 'label'
  | 'document'
  | 'reference'
  | 'period'
  | 'source'
  | 'sourceFile'
  | 'sourceSection'
  | 'sourceLines'
  | 'sourceQuote';

/**
 * An input named inside a sentence: `thing` is how the desktop says it (possibly nothing: the desktop's form
 * names it already); a caller with its own names says `lead`, its name, then `tail` (« indiquez-la avec --br »).
 */
export interface NamedInput {
  field: InputField;
  thing: string;
  lead?: string;
  tail?: string;
}

/** A text made of plain words and the inputs it names. */
export type Wording = readonly (string | NamedInput)[];

/** The text said with `name` for each input: by default the desktop's words. */
export function worded(w: Wording, name: (n: NamedInput) => string = (n) => n.thing): string {
  return w.map((part) => (typeof part === 'string' ? part : name(part))).join('');
}

export class InputError extends GrilleError {
  constructor(
    /** null when the refusal is about no one input (a parameter missing for the date, two inputs together) */
    readonly field: InputField | null,
    message: string,
    /** the message without the thing's name in front; null when the message has no such name to replace */
    readonly detail: string | null = null,
    /** the message with the inputs it names inside the sentence; null when it names none that way */
    readonly wording: Wording | null = null,
  ) {
    super('INVALID_INPUT', message);
    this.name = 'InputError';
  }
}

/** `thing` then `detail`: « la date du tarif » + « « 2026-02-30 » : date impossible… ». */
export function inputError(field: InputField, thing: string, detail: string): InputError {
  return new InputError(field, `${thing} ${detail}`, detail);
}

/** A refusal whose sentence names inputs (the first named is the error's field). */
export function wordedError(w: Wording): InputError {
  const first = w.find((p): p is NamedInput => typeof p !== 'string');
  return new InputError(first?.field ?? null, worded(w), null, w);
}

/** A date the request must hold: AAAA-MM-JJ and a real day of the calendar. */
export function requireIsoDate(value: string | undefined, field: InputField, thing: string): string {
  if (!value) throw inputError(field, thing, 'manque : date attendue au format AAAA-MM-JJ');
  if (!isIsoDate(value)) throw inputError(field, thing, `« ${value} » : date impossible ou mal écrite (AAAA-MM-JJ attendu)`);
  return value;
}
