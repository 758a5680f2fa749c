/**
 * The services name a refused input by the thing (« la date du tarif ») and by its request field; the CLI
 * speaks of its flags. This is the one place that maps a field to its flag, read from the error's field,
 * never from its French text.
 */
import { InputError, type InputField } from '../main/services/input-error';
import type { GrilleError } from '../shared/errors';

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
};

/** The error's message as the CLI says it: the flag in front of what is wrong with its value. */
export function cliMessage(e: GrilleError): string {
  if (!(e instanceof InputError)) return e.message;
  const flag = flags[e.field];
  return e.detail !== null ? `${flag} ${e.detail}` : `${flag} : ${e.message}`;
}
