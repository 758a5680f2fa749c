/** Messages in the page: an empty, failing or finished state always says what to do next. */
import { h, replace } from './dom';

export type NoticeKind = 'info' | 'empty' | 'error' | 'ok' | 'warn';

export function notice(kind: NoticeKind, text: string, hint?: string): HTMLDivElement {
  return h(
    'div',
    { class: `notice notice-${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'status' } },
    h('span', { class: 'notice-text', text }),
    hint ? h('span', { class: 'notice-hint', text: ` ${hint}` }) : null,
  );
}

/** Puts one notice in a slot (replacing the previous one); an empty text clears the slot. */
export function say(slot: HTMLElement, kind: NoticeKind, text: string, hint?: string): void {
  if (!text) replace(slot);
  else replace(slot, notice(kind, text, hint));
}

/** The message of a failed answer, with the code kept for support. */
export function errorText(error: { code: string; message: string }): string {
  return error.code === 'NOT_AVAILABLE' || error.code === 'INVALID_INPUT' || error.code === 'CANCELLED' ? error.message : `${error.message} (${error.code})`;
}

/** What an export answered: the file written, a cancelled dialog or job (« Annuler » of the progress panel), or the error with what to do. */
export function sayExported(
  slot: HTMLElement,
  answer: { ok: true; value: { path: string | null } } | { ok: false; error: { code: string; message: string } },
  what = 'Classeur',
  hint = 'Vérifiez que le fichier n’est pas ouvert dans Excel, puis relancez l’export.',
): void {
  if (!answer.ok && answer.error.code === 'CANCELLED') say(slot, 'info', 'Export annulé : aucun fichier n’a été écrit.');
  else if (!answer.ok) say(slot, 'error', errorText(answer.error), hint);
  else if (answer.value.path === null) say(slot, 'info', 'Export annulé : aucun fichier n’a été écrit.');
  else say(slot, 'ok', `${what} enregistré : ${answer.value.path}`);
}
