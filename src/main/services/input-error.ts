/**
 * An input a service refuses. Its message speaks of the thing (« la date du tarif », « le membre 2 »), never
 * of a command-line flag: the desktop shows it as it is. `field` names the input by its request property, so
 * a caller with its own names for the inputs (the CLI's flags) can say it in its words without reading the
 * text; `detail` is the message without the thing's name, for a caller that puts its own name in front.
 */
import { isIsoDate } from '../../shared/core/dates';
import { GrilleError } from '../../shared/errors';

/** The request properties a service names when it refuses one (the CLI maps each to its flag). */
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
  | 'participation';

export class InputError extends GrilleError {
  constructor(
    readonly field: InputField,
    message: string,
    /** the message without the thing's name in front; null when the message has no such name to replace */
    readonly detail: string | null = null,
  ) {
    super('INVALID_INPUT', message);
    this.name = 'InputError';
  }
}

/** `thing` then `detail`: « la date du tarif » + « « 2026-02-30 » : date impossible… ». */
export function inputError(field: InputField, thing: string, detail: string): InputError {
  return new InputError(field, `${thing} ${detail}`, detail);
}

/** A date the request must hold: AAAA-MM-JJ and a real day of the calendar. */
export function requireIsoDate(value: string | undefined, field: InputField, thing: string): string {
  if (!value) throw inputError(field, thing, 'manque : date attendue au format AAAA-MM-JJ');
  if (!isIsoDate(value)) throw inputError(field, thing, `« ${value} » : date impossible ou mal écrite (AAAA-MM-JJ attendu)`);
  return value;
}
