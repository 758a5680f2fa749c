/**
 * The flag of a value keyed in without a document (source file `UNSOURCED_FILE`): an icon and the
 * words « sans source », with a tooltip that says what to do. Shown wherever the value is.
 */
import { h } from './dom';
import { isUnsourced } from './edit-values';

export { isUnsourced };

export const UNSOURCED_TIP = 'Valeur saisie sans document : à vérifier.';

/** `compact`: the icon alone on screen (narrow cells), the words still read by screen readers. */
export function unsourcedMark(compact = false): HTMLElement {
  return h(
    'span',
    { class: compact ? 'unsourced unsourced-compact' : 'unsourced', title: UNSOURCED_TIP },
    h('span', { class: 'unsourced-icon', text: '⚠', attrs: { 'aria-hidden': 'true' } }),
    h('span', { class: compact ? 'unsourced-text sr-only' : 'unsourced-text', text: 'sans source' }),
  );
}

/** What a source panel says of such a value, in place of a document and a quote. */
export function unsourcedBlock(note?: string | null): HTMLElement {
  return h(
    'div',
    { class: 'source source-missing' },
    unsourcedMark(),
    h('p', { text: 'Valeur saisie dans Grille sans document : à vérifier avant de l’utiliser, puis citer sa source (« Modifier », « Citer un document »).' }),
    note ? h('p', { class: 'muted', text: note }) : null,
  );
}
