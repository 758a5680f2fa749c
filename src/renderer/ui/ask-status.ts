/**
 * A request a view sends from one of its buttons, told in the view's status slot: « working » while the
 * button is busy, and on failure the error with what to do next. A form that cannot be read says why and
 * puts the focus on the faulty field.
 */
import type { Result } from '../../shared/api';
import { ask } from './api';
import { busy } from './busy';
import { errorText, say } from './notice';

export interface AskTexts {
  /** said in the slot while the answer is awaited */
  working: string;
  /** the button's label meanwhile */
  busy: string;
  /** the hint under the error when the request fails */
  retry: string;
}

/** The answer's value, or null once the failure has been said. */
export async function askWithStatus<T>(status: HTMLElement, trigger: HTMLButtonElement, texts: AskTexts, call: () => Promise<Result<T>>): Promise<T | null> {
  say(status, 'info', texts.working);
  const answer = await busy(trigger, texts.busy, () => ask(call));
  if (!answer.ok) {
    say(status, 'error', errorText(answer.error), texts.retry);
    return null;
  }
  return answer.value;
}

/** A form's reading that failed: its message in the slot and the focus on the field to correct. */
export function sayInvalid(status: HTMLElement, invalid: { message: string; focus: HTMLElement }): void {
  say(status, 'error', invalid.message);
  invalid.focus.focus();
}
